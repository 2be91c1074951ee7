import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { describe, it } from '../support/harness.js';
import { sendKeys } from '@web/test-runner-commands';
import { DRAFT_KEY } from '../../src/draft.js';
import { es } from '../../src/strings-es.js';
import { TriageEditEvent } from '../../components/reports/events.js';
import type { Ticket } from '../../src/ticket.js';
import type { TriageReporter } from '../../components/reporter/reporter.js';
import { $, OutboxDouble, SignalsDouble, choose, control, openReporter, suggestionText, typeInto } from '../support/reporter-fixtures.js';

/** The schema loads once the agent types, which takes longer on a busy machine than waitUntil's default second. */
const until = (condition: () => unknown, message?: string) => waitUntil(condition, message, { timeout: 5000 });

const agent = { timeZone: 'America/New_York', locale: 'en-US' };

/** The smallest valid report, filled the way an agent would. */
async function fillRequired(reporter: TriageReporter) {
  await typeInto(reporter, 'summary', 'Agents cannot log in to the media bar');
  await choose(reporter, 'category', 'media-bar-login');
}

describe('<triage-reporter> severity', () => {
  it('suggests 3, then 2, then 1 as the agent raises the affected agents past one and past 30 %', async () => {
    const reporter = await openReporter({ agent });
    await choose(reporter, 'category', 'chat-routing');
    await typeInto(reporter, 'impact.agentsTotal', '20');
    await typeInto(reporter, 'impact.agentsAffected', '1');
    expect(suggestionText(reporter)).to.contain('Severity 3');
    await typeInto(reporter, 'impact.agentsAffected', '3');
    expect(suggestionText(reporter)).to.contain('Severity 2');
    await typeInto(reporter, 'impact.agentsAffected', '6');
    expect(suggestionText(reporter)).to.contain('Severity 1');
    expect(suggestionText(reporter)).to.contain('System Outage');
  });

  it('keeps the live suggestion beside Send, in sight while the impact is typed', async () => {
    const reporter = await openReporter({ agent });
    const live = () => reporter.shadowRoot!.querySelector('[part~=footer] [part~=live-severity]')?.textContent ?? '';
    await choose(reporter, 'category', 'email-routing');
    await typeInto(reporter, 'impact.agentsAffected', '1');
    expect(live()).to.contain('Severity 3');
    await typeInto(reporter, 'impact.interactionsAffectedPercent', '45');
    expect(live()).to.contain('Severity 1 · System Outage');
  });

  it('refuses another severity without a justification, then accepts it with one', async () => {
    const outbox = new OutboxDouble();
    const reporter = await openReporter({ agent, services: { outbox } });
    await fillRequired(reporter);
    await choose(reporter, 'chosenLevel', '1');
    let submits = 0;
    reporter.addEventListener('triage-submit', () => submits++);

    $(reporter, '[part~=submit]').click();
    await until(() => control(reporter, 'severity.overrideReason').getAttribute('aria-invalid') === 'true');
    const reason = control(reporter, 'severity.overrideReason');
    const error = $(reporter, '#' + reason.getAttribute('aria-describedby')!.split(' ').find((id) => id.startsWith('e-')));
    expect(error.textContent).to.contain('Explain why');
    expect(reporter.shadowRoot!.activeElement).to.equal(reason);
    expect(submits).to.equal(0);
    expect(outbox.submitted).to.have.length(0);

    await typeInto(reporter, 'severity.overrideReason', 'Every agent on the night shift is on this site');
    const submitted = oneEvent(reporter, 'triage-submit');
    $(reporter, '[part~=submit]').click();
    const { detail } = await submitted;
    expect(detail.ticket.severity).to.deep.include({ suggested: 3, chosen: 1, overrideReason: 'Every agent on the night shift is on this site' });
    await until(() => outbox.submitted.length === 1);
  });

  it('shows the response due time in the agent zone and in the support calendar zone', async () => {
    const reporter = await openReporter({ agent: { timeZone: 'America/Los_Angeles', locale: 'en-US' } });
    await fillRequired(reporter);
    const sla = $(reporter, '[part~=sla]').textContent!.replace(/\s+/g, ' ');
    expect(sla).to.match(/First response due in \d/);
    expect(sla).to.match(/P[SD]T your time/);
    expect(sla).to.match(/E[SD]T support time/);
    expect(sla).to.contain('business hours (06:00–16:00, Eastern Time, New York)');
  });

  it('offers to count other agents who reported the same problem, escalating the suggestion', async () => {
    const signals = new SignalsDouble({ reports: 4, agents: 4, minutes: 60, otherReports: 4, otherAgents: 4 });
    const reporter = await openReporter({ agent: { ...agent, records: { queue: 'ABC' } }, services: { signals } });
    await fillRequired(reporter);
    await choose(reporter, 'impact.agentsAffected', '1');
    expect(suggestionText(reporter)).to.contain('Severity 3');
    await until(() => reporter.shadowRoot!.querySelector('[part~=signals]'), 'no correlation shown');
    expect(signals.asked.at(-1)).to.deep.equal({ category: 'media-bar-login', queue: 'ABC', minutes: 60, accountId: undefined, login: undefined });
    expect($(reporter, '[part~=signals]').textContent).to.contain('4 other agents reported this in the last hour');
    $<HTMLButtonElement>(reporter, '[part~=signals] button').click();
    await reporter.updateComplete;
    expect(control(reporter, 'impact.agentsAffected').value).to.equal('5');
    expect(suggestionText(reporter)).to.contain('Severity 2');
  });
});

describe('<triage-reporter> drafts and closing', () => {
  it('brings the typed words back after the element is removed and created again, with no secret stored', async () => {
    const outbox = Object.assign(new OutboxDouble(), { token: 'Bearer s3cr3t-token' });
    const first = await openReporter({ agent: { ...agent, reporter: { login: 'ana' } }, services: { outbox } });
    await typeInto(first, 'summary', 'Screen pops stopped');
    await typeInto(first, 'observed', 'Nothing pops when a chat arrives');
    await typeInto(first, 'reporter.extension', '4410');
    first.closest('triage-provider')!.remove();

    const stored = localStorage.getItem(DRAFT_KEY)!;
    expect(stored).to.contain('Screen pops stopped');
    expect(stored).not.to.contain('s3cr3t');
    expect(Object.keys(localStorage)).to.deep.equal([DRAFT_KEY]);

    const second = await openReporter({ agent, keepDraft: true });
    expect(control(second, 'summary').value).to.equal('Screen pops stopped');
    expect(control(second, 'observed').value).to.equal('Nothing pops when a chat arrives');
    expect(control(second, 'reporter.extension').value).to.equal('4410');
  });

  it('forgets the draft when the agent empties the form, and leaves another reporter draft alone', async () => {
    const first = await openReporter({ agent });
    await typeInto(first, 'summary', 'Wrong window');
    await closeAndWait(first);
    expect(localStorage.getItem(DRAFT_KEY)).to.contain('Wrong window');
    await first.show();
    control(first, 'summary').select();
    await sendKeys({ press: 'Backspace' });
    await first.updateComplete;
    expect(control(first, 'summary').value).to.equal('');
    await closeAndWait(first);
    expect(localStorage.getItem(DRAFT_KEY)).to.equal(null);

    const mediaBar = await openReporter({ agent }); // opened before, nothing typed there
    const desk = await openReporter({ agent, keepDraft: true });
    await typeInto(desk, 'summary', 'Typed at the desk');
    await closeAndWait(desk);
    mediaBar.closest('triage-provider')!.remove();
    expect(localStorage.getItem(DRAFT_KEY)).to.contain('Typed at the desk');
  });

  it('asks before closing a started report on Escape, and keeps the draft', async () => {
    const reporter = await openReporter({ agent });
    await typeInto(reporter, 'summary', 'Hold button does nothing');
    await sendKeys({ press: 'Escape' });
    await reporter.updateComplete;
    const dialog = $<HTMLDialogElement>(reporter, 'dialog');
    expect(dialog.open).to.equal(true);
    const confirm = $(reporter, '[role=alertdialog]');
    expect(reporter.shadowRoot!.activeElement?.textContent).to.equal('Keep draft and close');
    expect(confirm.textContent).to.contain('Keep draft and close');
    expect(confirm.textContent).to.contain('Discard draft');
    await expect(reporter).to.be.accessible();

    const buttons = [...confirm.querySelectorAll('button')];
    buttons.find((b) => b.textContent === 'Back to the report')!.click();
    await reporter.updateComplete;
    expect(control(reporter, 'summary').value).to.equal('Hold button does nothing');

    // Chromium lets a page refuse a second Escape only after the user did something in between.
    await typeInto(reporter, 'summary', 'Hold button does nothing at all');
    await sendKeys({ press: 'Escape' });
    await reporter.updateComplete;
    const closed = oneEvent(reporter, 'triage-close');
    [...$(reporter, '[role=alertdialog]').querySelectorAll('button')].find((b) => b.textContent === 'Keep draft and close')!.click();
    await closed;
    expect(dialog.open).to.equal(false);
    expect(localStorage.getItem(DRAFT_KEY)).to.contain('Hold button does nothing at all');
  });

  it('discards the draft only when asked to', async () => {
    const reporter = await openReporter({ agent });
    await typeInto(reporter, 'summary', 'Typo');
    await sendKeys({ press: 'Escape' });
    await reporter.updateComplete;
    [...$(reporter, '[role=alertdialog]').querySelectorAll('button')].find((b) => b.textContent === 'Discard draft')!.click();
    await reporter.updateComplete;
    expect(localStorage.getItem(DRAFT_KEY)).to.equal(null);
    await reporter.show();
    expect(control(reporter, 'summary').value).to.equal('');
  });

  it('asks before closing a report whose only answer is the "Several" quick pick, and keeps it', async () => {
    const reporter = await openReporter({ agent });
    [...reporter.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=picks] button')].find((b) => b.textContent?.trim() === 'Several')!.click();
    await reporter.updateComplete;
    await sendKeys({ press: 'Escape' });
    await until(() => reporter.shadowRoot!.querySelector('[role=alertdialog]'), 'asks before closing');
    const closed = oneEvent(reporter, 'triage-close');
    [...$(reporter, '[role=alertdialog]').querySelectorAll('button')].find((b) => b.textContent === 'Keep draft and close')!.click();
    await closed;
    expect(JSON.parse(localStorage.getItem(DRAFT_KEY)!)).to.include({ severalAgents: true, agentsAffected: '' });
  });

  it('asks before closing a report that holds only an attachment, keeps it, and discards it only when asked', async () => {
    const reporter = await openReporter({ agent });
    expect(reporter.addAttachment(new File(['png'], 'shot.png', { type: 'image/png' }), 'screenshot')).to.equal(undefined);
    await reporter.updateComplete;
    const escapeThen = async (choice: string) => {
      await sendKeys({ press: 'Escape' });
      await until(() => reporter.shadowRoot!.querySelector('[role=alertdialog]'), 'asks before closing');
      const closed = oneEvent(reporter, 'triage-close');
      [...$(reporter, '[role=alertdialog]').querySelectorAll('button')].find((b) => b.textContent === choice)!.click();
      await closed;
    };
    await escapeThen('Keep draft and close');
    await reporter.show();
    await until(() => $(reporter, '[part~=dialog]').textContent?.includes('shot.png'), 'the screenshot is still attached');
    await escapeThen('Discard draft');
    await reporter.show();
    await reporter.updateComplete;
    expect($(reporter, '[part~=dialog]').textContent).not.to.contain('shot.png');
  });

  it('closes at once on Escape when nothing was typed', async () => {
    const reporter = await openReporter({ agent });
    const closed = oneEvent(reporter, 'triage-close');
    await sendKeys({ press: 'Escape' });
    await closed;
    expect($<HTMLDialogElement>(reporter, 'dialog').open).to.equal(false);
  });
});

describe('<triage-reporter> updates', () => {
  it('opens, asks before closing and sends from the keyboard without setting anything after an update completed', async () => {
    const outbox = new OutboxDouble();
    const warnings = await changeInUpdateWarnings(async () => {
      const reporter = await openReporter({ agent, services: { outbox } });
      await fillRequired(reporter);
      // The form gives way to the question while the summary, just typed, has focus.
      await sendKeys({ press: 'Escape' });
      await until(() => reporter.shadowRoot!.querySelector('[role=alertdialog]'), 'asks before closing');
      [...$(reporter, '[role=alertdialog]').querySelectorAll('button')].find((b) => b.textContent === 'Back to the report')!.click();
      await reporter.updateComplete;
      await choose(reporter, 'chosenLevel', '1');
      await typeInto(reporter, 'severity.overrideReason', 'Every agent on the night shift is on this site');
      // Sent from the justification, which leaves with the form.
      await sendKeys({ down: 'Control' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Control' });
      await until(() => outbox.submitted.length === 1 && !reporter.shadowRoot!.querySelector('form'), 'sent, the status shown');
    });
    expect(warnings).to.deep.equal([]);
  });
});

/**
 * Lit's dev-mode warnings that an element scheduled an update after one completed (a property
 * set in updated() or while rendering), counted while `act` runs. Lit warns once a page, so the
 * one issued already, by an earlier test, is forgotten first.
 */
async function changeInUpdateWarnings(act: () => Promise<void>): Promise<string[]> {
  const issued = (globalThis as { litIssuedWarnings?: Set<string> }).litIssuedWarnings;
  expect(issued, 'Lit in dev mode, which warns').to.be.instanceOf(Set);
  for (const warning of issued!) if (warning.includes('scheduled an update')) issued!.delete(warning);
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (String(args[0]).includes('scheduled an update')) warnings.push(String(args[0]));
    warn.apply(console, args);
  };
  try {
    await act();
  } finally {
    console.warn = warn;
  }
  return warnings;
}

/** Closing finishes with the dialog's close event, a task later. */
async function closeAndWait(reporter: TriageReporter) {
  const closed = oneEvent(reporter, 'triage-close');
  reporter.close();
  await closed;
}

async function shiftTab() {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}

describe('<triage-reporter> keyboard', () => {
  it('is completed and sent with the keyboard alone, Tab wrapping inside the dialog', async () => {
    const reporter = await openReporter({ agent });
    const active = () => reporter.shadowRoot!.activeElement;
    expect(active()).to.equal(control(reporter, 'summary'), 'focus starts in the first field');
    await sendKeys({ type: 'Transfers drop the caller' });
    await sendKeys({ press: 'Tab' });
    expect(active()).to.equal(control(reporter, 'category'));
    for (let i = 0; i < 5; i++) await sendKeys({ press: 'ArrowDown' }); // media-bar-login ... voice
    await reporter.updateComplete;
    expect(control(reporter, 'category').value).to.equal('voice');

    // Back past the header to the dialog's first control, then once more: focus wraps to Send.
    for (let i = 0; i < 3; i++) await shiftTab();
    expect(active()?.textContent).to.equal('My reports');
    await shiftTab();
    expect(active()).to.equal($(reporter, '[part~=submit]'));
    await sendKeys({ press: 'Tab' });
    expect(active()?.textContent).to.equal('My reports', 'Tab from the last control wraps to the first');
    await shiftTab();

    const submitted = oneEvent(reporter, 'triage-submit');
    await sendKeys({ press: 'Enter' });
    const { detail } = await submitted;
    expect(detail.ticket).to.deep.include({ summary: 'Transfers drop the caller', category: 'voice', timeZone: 'America/New_York' });
    expect(detail.ticket.severity.suggested).to.equal(3);
  });
});

describe('<triage-reporter> delivery states', () => {
  it('is accessible when empty and when showing errors, with errors linked to their fields', async () => {
    const reporter = await openReporter({ agent, services: { outbox: new OutboxDouble() } });
    await expect(reporter).to.be.accessible();
    $(reporter, '[part~=submit]').click();
    await until(() => reporter.shadowRoot!.querySelector('[part~=errors]'));
    const summary = control(reporter, 'summary');
    expect(summary.getAttribute('aria-invalid')).to.equal('true');
    expect($(reporter, '#e-f-summary').textContent).to.equal('Summary is required.');
    expect(summary.getAttribute('aria-describedby')).to.contain('e-f-summary');
    expect($(reporter, '[part~=errors]').textContent).to.contain('Category is required.');
    expect(reporter.shadowRoot!.activeElement).to.equal(summary);
    await expect(reporter).to.be.accessible();
  });

  it('says saved, sending, then sent with the reference, only when the outbox says so', async () => {
    const outbox = new OutboxDouble();
    const reporter = await openReporter({ agent, services: { outbox } });
    expect(outbox.flushes).to.equal(1, 'opening tries queued tickets');
    await fillRequired(reporter);
    // One live region for the whole dialog, there before the first message, so every change is announced.
    const live = $(reporter, '[role=status]');
    expect(live.textContent).to.equal('');
    const queued = oneEvent(reporter, 'triage-queued');
    $(reporter, '[part~=submit]').click();
    await queued;
    await reporter.updateComplete;
    const status = () => $(reporter, '[part~=status]').textContent!.replace(/\s+/g, ' ');
    expect(status()).to.contain('Saved on this device');
    expect(status()).not.to.match(/Sent|thank/i);
    expect(localStorage.getItem(DRAFT_KEY), 'the outbox entry replaced the draft').to.equal(null);
    await expect(reporter).to.be.accessible();

    const id = outbox.submitted[0]!.ticket.id;
    outbox.advance(id, { state: 'sending', attempts: 1, loaded: 300, total: 1200 });
    await reporter.updateComplete;
    const progress = $<HTMLProgressElement>(reporter, 'progress');
    expect([progress.value, progress.max]).to.deep.equal([300, 1200]);
    expect(status()).to.contain('Sending');
    await expect(reporter).to.be.accessible();

    const sent = oneEvent(reporter, 'triage-sent');
    outbox.advance(id, {
      state: 'sent',
      sentAt: new Date().toISOString(),
      result: { id, reference: '261201-000042', related: { reports: 3, agents: 2, minutes: 60 } },
    });
    expect((await sent).detail.result.reference).to.equal('261201-000042');
    await reporter.updateComplete;
    expect(status()).to.contain('Sent. Your reference is 261201-000042.');
    expect($(reporter, '[role=status]')).to.equal(live);
    expect(live.textContent).to.equal('Sent. Your reference is 261201-000042.');
    expect(status()).to.contain('3 similar reports from 2 agents');
    await expect(reporter).to.be.accessible();
  });

  it('says queued when an attempt failed and it waits for the connection', async () => {
    const outbox = new OutboxDouble();
    const reporter = await openReporter({ agent, services: { outbox } });
    await fillRequired(reporter);
    $(reporter, '[part~=submit]').click();
    await until(() => outbox.submitted.length === 1);
    outbox.advance(outbox.submitted[0]!.ticket.id, { state: 'queued', attempts: 1, lastError: 'offline' });
    await reporter.updateComplete;
    expect($(reporter, '[part~=status]').textContent).to.contain('Queued: it will send automatically when the connection is back.');
  });

  it('explains a failure, lets the agent fix the fields the server named and resend the same ticket', async () => {
    const outbox = new OutboxDouble();
    const reporter = await openReporter({ agent, services: { outbox } });
    await fillRequired(reporter);
    $(reporter, '[part~=submit]').click();
    await until(() => outbox.submitted.length === 1);
    const id = outbox.submitted[0]!.ticket.id;
    const failed = oneEvent(reporter, 'triage-failed');
    outbox.advance(id, {
      state: 'failed',
      reason: 'The intake service refused the ticket.',
      status: 400,
      fields: [{ path: 'summary', message: 'Summary must name the product.' }],
    });
    expect((await failed).detail.reason).to.equal('The intake service refused the ticket.');
    await reporter.updateComplete;
    const status = $(reporter, '[part~=status]').textContent!;
    expect(status).to.contain('Failed: The intake service refused the ticket.');
    expect(status).to.contain('Fix the report and send it again');
    await expect(reporter).to.be.accessible();
    const buttons = [...reporter.shadowRoot!.querySelectorAll('[part~=actions] button')].map((b) => b.textContent);
    expect(buttons).to.include('Download the report');

    ([...reporter.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=actions] button')].find((b) => b.textContent === 'Fix and resend'))!.click();
    await reporter.updateComplete;
    expect(control(reporter, 'summary').value).to.equal('Agents cannot log in to the media bar');
    expect($(reporter, '#e-f-summary').textContent).to.equal('Summary must name the product.');
    await typeInto(reporter, 'summary', 'Media bar: agents cannot log in');
    $(reporter, '[part~=submit]').click();
    await until(() => outbox.resubmitted.length === 1);
    expect(outbox.resubmitted[0]!.id).to.equal(id, 'the same ticket id, so the backend deduplicates');
    expect(outbox.resubmitted[0]!.summary).to.equal('Media bar: agents cannot log in');
  });

  it('corrects a refused report chosen in My reports: same id, stored files kept, resubmitted', async () => {
    const outbox = new OutboxDouble();
    const ticket: Ticket = {
      id: '4f9c1a52-7d1e-4c55-9a43-2b7f0c1d9e10',
      createdAt: '2026-12-01T20:30:00.000Z',
      summary: 'Emails stay unassigned',
      category: 'email-routing',
      occurredAt: '2026-12-01T15:10:00-05:00',
      timeZone: 'America/New_York',
      impact: { agentsAffected: 2, agentsTotal: 40 },
      severity: { suggested: 2, reasons: ['2 of 40 agents'], chosen: 2 },
      attachments: [{ name: 'queue.png', type: 'image/png', size: 2048, kind: 'screenshot' }],
    };
    const entry = { id: ticket.id, ticket, storedAt: ticket.createdAt, updatedAt: ticket.createdAt,
      delivery: { state: 'failed' as const, reason: 'Refused', fields: [{ path: 'impact.agentsTotal', message: 'Agent population looks wrong.' }] } };
    outbox.seed(entry);
    const reporter = await openReporter({ agent, services: { outbox } });
    $<HTMLButtonElement>(reporter, 'header .link').click();
    await until(() => reporter.shadowRoot!.querySelector('triage-reports'), 'My reports did not open');
    reporter.shadowRoot!.querySelector('triage-reports')!.dispatchEvent(new TriageEditEvent({ ticket, entry }));
    await reporter.updateComplete;

    expect(control(reporter, 'summary').value).to.equal('Emails stay unassigned');
    expect(control(reporter, 'occurredAt').value).to.equal('2026-12-01T15:10');
    expect($(reporter, '#e-f-impact-agentsTotal').textContent).to.equal('Agent population looks wrong.');
    expect($(reporter, '[aria-labelledby=s-evidence]').textContent).to.contain('queue.png');
    await typeInto(reporter, 'impact.agentsTotal', '400');
    $(reporter, '[part~=submit]').click();
    await until(() => outbox.resubmitted.length === 1);
    expect(outbox.resubmitted[0]).to.deep.include({ id: ticket.id, attachments: ticket.attachments });
    expect(outbox.resubmitted[0]!.impact).to.deep.equal({ agentsAffected: 2, agentsTotal: 400 });
    expect(outbox.resubmittedFiles[0], 'the outbox keeps the stored bytes').to.equal(undefined);
  });

  it('says honestly that no delivery is configured and keeps the draft', async () => {
    const reporter = await openReporter({ agent });
    await fillRequired(reporter);
    const failed = oneEvent(reporter, 'triage-failed');
    $(reporter, '[part~=submit]').click();
    await failed;
    await reporter.updateComplete;
    expect($(reporter, '[part~=status]').textContent).to.contain('No delivery is configured for this console');
    expect($(reporter, '[part~=status] button').textContent).to.equal('Download the report');
    expect(control(reporter, 'summary').value).to.equal('Agents cannot log in to the media bar');
    await until(() => localStorage.getItem(DRAFT_KEY)?.includes('Agents cannot log in'), 'the debounced draft save kept the words');
    await expect(reporter).to.be.accessible();
  });

  it('hands delivery to the host when triage-submit is canceled, claiming nothing', async () => {
    const outbox = new OutboxDouble();
    const reporter = await openReporter({ agent, services: { outbox } });
    await fillRequired(reporter);
    reporter.addEventListener('triage-submit', (event) => event.preventDefault());
    let sent = 0;
    reporter.addEventListener('triage-sent', () => sent++);
    $(reporter, '[part~=submit]').click();
    await until(() => reporter.shadowRoot!.querySelector('[part~=status]')?.textContent?.includes('Your console is delivering'));
    expect(outbox.submitted).to.have.length(0);
    expect(sent).to.equal(0);
    expect(control(reporter, 'summary').value).to.equal('Agents cannot log in to the media bar');
  });
});

describe('<triage-reporter> evidence', () => {
  it('refuses files too big, of the wrong type or beyond the count, saying which and why', async () => {
    const limits = { maxAttachments: 2, maxAttachmentBytes: 1024, attachmentTypes: ['image/png', 'text/plain'] };
    const reporter = await openReporter({ agent, config: { limits } });
    expect($(reporter, '[part~=dropzone]').textContent).to.contain('Up to 2 files, 1 kB each');
    const files = [
      new File(['a'], 'one.png', { type: 'image/png' }),
      new File(['x'.repeat(2048)], 'huge.png', { type: 'image/png' }),
      new File(['b'], 'tool.exe', { type: 'application/x-msdownload' }),
      new File(['c'], 'two.txt', { type: 'text/plain' }),
      new File(['d'], 'three.txt', { type: 'text/plain' }),
    ];
    const input = $(reporter, 'input[type=file]');
    const transfer = new DataTransfer();
    files.forEach((file) => transfer.items.add(file));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await reporter.updateComplete;

    const listed = [...reporter.shadowRoot!.querySelectorAll('[part~=files] li span')].map((s) => s.textContent);
    expect(listed).to.deep.equal(['one.png', 'two.txt']);
    const errors = [...reporter.shadowRoot!.querySelectorAll('[part~=error]')].map((e) => e.textContent);
    expect(errors).to.deep.equal([
      '"huge.png" is 2 kB; each file must be at most 1 kB.',
      '"tool.exe" is not a type of file support accepts.',
      '"three.txt" was not added: at most 2 files.',
    ]);
    await expect(reporter).to.be.accessible();

    $<HTMLButtonElement>(reporter, '[aria-label="Remove one.png"]').click();
    await reporter.updateComplete;
    expect(reporter.addAttachment(new File(['s'], 'shot.png', { type: 'image/png' }), 'screenshot')).to.equal(undefined);
    await reporter.updateComplete;
    expect([...reporter.shadowRoot!.querySelectorAll('[part~=files] li span')].map((s) => s.textContent)).to.deep.equal(['two.txt', 'shot.png']);
  });

  it('sends the attachments beside the ticket, described in it', async () => {
    const outbox = new OutboxDouble();
    const reporter = await openReporter({ agent, services: { outbox } });
    await fillRequired(reporter);
    reporter.addAttachment(new File(['log line'], 'console.txt', { type: 'text/plain' }), 'logs');
    $(reporter, '[part~=submit]').click();
    await until(() => outbox.submitted.length === 1);
    const { ticket, attachments } = outbox.submitted[0]!;
    expect(ticket.attachments).to.deep.equal([{ name: 'console.txt', type: 'text/plain', size: 8, kind: 'logs' }]);
    expect(await attachments[0]!.blob.text()).to.equal('log line');
  });
});

describe('<triage-reporter> prefill and language', () => {
  it('prefills identifiers from the agent context and says where each came from', async () => {
    const reporter = await openReporter({
      agent: { ...agent, reporter: { accountId: '4711' }, records: { chatId: 'C-9' }, sources: { 'reporter.accountId': 'OSvC', 'records.chatId': 'OSvC chat' } },
    });
    expect(control(reporter, 'reporter.accountId').value).to.equal('4711');
    const label = $(reporter, 'label[for=f-reporter-accountId]').textContent!.replace(/\s+/g, ' ');
    expect(label).to.contain('Oracle account ID');
    expect(label).to.contain('from OSvC');
    expect($(reporter, 'label[for=f-records-chatId]').textContent).to.contain('from OSvC chat');
  });

  it('renders the Spanish catalog passed in the configuration', async () => {
    const reporter = await openReporter({ agent: { ...agent, locale: 'es-MX' }, config: { strings: es } });
    expect($(reporter, 'h2').textContent).to.equal('Informar un problema');
    expect($(reporter, '[part~=submit]').textContent).to.equal('Enviar informe');
    expect($(reporter, 'label[for=f-summary]').textContent).to.contain('Resumen');
    await choose(reporter, 'category', 'chat-routing');
    expect(suggestionText(reporter)).to.contain('Gravedad 3');
    expect($(reporter, '[part~=sla]').textContent).to.contain('Primera respuesta en');
    await expect(reporter).to.be.accessible();
  });

  it('gives the severity reasons in Spanish, with the figures as the agent\'s locale writes them', async () => {
    const reporter = await openReporter({ agent: { ...agent, locale: 'es-ES' }, config: { strings: es } });
    await choose(reporter, 'category', 'chat-routing');
    await typeInto(reporter, 'impact.agentsTotal', '40');
    await typeInto(reporter, 'impact.agentsAffected', '11');
    const reasons = () => [...reporter.shadowRoot!.querySelectorAll('.suggestion .reasons li')].map((li) => li.textContent!.trim());
    expect(reasons()).to.deep.equal(['11 de 40 agentes (27,5 %) están afectados: más de un agente pero menos del 30 % es un Deterioro grave.']);
    await typeInto(reporter, 'impact.agentsAffected', '12');
    await choose(reporter, 'workaround', true);
    expect(reasons()).to.deep.equal([
      '12 de 40 agentes (30 %) están afectados: un 30 % o más es una Caída del sistema.',
      'Hay una solución alternativa o un plan de continuidad en marcha, así que la Caída del sistema pasa a Deterioro grave (la política permite bajar la gravedad 1 a 2 cuando las operaciones continúan).',
    ]);
    expect(suggestionText(reporter)).to.not.contain('agents');
  });

  it('merges a host\'s partial reasons over the English ones, reason by reason', async () => {
    // en-DE: English words (the catalog follows the locale's language) with German numbers (27,5),
    // which show a reason came from the merged catalog, not from the core's English fallback (27.5).
    const strings = { reasons: { outageAgents: '{agents}/{total} agents down ({share} %): Sev 1 per our runbook.', majorInteractions: '' } };
    const reporter = await openReporter({ agent: { ...agent, locale: 'en-DE' }, config: { strings } });
    const reasons = () => [...reporter.shadowRoot!.querySelectorAll('.suggestion .reasons li')].map((li) => li.textContent!.trim());
    await choose(reporter, 'category', 'chat-routing');
    await typeInto(reporter, 'impact.agentsTotal', '40');
    await typeInto(reporter, 'impact.agentsAffected', '12');
    await typeInto(reporter, 'impact.interactionsAffectedPercent', '35.5');
    expect(reasons()).to.deep.equal(['12/40 agents down (30 %): Sev 1 per our runbook.', '35,5 % of interactions are affected: 30 % or more is a System Outage.']);

    // An empty override is no sentence: the core's own English reason stands in for it.
    await typeInto(reporter, 'impact.agentsAffected', '11');
    await typeInto(reporter, 'impact.interactionsAffectedPercent', '5.5');
    expect(reasons()).to.deep.equal([
      '11 of 40 agents (27,5 %) are affected: more than one agent but less than 30 % is a Major Impairment.',
      '5.5 % of interactions are affected: any share under 30 % is a Major Impairment.',
    ]);
  });

  it('works without a provider, from the browser defaults', async () => {
    localStorage.clear();
    const reporter = await fixture<TriageReporter>(html`<triage-reporter></triage-reporter>`);
    await reporter.show();
    expect(control(reporter, 'timeZone').value).to.equal(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(control(reporter, 'occurredAt').value).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    reporter.close();
  });
});
