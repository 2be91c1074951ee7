// Webhooks to the support desk: every created and updated ticket reaches the receiver exactly once
// with a valid signature, also after the receiver was down for a while; a slow receiver never
// holds up intake; support sees failures in /admin and can retry one now.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_KEY, auth, makeTicket, postTicket, startTestServer, type TestServer } from '../support/server-harness.js';
import { startWebhookReceiver, waitFor, type WebhookReceiver } from '../support/server-webhook-receiver.js';
import { BACKOFF_SECONDS } from '../../server/webhooks.js';

const SECRET = 'webhook-secret-0123456789abcdef';

describe('webhooks', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let clock = new Date('2026-12-01T15:00:00.000Z');
  const advance = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));

  before(async () => {
    receiver = await startWebhookReceiver(SECRET);
    server = await startTestServer({ now: () => clock, webhooks: { endpoints: [{ url: receiver.url, secret: SECRET }], pollMs: 25 } });
  });
  after(async () => {
    await server.close();
    await receiver.close();
  });

  const change = (id: string, body: unknown) =>
    fetch(`${server.url}/api/tickets/${id}`, { method: 'PATCH', headers: { ...auth(ADMIN_KEY), 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('sends ticket.created and ticket.updated, signed over the timestamp and the raw body', async () => {
    const ticket = makeTicket();
    const created = await (await postTicket(server.url, ticket)).json();
    await waitFor(() => receiver.accepted().some((r) => r.event.data.ticket.id === ticket.id), 'ticket.created');
    assert.equal((await change(ticket.id, { severity: 2, regradeReason: 'bcp-in-place', reason: 'Only one site is affected' })).status, 200);
    await waitFor(() => receiver.accepted().filter((r) => r.event.data.ticket.id === ticket.id).length === 2, 'ticket.updated');

    const [first, second] = receiver.accepted().filter((r) => r.event.data.ticket.id === ticket.id);
    for (const delivery of [first!, second!]) {
      assert.ok(delivery.signatureValid, 'the signature verifies with the shared secret');
      assert.equal(delivery.id, delivery.event.id, 'the id header is the event id');
      assert.equal(delivery.timestamp, String(Math.floor(clock.getTime() / 1000)));
    }
    assert.equal(first!.event.type, 'ticket.created');
    assert.equal(first!.event.data.ticket.reference, created.reference);
    assert.equal(first!.event.data.ticket.summary, ticket.summary);
    assert.equal(second!.event.type, 'ticket.updated');
    assert.deepEqual(second!.event.data.changes, [{ field: 'severity', from: 1, to: 2 }]);
    assert.equal(second!.event.data.reason, 'Only one site is affected');
    assert.match(second!.event.data.by, /^admin-/, 'the label of the key that changed it, never the key');
    assert.equal(second!.event.data.ticket.severity, 2);
    assert.ok(!second!.body.includes(SECRET) && !second!.body.includes(ADMIN_KEY), 'no secret in the payload');
  });

  it('sends ticket.updated for a response, a logs request and an incident link, each with its event', async () => {
    const ticket = makeTicket();
    assert.equal((await postTicket(server.url, ticket)).status, 201);
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, { method: 'POST', headers: { ...auth(ADMIN_KEY), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const update = await (await post(`/api/tickets/${ticket.id}/updates`, { kind: 'response', text: 'On it' })).json();
    const request = await (await post(`/api/tickets/${ticket.id}/log-requests`, { from: '2026-12-01T14:00:00Z', to: '2026-12-01T15:00:00Z' })).json();
    const incident = await (await post('/api/incidents', { title: 'Chats stuck', workaround: 'Backup queue', category: 'chat-routing' })).json();
    assert.equal((await post(`/api/incidents/${incident.id}/tickets`, { ticketIds: [ticket.id] })).status, 200);
    const ours = () => receiver.accepted().filter((r) => r.event.data.ticket.id === ticket.id && r.event.type === 'ticket.updated');
    await waitFor(() => ours().length === 3, 'three ticket.updated');
    assert.deepEqual(ours().map((r) => r.event.data.changes).sort((a, b) => a[0].field.localeCompare(b[0].field)), [
      [{ field: 'incident', from: null, to: incident.id }],
      [{ field: 'logs-requested', from: null, to: request.id }],
      [{ field: 'response', from: null, to: update.id }],
    ]);
    assert.ok(ours().every((r) => r.signatureValid));
  });

  it('keeps the events while the receiver is down and delivers each exactly once when it is back', async () => {
    receiver.mode = 'fail';
    const tickets = [makeTicket(), makeTicket()];
    for (const ticket of tickets) assert.equal((await postTicket(server.url, ticket)).status, 201, 'intake does not wait for the receiver');
    assert.equal((await change(tickets[0]!.id, { status: 'acknowledged', reason: 'Looking' })).status, 200);
    const ours = () => receiver.received.filter((r) => tickets.some((t) => t.id === r.event.data.ticket.id));
    await waitFor(() => ours().length === 3, 'three failed first attempts');

    // Down for a while: each due retry fails again, on the backoff schedule.
    for (const delay of BACKOFF_SECONDS.slice(0, 3)) {
      const before = ours().length;
      advance(delay);
      await waitFor(() => ours().length === before + 3, `the retries after ${delay} s`);
    }
    const admin = await adminSession(server);
    const page = await (await admin.get('/admin/webhooks')).text();
    assert.match(page, /The receiver answered 503\./);
    assert.match(page, /Retry now/);

    receiver.mode = 'ok';
    advance(BACKOFF_SECONDS[3]!);
    await waitFor(() => receiver.accepted().filter((r) => tickets.some((t) => t.id === r.event.data.ticket.id)).length === 3, 'the three events delivered');
    const accepted = receiver.accepted().filter((r) => tickets.some((t) => t.id === r.event.data.ticket.id));
    assert.equal(new Set(accepted.map((r) => r.id)).size, 3, 'each event accepted once');
    assert.deepEqual(accepted.map((r) => r.event.type).sort(), ['ticket.created', 'ticket.created', 'ticket.updated']);
    // Retries resend the same event: one id per event, however many attempts.
    assert.equal(new Set(ours().map((r) => r.id)).size, 3);
    // Long after, with the dispatcher demonstrably still at work, nothing delivered is sent again.
    advance(BACKOFF_SECONDS.at(-1)!);
    const later = makeTicket();
    await postTicket(server.url, later);
    await waitFor(() => receiver.accepted().some((r) => r.event.data.ticket.id === later.id), 'a later ticket delivered');
    assert.equal(receiver.accepted().filter((r) => tickets.some((t) => t.id === r.event.data.ticket.id)).length, 3, 'nothing is sent again once delivered');
  });

  it('takes tickets while the receiver holds every answer', async () => {
    receiver.mode = 'hold';
    const tickets = Array.from({ length: 5 }, () => makeTicket());
    const statuses = [];
    for (const ticket of tickets) statuses.push((await postTicket(server.url, ticket)).status);
    await waitFor(() => receiver.held() > 0, 'a held delivery');
    assert.deepEqual(statuses, [201, 201, 201, 201, 201]);
    assert.ok(receiver.held() > 0, 'deliveries are still waiting on the receiver while intake answered');
    receiver.release();
    await waitFor(() => tickets.every((t) => receiver.accepted().some((r) => r.event.data.ticket.id === t.id)), 'the held and queued deliveries');
  });

  it('lets support retry a delivery that gave up, from /admin', async () => {
    receiver.mode = 'fail';
    const ticket = makeTicket();
    await postTicket(server.url, ticket);
    const mine = () => receiver.received.filter((r) => r.event.data.ticket.id === ticket.id);
    await waitFor(() => mine().length === 1, 'the first attempt');
    for (const delay of BACKOFF_SECONDS) {
      const before = mine().length;
      advance(delay);
      await waitFor(() => mine().length === before + 1, 'a retry');
    }
    const admin = await adminSession(server);
    const id = await waitForFailed(admin);
    receiver.mode = 'ok';
    const page = await (await admin.get('/admin/webhooks')).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    const retry = await admin.post(`/admin/webhooks/${id}/retry`, { csrf });
    assert.equal(retry.status, 303);
    await waitFor(() => receiver.accepted().some((r) => r.event.data.ticket.id === ticket.id), 'the retried delivery');
    assert.match(await (await admin.get('/admin/webhooks')).text(), /status-delivered/);
  });
});

describe('webhooks off', () => {
  it('queues nothing and says so in /admin when no endpoint is configured', async () => {
    const server = await startTestServer();
    try {
      assert.equal((await postTicket(server.url, makeTicket())).status, 201);
      const admin = await adminSession(server);
      const page = await (await admin.get('/admin/webhooks')).text();
      assert.match(page, /No webhook endpoint is configured/);
      assert.deepEqual(await server.sql('SELECT * FROM webhook_deliveries'), []);
    } finally {
      await server.close();
    }
  });
});

async function adminSession(server: TestServer) {
  const signIn = await fetch(`${server.url}/admin/login`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ key: ADMIN_KEY }), headers: { origin: server.url } });
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  return {
    get: (path: string) => fetch(`${server.url}${path}`, { redirect: 'manual', headers: { cookie } }),
    post: (path: string, fields: Record<string, string>) =>
      fetch(`${server.url}${path}`, { method: 'POST', redirect: 'manual', body: new URLSearchParams(fields), headers: { cookie, origin: server.url } }),
  };
}

/** The id of the delivery the admin page shows as failed (given up). */
async function waitForFailed(admin: Awaited<ReturnType<typeof adminSession>>): Promise<string> {
  let id = '';
  await waitFor(async () => {
    const page = await (await admin.get('/admin/webhooks')).text();
    const row = /status-failed[\s\S]*?\/admin\/webhooks\/(\d+)\/retry/.exec(page);
    id = row?.[1] ?? '';
    return id !== '';
  }, 'a failed delivery on the admin page');
  return id;
}
