// Issue 14, items 2 and 5: nothing sends by accident, and focus never falls to the page.
import { expect, waitUntil } from '@open-wc/testing';
import { describe, it } from '../support/harness.js';
import { sendKeys } from '@web/test-runner-commands';
import type { TriageReporter } from '../../components/reporter/reporter.js';
import { $, OutboxDouble, choose, control, openReporter, typeInto } from '../support/reporter-fixtures.js';

/** The schema loads once the agent types, which takes longer on a busy machine than waitUntil's default second. */
const until = (condition: () => unknown, message?: string) => waitUntil(condition, message, { timeout: 5000 });

const agent = { timeZone: 'America/New_York', locale: 'en-US' };

/** Where focus is, through the reporter's shadow root; never `<body>`. */
function focused(reporter: TriageReporter) {
  // Compared by name: chai describing two elements that differ can take the browser down.
  expect(document.activeElement?.localName).to.equal('triage-reporter', 'focus stays in the reporter, not on the page');
  return reporter.shadowRoot!.activeElement;
}

async function ctrlEnter() {
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'Enter' });
  await sendKeys({ up: 'Control' });
}

describe('<triage-reporter> sends only when asked', () => {
  it('sends nothing on Enter in a one-line field, and sends on Ctrl+Enter with everything typed after', async () => {
    const outbox = new OutboxDouble();
    const reporter = await openReporter({ agent, services: { outbox } });
    let submits = 0;
    reporter.addEventListener('triage-submit', () => submits++);
    await choose(reporter, 'category', 'media-bar-login');
    // Each value goes in after the Enter before it: a send on any Enter would lose the later ones.
    const typed: [string, string][] = [
      ['summary', 'Agents cannot log in to the media bar'],
      ['reporter.login', 'ana.lopez'],
      ['records.queue', 'Billing-ES'],
      ['impact.agentsTotal', '20'],
      ['impact.agentsAffected', '3'],
      ['impact.frequencyNote', 'every few minutes'],
    ];
    for (const [path, text] of typed) {
      await typeInto(reporter, path, text);
      await sendKeys({ press: 'Enter' });
      await reporter.updateComplete;
      expect(control(reporter, path).isConnected, `Enter in ${path} left the form`).to.equal(true);
    }
    expect(submits).to.equal(0);
    expect(outbox.submitted).to.have.length(0);

    // Enter in a textarea is a new line, not a send.
    await typeInto(reporter, 'observed', 'Login spins');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'then times out' });
    await reporter.updateComplete;
    expect(control(reporter, 'observed').value).to.equal('Login spins\nthen times out');

    await ctrlEnter();
    await until(() => outbox.submitted.length === 1, 'Ctrl+Enter did not send');
    expect(submits).to.equal(1);
    const { ticket } = outbox.submitted[0]!;
    const words = JSON.stringify(ticket);
    for (const [, text] of typed) expect(words).to.contain(text);
  });
});

describe('<triage-reporter> focus', () => {
  it('goes back to the last field the agent was in after a second Escape on "Close the report?"', async () => {
    const reporter = await openReporter({ agent });
    await typeInto(reporter, 'summary', 'Hold button does nothing');
    await typeInto(reporter, 'reporter.extension', '4410');
    await sendKeys({ press: 'Escape' });
    await reporter.updateComplete;
    expect(focused(reporter)?.textContent).to.equal('Keep draft and close');

    await sendKeys({ press: 'Escape' });
    await until(() => reporter.shadowRoot!.activeElement === control(reporter, 'reporter.extension'), 'focus did not go back to the last field');
    expect($<HTMLDialogElement>(reporter, 'dialog').open).to.equal(true);
    expect(focused(reporter)).to.equal(control(reporter, 'reporter.extension'));
    expect(control(reporter, 'reporter.extension').value).to.equal('4410');
  });

  it('puts focus on the result view after Send, and keeps it there when the report is sent', async () => {
    const outbox = new OutboxDouble();
    const reporter = await openReporter({ agent, services: { outbox } });
    await typeInto(reporter, 'summary', 'Agents cannot log in to the media bar');
    await choose(reporter, 'category', 'media-bar-login');
    $(reporter, '[part~=submit]').click();
    await until(() => outbox.submitted.length === 1);
    await reporter.updateComplete;
    const result = $(reporter, '.result');
    expect(result.contains(focused(reporter))).to.equal(true, 'focus is in the result view');

    const id = outbox.submitted[0]!.ticket.id;
    outbox.advance(id, { state: 'sent', sentAt: new Date().toISOString(), result: { id, reference: '261201-000042' } });
    await reporter.updateComplete;
    expect($(reporter, '[part~=status]').textContent).to.contain('261201-000042');
    const now = focused(reporter);
    expect(result.contains(now), 'focus is still in the result view once sent').to.equal(true);
    expect(now!.matches('button, h2, h3, [part~=status]')).to.equal(true);
  });
});
