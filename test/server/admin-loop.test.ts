// /admin closes the loop (issue 12): support responds, regrades with the policy's reason, asks for
// logs with a window on its own wall clock, creates an incident with its workaround and links the
// ticket, and reads due and overdue from the service's clock, the queue sorted by what is due.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { API_KEY, auth, getJson, makeTicket, postTicket, startTestServer, type TestServer } from '../support/server-harness.js';

describe('admin pages: closing the loop', () => {
  let server: TestServer;
  let cookie = '';
  let current = new Date('2026-12-01T15:00:00.000Z');
  const outage = makeTicket({ summary: 'Chats stuck in ABC', reporter: { login: 'jdoe', site: 'Austin' } });
  const minor = makeTicket({ summary: 'Display glitch', category: 'media-bar-display', severity: { suggested: 3, reasons: [], chosen: 3 } });
  let receipt = '';

  before(async () => {
    server = await startTestServer({ now: () => current });
    receipt = (await (await postTicket(server.url, outage)).json()).receipt;
    assert.equal((await postTicket(server.url, minor)).status, 201);
    const signIn = await fetch(`${server.url}/admin/login`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ key: 'test-admin-key-fedcba9876543210' }), headers: { origin: server.url } });
    cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  });
  after(() => server.close());

  const get = (path: string) => fetch(`${server.url}${path}`, { redirect: 'manual', headers: { cookie } }).then(async (r) => ({ status: r.status, html: await r.text() }));
  const post = async (path: string, fields: Record<string, string>) => {
    const csrf = /name="csrf" value="([^"]+)"/.exec((await get(`/admin/tickets/${outage.id}`)).html)![1]!;
    return fetch(`${server.url}${path}`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ csrf, ...fields }), headers: { cookie, origin: server.url } });
  };
  const follow = async () => (await fetch(`${server.url}/api/tickets/${outage.id}`, { headers: { ...auth(API_KEY), 'triage-receipt': receipt } })).json();

  it('shows the due queue with the overdue ticket first, by the service clock', async () => {
    current = new Date('2026-12-01T15:45:00.000Z');
    const { status, html } = await get('/admin?sort=due');
    assert.equal(status, 200);
    assert.ok(html.indexOf('Chats stuck in ABC') < html.indexOf('Display glitch'), 'the overdue outage first');
    assert.match(html, /<span class="overdue">overdue<\/span>/);
    assert.match(html, /<h1>Due queue<\/h1>/);
  });

  it('posts a response the agent reads as text, and the response clock stops', async () => {
    const text = 'We are on it <script>alert(1)</script>';
    const response = await post(`/admin/tickets/${outage.id}/updates`, { kind: 'response', text });
    assert.equal(response.status, 303);
    const page = await get(response.headers.get('location')!);
    assert.match(page.html, /role="status"[^>]*>Response posted: done\./);
    assert.ok(page.html.includes('We are on it &lt;script&gt;alert(1)&lt;/script&gt;') && !page.html.includes('<script>alert'), 'escaped in /admin');
    const view = await follow();
    assert.equal(view.updates[0].text, text, 'stored as given');
    assert.equal(view.sla.respondedAt, '2026-12-01T15:45:00.000Z');
    const empty = await post(`/admin/tickets/${outage.id}/updates`, { kind: 'update', text: '' });
    assert.equal(empty.status, 400);
    assert.match(await empty.text(), /role="alert">The text is required\./);
  });

  it('regrades only with the policy\'s reason, which the form marks required', async () => {
    const form = (await get(`/admin/tickets/${outage.id}`)).html;
    assert.match(form, /<label for="regrade-reason">Policy reason for the regrade <span class="required" aria-hidden="true">\*<\/span><\/label>\s*<select id="regrade-reason" name="regradeReason" required>/);
    const without = await post(`/admin/tickets/${outage.id}/change`, { severity: '2', reason: 'Agents on native chat' });
    assert.equal(without.status, 400);
    assert.match(await without.text(), /A regrade needs its reason/);
    const regraded = await post(`/admin/tickets/${outage.id}/change`, { severity: '2', regradeReason: 'bcp-in-place', reason: 'Agents on native chat' });
    assert.equal(regraded.status, 303);
    const view = await follow();
    assert.deepEqual([view.severity.chosen, view.severity.reason, view.severity.reasonText], [2, 'bcp-in-place', 'Agents on native chat']);
  });

  it('asks for logs with a window read on support\'s wall clock (New York)', async () => {
    const asked = await post(`/admin/tickets/${outage.id}/log-requests`, { from: '2026-12-01T09:30', to: '2026-12-01T10:30', note: 'Please send the media bar logs' });
    assert.equal(asked.status, 303);
    const view = await follow();
    assert.deepEqual(view.logRequests.map((r: { from: string; to: string; note: string }) => [r.from, r.to, r.note]), [['2026-12-01T14:30:00.000Z', '2026-12-01T15:30:00.000Z', 'Please send the media bar logs']]);
    const tooLong = await post(`/admin/tickets/${outage.id}/log-requests`, { from: '2026-12-01T00:00', to: '2026-12-02T09:00' });
    assert.equal(tooLong.status, 400);
  });

  it('creates an incident with its workaround, links the ticket, and resolves it', async () => {
    const created = await post(`/admin/tickets/${outage.id}/incident`, { title: 'Chats not routing, Austin', workaround: 'Use the backup queue', category: 'chat-routing', queue: 'ABC', site: 'Austin' });
    assert.equal(created.status, 303);
    const view = await follow();
    assert.equal(view.incident.title, 'Chats not routing, Austin');
    const signals = await getJson(`${server.url}/api/signals?category=chat-routing&queue=ABC&site=Austin`, API_KEY);
    assert.deepEqual(signals.body.incidents.map((i: { workaround: string }) => i.workaround), ['Use the backup queue']);
    const resolve = await post(`/admin/incidents/${view.incident.id}/resolve`, { ticket: `/admin/tickets/${outage.id}` });
    assert.equal(resolve.status, 303);
    assert.equal(resolve.headers.get('location'), `/admin/tickets/${outage.id}`);
    assert.equal((await follow()).incident.status, 'resolved');
    const missing = await post(`/admin/tickets/${outage.id}/incident`, { title: '', workaround: '', category: 'chat-routing' });
    assert.equal(missing.status, 400);
  });
});
