// Who may do what (../shared/contracts/intake-api.md): the key every browser carries submits and
// reads its own ticket by receipt only; support lists, reads, downloads and changes. Wrong keys
// are throttled per address, and a whole site's outage storm through the one browser key is not.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  ADMIN_KEY, API_KEY, PNG, SUPPORT_KEY, auth, expectError, makeTicket, postTicket, startTestServer, withFiles, type TestServer,
} from '../support/server-harness.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('scoped keys', () => {
  let server: TestServer;
  const files = [{ name: 'screen.png', type: 'image/png', data: PNG, kind: 'screenshot' as const }];
  const mine = withFiles(makeTicket({ summary: 'My own report' }), files);
  const theirs = withFiles(makeTicket({ summary: "A colleague's report", reporter: { login: 'kim' } }), files);
  let receipt = '';
  let theirReceipt = '';

  before(async () => {
    server = await startTestServer();
    const first = await postTicket(server.url, mine, files);
    assert.equal(first.status, 201);
    receipt = (await first.json()).receipt;
    theirReceipt = (await (await postTicket(server.url, theirs, files)).json()).receipt;
  });
  after(() => server.close());

  const get = (path: string, headers: Record<string, string>) => fetch(`${server.url}${path}`, { headers });

  it('gives each ticket its own receipt, stored only as a hash, and the same one again on a replay', async () => {
    assert.notEqual(receipt, theirReceipt);
    const replay = await postTicket(server.url, mine, files);
    assert.equal(replay.status, 200);
    assert.equal((await replay.json()).receipt, receipt);
    const [row] = await server.sql<{ receipt_hash: string }>('SELECT receipt_hash FROM tickets WHERE id = ?', mine.id);
    assert.equal(row!.receipt_hash, sha(receipt));
    for (const table of ['tickets', 'idempotency', 'events', 'attachments']) {
      const rows = await server.sql(`SELECT * FROM ${table}`);
      assert.ok(!JSON.stringify(rows).includes(receipt), `the receipt itself is not in ${table}`);
    }
  });

  it('lets the browser key read its own ticket and events with the receipt, without download links', async () => {
    const ticket = await get(`/api/tickets/${mine.id}`, { ...auth(API_KEY), 'triage-receipt': receipt });
    assert.equal(ticket.status, 200);
    const body = await ticket.json();
    assert.equal(body.summary, 'My own report');
    assert.equal(body.status, 'new');
    assert.equal(body.attachments.length, 1);
    assert.equal(body.attachments[0].href, undefined, 'the browser key cannot download, so it gets no link');
    const events = await get(`/api/tickets/${mine.id}/events`, { ...auth(API_KEY), 'triage-receipt': receipt });
    assert.equal(events.status, 200);
    assert.deepEqual((await events.json()).events.map((e: { type: string }) => e.type), ['created']);
  });

  it('refuses the browser key a ticket without a receipt (403) and with a wrong one (404, as for no ticket)', async () => {
    await expectError(await get(`/api/tickets/${theirs.id}`, auth(API_KEY)), 403, 'receipt_required');
    await expectError(await get(`/api/tickets/${theirs.id}/events`, auth(API_KEY)), 403, 'receipt_required');
    const wrong = await expectError(await get(`/api/tickets/${theirs.id}`, { ...auth(API_KEY), 'triage-receipt': receipt }), 404, 'not_found');
    const missing = await expectError(await get(`/api/tickets/${makeTicket().id}`, { ...auth(API_KEY), 'triage-receipt': receipt }), 404, 'not_found');
    assert.deepEqual(wrong, missing, 'a wrong receipt does not confirm that the id exists');
    await expectError(await get(`/api/tickets/${theirs.id}/events`, { ...auth(API_KEY), 'triage-receipt': 'x'.repeat(43) }), 404, 'not_found');
    // A receipt opens its own ticket only; the support key needs none.
    assert.equal((await get(`/api/tickets/${theirs.id}`, { ...auth(API_KEY), 'triage-receipt': theirReceipt })).status, 200);
  });

  it('refuses the browser key listing, downloads and changes, even with a receipt', async () => {
    await expectError(await get('/api/tickets', auth(API_KEY)), 403, 'forbidden');
    await expectError(await get(`/api/tickets/${mine.id}/attachments/0`, { ...auth(API_KEY), 'triage-receipt': receipt }), 403, 'forbidden');
    const patch = await fetch(`${server.url}/api/tickets/${mine.id}`, {
      method: 'PATCH',
      headers: { ...auth(API_KEY), 'triage-receipt': receipt, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'resolved', reason: 'I fixed it myself' }),
    });
    await expectError(patch, 403, 'forbidden');
    const [row] = await server.sql<{ status: string }>('SELECT status FROM tickets WHERE id = ?', mine.id);
    assert.equal(row!.status, 'new');
  });

  it('lets support and admin keys list, read, download and change every ticket', async () => {
    for (const key of [SUPPORT_KEY, ADMIN_KEY]) {
      const list = await get('/api/tickets', auth(key));
      assert.equal(list.status, 200);
      assert.deepEqual(new Set((await list.json()).items.map((i: { id: string }) => i.id)), new Set([mine.id, theirs.id]));
      const read = await (await get(`/api/tickets/${theirs.id}`, auth(key))).json();
      assert.equal(read.attachments[0].href, `/api/tickets/${theirs.id}/attachments/0`);
      const download = await get(read.attachments[0].href, auth(key));
      assert.equal(download.status, 200);
      assert.deepEqual(new Uint8Array(await download.arrayBuffer()), PNG);
    }
    const patch = await fetch(`${server.url}/api/tickets/${theirs.id}`, {
      method: 'PATCH',
      headers: { ...auth(SUPPORT_KEY), 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'acknowledged', reason: 'Looking into it' }),
    });
    assert.equal(patch.status, 200);
    // The agent sees the change through the receipt.
    const events = await (await get(`/api/tickets/${theirs.id}/events`, { ...auth(API_KEY), 'triage-receipt': theirReceipt })).json();
    assert.deepEqual(events.events.map((e: { to: string }) => e.to), ['new', 'acknowledged']);
  });

  it('answers the browser key related reports with counts and each ticket\'s id, reference, summary and dates only', async () => {
    const response = await get('/api/signals?category=chat-routing', auth(API_KEY));
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.equal(body.reports, 2);
    for (const ticket of body.tickets) {
      assert.deepEqual(Object.keys(ticket).sort(), ['createdAt', 'id', 'receivedAt', 'reference', 'summary']);
    }
    assert.equal(body.tickets.find((t: { id: string }) => t.id === mine.id).createdAt, mine.createdAt);
  });
});

describe('failed key attempts', () => {
  let server: TestServer;
  let clock = 0;
  before(async () => {
    server = await startTestServer({ rateLimit: { failedKeysPerMinute: 3, clock: () => clock } });
  });
  after(() => server.close());

  it('answers 429 with Retry-After after too many wrong keys from one address, then lets a right key in again', async () => {
    for (let i = 0; i < 3; i++) await expectError(await fetch(`${server.url}/api/signals?category=voice`, { headers: auth(`guess-${i}-0123456789abcdef`) }), 401, 'unauthorized');
    const limited = await fetch(`${server.url}/api/signals?category=voice`, { headers: auth('guess-3-0123456789abcdef') });
    await expectError(limited, 429, 'too_many_failed_keys');
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 20, String(retryAfter));
    // While the address waits, even the right key is refused: guessing cannot go on between right calls.
    await expectError(await fetch(`${server.url}/api/signals?category=voice`, { headers: auth(API_KEY) }), 429, 'too_many_failed_keys');
    clock += retryAfter * 1000;
    assert.equal((await fetch(`${server.url}/api/signals?category=voice`, { headers: auth(API_KEY) })).status, 200);
    // A request without any key is not a guess: it costs nothing.
    clock += 60_000;
    for (let i = 0; i < 5; i++) await expectError(await fetch(`${server.url}/api/signals?category=voice`), 401, 'unauthorized');
    assert.equal((await fetch(`${server.url}/api/signals?category=voice`, { headers: auth(API_KEY) })).status, 200);
  });
});

describe('an outage storm through one browser key', () => {
  let server: TestServer;
  before(async () => {
    // The defaults, as `npm start` runs them.
    server = await startTestServer();
  });
  after(() => server.close());

  it('takes 1,000 agents of one site in a minute, each submitting, asking for related reports and reading its status', async () => {
    const agents = 1000;
    const statuses = new Map<number, number>();
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    let next = 0;
    const agent = async () => {
      for (let i = next++; i < agents; i = next++) {
        const signals = await fetch(`${server.url}/api/signals?category=voice&queue=Site-North`, { headers: auth(API_KEY) });
        count(signals.status);
        await signals.arrayBuffer();
        const ticket = makeTicket({ category: 'voice', records: { queue: 'Site-North' }, reporter: { login: `agent-${i}` } });
        const created = await postTicket(server.url, ticket);
        count(created.status);
        const { receipt } = await created.json();
        const status = await fetch(`${server.url}/api/tickets/${ticket.id}`, { headers: { ...auth(API_KEY), 'triage-receipt': receipt } });
        count(status.status);
        await status.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 16 }, agent));
    assert.deepEqual([...statuses].sort(), [[200, 2 * agents], [201, agents]], 'no 429 and no other refusal');
    const [{ n }] = (await server.sql<{ n: number | string }>('SELECT count(*) AS n FROM tickets')) as [{ n: number | string }];
    assert.equal(Number(n), agents);
  });
});
