// The delivery module hosts import at start (the embed's triage-delivery.js) in Chromium against
// the REAL intake service: its outbox loads its code once the page is idle and drains then, its
// transports, signals and follower load theirs when first used, and once loaded each does what
// the module it comes from does. What the page has fetched is read from
// the browser's own resource timing: this test page imports nothing else of the delivery code.
import { expect, waitUntil } from '@open-wc/testing';
import { describe, it } from '../support/harness.js';
import {
  createFollower,
  createIntakeSignals,
  createIntakeTransport,
  createOsvcTransport,
  createOutbox,
  type Follower,
  type FollowState,
  type Outbox,
  type OutboxEntry,
  type Transport,
} from '../../src/delivery-kit.js';
import { after, before, deleteDatabase, isSent, loadEnv, makeTicket, waitForEntry, type IntakeEnv } from '../support/delivery-fixtures.js';

const NEVER = { baseMs: 600_000, maxMs: 600_000 };
/** A transport whose service never answers: what it is handed stays queued. */
const UNREACHABLE: Transport = {
  name: 'unreachable',
  send: async () => {
    throw new TypeError('Failed to fetch');
  },
};
const fetched = (module: string) => performance.getEntriesByType('resource').some((entry) => new URL(entry.name).pathname.endsWith(module));

describe('delivery kit: each part loads when first used', () => {
  let env: IntakeEnv;
  const dbName = `delivery-kit-${crypto.randomUUID()}`;
  const queuedDbName = `delivery-kit-queued-${crypto.randomUUID()}`;
  const storageKey = `delivery-kit-${crypto.randomUUID()}`;
  let outbox: Outbox;
  let follower: Follower | undefined;

  before(async () => {
    env = await loadEnv();
  });
  after(async () => {
    follower?.close();
    outbox?.close();
    await deleteDatabase(dbName);
    await deleteDatabase(queuedDbName);
  });

  it('checks the options when a part is made, before its code loads', () => {
    expect(() => createIntakeTransport({ url: 'https://intake.example' })).to.throw('createIntakeTransport needs apiKey or getApiKey.');
    expect(() => createIntakeSignals({ url: 'https://intake.example' })).to.throw('createIntakeSignals needs apiKey or getApiKey.');
    expect(() => createFollower({ url: 'https://intake.example' })).to.throw('createFollower needs apiKey or getApiKey.');
    expect(() => createFollower({ url: 'https://intake.example', apiKey: 'k', intervalMs: 0 })).to.throw(RangeError);
    expect(() => createOsvcTransport({ restBase: 'https://site.example/services/rest', getSessionToken: async () => 's', applicationContext: 'x'.repeat(41) })).to.throw(
      'applicationContext must be 1 to 40 characters',
    );
    // Nothing was made: none of their code has been fetched.
    for (const module of ['/transports/intake.ts', '/transports/osvc.ts', '/signals.ts', '/follow.ts']) expect(fetched(module), module).to.equal(false);
  });

  it("loads the outbox's code once the page is idle, with no call, and hands it the subscribers that came before", async () => {
    const earlier = createOutbox({ transport: UNREACHABLE, dbName: queuedDbName, backoff: NEVER });
    const heard: OutboxEntry[] = [];
    const stop = earlier.subscribe((entry) => heard.push(entry));
    // A page at start has fetched none of the outbox: it waits for an idle moment.
    expect(fetched('/outbox.ts')).to.equal(false);
    await waitUntil(() => fetched('/outbox.ts'), 'the outbox loads once the page is idle', { timeout: 15_000 });

    // Queued on this device; its one attempt failed, so it stays queued for the next page.
    const entry = await earlier.submit(makeTicket({ summary: 'Queued by an earlier page' }), []);
    await waitUntil(() => heard.some((e) => e.id === entry.id && e.delivery.state === 'queued' && e.delivery.attempts === 1), 'the subscriber hears the failed attempt');
    stop();
    earlier.close();
  });

  it('delivers through the intake transport loaded when first needed, and never fetches the OSvC one', async () => {
    outbox = createOutbox({ transport: createIntakeTransport({ url: env.INTAKE_URL, apiKey: env.INTAKE_KEY }), dbName, backoff: NEVER });
    expect(fetched('/transports/intake.ts')).to.equal(false);
    const entry = await outbox.submit(makeTicket({ summary: 'Delivered by the transport loaded on first send' }), []);
    const sent = await waitForEntry(outbox, entry.id, isSent);
    expect(sent.delivery.state).to.equal('sent');
    expect(fetched('/transports/intake.ts')).to.equal(true);
    expect(fetched('/transports/osvc.ts')).to.equal(false);
  });

  it('delivers a report an earlier page left queued once the page is idle, with no call asking it to', async () => {
    const [queued] = await (async () => {
      const look = createOutbox({ transport: UNREACHABLE, dbName: queuedDbName, backoff: NEVER });
      const list = await look.list();
      look.close();
      return list;
    })();
    expect(queued.delivery.state).to.equal('queued');
    // The next page: an outbox made, a subscriber (as My reports or the launcher's badge), and nothing else.
    const next = createOutbox({ transport: createIntakeTransport({ url: env.INTAKE_URL, apiKey: env.INTAKE_KEY }), dbName: queuedDbName, backoff: NEVER });
    const heard: OutboxEntry[] = [];
    const stop = next.subscribe((entry) => heard.push(entry));
    await waitUntil(() => heard.some((e) => e.id === queued.id && isSent(e)), 'the queued report is sent', { timeout: 15_000 });
    stop();
    next.close();
  });

  it('answers a related-reports lookup through the signals loaded on the first one', async () => {
    const signals = createIntakeSignals({ url: env.INTAKE_URL, apiKey: env.INTAKE_KEY });
    const related = await signals.recent({ category: 'voice', queue: `queue-${crypto.randomUUID()}`, minutes: 30 });
    expect(related).to.deep.equal({ reports: 0, agents: 0, minutes: 30 });
    expect(fetched('/signals.ts')).to.equal(true);
  });

  it('tells a subscriber "nothing yet" at once, then what support did once the follower has loaded', async () => {
    const [entry] = (await outbox.list()).filter(isSent);
    follower = createFollower({ url: env.INTAKE_URL, apiKey: env.INTAKE_KEY, outbox, intervalMs: 150, storageKey });
    const states: FollowState[] = [];
    const stop = follower.subscribe((state) => states.push(state));
    expect(states).to.have.length(1);
    expect(states[0].items.size).to.equal(0);
    expect(follower.state().items.size).to.equal(0);

    // Once the page is idle the follower loads and asks about the report this device sent.
    // (Its key is followKey('ticket', id); importing follow.ts for it would load the follower here.)
    await waitUntil(() => follower!.state().items.get(`ticket:${entry.id}`)?.view, 'the sent report is followed', { timeout: 15_000 });
    expect(fetched('/follow.ts')).to.equal(true);
    expect(states.at(-1)).to.equal(follower.state());
    await follower.refresh();
    stop();
  });
});
