// The reporter in a window a host already gives it (presentation="embedded"): a BUI modal or
// side pane, a console's panel. And the status page inside the form: linking an incident puts it
// in the ticket. Real Chromium, real <triage-provider> and <triage-status> over real HTTP (the
// Statuspage fixtures the test runner serves); the outbox is the shared double.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/status/define.js';
import type { TriageReporter } from '../../components/reporter/reporter.js';
import type { TriageStatus } from '../../components/status/status.js';
import { DRAFT_KEY } from '../../src/draft.js';
import { describe, it } from '../support/harness.js';
import { $, OutboxDouble, choose, control, typeInto } from '../support/reporter-fixtures.js';

const until = (condition: () => unknown, message?: string) => waitUntil(condition, message, { timeout: 10_000 });
const agent = { timeZone: 'UTC', locale: 'en-US' };
const INCIDENT = '/demo/status/fixtures/github-2020-04-02-unresolved-incident.json';

/** A reporter embedded in a 480 x 360 panel, shown as a host would show it. */
async function embedded(services = {}) {
  localStorage.clear();
  const panel = await fixture<HTMLElement>(html`<div class="panel">
    <triage-provider .agent=${agent} .services=${services}><triage-reporter presentation="embedded"></triage-reporter></triage-provider>
  </div>`);
  // Constructable sheet: the page's strict CSP would refuse a style attribute.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('.panel{width:480px;height:360px} triage-provider{display:block;height:100%}');
  document.adoptedStyleSheets = [sheet];
  const reporter = panel.querySelector('triage-reporter')!;
  const opened = oneEvent(reporter, 'triage-open');
  void reporter.show();
  await opened;
  return { panel, reporter };
}

describe('<triage-reporter presentation="embedded">', () => {
  it('draws the same form without a <dialog>, filling its container, the first field focused', async () => {
    const { panel, reporter } = await embedded();
    expect(reporter.shadowRoot!.querySelector('dialog')).to.equal(null);
    const region = $<HTMLElement>(reporter, '[part~=dialog]');
    expect(region.localName).to.equal('section');
    expect(region.getAttribute('aria-labelledby')).to.equal('title');
    const outer = panel.getBoundingClientRect();
    const inner = region.getBoundingClientRect();
    expect([inner.width, inner.height]).to.deep.equal([outer.width, outer.height]);
    expect(region.scrollHeight, 'the form scrolls inside the panel').to.be.greaterThan(region.clientHeight);
    expect(reporter.shadowRoot!.activeElement).to.equal(control(reporter, 'summary'));
    expect(control(reporter, 'category')).to.exist;
    await expect(reporter).to.be.accessible();
  });

  it('closes through the host: Escape on an empty form fires triage-close and leaves the window to the host', async () => {
    const { reporter } = await embedded();
    const closed = oneEvent(reporter, 'triage-close');
    await sendKeys({ press: 'Escape' });
    await closed;
    expect($(reporter, '[part~=dialog]').isConnected, 'still drawn: closing the window is the host’s').to.equal(true);
    // Shown again (the host reopened its window): it opens, and focuses the first field again.
    const opened = oneEvent(reporter, 'triage-open');
    void reporter.show();
    await opened;
    expect(reporter.shadowRoot!.activeElement).to.equal(control(reporter, 'summary'));
  });

  it('asks first on Escape over a started report, then closes keeping the draft', async () => {
    const { reporter } = await embedded();
    let closes = 0;
    reporter.addEventListener('triage-close', () => closes++);
    await typeInto(reporter, 'summary', 'Hold button does nothing');
    await sendKeys({ press: 'Escape' });
    await reporter.updateComplete;
    expect(closes).to.equal(0);
    const confirm = $(reporter, '[role=alertdialog]');
    expect(reporter.shadowRoot!.activeElement?.textContent).to.equal('Keep draft and close');
    await expect(reporter).to.be.accessible();
    // Escape again goes back to the form, as in the modal presentation.
    await sendKeys({ press: 'Escape' });
    await reporter.updateComplete;
    expect(control(reporter, 'summary').value).to.equal('Hold button does nothing');
    await sendKeys({ press: 'Escape' });
    await reporter.updateComplete;
    const closed = oneEvent(reporter, 'triage-close');
    [...$(reporter, '[role=alertdialog]').querySelectorAll('button')].find((b) => b.textContent === 'Keep draft and close')!.click();
    await closed;
    expect(closes).to.equal(1);
    expect(confirm.isConnected).to.equal(false);
    expect(localStorage.getItem(DRAFT_KEY)).to.contain('Hold button does nothing');
  });

  it('close() fires triage-close once, and nothing while not shown', async () => {
    const { reporter } = await embedded();
    let closes = 0;
    reporter.addEventListener('triage-close', () => closes++);
    reporter.close();
    reporter.close();
    await reporter.updateComplete;
    expect(closes).to.equal(1);
  });
});

describe('<triage-reporter> with <triage-status> in its status slot', () => {
  it('records the incident the agent links in linkedStatusIncident, and clears it when unlinked', async () => {
    localStorage.clear();
    const outbox = new OutboxDouble();
    const provider = await fixture(html`<triage-provider .agent=${agent} .services=${{ outbox }}>
      <triage-reporter><triage-status slot="status" url=${INCIDENT}></triage-status></triage-reporter>
    </triage-provider>`);
    const reporter = provider.querySelector('triage-reporter') as TriageReporter;
    const status = provider.querySelector('triage-status') as TriageStatus;
    await reporter.show();
    const slot = $<HTMLSlotElement>(reporter, 'slot[name=status]');
    expect(slot.assignedElements()).to.deep.equal([status]);
    expect(slot.compareDocumentPosition(control(reporter, 'summary')) & Node.DOCUMENT_POSITION_FOLLOWING, 'above the form’s fields').to.not.equal(0);
    const linkButton = () => status.shadowRoot!.querySelector<HTMLButtonElement>('[part=incident] button');
    await until(linkButton, 'the known incident is shown');
    await expect(reporter).to.be.accessible();

    async function send(): Promise<Record<string, unknown>> {
      await typeInto(reporter, 'summary', 'Chats vanish from the media bar');
      await choose(reporter, 'category', 'chat-routing');
      const count = outbox.submitted.length;
      $<HTMLButtonElement>(reporter, '[part~=submit]').click();
      await until(() => outbox.submitted.length > count, 'the ticket reached the outbox');
      return outbox.submitted.at(-1)!.ticket as unknown as Record<string, unknown>;
    }

    const linked = oneEvent(status, 'triage-status-link');
    linkButton()!.click();
    expect((await linked).detail.incidentId).to.equal('80d0cs6kpsps');
    await until(() => linkButton()!.getAttribute('aria-pressed') === 'true', 'the agent sees it is linked');
    expect((await send()).linkedStatusIncident).to.equal('80d0cs6kpsps');

    // A new report starts unlinked, and the status panel says so.
    [...reporter.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Start a new report')!.click();
    await until(() => control(reporter, 'summary'), 'a new report');
    await until(() => linkButton()?.getAttribute('aria-pressed') === 'false', 'the fresh form is not linked');
    expect(status.linkedIncident).to.equal(undefined);

    linkButton()!.click();
    await until(() => status.linkedIncident === '80d0cs6kpsps');
    const unlinked = oneEvent(status, 'triage-status-link');
    linkButton()!.click();
    expect((await unlinked).detail.incidentId).to.equal(undefined);
    expect((await send()).linkedStatusIncident, 'unlinked before sending').to.equal(undefined);
  });

  it('restores the linked incident with the draft: a reporter opened later shows it linked and sends it', async () => {
    localStorage.clear();
    const mount = async (outbox = new OutboxDouble()) => {
      const provider = await fixture(html`<triage-provider .agent=${agent} .services=${{ outbox }}>
        <triage-reporter><triage-status slot="status" url=${INCIDENT}></triage-status></triage-reporter>
      </triage-provider>`);
      const reporter = provider.querySelector('triage-reporter') as TriageReporter;
      await reporter.show();
      const status = provider.querySelector('triage-status') as TriageStatus;
      const linkButton = () => status.shadowRoot!.querySelector<HTMLButtonElement>('[part=incident] button');
      await until(linkButton, 'the known incident is shown');
      return { provider, reporter, status, linkButton, outbox };
    };
    const first = await mount();
    first.linkButton()!.click();
    await until(() => localStorage.getItem(DRAFT_KEY)?.includes('80d0cs6kpsps'), 'the draft keeps the link');
    first.provider.remove();

    const later = await mount();
    await until(() => later.linkButton()!.getAttribute('aria-pressed') === 'true', 'the restored draft is shown linked');
    expect(later.status.linkedIncident).to.equal('80d0cs6kpsps');
    await typeInto(later.reporter, 'summary', 'Chats vanish from the media bar');
    await choose(later.reporter, 'category', 'chat-routing');
    $<HTMLButtonElement>(later.reporter, '[part~=submit]').click();
    await until(() => later.outbox.submitted.length === 1, 'the ticket reached the outbox');
    expect((later.outbox.submitted[0]!.ticket as unknown as Record<string, unknown>).linkedStatusIncident).to.equal('80d0cs6kpsps');
  });
});
