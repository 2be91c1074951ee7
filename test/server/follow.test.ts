// Support talks back and the receipt holder follows (issue 12): the ticket view with its ETag,
// the SLA on the service's clock from the arrival, regrades with the policy's reason, responses
// and updates, and the queue sorted by what is due. Real HTTP, real storage, both engines.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { API_KEY, SUPPORT_KEY, auth, expectError, makeTicket, postTicket, startTestServer, type TestServer } from '../support/server-harness.js';

/** A clock the test moves; the service reads it for arrival times, due times and overdue. */
function testClock(start: string) {
  let current = new Date(start);
  return { now: () => current, set: (iso: string) => (current = new Date(iso)) };
}

async function send(server: TestServer, overrides: Record<string, unknown> = {}): Promise<{ id: string; receipt: string }> {
  const ticket = makeTicket(overrides);
  const response = await postTicket(server.url, ticket);
  assert.equal(response.status, 201, await response.clone().text());
  return { id: ticket.id, receipt: (await response.json()).receipt };
}

const json = (server: TestServer, method: string, path: string, body: unknown, key = SUPPORT_KEY) =>
  fetch(`${server.url}${path}`, { method, headers: { ...auth(key), 'content-type': 'application/json' }, body: JSON.stringify(body) });

const read = async (server: TestServer, id: string, key = SUPPORT_KEY, headers: Record<string, string> = {}) => {
  const response = await fetch(`${server.url}/api/tickets/${id}`, { headers: { ...auth(key), ...headers } });
  assert.equal(response.status, 200);
  return response.json();
};

describe('following a ticket: the SLA clock', () => {
  let server: TestServer;
  const clock = testClock('2026-12-01T15:00:00.000Z');
  before(async () => {
    server = await startTestServer({ now: clock.now });
  });
  after(() => server.close());

  it('counts the response from when the intake received the ticket, not from the browser\'s createdAt', async () => {
    clock.set('2026-12-01T15:00:00.000Z');
    // Written at 13:00 and queued offline for two hours: it must not arrive already late.
    const { id, receipt } = await send(server, { createdAt: '2026-12-01T13:00:00.000Z' });
    const view = await read(server, id, API_KEY, { 'triage-receipt': receipt });
    assert.deepEqual(view.sla, {
      plan: 'standard', coverage: '24x7', clockStartedAt: '2026-12-01T15:00:00.000Z', responseDueAt: '2026-12-01T15:30:00.000Z',
      respondedAt: null, nextUpdateDueAt: '2026-12-01T16:00:00.000Z', overdue: false,
    });
    assert.deepEqual(view.updates, []);
    assert.deepEqual(view.logRequests, []);
    assert.equal(view.incident, null);
    assert.deepEqual(view.affected, { reported: 1, joined: 0 });
    clock.set('2026-12-01T15:31:00.000Z');
    assert.equal((await read(server, id)).sla.overdue, true, 'no response 31 minutes after arrival');
  });

  it('records the first response and asks a severity 1 for an update every 60 minutes after the last', async () => {
    clock.set('2026-12-01T15:00:00.000Z');
    const { id, receipt } = await send(server);
    clock.set('2026-12-01T15:20:00.000Z');
    const posted = await json(server, 'POST', `/api/tickets/${id}/updates`, { kind: 'response', text: 'We are looking into it.' });
    assert.equal(posted.status, 201);
    const update = await posted.json();
    assert.equal(update.kind, 'response');
    assert.equal(update.text, 'We are looking into it.');
    assert.equal(update.at, '2026-12-01T15:20:00.000Z');
    let view = await read(server, id, API_KEY, { 'triage-receipt': receipt });
    assert.equal(view.sla.respondedAt, '2026-12-01T15:20:00.000Z');
    assert.equal(view.sla.nextUpdateDueAt, '2026-12-01T16:20:00.000Z');
    assert.deepEqual(view.updates.map((u: { id: string; by: string }) => [u.id, u.by]), [[update.id, 'Support']], 'the agent reads "Support", not the key label');
    assert.match((await read(server, id)).updates[0].by, /^support-/, 'support sees the label');

    clock.set('2026-12-01T16:21:00.000Z');
    assert.equal((await read(server, id)).sla.overdue, true, 'the hourly update is a minute late');
    clock.set('2026-12-01T16:25:00.000Z');
    assert.equal((await json(server, 'POST', `/api/tickets/${id}/updates`, { kind: 'update', text: 'A fix is being tested.' })).status, 201);
    view = await read(server, id);
    assert.equal(view.sla.respondedAt, '2026-12-01T15:20:00.000Z', 'an update is not the first response');
    assert.equal(view.sla.nextUpdateDueAt, '2026-12-01T17:25:00.000Z');
    assert.equal(view.sla.overdue, false);
    assert.deepEqual(view.updates.map((u: { kind: string }) => u.kind), ['response', 'update']);
    const events = await (await fetch(`${server.url}/api/tickets/${id}/events`, { headers: auth(SUPPORT_KEY) })).json();
    assert.deepEqual(events.events.map((e: { type: string }) => e.type), ['created', 'response', 'update']);
  });

  it('answers the receipt holder with an ETag and 304 while nothing changed', async () => {
    clock.set('2026-12-01T15:00:00.000Z');
    const { id, receipt } = await send(server);
    const headers = { ...auth(API_KEY), 'triage-receipt': receipt };
    const first = await fetch(`${server.url}/api/tickets/${id}`, { headers });
    const tag = first.headers.get('etag');
    assert.match(tag ?? '', /^"[A-Za-z0-9_-]{32}"$/);
    const again = await fetch(`${server.url}/api/tickets/${id}`, { headers: { ...headers, 'if-none-match': tag! } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    assert.equal((await json(server, 'PATCH', `/api/tickets/${id}`, { status: 'acknowledged', reason: 'On it' })).status, 200);
    const changed = await fetch(`${server.url}/api/tickets/${id}`, { headers: { ...headers, 'if-none-match': tag! } });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), tag);
    assert.equal((await changed.json()).status, 'acknowledged');
  });

  it('needs a reason from the policy for a regrade, restarts the clock on an upgrade and keeps it on a downgrade', async () => {
    clock.set('2026-12-01T15:00:00.000Z');
    const minor = await send(server, { severity: { suggested: 3, reasons: ['One agent.'], chosen: 3 } });
    clock.set('2026-12-01T16:00:00.000Z');
    const missing = await expectError(await json(server, 'PATCH', `/api/tickets/${minor.id}`, { severity: 2, reason: 'Twelve agents now' }), 400, 'validation_failed');
    assert.deepEqual(missing.error.fields.map((f: { path: string }) => f.path), ['regradeReason']);
    const contradicting = await expectError(await json(server, 'PATCH', `/api/tickets/${minor.id}`, { severity: 2, reason: 'x', regradeReason: 'bcp-in-place' }), 400);
    assert.equal(contradicting.error.fields[0].path, 'regradeReason');

    const upgraded = await json(server, 'PATCH', `/api/tickets/${minor.id}`, { severity: 2, reason: 'More agents affected: 12 now', regradeReason: 'more-agents' });
    assert.equal(upgraded.status, 200);
    const view = await read(server, minor.id, API_KEY, { 'triage-receipt': minor.receipt });
    assert.deepEqual(
      { chosen: view.severity.chosen, agentChosen: view.severity.agentChosen, suggested: view.severity.suggested, changedBy: view.severity.changedBy, reason: view.severity.reason, reasonText: view.severity.reasonText },
      { chosen: 2, agentChosen: 3, suggested: 3, changedBy: 'support', reason: 'more-agents', reasonText: 'More agents affected: 12 now' },
    );
    // Standard severity 2: two business hours (6am-4pm New York) from the upgrade at 11:00 EST.
    assert.equal(view.sla.clockStartedAt, '2026-12-01T16:00:00.000Z');
    assert.equal(view.sla.responseDueAt, '2026-12-01T18:00:00.000Z');

    clock.set('2026-12-01T15:00:00.000Z');
    const outage = await send(server);
    clock.set('2026-12-01T15:10:00.000Z');
    assert.equal((await json(server, 'PATCH', `/api/tickets/${outage.id}`, { severity: 2, reason: 'Agents moved to native chat', regradeReason: 'bcp-in-place' })).status, 200);
    const down = await read(server, outage.id);
    assert.equal(down.sla.clockStartedAt, '2026-12-01T15:00:00.000Z', 'a downgrade counts from the arrival');
    assert.equal(down.sla.responseDueAt, '2026-12-01T17:00:00.000Z');
    assert.equal(down.sla.nextUpdateDueAt, null, 'hourly updates are for severity 1 only');
  });

  it('closes a ticket, and a closed or waiting ticket is never overdue', async () => {
    clock.set('2026-12-01T15:00:00.000Z');
    const { id } = await send(server);
    clock.set('2026-12-01T18:00:00.000Z');
    assert.equal((await read(server, id)).sla.overdue, true);
    assert.equal((await json(server, 'PATCH', `/api/tickets/${id}`, { status: 'waiting', reason: 'The ACD owner has it' })).status, 200);
    assert.equal((await read(server, id)).sla.overdue, false);
    assert.equal((await json(server, 'PATCH', `/api/tickets/${id}`, { status: 'closed', reason: 'Done' })).status, 200);
    const view = await read(server, id);
    assert.equal(view.status, 'closed');
    assert.equal(view.sla.overdue, false);
  });

  it('keeps support routes from the browser key and checks every field', async () => {
    clock.set('2026-12-01T15:00:00.000Z');
    const { id } = await send(server);
    await expectError(await json(server, 'POST', `/api/tickets/${id}/updates`, { kind: 'response', text: 'x' }, API_KEY), 403, 'forbidden');
    await expectError(await json(server, 'POST', `/api/tickets/${id}/log-requests`, { from: '2026-12-01T14:00:00Z', to: '2026-12-01T15:00:00Z' }, API_KEY), 403, 'forbidden');
    const bad = await expectError(await json(server, 'POST', `/api/tickets/${id}/updates`, { kind: 'shout', text: '' }), 400, 'validation_failed');
    assert.deepEqual(bad.error.fields.map((f: { path: string }) => f.path), ['kind', 'text']);
    await expectError(await json(server, 'POST', `/api/tickets/${id}/updates`, { kind: 'update', text: 'a\u0000b' }), 400, 'validation_failed');
    await expectError(await json(server, 'POST', '/api/tickets/nope/updates', { kind: 'update', text: 'x' }), 404, 'not_found');
  });

  it('stores support\'s text exactly as given', async () => {
    clock.set('2026-12-01T15:00:00.000Z');
    const { id, receipt } = await send(server);
    const text = '<img src=x onerror=alert(1)> "quoted" & \u00e9 \ud83d\ude00\n  indented';
    assert.equal((await json(server, 'POST', `/api/tickets/${id}/updates`, { kind: 'response', text })).status, 201);
    const view = await read(server, id, API_KEY, { 'triage-receipt': receipt });
    assert.equal(view.updates[0].text, text);
  });
});

describe('the queue sorted by what is due', () => {
  let server: TestServer;
  const clock = testClock('2026-12-01T14:00:00.000Z');
  before(async () => {
    server = await startTestServer({ now: clock.now });
  });
  after(() => server.close());

  it('puts overdue first, then what falls due first, Premium ahead of Standard within a severity 2-4', async () => {
    const level = (n: number) => ({ severity: { suggested: n, reasons: ['x'], chosen: n } });
    const plan = (name: string) => ({ sla: { plan: name, responseDueAt: '2026-12-01T20:00:00Z', coverage: 'business-hours' } });
    clock.set('2026-12-01T14:00:00.000Z');
    const late = await send(server, { summary: 'late outage' }); // due 14:30, overdue at 15:00
    clock.set('2026-12-01T15:00:00.000Z');
    const standard = await send(server, { summary: 'standard S4', ...level(4), ...plan('standard') });
    clock.set('2026-12-01T15:01:00.000Z');
    const premium = await send(server, { summary: 'premium S4', ...level(4), ...plan('premium') }); // due a minute later
    const major = await send(server, { summary: 'standard S2', ...level(2) }); // due 17:01
    const done = await send(server, { summary: 'resolved' });
    assert.equal((await json(server, 'PATCH', `/api/tickets/${done.id}`, { status: 'resolved', reason: 'Fixed' })).status, 200);
    clock.set('2026-12-01T15:05:00.000Z');

    const list = await fetch(`${server.url}/api/tickets?sort=due`, { headers: auth(SUPPORT_KEY) });
    assert.equal(list.status, 200);
    const body = await list.json();
    assert.deepEqual(body.items.map((i: { id: string }) => i.id), [late.id, major.id, premium.id, standard.id]);
    assert.equal(body.items[0].sla.overdue, true);
    assert.equal(body.items[2].sla.plan, 'premium');

    const paged = await (await fetch(`${server.url}/api/tickets?sort=due&limit=3`, { headers: auth(SUPPORT_KEY) })).json();
    assert.equal(paged.items.length, 3);
    const rest = await (await fetch(`${server.url}/api/tickets?sort=due&limit=3&cursor=${paged.nextCursor}`, { headers: auth(SUPPORT_KEY) })).json();
    assert.deepEqual(rest.items.map((i: { id: string }) => i.id), [standard.id]);
    assert.equal(rest.nextCursor, null);
    await expectError(await fetch(`${server.url}/api/tickets?sort=oldest`, { headers: auth(SUPPORT_KEY) }), 400, 'validation_failed');
  });

  it('takes the plan from the service\'s configuration when it has one', async () => {
    const configured = await startTestServer({ now: clock.now, sla: { plan: 'premium' } });
    try {
      // 15:00 New York: a Standard severity 3 would wait for tomorrow's business hours; Premium runs 24x7.
      clock.set('2026-12-01T20:00:00.000Z');
      const { id } = await send(configured, { severity: { suggested: 3, reasons: ['x'], chosen: 3 }, sla: { plan: 'standard', responseDueAt: '2026-12-02T16:00:00Z', coverage: 'business-hours' } });
      const view = await read(configured, id);
      assert.equal(view.sla.plan, 'premium');
      assert.equal(view.sla.coverage, '24x7');
      assert.equal(view.sla.responseDueAt, '2026-12-02T02:00:00.000Z');
      const standard = await send(server, { severity: { suggested: 3, reasons: ['x'], chosen: 3 } });
      assert.equal((await read(server, standard.id)).sla.responseDueAt, '2026-12-02T16:00:00.000Z', 'one business hour today, five tomorrow from 6am');
    } finally {
      await configured.close();
    }
  });
});
