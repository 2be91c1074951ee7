import { fixture, html, expect } from '@open-wc/testing';
import { LitElement } from 'lit';
import { consume } from '@lit/context';
import { customElement, state } from 'lit/decorators.js';
import '../../components/provider/define.js';
import type { TriageProvider } from '../../components/provider/provider.js';
import { agentContext, configContext, servicesContext } from '../../src/context.js';
import type { AgentContext, TriageConfig, TriageServices } from '../../src/context.js';
import type { OutboxService } from '../../src/delivery.js';
import { defaultConfig } from '../../src/defaults.js';
import { describe, it } from '../support/harness.js';

@customElement('test-context-reader')
class TestContextReader extends LitElement {
  @consume({ context: agentContext, subscribe: true }) @state() agent?: AgentContext;
  @consume({ context: configContext, subscribe: true }) @state() config?: TriageConfig;
  @consume({ context: servicesContext, subscribe: true }) @state() services?: TriageServices;
  seen: AgentContext[] = [];

  protected override updated(): void {
    if (this.agent && this.seen.at(-1) !== this.agent) this.seen.push(this.agent);
  }
  protected override render() {
    return html`${this.agent?.reporter.login ?? ''}`;
  }
}

describe('<triage-provider>', () => {
  it('provides browser defaults before a host sets anything', async () => {
    const provider = await fixture<TriageProvider>(html`<triage-provider><test-context-reader></test-context-reader></triage-provider>`);
    const reader = provider.querySelector('test-context-reader') as TestContextReader;
    expect(reader.agent?.host).to.equal('standalone');
    expect(reader.agent?.locale).to.equal(navigator.language);
    expect(reader.config).to.deep.equal(defaultConfig());
    expect(reader.services).to.deep.equal({});
  });

  it('merges a partial agent over the browser defaults and updates a consumer deep inside', async () => {
    const provider = await fixture<TriageProvider>(
      html`<triage-provider><section><div><test-context-reader></test-context-reader></div></section></triage-provider>`,
    );
    const reader = provider.querySelector('test-context-reader') as TestContextReader;
    provider.agent = { host: 'osvc', reporter: { accountId: '4187', login: 'maria.lopez' } };
    await reader.updateComplete;
    expect(reader.agent?.reporter.accountId).to.equal('4187');
    expect(reader.agent?.host).to.equal('osvc');
    expect(reader.agent?.timeZone).to.equal(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(reader.shadowRoot!.textContent).to.contain('maria.lopez');
    expect(provider.agent).to.equal(reader.agent);
  });

  it('replaces the provided value with a new object each time, never mutating the old one', async () => {
    const provider = await fixture<TriageProvider>(html`<triage-provider><test-context-reader></test-context-reader></triage-provider>`);
    const reader = provider.querySelector('test-context-reader') as TestContextReader;
    provider.agent = { reporter: { login: 'first' } };
    await reader.updateComplete;
    const first = reader.agent!;
    provider.agent = { reporter: { login: 'second' } };
    await reader.updateComplete;
    expect(reader.agent).to.not.equal(first);
    expect(first.reporter.login).to.equal('first');
    expect(reader.agent?.reporter.login).to.equal('second');
    expect(reader.seen.map((agent) => agent.reporter.login)).to.include.members(['first', 'second']);
  });

  it('merges config over defaultConfig and passes services through', async () => {
    const provider = await fixture<TriageProvider>(html`<triage-provider><test-context-reader></test-context-reader></triage-provider>`);
    const reader = provider.querySelector('test-context-reader') as TestContextReader;
    const outbox = { list: async () => [] } as unknown as OutboxService;
    provider.config = { plan: 'premium', strings: { launcherLabel: 'Informar' } };
    provider.services = { outbox };
    await reader.updateComplete;
    expect(reader.config?.plan).to.equal('premium');
    expect(reader.config?.strings).to.deep.equal({ launcherLabel: 'Informar' });
    expect(reader.config?.limits).to.deep.equal(defaultConfig().limits);
    expect(reader.services?.outbox).to.equal(outbox);
  });

  it('serves a consumer added after the values were set', async () => {
    const provider = await fixture<TriageProvider>(html`<triage-provider></triage-provider>`);
    provider.agent = { reporter: { login: 'late.reader' } };
    const reader = document.createElement('test-context-reader') as TestContextReader;
    provider.append(reader);
    await reader.updateComplete;
    expect(reader.agent?.reporter.login).to.equal('late.reader');
  });

  it('keeps values a host set before the element was upgraded', async () => {
    const early = document.createElement('div');
    early.innerHTML = '<triage-provider-early></triage-provider-early>';
    const element = early.firstElementChild as HTMLElement & { agent?: unknown };
    element.agent = { reporter: { login: 'set.early' } };
    class Early extends (customElements.get('triage-provider') as typeof TriageProvider) {}
    customElements.define('triage-provider-early', Early);
    customElements.upgrade(element);
    expect((element as unknown as TriageProvider).agent.reporter.login).to.equal('set.early');
    expect((element as unknown as TriageProvider).agent.host).to.equal('standalone');
  });

  it('serves consumers that asked before the provider element was defined', async () => {
    const container = await fixture<HTMLElement>(html`<div></div>`);
    container.innerHTML = '<triage-provider-late><section><test-context-reader></test-context-reader></section></triage-provider-late>';
    const reader = container.querySelector('test-context-reader') as TestContextReader;
    await reader.updateComplete;
    expect(reader.agent).to.equal(undefined, 'nobody answered yet');
    class Late extends (customElements.get('triage-provider') as typeof TriageProvider) {}
    customElements.define('triage-provider-late', Late);
    const provider = container.firstElementChild as TriageProvider;
    provider.agent = { reporter: { login: 'answered.late' } };
    await reader.updateComplete;
    expect(reader.agent?.reporter.login).to.equal('answered.late');
    expect(reader.config).to.deep.equal(defaultConfig());
  });

  it('serves and updates a consumer whose element is defined after the provider is in place', async () => {
    const provider = await fixture<TriageProvider>(html`<triage-provider><section><test-context-reader-later></test-context-reader-later></section></triage-provider>`);
    provider.agent = { reporter: { login: 'before.define' } };
    class TestContextReaderLater extends TestContextReader {}
    customElements.define('test-context-reader-later', TestContextReaderLater);
    const reader = provider.querySelector('test-context-reader-later') as TestContextReader;
    await reader.updateComplete;
    expect(reader.agent?.reporter.login).to.equal('before.define');
    expect(reader.config).to.deep.equal(defaultConfig());
    provider.agent = { reporter: { login: 'after.define' } };
    provider.config = { plan: 'premium' };
    await reader.updateComplete;
    expect(reader.agent?.reporter.login).to.equal('after.define');
    expect(reader.config?.plan).to.equal('premium');
  });

  it('keeps updating a consumer that asked before the provider element was defined', async () => {
    const container = await fixture<HTMLElement>(html`<div></div>`);
    container.innerHTML = '<triage-provider-later><test-context-reader></test-context-reader></triage-provider-later>';
    const reader = container.querySelector('test-context-reader') as TestContextReader;
    await reader.updateComplete;
    class Later extends (customElements.get('triage-provider') as typeof TriageProvider) {}
    customElements.define('triage-provider-later', Later);
    const provider = container.firstElementChild as TriageProvider;
    for (const login of ['first.update', 'second.update']) {
      provider.agent = { reporter: { login } };
      await reader.updateComplete;
      expect(reader.agent?.reporter.login).to.equal(login);
    }
    provider.services = { outbox: { list: async () => [] } as unknown as OutboxService };
    await reader.updateComplete;
    expect(reader.services?.outbox).to.equal(provider.services.outbox);
  });

  it('hands its consumers over to a provider inside it that announces itself later', async () => {
    const outer = await fixture<TriageProvider>(
      html`<triage-provider><triage-provider-inner><test-context-reader></test-context-reader></triage-provider-inner><test-context-reader></test-context-reader></triage-provider>`,
    );
    outer.agent = { reporter: { login: 'outer' } };
    const [inside, beside] = outer.querySelectorAll<TestContextReader>('test-context-reader');
    await inside.updateComplete;
    expect(inside.agent?.reporter.login).to.equal('outer', 'the inner provider is not defined yet');
    class Inner extends (customElements.get('triage-provider') as typeof TriageProvider) {}
    customElements.define('triage-provider-inner', Inner);
    const inner = outer.querySelector('triage-provider-inner') as TriageProvider;
    inner.agent = { reporter: { login: 'inner' } };
    await inside.updateComplete;
    expect(inside.agent?.reporter.login).to.equal('inner');
    outer.agent = { reporter: { login: 'outer again' } };
    await Promise.all([inside.updateComplete, beside.updateComplete]);
    expect(inside.agent?.reporter.login).to.equal('inner', 'it no longer listens to the outer provider');
    expect(beside.agent?.reporter.login).to.equal('outer again');
  });

  it('stops telling a consumer once it is removed', async () => {
    const provider = await fixture<TriageProvider>(html`<triage-provider><test-context-reader></test-context-reader></triage-provider>`);
    const reader = provider.querySelector('test-context-reader') as TestContextReader;
    provider.agent = { reporter: { login: 'while.inside' } };
    await reader.updateComplete;
    reader.remove();
    provider.agent = { reporter: { login: 'after.removal' } };
    await reader.updateComplete;
    expect(reader.agent?.reporter.login).to.equal('while.inside');
  });

  it('renders its children in place (display: contents) and is accessible', async () => {
    const provider = await fixture<TriageProvider>(html`<triage-provider><button>Inside</button></triage-provider>`);
    expect(getComputedStyle(provider).display).to.equal('contents');
    expect(provider.shadowRoot!.querySelector('slot')).to.exist;
    await expect(provider).to.be.accessible();
  });
});
