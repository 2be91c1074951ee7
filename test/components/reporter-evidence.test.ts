// The evidence contract: a tool in the reporter's `evidence` slot gets an EvidenceTarget through
// evidenceContext (no DOM lookups), and what it hands over lands in the ticket with its details.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { consume } from '@lit/context';
import { describe, it } from '../support/harness.js';
import { evidenceContext, type EvidenceTarget } from '../../src/evidence.js';
import type { TriageReporter } from '../../components/reporter/reporter.js';
import { $, OutboxDouble, choose, typeInto } from '../support/reporter-fixtures.js';

class EvidenceProbe extends LitElement {
  @consume({ context: evidenceContext })
  target?: EvidenceTarget;
}
customElements.define('evidence-probe', EvidenceProbe);

const agent = { timeZone: 'America/New_York', locale: 'en-US' };

async function mount(outbox: OutboxDouble) {
  localStorage.clear();
  const provider = await fixture(html`<triage-provider .agent=${agent} .services=${{ outbox }}>
    <triage-reporter><evidence-probe slot="evidence"></evidence-probe></triage-reporter>
  </triage-provider>`);
  const reporter = provider.querySelector('triage-reporter') as TriageReporter;
  await reporter.show();
  const probe = reporter.querySelector('evidence-probe') as EvidenceProbe;
  return { reporter, target: probe.target! };
}

describe('<triage-reporter> evidence context', () => {
  it('gives a slotted tool a target that adds files whose details reach the ticket', async () => {
    const outbox = new OutboxDouble();
    const { reporter, target } = await mount(outbox);
    expect(target, 'the slotted tool got the reporter through the context').to.exist;

    const shot = new File(['png'], 'screen.png', { type: 'image/png' });
    const capture = { method: 'tab' as const, masks: [{ source: 'selector' as const, selector: '.customer-email', count: 2 }] };
    expect(target.add(shot, 'screenshot', { capture })).to.equal(undefined);
    const log = new File(['line'], 'console.txt', { type: 'text/plain' });
    const logs = { from: '2026-12-01T14:00:00Z', to: '2026-12-01T15:00:00Z', entries: 12, errors: 1, redacted: 3 };
    expect(target.add(log, 'logs', { logs })).to.equal(undefined);
    expect(target.add(new File(['x'], 'tool.exe', { type: 'application/x-msdownload' }), 'file')).to.equal(
      '"tool.exe" is not a type of file support accepts.',
    );
    await reporter.updateComplete;
    expect([...reporter.shadowRoot!.querySelectorAll('[part~=files] li span')].map((s) => s.textContent)).to.deep.equal(['screen.png', 'console.txt']);

    await typeInto(reporter, 'summary', 'Screen pop shows the wrong customer');
    await choose(reporter, 'category', 'interaction-flow');
    $(reporter, '[part~=submit]').click();
    await waitUntil(() => outbox.submitted.length === 1, 'the ticket reached the outbox', { timeout: 5000 });
    expect(outbox.submitted[0]!.ticket.attachments).to.deep.equal([
      { name: 'screen.png', type: 'image/png', size: 3, kind: 'screenshot', capture },
      { name: 'console.txt', type: 'text/plain', size: 4, kind: 'logs', logs },
    ]);
  });

  it('tells the tool when the agent says it happened', async () => {
    const { reporter, target } = await mount(new OutboxDouble());
    await choose(reporter, 'occurredAt', '2026-12-01T09:30'); // the form's zone is the agent's, New York
    expect(target.occurredAt?.toISOString()).to.equal('2026-12-01T14:30:00.000Z');
  });

  it('hides the dialog while a screen is captured and shows it again, focus where it was', async () => {
    const { reporter, target } = await mount(new OutboxDouble());
    const dialog = $<HTMLDialogElement>(reporter, 'dialog');
    const summary = $(reporter, '#f-summary');
    summary.focus();
    expect(dialog.checkVisibility({ visibilityProperty: true })).to.equal(true);

    const show = await target.hide();
    expect(dialog.open, 'still open: hiding is not closing (no close event, the draft untouched)').to.equal(true);
    expect(dialog.checkVisibility({ visibilityProperty: true }), 'hidden from the capture').to.equal(false);

    show();
    await waitUntil(() => dialog.checkVisibility({ visibilityProperty: true }), 'shown again');
    await waitUntil(() => reporter.shadowRoot!.activeElement === summary, 'focus back on the field');
    await expect(reporter).to.be.accessible();
    reporter.close();
  });
});
