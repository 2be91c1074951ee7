// "My reports" over the REAL outbox (IndexedDB) and the REAL intake service, reached through the
// test plugin's fault proxy, so each delivery state is one the product really produces.
import { fixture, html, expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/provider/define.js';
import '../../components/reports/define.js';
import type { TriageProvider } from '../../components/provider/provider.js';
import type { TriageReports } from '../../components/reports/reports.js';
import type { TriageEditEvent } from '../../components/reports/events.js';
import { createOutbox, type Outbox, type OutboxOptions } from '../../src/outbox.js';
import { createIntakeTransport } from '../../src/transports/intake.js';
import type { OutboxEntry } from '../../src/delivery.js';
import { describe, it } from '../support/harness.js';
import {
  afterEach,
  before,
  beforeEach,
  deleteDatabase,
  isSent,
  loadEnv,
  makeTicket,
  waitForEntry,
  type IntakeEnv,
  command,
} from '../support/delivery-fixtures.js';

const NEVER = { baseMs: 600_000, maxMs: 600_000 };
// Generous: the machine is shared, and these wait for real network round trips.
const until = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 10_000 });

describe('<triage-reports>', () => {
  let env: IntakeEnv;
  let dbName: string;
  const opened: Outbox[] = [];

  const open = (options: Partial<OutboxOptions> = {}) => {
    const outbox = createOutbox({
      transport: createIntakeTransport({ url: env.INTAKE_URL, apiKey: env.INTAKE_KEY }),
      dbName,
      backoff: NEVER,
      ...options,
    });
    opened.push(outbox);
    return outbox;
  };

  async function mount(outbox: Outbox | undefined, agent: object = { locale: 'en-US', timeZone: 'UTC' }, config: object = {}) {
    const provider = await fixture<TriageProvider>(
      html`<triage-provider .agent=${agent} .config=${config} .services=${outbox ? { outbox } : {}}>
        <triage-reports></triage-reports>
      </triage-provider>`,
    );
    const reports = provider.querySelector('triage-reports') as TriageReports;
    await reports.updateComplete;
    return { provider, reports, root: reports.shadowRoot! };
  }

  const items = (root: ShadowRoot) => [...root.querySelectorAll<HTMLElement>('[part=item]')];
  const item = (root: ShadowRoot, id: string) => root.querySelector<HTMLElement>(`[part=item][data-id="${id}"]`);
  const button = (scope: ParentNode, label: string) =>
    [...scope.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === label);

  before(async () => {
    env = await loadEnv();
  });

  beforeEach(async () => {
    await command('intake-reset-faults');
    dbName = `reports-test-${crypto.randomUUID()}`;
  });

  afterEach(async () => {
    for (const outbox of opened.splice(0)) outbox.close();
    await command('intake-reset-faults');
    await deleteDatabase(dbName);
  });

  it('says so when no outbox is provided, and is accessible', async () => {
    const { reports, root } = await mount(undefined);
    expect(root.querySelector('[part=empty]')?.textContent).to.contain('no outbox is configured');
    await expect(reports).to.be.accessible();
  });

  it('says there is nothing yet on a fresh device', async () => {
    const { root } = await mount(open());
    await until(() => root.querySelector('[part=empty]'), 'the empty state');
    expect(root.querySelector('[part=empty]')!.textContent).to.contain('No reports from this device yet');
  });

  it('shows a sent report with the reference the service gave it, newest first', async () => {
    const outbox = open();
    const older = await outbox.submit(makeTicket({ summary: 'Media bar login fails' }), []);
    const olderSent = await waitForEntry(outbox, older.id, isSent);
    const newer = await outbox.submit(makeTicket({ summary: 'Screen pop opens the wrong contact' }), []);
    await waitForEntry(outbox, newer.id, isSent);
    const { root } = await mount(outbox);
    await until(() => items(root).length === 2, 'both reports listed');
    expect(items(root).map((li) => li.querySelector('.summary')!.textContent)).to.deep.equal([
      'Screen pop opens the wrong contact',
      'Media bar login fails',
    ]);
    const sent = item(root, older.id)!;
    expect(sent.dataset.state).to.equal('sent');
    expect(sent.querySelector('[part=badge]')!.textContent).to.equal('Sent');
    const reference = (olderSent.delivery as Extract<OutboxEntry['delivery'], { state: 'sent' }>).result.reference;
    expect(reference).to.be.a('string').and.not.equal('');
    expect(sent.querySelector('.detail')!.textContent).to.contain(`Reference ${reference}`);
    expect(sent.querySelector('time')!.getAttribute('datetime')).to.equal(older.storedAt);
    expect(button(sent, 'Try again now')).to.equal(undefined, 'nothing to retry once sent');
  });

  it('shows a waiting report with its next attempt, and "Try again now" delivers it', async () => {
    await command('intake-fail', { status: 503, times: 1 });
    const outbox = open();
    const entry = await outbox.submit(makeTicket(), []);
    await waitForEntry(outbox, entry.id, (e) => e.delivery.state === 'queued' && e.delivery.attempts === 1);
    const { reports, root } = await mount(outbox);
    await until(() => item(root, entry.id)?.dataset.state === 'queued', 'the queued report');
    const row = item(root, entry.id)!;
    expect(row.querySelector('[part=badge]')!.textContent).to.equal('Waiting to send');
    // A span from now that counts down, not a clock time (issue 14, item 7).
    expect(row.querySelector('.detail')!.textContent).to.match(/Next attempt (in \d+ (seconds?|minutes?)|now)/);
    expect(row.querySelector('.detail')!.textContent).to.contain('Last attempt');
    await expect(reports).to.be.accessible();

    button(row, 'Try again now')!.click();
    await until(() => item(root, entry.id)?.dataset.state === 'sent', 'the retried report is confirmed');
    expect(item(root, entry.id)!.querySelector('.detail')!.textContent).to.contain('Reference');
  });

  it('shows upload progress while a report is being sent', async () => {
    await command('intake-delay', { ms: 1500, times: 1 });
    const outbox = open();
    const { root } = await mount(outbox);
    const entry = await outbox.submit(makeTicket(), []);
    document.dispatchEvent(new CustomEvent('triage-queued', { bubbles: true, composed: true }));
    await until(() => item(root, entry.id)?.dataset.state === 'sending', 'the report is sending');
    const progress = item(root, entry.id)!.querySelector('progress')!;
    expect(progress.getAttribute('aria-label')).to.equal('Upload progress');
    expect(item(root, entry.id)!.querySelector('.detail')!.textContent).to.match(/Sending… \d+%/);
    await until(() => item(root, entry.id)?.dataset.state === 'sent', 'then sent');
  });

  it('lists a report submitted after it rendered, once the reporter says it was queued', async () => {
    const outbox = open();
    const { root } = await mount(outbox);
    await until(() => root.querySelector('[part=empty]'), 'empty first');
    const entry = await outbox.submit(makeTicket({ summary: 'Submitted later' }), []);
    document.dispatchEvent(new CustomEvent('triage-queued', { bubbles: true, composed: true }));
    await until(() => item(root, entry.id), 'the new report appears');
    await until(() => item(root, entry.id)?.dataset.state === 'sent', 'and follows it to sent');
  });

  it('shows why a refused report was not sent; "Fix and resend" hands the ticket over by keyboard', async () => {
    await command('intake-fail', {
      status: 400,
      code: 'invalid_ticket',
      message: 'The ticket has problems.',
      fields: [{ path: 'impact.agentsAffected', message: 'Agents affected cannot be more than the agent population.' }],
    });
    const outbox = open();
    const ticket = makeTicket({ summary: 'Refused one' });
    const entry = await outbox.submit(ticket, []);
    await waitForEntry(outbox, entry.id, (e) => e.delivery.state === 'failed');
    const { reports, root } = await mount(outbox);
    await until(() => item(root, entry.id)?.dataset.state === 'failed', 'the failed report');
    const row = item(root, entry.id)!;
    expect(row.querySelector('[part=badge]')!.textContent).to.equal('Not sent');
    expect(row.querySelector('.detail')!.textContent).to.contain('Not sent:');
    expect(row.querySelector('.fields')!.textContent).to.contain('impact.agentsAffected: Agents affected cannot be more');
    await expect(reports).to.be.accessible();

    const fix = button(row, 'Fix and resend')!;
    fix.focus();
    const edited = oneEvent(document, 'triage-edit') as Promise<TriageEditEvent>;
    await sendKeys({ press: 'Enter' });
    const event = await edited;
    expect(event.detail.ticket.id).to.equal(ticket.id);
    expect(event.detail.ticket.summary).to.equal('Refused one');
    expect(event.composed).to.equal(true);
  });

  it('downloads a refused report as the outbox export', async () => {
    await command('intake-fail', { status: 422, message: 'Nope.' });
    const outbox = open();
    const ticket = makeTicket({ summary: 'Download me' });
    const entry = await outbox.submit(ticket, []);
    await waitForEntry(outbox, entry.id, (e) => e.delivery.state === 'failed');
    const { root } = await mount(outbox);
    await until(() => item(root, entry.id)?.dataset.state === 'failed', 'the failed report');
    const clicked = new Promise<HTMLAnchorElement>((resolve) =>
      root.addEventListener(
        'click',
        (event) => {
          const target = event.target as HTMLElement;
          if (target instanceof HTMLAnchorElement) {
            event.preventDefault();
            resolve(target);
          }
        },
        { capture: true },
      ),
    );
    button(item(root, entry.id)!, 'Download')!.click();
    const link = await clicked;
    expect(link.download).to.match(/^triage-report-.+\.json$/);
    const exported = await (await fetch(link.href)).text();
    expect(exported).to.contain(ticket.id);
    expect(exported).to.contain('Download me');
  });

  it('speaks Spanish for an es agent and takes host overrides by key', async () => {
    await command('intake-fail', { status: 400, message: 'Malo.' });
    const outbox = open();
    const entry = await outbox.submit(makeTicket(), []);
    await waitForEntry(outbox, entry.id, (e) => e.delivery.state === 'failed');
    const { root } = await mount(outbox, { locale: 'es-MX', timeZone: 'America/Mexico_City' }, { strings: { reportsDownload: 'Bajar JSON' } });
    await until(() => item(root, entry.id), 'the report');
    expect(root.querySelector('h2')!.textContent).to.equal('Mis informes');
    expect(item(root, entry.id)!.querySelector('[part=badge]')!.textContent).to.equal('No enviado');
    expect(button(item(root, entry.id)!, 'Corregir y reenviar')).to.exist;
    expect(button(item(root, entry.id)!, 'Bajar JSON')).to.exist;
    const when = new Intl.DateTimeFormat('es-MX', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Mexico_City' }).format(
      new Date(entry.storedAt),
    );
    expect(item(root, entry.id)!.querySelector('time')!.textContent).to.contain(when);
  });
});
