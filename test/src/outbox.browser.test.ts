// The outbox in Chromium against the REAL intake service, reached through the plugin's proxy so
// the tests can take the service down, make it fail, and count the requests that reached it.
import { expect, waitUntil } from '@open-wc/testing';
import { createOutbox, type Outbox, type OutboxOptions } from '../../src/outbox.js';
import { createIntakeTransport, readIntakeStatus } from '../../src/transports/intake.js';
import { DeliveryError, type OutboxEntry, type Transport } from '../../src/delivery.js';
import { describe, it } from '../support/harness.js';
import {
  afterEach,
  before,
  beforeEach,
  deleteDatabase,
  dumpDatabase,
  isFailed,
  isSent,
  loadEnv,
  logFile,
  makeTicket,
  pngFile,
  waitForEntry,
  withFiles,
  type IntakeEnv,
  command,
} from '../support/delivery-fixtures.js';

const FAST = { baseMs: 5, maxMs: 20 };
// Long enough that no timer retry happens during a test: only the event under test can deliver.
const NEVER = { baseMs: 600_000, maxMs: 600_000 };

const requestsFor = (id: string) => command<number>('intake-requests', { id });
const storedCount = (id: string) => command<number>('intake-count', { id });

describe('outbox (IndexedDB, real intake service)', () => {
  let env: IntakeEnv;
  let transport: Transport;
  let dbName: string;
  const opened: Outbox[] = [];

  const open = (options: Partial<OutboxOptions> = {}) => {
    const outbox = createOutbox({ transport, dbName, backoff: FAST, ...options });
    opened.push(outbox);
    return outbox;
  };

  before(async () => {
    env = await loadEnv();
    transport = createIntakeTransport({ url: env.INTAKE_URL, apiKey: env.INTAKE_KEY });
  });

  beforeEach(async () => {
    await command('intake-reset-faults');
    dbName = `outbox-test-${crypto.randomUUID()}`;
  });

  afterEach(async () => {
    for (const outbox of opened.splice(0)) outbox.close();
    await command('intake-reset-faults');
    await deleteDatabase(dbName);
  });

  it('keeps the ticket and its bytes before any network call, then delivers once when the network is back', async () => {
    await command('intake-down');
    const outbox = open({ backoff: NEVER });
    const file = await pngFile();
    const ticket = withFiles(makeTicket(), [file], 'screenshot');

    const stored = await outbox.submit(ticket, [file]);
    expect(stored.delivery).to.deep.equal({ state: 'queued', attempts: 0 });
    const dump = await dumpDatabase(dbName);
    expect(dump).to.contain(ticket.id).and.contain('<blob image/png>');

    const waiting = await waitForEntry(outbox, ticket.id, (e) => e.delivery.state === 'queued' && e.delivery.attempts === 1);
    expect(waiting.delivery.state === 'queued' && waiting.delivery.lastError).to.contain('Could not reach the intake service');
    expect(await requestsFor(ticket.id)).to.equal(0);

    await command('intake-up');
    const sent = waitForEntry(outbox, ticket.id, isSent);
    window.dispatchEvent(new Event('online'));
    const entry = await sent;
    expect(entry.delivery.state === 'sent' && entry.delivery.result.id).to.equal(ticket.id);
    expect(await storedCount(ticket.id)).to.equal(1);
    expect(await requestsFor(ticket.id)).to.equal(1);
  });

  it('keeps the receipt with a sent entry, and the receipt reads that report\'s status with the browser key', async () => {
    const outbox = open();
    const ticket = makeTicket();
    await outbox.submit(ticket, []);
    const entry = await waitForEntry(outbox, ticket.id, isSent);
    const result = entry.delivery.state === 'sent' ? entry.delivery.result : undefined;
    expect(result?.receipt).to.be.a('string').with.length.greaterThan(40);
    const [listed] = (await outbox.list()).filter((e) => e.id === ticket.id);
    expect(listed.delivery.state === 'sent' && listed.delivery.result.receipt).to.equal(result!.receipt);
    const status = await readIntakeStatus({ url: env.INTAKE_URL, apiKey: env.INTAKE_KEY }, result!);
    expect([status.reference, status.status]).to.deep.equal([result!.reference, 'new']);
  });

  it('forgets sent reports after the configured time, keeping newer and unsent ones', async () => {
    const day = 24 * 60 * 60_000;
    let clock = Date.parse('2026-11-01T09:00:00Z');
    const now = () => clock;
    const first = open({ now, backoff: NEVER });
    const old = withFiles(makeTicket({ summary: 'Old and sent' }), [await pngFile()], 'screenshot');
    await first.submit(old, [await pngFile()]);
    await waitForEntry(first, old.id, isSent);
    clock += 20 * day;
    const recent = makeTicket({ summary: 'Recent and sent' });
    await first.submit(recent, []);
    await waitForEntry(first, recent.id, isSent);
    await command('intake-down');
    const unsent = makeTicket({ summary: 'Old but never sent' });
    clock -= 19 * day;
    await first.submit(unsent, []);
    await waitForEntry(first, unsent.id, (e) => e.delivery.state === 'queued' && e.delivery.attempts === 1);
    first.close();

    // A page load 31 days after the first report: the default keeps 30 days.
    clock = Date.parse('2026-11-01T09:00:00Z') + 31 * day;
    const next = open({ now, backoff: NEVER });
    await waitUntil(async () => !(await next.list()).some((e) => e.id === old.id), 'the old sent report is removed on open');
    expect((await next.list()).map((e) => e.id).sort()).to.deep.equal([recent.id, unsent.id].sort());
    expect(await dumpDatabase(dbName)).not.to.contain(old.id);
    next.close();

    const strict = open({ now, backoff: NEVER, keepSentMs: 5 * day });
    await strict.pruneSent();
    expect((await strict.list()).map((e) => e.id)).to.deep.equal([unsent.id]);
  });

  it('delivers a ticket a closed page left queued when the next page opens the outbox', async () => {
    // A page load is createOutbox on the same database after the old page's outbox is gone.
    await command('intake-down');
    const first = open({ backoff: NEVER });
    const ticket = makeTicket();
    await first.submit(ticket, []);
    await waitForEntry(first, ticket.id, (e) => e.delivery.state === 'queued' && e.delivery.attempts === 1);
    first.close();
    await command('intake-up');

    const next = open({ backoff: NEVER });
    const entry = await waitForEntry(next, ticket.id, isSent);
    expect(entry.delivery.state === 'sent' && entry.delivery.result.reference).to.be.a('string').and.not.empty;
    expect(await storedCount(ticket.id)).to.equal(1);
    const [listed] = await next.list();
    expect(listed.id).to.equal(ticket.id);
    expect(listed.delivery.state).to.equal('sent');
  });

  it('retries three 500s with backoff and stores the ticket exactly once', async () => {
    await command('intake-fail', { status: 500, times: 3 });
    const outbox = open();
    const ticket = makeTicket();
    const seen: OutboxEntry[] = [];
    const settled = waitForEntry(outbox, ticket.id, isSent, seen);
    await outbox.submit(ticket, []);
    await settled;

    const retries = seen.flatMap((e) => (e.delivery.state === 'queued' && e.delivery.lastError ? [e.delivery] : []));
    expect(retries.map((d) => d.attempts)).to.deep.equal([1, 2, 3]);
    expect(retries.every((d) => d.lastError?.includes('(500)') && d.nextAttemptAt !== undefined)).to.equal(true);
    expect(await requestsFor(ticket.id)).to.equal(4);
    expect(await storedCount(ticket.id)).to.equal(1);
  });

  it('stops at a 400 with the reason and fields, sends nothing more, and delivers the corrected ticket', async () => {
    const fields = [{ path: 'observed', message: 'Observed behaviour must mention the queue.' }];
    await command('intake-fail', { status: 400, times: 1, code: 'validation_failed', message: 'The ticket has invalid fields.', fields });
    const outbox = open();
    const ticket = makeTicket();
    const failedWait = waitForEntry(outbox, ticket.id, isFailed);
    await outbox.submit(ticket, []);
    const failed = await failedWait;
    expect(failed.delivery).to.deep.equal({
      state: 'failed',
      reason: 'The intake service refused the report (400): The ticket has invalid fields.',
      status: 400,
      fields,
    });

    await outbox.flush();
    window.dispatchEvent(new Event('online'));
    await outbox.flush();
    expect(await requestsFor(ticket.id)).to.equal(1);
    expect(await storedCount(ticket.id)).to.equal(0);

    const corrected = { ...ticket, observed: 'Chats in the ABC queue wait and are never offered.' };
    const sentWait = waitForEntry(outbox, ticket.id, isSent);
    const requeued = await outbox.resubmit(corrected, []);
    expect(requeued.delivery).to.deep.equal({ state: 'queued', attempts: 0 });
    const sent = await sentWait;
    expect(sent.ticket.observed).to.equal(corrected.observed);
    expect(await storedCount(ticket.id)).to.equal(1);
  });

  it('ends in failed when the real service refuses a file whose bytes are not what its type says (415)', async () => {
    const outbox = open();
    const fake = { name: 'screen.png', type: 'image/png', blob: new Blob(['this is not a png'], { type: 'image/png' }) };
    const ticket = withFiles(makeTicket(), [fake], 'screenshot');
    const failedWait = waitForEntry(outbox, ticket.id, isFailed);
    await outbox.submit(ticket, [fake]);
    const failed = await failedWait;
    expect(failed.delivery.state === 'failed' && failed.delivery.status).to.equal(415);
    expect(failed.delivery.state === 'failed' && failed.delivery.reason).to.contain('does not accept one of the attached files').and.contain('screen.png');
    expect(failed.delivery.state === 'failed' && failed.delivery.fields?.[0].path).to.equal('attachments.0.type');

    await outbox.flush();
    expect(await requestsFor(ticket.id)).to.equal(1);

    const real = await pngFile('screen.png');
    const sentWait = waitForEntry(outbox, ticket.id, isSent);
    await outbox.resubmit(withFiles(ticket, [real], 'screenshot'), [real]);
    await sentWait;
    expect(await storedCount(ticket.id)).to.equal(1);
  });

  it('tells a subscriber of every change of every entry, in this tab and another, until it unsubscribes', async () => {
    await command('intake-fail', { status: 500, times: 1 });
    const tabA = open({ backoff: FAST });
    const tabB = open({ backoff: FAST });
    const seenA: OutboxEntry[] = [];
    const seenB: OutboxEntry[] = [];
    const stopA = tabA.subscribe((entry) => seenA.push(entry));
    tabB.subscribe((entry) => seenB.push(entry));
    const first = makeTicket({ summary: 'First' });
    const second = makeTicket({ summary: 'Second' });
    await tabA.submit(first, []);
    await tabA.submit(second, []);
    const sentIn = (seen: OutboxEntry[]) => new Set(seen.filter(isSent).map((e) => e.id));
    await waitUntil(() => sentIn(seenA).size === 2 && sentIn(seenB).size === 2, 'both tabs heard both reports sent', { timeout: 10_000 });
    // Each report's states as heard, repeats (upload progress) folded.
    const states = (seen: OutboxEntry[], id: string) =>
      seen.filter((e) => e.id === id).map((e) => e.delivery.state).filter((state, i, all) => state !== all[i - 1]).join(' ');
    // One of the two met the 500 and went back to the queue; both were stored, sent and confirmed.
    expect([states(seenA, first.id), states(seenA, second.id)].sort()).to.deep.equal([
      'queued sending queued sending sent',
      'queued sending sent',
    ]);
    expect(states(seenB, first.id)).to.equal(states(seenA, first.id), 'the other tab hears the same changes');
    expect(states(seenB, second.id)).to.equal(states(seenA, second.id));

    stopA();
    const heard = seenA.length;
    const third = makeTicket({ summary: 'Third' });
    await tabA.submit(third, []);
    await waitUntil(() => sentIn(seenB).has(third.id), 'the other subscriber still hears', { timeout: 10_000 });
    expect(seenA.length).to.equal(heard, 'an unsubscribed listener hears nothing more');
  });

  it('lets only one of two outboxes on the same database send, and both see it sent', async () => {
    // Two outboxes in one page stand in for two tabs: Web Locks and BroadcastChannel work per
    // origin, not per document, so they contend exactly as tabs do.
    await command('intake-down');
    const tabA = open({ backoff: NEVER });
    const tabB = open({ backoff: NEVER });
    const ticket = makeTicket();
    await tabA.submit(ticket, []);
    await waitForEntry(tabA, ticket.id, (e) => e.delivery.state === 'queued' && e.delivery.attempts === 1);
    await command('intake-up');
    // Hold the upload so that, without the lock, the second drain would start while the first sends.
    await command('intake-delay', { ms: 400, times: 1 });

    const seenByA = waitForEntry(tabA, ticket.id, isSent);
    const seenByB = waitForEntry(tabB, ticket.id, isSent);
    await Promise.all([tabA.flush(), tabB.flush()]);
    await Promise.all([seenByA, seenByB]);
    expect(await requestsFor(ticket.id)).to.equal(1);
    expect(await storedCount(ticket.id)).to.equal(1);
  });

  it('honours Retry-After: a 429 asking for 1 s schedules the next attempt no sooner', async () => {
    await command('intake-fail', { status: 429, times: 1, retryAfter: 1, code: 'rate_limited', message: 'Too many requests.' });
    const outbox = open({ backoff: { baseMs: 1, maxMs: 2 } });
    const ticket = makeTicket();
    const before = Date.now();
    const retryWait = waitForEntry(outbox, ticket.id, (e) => e.delivery.state === 'queued' && e.delivery.attempts === 1);
    await outbox.submit(ticket, []);
    const retry = await retryWait;
    if (retry.delivery.state !== 'queued') throw new Error('expected queued');
    expect(retry.delivery.nextAttemptAt).to.be.at.least(before + 1000);
    expect(retry.delivery.lastError).to.contain('busy (429)');
    await waitForEntry(outbox, ticket.id, isSent);
    expect(await requestsFor(ticket.id)).to.equal(2);
  });

  it('reports upload progress in bytes, rising to the total, for a multi-MB attachment', async () => {
    await command('intake-slow', { ms: 20 });
    const outbox = open();
    const log = logFile(9 * 1024 * 1024);
    const ticket = withFiles(makeTicket(), [log], 'logs');
    const seen: OutboxEntry[] = [];
    const sent = waitForEntry(outbox, ticket.id, isSent, seen);
    await outbox.submit(ticket, [log]);
    await sent;
    const progress = seen.flatMap((e) => (e.delivery.state === 'sending' ? [e.delivery] : []));
    const loaded = progress.map((p) => p.loaded);
    expect(loaded.length).to.be.greaterThan(2);
    expect(loaded).to.deep.equal([...loaded].sort((a, b) => a - b));
    const last = progress[progress.length - 1];
    expect(last.loaded).to.equal(last.total);
    expect(last.total).to.be.greaterThan(3 * 1024 * 1024);
  });

  it('refuses an invalid ticket with the fields named and stores nothing', async () => {
    const outbox = open();
    const ticket = makeTicket({ summary: '  ' });
    let error: unknown;
    try {
      await outbox.submit(ticket, []);
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(DeliveryError);
    expect((error as DeliveryError).fields).to.deep.equal([{ path: 'summary', message: 'Summary is required.' }]);
    expect(await outbox.list()).to.deep.equal([]);
    expect(await requestsFor(ticket.id)).to.equal(0);
  });

  it('says in words that the device has no room when storage is full, and keeps no half report', async () => {
    // A real quota: Chromium's limit for a second origin (the same test server by IP) is shrunk
    // through DevTools, and a window on that origin submits a report bigger than the limit.
    const origin = `${location.protocol}//127.0.0.1:${location.port}`;
    await command('storage-quota', { origin, bytes: 256 * 1024 });
    const ticket = makeTicket();
    const probe = window.open(`${origin}/test/support/quota-page.html`);
    if (!probe) throw new Error('the probe window was blocked');
    try {
      const reply = (expected: (data: unknown) => boolean) =>
        new Promise<unknown>((resolve) => {
          const onMessage = (event: MessageEvent) => {
            if (event.origin !== origin || !expected(event.data)) return;
            removeEventListener('message', onMessage);
            resolve(event.data);
          };
          addEventListener('message', onMessage);
        });
      await reply((data) => data === 'ready');
      const outcome = reply((data) => typeof data === 'object');
      probe.postMessage({ ticket, bytes: 2 * 1024 * 1024, dbName, intakeUrl: env.INTAKE_URL, intakeKey: env.INTAKE_KEY }, origin);
      const result = (await outcome) as { stored: boolean; name: string; message: string; code: string; listed: number };
      expect(result.stored).to.equal(false);
      expect(result.name).to.equal('DeliveryError');
      expect(result.code).to.equal('storage_full');
      expect(result.message).to.match(/^This device has no room to keep the report: /);
      expect(result.listed).to.equal(0);
      expect(await requestsFor(ticket.id)).to.equal(0);
    } finally {
      probe.close();
      await command('storage-quota', { bytes: null });
    }
  });

  it('exports a report as JSON with the ticket, its bytes in base64 and the delivery state', async () => {
    await command('intake-down');
    const outbox = open({ backoff: NEVER });
    const file = await pngFile();
    const ticket = withFiles(makeTicket(), [file], 'screenshot');
    await outbox.submit(ticket, [file]);

    const blob = await outbox.exportEntry(ticket.id);
    expect(blob.type).to.equal('application/json');
    const exported = JSON.parse(await blob.text());
    expect(exported.ticket).to.deep.equal(ticket);
    expect(exported.delivery.state).to.be.oneOf(['queued', 'sending']);
    expect(exported.attachments).to.have.length(1);
    const bytes = Uint8Array.from(atob(exported.attachments[0].data), (c) => c.charCodeAt(0));
    expect([...bytes]).to.deep.equal([...new Uint8Array(await file.blob.arrayBuffer())]);
  });

  it('keeps a sent report with its reference but drops its bytes to save space', async () => {
    const outbox = open();
    const file = await pngFile();
    const ticket = withFiles(makeTicket(), [file], 'screenshot');
    const sent = waitForEntry(outbox, ticket.id, isSent);
    await outbox.submit(ticket, [file]);
    const entry = await sent;
    const dump = await dumpDatabase(dbName);
    expect(dump).to.contain(ticket.id);
    expect(dump).to.not.contain('<blob');
    const [listed] = await outbox.list();
    expect(listed.delivery).to.deep.equal(entry.delivery);
  });

  it('answers a second submit of the same draft with the stored entry instead of a second report', async () => {
    const outbox = open();
    const ticket = makeTicket();
    const sent = waitForEntry(outbox, ticket.id, isSent);
    const first = await outbox.submit(ticket, []);
    const second = await outbox.submit({ ...ticket, summary: 'A double click, not a new report' }, []);
    // The same stored entry (its delivery may have moved on meanwhile), not the double click's words.
    expect({ id: second.id, ticket: second.ticket, storedAt: second.storedAt }).to.deep.equal({ id: first.id, ticket: first.ticket, storedAt: first.storedAt });
    await sent;
    expect(await outbox.list()).to.have.length(1);
    expect(await storedCount(ticket.id)).to.equal(1);
  });
});
