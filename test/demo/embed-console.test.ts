// The plain-console page: one script tag and one element give an agent a working reporter.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TriageProvider } from '../../components/provider/provider.js';
import type { TriageReporter } from '../../components/reporter/reporter.js';
import { describe, it } from '../support/harness.js';
import { loadEnv } from '../support/delivery-fixtures.js';

const until = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 10_000 });

describe('plain console embedding', () => {
  it('is one script tag and one element, with no inline script or style', async () => {
    const source = await (await fetch('/demo/embed-console.html')).text();
    const doc = new DOMParser().parseFromString(source, 'text/html');
    // The test server adds its own reload script to every page it serves; that one is not ours.
    const scripts = [...doc.querySelectorAll('script')].filter((script) => !script.getAttribute('src')?.includes('__web-dev-server'));
    expect(scripts.map((script) => script.getAttribute('src'))).to.deep.equal(['/embed/demo-embed-console.js']);
    const customElements = [...doc.body.querySelectorAll('*')].filter((element) => element.localName.includes('-'));
    expect(customElements.map((element) => element.localName)).to.deep.equal(['triage-launcher']);
    expect(doc.querySelectorAll('style, [style]')).to.have.length(0);
  });

  it('wraps the launcher in a provider with the agent from the tag and delivery to the intake service', async () => {
    const env = await loadEnv();
    const root = await fixture<HTMLElement>(html`<div>
      <triage-launcher></triage-launcher>
      <script type="text/plain" data-triage-intake=${env.INTAKE_URL} data-triage-key=${env.INTAKE_KEY} data-triage-login="maria.lopez" data-triage-acd-agent-id="7001" data-triage-extension="4411"></script>
    </div>`);
    await import('../../demo/embed-console.js');
    await until(() => root.querySelector('triage-provider > triage-launcher'), 'the launcher sits in a provider');
    const provider = root.querySelector('triage-provider') as TriageProvider;
    expect(provider.agent.reporter).to.include({ login: 'maria.lopez', acdAgentId: '7001', extension: '4411' });
    expect(provider.agent.sources['reporter.acdAgentId']).to.equal('Console');
    expect(provider.services.outbox).to.not.equal(undefined);
    root.querySelector('triage-launcher')!.shadowRoot!.querySelector('button')!.click();
    await until(() => (root.querySelector('triage-reporter') as TriageReporter | null)?.agent?.reporter.acdAgentId === '7001', 'the reporter is prefilled');
    // The agent arrives as a property before the form has rendered (a restored draft with a
    // category waits for the severity core), so wait for the open dialog too.
    const dialog = () => (root.querySelector('triage-reporter') as TriageReporter).shadowRoot?.querySelector('dialog');
    await until(() => dialog()?.open, 'the report form is open');
    dialog()!.close();
  });
});
