// Lifecycle changes with who/when/why, and cross-agent correlation (related counts and signals)
// measured against an injected clock.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { auth, expectError, getJson, makeTicket, postTicket, startTestServer, type TestServer, SUPPORT_KEY } from '../support/server-harness.js';

const OPS_KEY = 'ops-jane-key-0000000000000000';
const AGENT_KEY = 'agents-browser-key-111111111111';

describe('lifecycle', () => {
  let server: TestServer;
  let clock = new Date('2026-12-01T12:00:00.000Z');
  before(async () => {
    server = await startTestServer({
      now: () => clock,
      keys: [
        { key: OPS_KEY, label: 'ops-jane', role: 'admin' },
        { key: AGENT_KEY, label: 'agent-desktop', role: 'api' },
      ],
    });
  });
  after(() => server.close());

  const patch = (id: string, body: unknown, key = OPS_KEY) =>
    fetch(`${server.url}/api/tickets/${id}`, { method: 'PATCH', headers: { ...auth(key), 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('records creation, then each status and severity change with who, when and why', async () => {
    const ticket = makeTicket();
    assert.equal((await postTicket(server.url, ticket, [], auth(AGENT_KEY))).status, 201);

    clock = new Date('2026-12-01T12:05:00.000Z');
    const acknowledged = await patch(ticket.id, { status: 'acknowledged', reason: 'Looking into the ABC queue.' });
    assert.equal(acknowledged.status, 200);
    const ackBody = await acknowledged.json();
    assert.equal(ackBody.status, 'acknowledged');
    assert.deepEqual(ackBody.changes, [
      { type: 'status', from: 'new', to: 'acknowledged', by: 'ops-jane', at: '2026-12-01T12:05:00.000Z', reason: 'Looking into the ABC queue.' },
    ]);

    clock = new Date('2026-12-01T12:30:00.000Z');
    const both = await patch(ticket.id, { status: 'waiting', severity: 2, regradeReason: 'bcp-in-place', reason: 'Workaround in place; waiting for the ACD vendor.' });
    assert.equal(both.status, 200);

    const { body } = await getJson(`${server.url}/api/tickets/${ticket.id}/events`);
    assert.deepEqual(body.events, [
      { type: 'created', from: null, to: 'new', by: 'agent-desktop', at: body.events[0].at, reason: null },
      { type: 'status', from: 'new', to: 'acknowledged', by: 'ops-jane', at: '2026-12-01T12:05:00.000Z', reason: 'Looking into the ABC queue.' },
      { type: 'status', from: 'acknowledged', to: 'waiting', by: 'ops-jane', at: '2026-12-01T12:30:00.000Z', reason: 'Workaround in place; waiting for the ACD vendor.' },
      { type: 'severity', from: 1, to: 2, by: 'ops-jane', at: '2026-12-01T12:30:00.000Z', reason: 'Workaround in place; waiting for the ACD vendor.' },
    ]);
    assert.equal(body.events[0].at, '2026-12-01T12:00:00.000Z');

    const stored = await getJson(`${server.url}/api/tickets/${ticket.id}`);
    assert.equal(stored.body.status, 'waiting');
    assert.equal(stored.body.currentSeverity, 2);
    assert.equal(stored.body.severity.chosen, 2, 'the severity that holds now (loop-api.md)');
    assert.equal(stored.body.severity.agentChosen, 1, "the agent's own choice is kept");
    const filtered = await getJson(`${server.url}/api/tickets?status=waiting&severity=2`);
    assert.deepEqual(filtered.body.items.map((i: { id: string }) => i.id), [ticket.id]);
  });

  it('requires a reason and valid values, and changes nothing when refused', async () => {
    const ticket = makeTicket();
    assert.equal((await postTicket(server.url, ticket)).status, 201);
    const noReason = await expectError(await patch(ticket.id, { status: 'resolved' }), 400, 'validation_failed');
    assert.deepEqual(noReason.error.fields.map((f: { path: string }) => f.path), ['reason']);
    const blank = await expectError(await patch(ticket.id, { status: 'resolved', reason: '   ' }), 400, 'validation_failed');
    assert.equal(blank.error.fields[0].path, 'reason');
    const bad = await expectError(await patch(ticket.id, { status: 'archived', severity: 7, reason: 'x' }), 400, 'validation_failed');
    assert.deepEqual(bad.error.fields.map((f: { path: string }) => f.path).sort(), ['severity', 'status']);
    const nothing = await expectError(await patch(ticket.id, { reason: 'x' }), 400, 'validation_failed');
    assert.equal(nothing.error.fields[0].path, 'status');
    await expectError(await patch('00000000-0000-4000-8000-000000000000', { status: 'resolved', reason: 'x' }), 404, 'not_found');
    const { body } = await getJson(`${server.url}/api/tickets/${ticket.id}/events`);
    assert.equal(body.events.length, 1);
    assert.equal((await getJson(`${server.url}/api/tickets/${ticket.id}`)).body.status, 'new');
  });
});

describe('correlation', () => {
  let server: TestServer;
  let clock = new Date('2026-12-01T10:50:00.000Z');
  const at = (iso: string) => {
    clock = new Date(iso);
  };
  const report = async (when: string, overrides: Record<string, unknown>) => {
    at(when);
    const ticket = makeTicket(overrides);
    const response = await postTicket(server.url, ticket);
    assert.equal(response.status, 201);
    return { ticket, body: await response.json() };
  };
  const ids: Record<string, string> = {};

  before(async () => {
    server = await startTestServer({ now: () => clock });
    ids.old = (await report('2026-12-01T10:50:00.000Z', { records: { queue: 'ABC' }, reporter: { accountId: 'a1' } })).ticket.id;
    ids.b = (await report('2026-12-01T11:10:00.000Z', { records: { queue: 'ABC' }, reporter: { accountId: 'a2' } })).ticket.id;
    ids.c = (await report('2026-12-01T11:30:00.000Z', { records: { queue: 'ABC' }, reporter: { accountId: 'a2', login: 'other' } })).ticket.id;
    ids.d = (await report('2026-12-01T11:40:00.000Z', { records: { queue: 'XYZ' }, reporter: { accountId: 'a3' } })).ticket.id;
    ids.e = (await report('2026-12-01T11:45:00.000Z', { category: 'voice', records: { queue: 'ABC' }, reporter: { accountId: 'a4' } })).ticket.id;
    ids.f = (await report('2026-12-01T11:50:00.000Z', { records: undefined, reporter: { login: 'sam' } })).ticket.id;
  });
  after(() => server.close());

  it('counts other reports of the same category and queue in the last 60 minutes, and their agents', async () => {
    const { body } = await report('2026-12-01T12:00:00.000Z', { records: { queue: 'ABC' }, reporter: { accountId: 'a5' } });
    // b and c (agent a2 twice); not the 70-minute-old one, not queue XYZ, not voice, not the queue-less one.
    assert.deepEqual(body.related, { reports: 2, agents: 1, minutes: 60 });
  });

  it('counts every queue when the new ticket names none, and agents by login when there is no account id', async () => {
    const { body } = await report('2026-12-01T12:01:00.000Z', { records: undefined, reporter: { login: 'kim' } });
    // b, c, d, f and the ABC ticket of the previous test: agents a2, a3, sam, a5.
    assert.deepEqual(body.related, { reports: 5, agents: 4, minutes: 60 });
  });

  it('answers signals with counts and the recent tickets, newest first', async () => {
    at('2026-12-01T12:02:00.000Z');
    const { status, body } = await getJson(`${server.url}/api/signals?category=chat-routing&queue=ABC&minutes=60`);
    assert.equal(status, 200);
    assert.equal(body.reports, 3);
    assert.equal(body.agents, 2);
    assert.equal(body.minutes, 60);
    assert.deepEqual(Object.keys(body.tickets[0]).sort(), ['createdAt', 'id', 'receivedAt', 'reference', 'summary']);
    assert.deepEqual(body.tickets.slice(1).map((t: { id: string }) => t.id), [ids.c, ids.b]);
    assert.equal(body.tickets[0].receivedAt, '2026-12-01T12:00:00.000Z');

    const wider = await getJson(`${server.url}/api/signals?category=chat-routing&queue=ABC&minutes=120`);
    assert.equal(wider.body.reports, 4);
    assert.equal(wider.body.tickets.at(-1).id, ids.old);
    const voice = await getJson(`${server.url}/api/signals?category=voice`);
    assert.deepEqual([voice.body.reports, voice.body.agents, voice.body.minutes], [1, 1, 60]);
    // The window moves with the clock: two hours later nothing is recent.
    at('2026-12-01T14:30:00.000Z');
    const later = await getJson(`${server.url}/api/signals?category=chat-routing`);
    assert.deepEqual([later.body.reports, later.body.agents, later.body.tickets.length], [0, 0, 0]);
  });

  it('refuses invalid signal parameters naming the field', async () => {
    for (const [query, field] of [
      ['', 'category'],
      ['category=printer', 'category'],
      ['category=voice&minutes=0', 'minutes'],
      ['category=voice&minutes=1441', 'minutes'],
      ['category=voice&minutes=1.5', 'minutes'],
      ['category=voice&minutes=abc', 'minutes'],
      [`category=voice&queue=${'q'.repeat(201)}`, 'queue'],
    ]) {
      const body = await expectError(await fetch(`${server.url}/api/signals?${query}`, { headers: auth(SUPPORT_KEY) }), 400, 'validation_failed');
      assert.equal(body.error.fields[0].path, field, query);
    }
  });
});
