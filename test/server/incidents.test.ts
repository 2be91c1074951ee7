// Known incidents and logs from the affected agents (issue 12): support links tickets to a
// confirmed incident, reporters see it with the related-reports lookup and join it instead of
// filing, a join's receipt follows the incident, and support's requests for logs are answered by
// the reporter or a joiner. Real HTTP, real storage, both engines.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { API_KEY, SUPPORT_KEY, auth, expectError, makeTicket, postTicket, startTestServer, type TestServer } from '../support/server-harness.js';

const json = (server: TestServer, method: string, path: string, body: unknown, key = SUPPORT_KEY, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method, headers: { ...auth(key), 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

async function send(server: TestServer, overrides: Record<string, unknown> = {}) {
  const ticket = makeTicket(overrides);
  const response = await postTicket(server.url, ticket);
  assert.equal(response.status, 201);
  return { id: ticket.id, ...(await response.json()) } as { id: string; receipt: string; reference: string };
}

const join = (server: TestServer, incidentId: string, body: unknown, key = randomUUID()) =>
  json(server, 'POST', `/api/incidents/${incidentId}/join`, body, API_KEY, { 'idempotency-key': key });

/** The JSON the logs element produces for an attachment, already redacted. */
const LOGS = JSON.stringify({ from: '2026-12-01T19:00:00Z', to: '2026-12-01T20:00:00Z', entries: [{ at: '2026-12-01T19:30:00Z', level: 'error', message: 'Chat 991 stuck in queue ABC, auth [REDACTED:bearer]' }] });

function sendLogs(server: TestServer, requestId: string, receipt: string, data: string, options: { key?: string; type?: string; name?: string } = {}) {
  const body = new FormData();
  body.append('logs', new Blob([data], { type: options.type ?? 'application/json' }), options.name ?? 'logs.json');
  return fetch(`${server.url}/api/log-requests/${requestId}/logs`, {
    method: 'POST',
    body,
    headers: { ...auth(API_KEY), 'triage-receipt': receipt, 'idempotency-key': options.key ?? randomUUID() },
  });
}

describe('known incidents', () => {
  let server: TestServer;
  let reporter: Awaited<ReturnType<typeof send>>;
  let incidentId = '';
  before(async () => {
    server = await startTestServer();
    reporter = await send(server, { reporter: { accountId: '42', login: 'jdoe', site: 'Austin' } });
  });
  after(() => server.close());

  it('lets support create an incident and link tickets, naming every wrong field', async () => {
    const bad = await expectError(await json(server, 'POST', '/api/incidents', { title: '', category: 'nope', queue: 'a\nb' }), 400, 'validation_failed');
    assert.deepEqual(bad.error.fields.map((f: { path: string }) => f.path).sort(), ['category', 'queue', 'title', 'workaround']);
    await expectError(await json(server, 'POST', '/api/incidents', { title: 't', workaround: 'w', category: 'chat-routing' }, API_KEY), 403, 'forbidden');

    const created = await json(server, 'POST', '/api/incidents', { title: 'Chats not routing, site Austin', workaround: 'Use the backup queue', category: 'chat-routing', queue: 'ABC', site: 'Austin' });
    assert.equal(created.status, 201);
    const incident = await created.json();
    incidentId = incident.id;
    assert.equal(incident.status, 'confirmed');
    assert.equal(incident.joinedAgents, 0);

    const unknown = await expectError(await json(server, 'POST', `/api/incidents/${incidentId}/tickets`, { ticketIds: [reporter.id, 'missing'] }), 400, 'unknown_tickets');
    assert.deepEqual(unknown.error.fields, [{ path: 'ticketIds.1', message: 'No ticket with this id.' }]);
    const linked = await json(server, 'POST', `/api/incidents/${incidentId}/tickets`, { ticketIds: [reporter.id] });
    assert.equal(linked.status, 200);
    assert.deepEqual((await linked.json()).ticketIds, [reporter.id]);

    const view = await (await fetch(`${server.url}/api/tickets/${reporter.id}`, { headers: { ...auth(API_KEY), 'triage-receipt': reporter.receipt } })).json();
    assert.deepEqual(view.incident, { id: incidentId, title: 'Chats not routing, site Austin', workaround: 'Use the backup queue', status: 'confirmed' });
  });

  it('shows the incident with the related-reports lookup on its category, queue and site only', async () => {
    const signals = (query: string) => fetch(`${server.url}/api/signals?${query}`, { headers: auth(API_KEY) }).then((r) => r.json());
    const match = await signals('category=chat-routing&queue=ABC&site=Austin');
    assert.deepEqual(match.incidents.map((i: { id: string }) => i.id), [incidentId]);
    assert.deepEqual(Object.keys(match.incidents[0]).sort(), ['category', 'id', 'joinedAgents', 'queue', 'since', 'site', 'statusIncidentId', 'title', 'workaround']);
    assert.deepEqual((await signals('category=chat-routing&queue=XYZ&site=Austin')).incidents, []);
    assert.deepEqual((await signals('category=chat-routing&queue=ABC')).incidents, [], 'the incident names a site');
    assert.deepEqual((await signals('category=email-routing&queue=ABC&site=Austin')).incidents, []);
  });

  it('counts a joining agent once however often it joins, and replays a join by its Idempotency-Key', async () => {
    const key = randomUUID();
    const body = { agent: { accountId: '77', login: 'kim', name: 'Kim' }, site: 'Austin', queue: 'ABC' };
    const first = await join(server, incidentId, body, key);
    assert.equal(first.status, 201);
    const joined = await first.json();
    assert.match(joined.receipt, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(joined.joinedAgents, 1);
    const replay = await join(server, incidentId, body, key);
    assert.equal(replay.status, 200);
    assert.deepEqual(await replay.json(), joined);
    await expectError(await join(server, incidentId, { ...body, site: 'Boston' }, key), 409, 'idempotency_conflict');
    assert.equal((await (await join(server, incidentId, body)).json()).joinedAgents, 1, 'the same agent again');
    assert.equal((await (await join(server, incidentId, { agent: { login: 'lee' } })).json()).joinedAgents, 2);
    await expectError(await json(server, 'POST', `/api/incidents/${incidentId}/join`, body, API_KEY), 400, 'idempotency_key_required');
    await expectError(await join(server, incidentId, { agent: { login: 'x'.repeat(201) } }), 400, 'validation_failed');
    await expectError(await join(server, 'nope', body), 404, 'not_found');

    const stored = JSON.stringify(await server.sql('SELECT * FROM incident_joins'));
    assert.ok(!stored.includes(joined.receipt) && !stored.includes(key), 'neither the receipt nor the key is stored');

    const view = await (await fetch(`${server.url}/api/tickets/${reporter.id}`, { headers: auth(SUPPORT_KEY) })).json();
    assert.deepEqual(view.affected, { reported: 1, joined: 2 });
    const list = await (await fetch(`${server.url}/api/incidents`, { headers: auth(SUPPORT_KEY) })).json();
    assert.equal(list.items.find((i: { id: string }) => i.id === incidentId).joinedAgents, 2);
  });

  it('lets a join receipt, and only it, follow the incident, with an ETag', async () => {
    const { receipt } = await (await join(server, incidentId, { agent: { accountId: '88' } })).json();
    const path = `${server.url}/api/incidents/${incidentId}`;
    await expectError(await fetch(path, { headers: auth(API_KEY) }), 403, 'receipt_required');
    await expectError(await fetch(path, { headers: { ...auth(API_KEY), 'triage-receipt': reporter.receipt } }), 404, 'not_found');
    const followed = await fetch(path, { headers: { ...auth(API_KEY), 'triage-receipt': receipt } });
    assert.equal(followed.status, 200);
    const body = await followed.json();
    assert.equal(body.title, 'Chats not routing, site Austin');
    assert.equal(body.ticketIds, undefined, 'a joiner does not learn the ticket ids');
    const tag = followed.headers.get('etag')!;
    assert.equal((await fetch(path, { headers: { ...auth(API_KEY), 'triage-receipt': receipt, 'if-none-match': tag } })).status, 304);
    assert.equal((await json(server, 'POST', `/api/incidents/${incidentId}/updates`, { text: 'Fix deployed to Austin at 15:40.' })).status, 201);
    const changed = await fetch(path, { headers: { ...auth(API_KEY), 'triage-receipt': receipt, 'if-none-match': tag } });
    assert.equal(changed.status, 200);
    assert.deepEqual((await changed.json()).updates.map((u: { text: string }) => u.text), ['Fix deployed to Austin at 15:40.']);
    // Everything else about tickets stays closed to a join receipt.
    await expectError(await fetch(`${server.url}/api/tickets/${reporter.id}`, { headers: { ...auth(API_KEY), 'triage-receipt': receipt } }), 404);
  });

  it('ends the banner when support resolves the incident', async () => {
    const resolved = await json(server, 'PATCH', `/api/incidents/${incidentId}`, { status: 'resolved' });
    assert.equal(resolved.status, 200);
    assert.equal((await resolved.json()).status, 'resolved');
    const signals = await (await fetch(`${server.url}/api/signals?category=chat-routing&queue=ABC&site=Austin`, { headers: auth(API_KEY) })).json();
    assert.deepEqual(signals.incidents, []);
    await expectError(await join(server, incidentId, { agent: { login: 'late' } }), 404, 'not_found');
    await expectError(await json(server, 'PATCH', `/api/incidents/${incidentId}`, { status: 'gone' }), 400, 'validation_failed');
  });
});

describe('logs from the affected agents', () => {
  let server: TestServer;
  let reporter: Awaited<ReturnType<typeof send>>;
  let joinReceipt = '';
  let incidentId = '';
  before(async () => {
    server = await startTestServer();
    reporter = await send(server);
    incidentId = (await (await json(server, 'POST', '/api/incidents', { title: 'Chats stuck', workaround: 'Backup queue', category: 'chat-routing' })).json()).id;
    await json(server, 'POST', `/api/incidents/${incidentId}/tickets`, { ticketIds: [reporter.id] });
    joinReceipt = (await (await join(server, incidentId, { agent: { login: 'kim' } })).json()).receipt;
  });
  after(() => server.close());

  const ask = async (body: unknown = { from: '2026-12-01T19:00:00Z', to: '2026-12-01T20:00:00Z', note: 'Please send logs' }) =>
    json(server, 'POST', `/api/tickets/${reporter.id}/log-requests`, body);

  it('checks the window support asks for', async () => {
    const reversed = await expectError(await ask({ from: '2026-12-01T20:00:00Z', to: '2026-12-01T19:00:00Z' }), 400, 'validation_failed');
    assert.equal(reversed.error.fields[0].path, 'to');
    const long = await expectError(await ask({ from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:01Z' }), 400);
    assert.match(long.error.fields[0].message, /24 hours/);
    const garbage = await expectError(await ask({ from: 'yesterday', to: 5 }), 400);
    assert.deepEqual(garbage.error.fields.map((f: { path: string }) => f.path), ['from', 'to']);
  });

  it('attaches the reporter\'s logs to the ticket, answers the request and replays the same answer', async () => {
    const asked = await ask();
    assert.equal(asked.status, 201);
    const request = await asked.json();
    assert.equal(request.state, 'open');
    const view = await (await fetch(`${server.url}/api/tickets/${reporter.id}`, { headers: { ...auth(API_KEY), 'triage-receipt': reporter.receipt } })).json();
    assert.deepEqual(view.logRequests.map((r: { id: string; state: string; note: string }) => [r.id, r.state, r.note]), [[request.id, 'open', 'Please send logs']]);
    const incident = await (await fetch(`${server.url}/api/incidents/${incidentId}`, { headers: { ...auth(API_KEY), 'triage-receipt': joinReceipt } })).json();
    assert.deepEqual(incident.logRequests.map((r: { id: string; reference: string }) => [r.id, r.reference]), [[request.id, reporter.reference]]);

    const key = randomUUID();
    const answered = await sendLogs(server, request.id, reporter.receipt, LOGS, { key });
    assert.equal(answered.status, 201, await answered.clone().text());
    const body = await answered.json();
    assert.deepEqual(Object.keys(body.attachment).sort(), ['index', 'name', 'sha256', 'size']);
    assert.equal(body.attachment.size, Buffer.byteLength(LOGS));
    const replay = await sendLogs(server, request.id, reporter.receipt, LOGS, { key });
    assert.equal(replay.status, 200);
    assert.deepEqual(await replay.json(), body);
    await expectError(await sendLogs(server, request.id, reporter.receipt, '{"other":1}', { key }), 409, 'idempotency_conflict');

    const ticket = await (await fetch(`${server.url}/api/tickets/${reporter.id}`, { headers: auth(SUPPORT_KEY) })).json();
    assert.equal(ticket.logRequests[0].state, 'answered');
    const attachment = ticket.attachments.find((a: { sha256: string }) => a.sha256 === body.attachment.sha256);
    assert.equal(attachment.kind, 'logs');
    const download = await fetch(`${server.url}${attachment.href}`, { headers: auth(SUPPORT_KEY) });
    assert.equal(await download.text(), LOGS);
  });

  it('takes a joiner\'s logs for a linked ticket and leaves the request open for the others', async () => {
    const request = await (await ask()).json();
    assert.equal((await sendLogs(server, request.id, joinReceipt, LOGS)).status, 201);
    const ticket = await (await fetch(`${server.url}/api/tickets/${reporter.id}`, { headers: auth(SUPPORT_KEY) })).json();
    assert.equal(ticket.logRequests.find((r: { id: string }) => r.id === request.id).state, 'open');
  });

  it('refuses a wrong receipt, other parts and non-JSON', async () => {
    const request = await (await ask()).json();
    const other = await send(server, { reporter: { login: 'someone-else' } });
    await expectError(await sendLogs(server, request.id, other.receipt, LOGS), 404, 'not_found');
    await expectError(await sendLogs(server, 'nope', reporter.receipt, LOGS), 404, 'not_found');
    const noReceipt = await fetch(`${server.url}/api/log-requests/${request.id}/logs`, { method: 'POST', headers: { ...auth(API_KEY), 'idempotency-key': randomUUID() } });
    await expectError(noReceipt, 403, 'receipt_required');
    await expectError(await sendLogs(server, request.id, reporter.receipt, 'not json'), 415, 'content_mismatch');
    await expectError(await sendLogs(server, request.id, reporter.receipt, LOGS, { type: 'text/plain' }), 415, 'type_mismatch');
    const ticket = await (await fetch(`${server.url}/api/tickets/${reporter.id}`, { headers: auth(SUPPORT_KEY) })).json();
    assert.equal(ticket.logRequests.find((r: { id: string }) => r.id === request.id).state, 'open', 'nothing refused was taken');
  });

  it('keeps logs a careless client left a secret in, with the secret replaced, and says so', async () => {
    const request = await (await ask()).json();
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    const sent = JSON.stringify({ entries: [{ level: 'error', message: `Authorization: Bearer ${token}` }, { level: 'info', message: 'password=hunter2-agent for chat 991' }] });
    const answered = await sendLogs(server, request.id, reporter.receipt, sent);
    assert.equal(answered.status, 201, await answered.clone().text());
    const body = await answered.json();
    assert.equal(body.attachment.redacted, 2);

    const ticket = await (await fetch(`${server.url}/api/tickets/${reporter.id}`, { headers: auth(SUPPORT_KEY) })).json();
    assert.equal(ticket.logRequests.find((r: { id: string }) => r.id === request.id).state, 'answered');
    const attachment = ticket.attachments.find((a: { sha256: string }) => a.sha256 === body.attachment.sha256);
    const kept = await (await fetch(`${server.url}${attachment.href}`, { headers: auth(SUPPORT_KEY) })).text();
    for (const secret of [token, 'hunter2-agent']) assert.ok(!kept.includes(secret), `the stored logs hold ${secret}`);
    assert.deepEqual(JSON.parse(kept).entries.map((e: { message: string }) => e.message), ['Authorization: Bearer [REDACTED:authorization]', 'password=[REDACTED:password] for chat 991']);
    assert.equal(attachment.size, Buffer.byteLength(kept), 'the ticket describes the file it holds');
    assert.equal(body.attachment.size, Buffer.byteLength(kept));

    const { events } = await (await fetch(`${server.url}/api/tickets/${reporter.id}/events`, { headers: auth(SUPPORT_KEY) })).json();
    const logged = events.filter((e: { type: string }) => e.type === 'logs-answered').at(-1);
    assert.match(logged.reason, /redacted .*: 2 in logs\.json \(authorization, password\)\.$/);
  });
});

describe('retention of the loop', () => {
  it('deletes a ticket\'s updates, clock, logs requests and answers and incident link with the ticket', async () => {
    let clock = new Date('2026-12-01T15:00:00.000Z');
    const server = await startTestServer({ now: () => clock, retentionDays: 30, maintenanceIntervalMs: 0 });
    try {
      const reporter = await send(server);
      await json(server, 'POST', `/api/tickets/${reporter.id}/updates`, { kind: 'response', text: 'On it' });
      const request = await (await json(server, 'POST', `/api/tickets/${reporter.id}/log-requests`, { from: '2026-12-01T14:00:00Z', to: '2026-12-01T15:00:00Z' })).json();
      assert.equal((await sendLogs(server, request.id, reporter.receipt, LOGS)).status, 201);
      const incident = await (await json(server, 'POST', '/api/incidents', { title: 't', workaround: 'w', category: 'chat-routing' })).json();
      await json(server, 'POST', `/api/incidents/${incident.id}/tickets`, { ticketIds: [reporter.id] });
      clock = new Date('2027-01-15T15:00:00.000Z');
      assert.equal((await server.maintain()).ticketsDeleted, 1);
      for (const table of ['ticket_clock', 'ticket_updates', 'log_requests', 'log_answers', 'incident_tickets', 'attachments', 'events']) {
        assert.deepEqual(await server.sql(`SELECT * FROM ${table}`), [], `${table} is empty`);
      }
      assert.equal((await server.sql('SELECT * FROM incidents')).length, 1, 'the incident itself stays');
    } finally {
      await server.close();
    }
  });
});
