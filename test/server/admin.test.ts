// The support team's admin pages over real HTTP: sign-in cookie, list, details, form posts that
// change a ticket, and the strict CSP on every page.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_KEY, API_KEY, SUPPORT_KEY, PNG, auth, getJson, makeTicket, postTicket, startTestServer, withFiles, type TestServer } from '../support/server-harness.js';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'self'; form-action 'self'";

describe('admin pages', () => {
  let server: TestServer;
  let cookie = '';
  const ticket = withFiles(
    makeTicket({
      summary: 'Chats <b>stuck</b> in ABC',
      observed: 'Chats wait forever',
      impact: { agentsAffected: 12, agentsTotal: 40 },
      // A stale due time in the ticket: the page recomputes it with the policy clock (30 min, 24x7).
      sla: { plan: 'standard', responseDueAt: '2026-12-01T23:59:00.000Z', coverage: '24x7' },
    }),
    [{ name: 'screen.png', type: 'image/png', data: PNG, kind: 'screenshot' }],
  );
  const other = makeTicket({ summary: 'Display glitch', category: 'media-bar-display', severity: { suggested: 3, reasons: [], chosen: 3 } });

  before(async () => {
    // Ten minutes after the browser wrote it: the due time counts from the arrival.
    server = await startTestServer({ now: () => new Date('2026-12-01T20:40:00.000Z'), keys: [{ key: 'labelled-admin-key-99999999', label: 'ops-jane', role: 'admin' }] });
    assert.equal((await postTicket(server.url, ticket, [{ name: 'screen.png', type: 'image/png', data: PNG }])).status, 201);
    assert.equal((await postTicket(server.url, other)).status, 201);
  });
  after(() => server.close());

  const get = (path: string, withCookie = true) =>
    fetch(`${server.url}${path}`, { redirect: 'manual', headers: withCookie && cookie ? { cookie } : {} });
  const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string> = { origin: server.url }) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams(fields),
      headers: { ...(cookie ? { cookie } : {}), ...headers },
    });
  const csrfOf = (page: string) => /name="csrf" value="([^"]+)"/.exec(page)![1]!;

  it('sends visitors without a session to the sign-in page, which carries the strict CSP', async () => {
    const list = await get('/admin', false);
    assert.equal(list.status, 303);
    assert.equal(list.headers.get('location'), '/admin/login');
    // Every admin page, even with the browsers' or support's key as a bearer: only an admin session opens them.
    for (const path of ['/admin/tickets/x', '/admin/tickets/x/attachments/0', '/admin/webhooks']) {
      for (const key of [API_KEY, SUPPORT_KEY]) {
        const page = await fetch(`${server.url}${path}`, { redirect: 'manual', headers: { authorization: `Bearer ${key}` } });
        assert.equal(page.status, 303, `${path} with a bearer key`);
        assert.equal(page.headers.get('location'), '/admin/login');
      }
    }
    const login = await get('/admin/login', false);
    assert.equal(login.status, 200);
    assert.equal(login.headers.get('content-security-policy'), CSP);
    assert.equal(login.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(login.headers.get('referrer-policy'), 'no-referrer');
    const html = await login.text();
    assert.match(html, /<label for="key">Admin key<\/label>/);
    assert.doesNotMatch(html, /<script|<style|style=|\son\w+=/i);
    const css = await get('/admin/admin.css', false);
    assert.match(css.headers.get('content-type')!, /^text\/css/);
    assert.match(await css.text(), /\.sev-1/);
  });

  it('refuses a wrong key, an API key, a support key and a cross-site sign-in without setting a cookie', async () => {
    for (const key of ['wrong', API_KEY, SUPPORT_KEY]) {
      const response = await postForm('/admin/login', { key });
      assert.equal(response.status, 401);
      assert.equal(response.headers.get('set-cookie'), null);
      assert.match(await response.text(), /not an admin key/);
    }
    const crossSite = await postForm('/admin/login', { key: ADMIN_KEY }, { origin: 'https://evil.example.test' });
    assert.equal(crossSite.status, 403);
    assert.equal(crossSite.headers.get('set-cookie'), null);
  });

  it('signs in with an admin key and sets an opaque HttpOnly SameSite=Strict session cookie', async () => {
    const response = await postForm('/admin/login', { key: 'labelled-admin-key-99999999' });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/admin');
    const setCookie = response.headers.get('set-cookie')!;
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    assert.match(setCookie, /Path=\/admin/);
    assert.ok(!setCookie.includes('labelled-admin-key'), 'the cookie is not the key');
    cookie = setCookie.split(';')[0]!;
    assert.match(cookie, /^triage_admin=[A-Za-z0-9_-]{40,}$/);
  });

  it('lists tickets newest first with severity badges, recomputed due time, status and escaped text', async () => {
    const response = await get('/admin');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-security-policy'), CSP);
    const html = await response.text();
    assert.doesNotMatch(html, /<script|<style|style=/i);
    assert.ok(html.indexOf('Display glitch') < html.indexOf('Chats &lt;b&gt;stuck&lt;/b&gt; in ABC'), 'newest first, text escaped');
    assert.ok(!html.includes('<b>stuck</b>'));
    assert.match(html, /<th scope="col">Severity<\/th>/);
    assert.match(html, /<span class="badge sev-1">S1<\/span> System Outage/);
    assert.match(html, /<span class="badge sev-3">S3<\/span> Minor Loss of Service/);
    // Read on the support calendar's clock (New York), UTC in the tooltip.
    assert.match(html, /<time datetime="2026-12-01T21:10:00.000Z" title="2026-12-01 21:10 UTC">2026-12-01 16:10 EST<\/time>/);
    assert.match(html, /Signed in as ops-jane/);

    const filtered = await (await get('/admin?severity=3&category=media-bar-display')).text();
    assert.ok(filtered.includes('Display glitch'));
    assert.ok(!filtered.includes('stuck'));
    const none = await (await get('/admin?status=resolved')).text();
    assert.match(none, /No tickets match/);
  });

  it('shows a ticket with its Step-1 facts, attachment download and history', async () => {
    const response = await get(`/admin/tickets/${ticket.id}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-security-policy'), CSP);
    const html = await response.text();
    for (const text of ['Chats wait forever', '<dt>Agents affected</dt><dd>12</dd>', '<dt>Agent population</dt><dd>40</dd>', 'America/New_York', 'Jane Doe', '<dt>Queue</dt><dd>ABC</dd>', 'Received']) {
      assert.ok(html.includes(text), text);
    }
    const href = /href="(\/admin\/tickets\/[^"]+\/attachments\/0)"/.exec(html)![1]!;
    const download = await get(href);
    assert.equal(download.status, 200);
    assert.match(download.headers.get('content-disposition')!, /^attachment; filename="screen.png"/);
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), PNG);
    assert.equal((await get(href, false)).status, 303, 'downloads need a session');
  });

  it('changes status through the form, with a reason, and records who did it', async () => {
    const page = await (await get(`/admin/tickets/${ticket.id}`)).text();
    const csrf = csrfOf(page);
    const response = await postForm(`/admin/tickets/${ticket.id}/change`, { csrf, status: 'acknowledged', reason: 'On it' });
    assert.equal(response.status, 303);
    const location = response.headers.get('location')!;
    assert.match(location, new RegExp(`^/admin/tickets/${ticket.id}\\?changed=\\d+$`));
    const after = await (await get(location)).text();
    assert.match(after, /<span class="status status-acknowledged">acknowledged<\/span>/);
    assert.match(after, /Status new → acknowledged<\/td><td>ops-jane<\/td><td>On it<\/td>/);
    // The redirected page confirms the change in a status message, focused so a screen reader reads it.
    assert.match(after, /<p class="notice" role="status" tabindex="-1" autofocus>Status changed from new to acknowledged\.<\/p>/);
    assert.doesNotMatch(await (await get(`/admin/tickets/${ticket.id}`)).text(), /class="notice"/, 'only right after the change');

    // Choosing the status it already has records nothing, and the page says so.
    const same = await postForm(`/admin/tickets/${ticket.id}/change`, { csrf, status: 'acknowledged', reason: 'Again' });
    assert.equal(same.headers.get('location'), `/admin/tickets/${ticket.id}?changed=none`);
    assert.match(await (await get(same.headers.get('location')!)).text(), /role="status"[^>]*>Nothing changed: the ticket already had that value\./);

    // A browser under Referrer-Policy: no-referrer may send Origin: null; Fetch Metadata vouches.
    const severity = await postForm(`/admin/tickets/${ticket.id}/change`, { csrf, severity: '2', regradeReason: 'bcp-in-place', reason: 'Workaround found' }, { origin: 'null', 'sec-fetch-site': 'same-origin' });
    assert.equal(severity.status, 303);
    assert.match(await (await get(severity.headers.get('location')!)).text(), /role="status"[^>]*>Severity changed from S1 to S2\./);
    const events = await getJson(`${server.url}/api/tickets/${ticket.id}/events`);
    assert.deepEqual(events.body.events.slice(1).map((e: { type: string; from: unknown; to: unknown; by: string; reason: string }) => [e.type, e.from, e.to, e.by, e.reason]), [
      ['status', 'new', 'acknowledged', 'ops-jane', 'On it'],
      ['severity', 1, 2, 'ops-jane', 'Workaround found'],
    ]);
  });

  it('refuses a change without a reason, with a stale token or from another site, changing nothing', async () => {
    const csrf = csrfOf(await (await get(`/admin/tickets/${other.id}`)).text());
    const noReason = await postForm(`/admin/tickets/${other.id}/change`, { csrf, status: 'resolved', reason: '' });
    assert.equal(noReason.status, 400);
    assert.match(await noReason.text(), /role="alert">A reason is required for every change\./);
    const stale = await postForm(`/admin/tickets/${other.id}/change`, { csrf: 'forged', status: 'resolved', reason: 'x' });
    assert.equal(stale.status, 403);
    const crossSite = await postForm(`/admin/tickets/${other.id}/change`, { csrf, status: 'resolved', reason: 'x' }, { origin: 'https://evil.example.test' });
    assert.equal(crossSite.status, 403);
    const noOrigin = await postForm(`/admin/tickets/${other.id}/change`, { csrf, status: 'resolved', reason: 'x' }, {});
    assert.equal(noOrigin.status, 403);
    const { body } = await getJson(`${server.url}/api/tickets/${other.id}`);
    assert.equal(body.status, 'new');
  });

  it('reads as support reads it: categories in words, login beside the account ID, the reason marked required', async () => {
    const list = await (await get('/admin')).text();
    assert.match(list, /<td>Chats are not routing correctly<\/td>/);
    assert.match(list, /<td>Media bar looks wrong but still works<\/td>/);
    assert.match(list, /<option value="chat-routing" >Chats are not routing correctly<\/option>/);
    assert.match(list, /<td>Jane Doe<br><span class="muted">jdoe · ID 42<\/span><\/td>/);
    const detail = await (await get(`/admin/tickets/${other.id}`)).text();
    assert.match(detail, /<dt>Category<\/dt><dd>Media bar looks wrong but still works<\/dd>/);
    // Both reasons: a visible marker hidden from the accessible name, and the required attribute.
    for (const id of ['status-reason', 'severity-reason']) {
      assert.match(detail, new RegExp(`<label for="${id}">Reason <span class="required" aria-hidden="true">\\*</span></label>\\s*<textarea id="${id}" name="reason" required`));
    }
    assert.match(detail, /Fields marked <span class="required">\*<\/span> are required\./);
  });

  it('serves the favicon the pages link to, as an image without script', async () => {
    const page = await (await get('/admin/login', false)).text();
    assert.match(page, /<link rel="icon" href="\/admin\/favicon.svg" type="image\/svg\+xml">/);
    const icon = await get('/admin/favicon.svg', false);
    assert.equal(icon.status, 200);
    assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
    const svg = await icon.text();
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.doesNotMatch(svg, /<script|\son\w+=|style/i);
  });

  it('signs out: the session stops working', async () => {
    const response = await postForm('/admin/logout', {});
    assert.equal(response.status, 303);
    assert.match(response.headers.get('set-cookie')!, /Max-Age=0/);
    const list = await get('/admin');
    assert.equal(list.status, 303);
    assert.equal(list.headers.get('location'), '/admin/login');
    void auth;
  });
});

describe('admin sign-in throttling', () => {
  it('answers 429 with Retry-After after 10 sign-in attempts a minute from one address', async () => {
    const server = await startTestServer();
    try {
      const attempt = (key: string) =>
        fetch(`${server.url}/admin/login`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ key }), headers: { origin: server.url } });
      for (let i = 0; i < 10; i++) assert.equal((await attempt(`guess-${i}`)).status, 401);
      const throttled = await attempt(ADMIN_KEY);
      assert.equal(throttled.status, 429);
      assert.ok(Number(throttled.headers.get('retry-after')) >= 1);
      assert.equal(throttled.headers.get('set-cookie'), null, 'even the right key waits');
      assert.match(await throttled.text(), /Too many attempts/);
    } finally {
      await server.close();
    }
  });
});

describe('admin disabled', () => {
  it('serves no admin pages when no admin key is configured', async () => {
    const server = await startTestServer({ adminKeys: [] });
    try {
      assert.equal((await fetch(`${server.url}/admin/login`)).status, 404);
    } finally {
      await server.close();
    }
  });
});

describe('admin session expiry', () => {
  it('ends a session eight hours after sign-in by the service clock, not the wall clock', async () => {
    let clock = new Date('2026-12-01T12:00:00.000Z');
    const server = await startTestServer({ now: () => clock });
    try {
      const signIn = await fetch(`${server.url}/admin/login`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({ key: ADMIN_KEY }),
        headers: { origin: server.url },
      });
      assert.equal(signIn.status, 303);
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
      const list = () => fetch(`${server.url}/admin`, { redirect: 'manual', headers: { cookie } });
      clock = new Date('2026-12-01T19:59:00.000Z');
      assert.equal((await list()).status, 200, 'still signed in after 7 h 59 min');
      clock = new Date('2026-12-01T20:01:00.000Z');
      const expired = await list();
      assert.equal(expired.status, 303);
      assert.equal(expired.headers.get('location'), '/admin/login');
    } finally {
      await server.close();
    }
  });
});
