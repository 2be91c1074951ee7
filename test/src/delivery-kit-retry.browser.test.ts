// The follower of the delivery module loads its code once the page is idle after its first
// subscriber (the launcher's badge). A load that fails then (the server of the page's code was
// gone for a moment) is tried again on its own: the badge does not stay "nothing yet" all shift.
// The same holds for a transport: the outbox's next attempt loads it. Chromium against the REAL
// intake service; the test server fails the follower's or the transport's file on cue.
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { describe, it } from '../support/harness.js';
import { createFollower, createIntakeTransport, createOutbox, type Follower, type FollowState, type Outbox } from '../../src/delivery-kit.js';
import { after, before, deleteDatabase, isSent, loadEnv, makeTicket, waitForEntry, type IntakeEnv } from '../support/delivery-fixtures.js';

const FOLLOWER_FILE = new URL('../../src/follow.ts', import.meta.url).pathname;
const TRANSPORT_FILE = new URL('../../src/transports/intake.ts', import.meta.url).pathname;

describe('delivery kit: a part whose code failed to load', () => {
  let env: IntakeEnv;
  const dbName = `delivery-kit-retry-${crypto.randomUUID()}`;
  let outbox: Outbox;
  let follower: Follower | undefined;

  before(async () => {
    env = await loadEnv();
  });
  after(async () => {
    for (const path of [FOLLOWER_FILE, TRANSPORT_FILE]) await executeServerCommand('module-fail', { path, times: 0 });
    follower?.close();
    outbox?.close();
    await deleteDatabase(dbName);
  });

  it('delivers through a transport whose code failed to load on the first send, on the outbox’s next attempt', async () => {
    // An HTTP error, which Chromium keeps for the page's life under the same URL.
    await executeServerCommand('module-fail', { path: TRANSPORT_FILE, times: 1, status: 503 });
    outbox = createOutbox({ transport: createIntakeTransport({ url: env.INTAKE_URL, apiKey: env.INTAKE_KEY }), dbName, backoff: { baseMs: 200, maxMs: 1_000 } });
    const entry = await outbox.submit(makeTicket({ summary: 'Delivered although its transport failed to load once' }), []);
    const sent = await waitForEntry(outbox, entry.id, isSent);
    expect(sent.delivery.state).to.equal('sent');
    expect(await executeServerCommand('module-fail', { path: TRANSPORT_FILE, times: 0 }), 'the first load met the fault').to.equal(0);
  });

  it('loads it again by itself, and then follows the report this device sent', async () => {
    const [entry] = (await outbox.list()).filter(isSent);

    await executeServerCommand('module-fail', { path: FOLLOWER_FILE, times: 1, status: 503 });
    follower = createFollower({ url: env.INTAKE_URL, apiKey: env.INTAKE_KEY, outbox, intervalMs: 150, storageKey: `retry-${crypto.randomUUID()}` });
    const states: FollowState[] = [];
    follower.subscribe((state) => states.push(state));
    expect(states).to.have.length(1);

    // Nothing but the subscription asks for the follower: no refresh, no join.
    await waitUntil(() => follower!.state().items.get(`ticket:${entry.id}`)?.view, 'the sent report is followed after a later load', { timeout: 15_000 });
    expect(await executeServerCommand('module-fail', { path: FOLLOWER_FILE, times: 0 }), 'the first load met the fault').to.equal(0);
    expect(states.at(-1)).to.equal(follower.state());
  });
});
