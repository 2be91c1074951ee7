/**
 * The support team's pages: sign in with an admin key, list and filter tickets, read one with its
 * attachments and history, change status or severity with a reason.
 * Server-rendered with no inline script or style, so the strict CSP holds. The session cookie is
 * an opaque random id (never the key), HttpOnly and SameSite=Strict; every POST is checked for a
 * same-origin source and carries a per-session token, so another site cannot drive the forms.
 */
import type { Context, Hono } from 'hono';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { CATEGORIES, DEFAULT_CALENDAR, SEVERITY_NAMES, responseDueAt, type Level } from '../src/severity.js';
import type { Ticket } from '../src/ticket.js';
import { HttpError } from './errors.js';
import type { BlobStore } from './blobs.js';
import { STATUSES, type TicketRow, type TicketStore } from './db.js';
import type { KeyRing, RateLimiter } from './auth.js';
import type { Env } from './app.js';
import { attachmentResponse, eventView, parseChange, requireAttachment, summaryOf } from './views.js';
import { readBody } from './multipart.js';
import { securityHeaders } from './static.js';
import { html, type Markup } from './html.js';

export interface AdminDeps {
  store: TicketStore;
  blobs: BlobStore;
  keys: KeyRing;
  now: () => Date;
  secureCookies: boolean;
  /** Sign-in attempts per client address; admin keys set by hand may be guessable. */
  loginLimiter: RateLimiter;
}

interface Session {
  label: string;
  csrf: string;
  expiresAt: number;
}

export const SESSION_COOKIE = 'triage_admin';
const SESSION_MS = 8 * 60 * 60 * 1000;
const PAGE_SIZE = 50;

export function mountAdmin(app: Hono<Env>, deps: AdminDeps): void {
  const sessions = new Map<string, Session>();
  const { store, blobs } = deps;

  const sessionOf = (c: Context<Env>): Session | undefined => {
    const id = cookieValue(c.req.header('cookie'), SESSION_COOKIE);
    const session = id ? sessions.get(id) : undefined;
    if (session && session.expiresAt < Date.now()) {
      sessions.delete(id!);
      return undefined;
    }
    return session;
  };

  const cookie = (c: Context<Env>, value: string, maxAge: number) => {
    const secure = deps.secureCookies || new URL(c.req.url).protocol === 'https:' ? '; Secure' : '';
    c.header('Set-Cookie', `${SESSION_COOKIE}=${value}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`);
  };

  app.use('/admin/*', async (c, next) => {
    securityHeaders(c);
    c.header('Cache-Control', 'no-store');
    await next();
  });
  app.use('/admin', async (c, next) => {
    securityHeaders(c);
    c.header('Cache-Control', 'no-store');
    await next();
  });

  app.get('/admin/admin.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'no-cache');
    return c.body(ADMIN_CSS);
  });

  app.get('/admin/login', (c) => c.html(page('Sign in', loginForm()).value));

  app.post('/admin/login', async (c) => {
    requireSameOrigin(c);
    const wait = deps.loginLimiter.take(`login:${clientAddress(c)}`);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return c.html(page('Sign in', loginForm(`Too many attempts. Try again in ${wait} seconds.`)).value, 429);
    }
    const form = await readForm(c);
    const caller = deps.keys.identify(form.get('key') ?? '');
    if (!caller || caller.role !== 'admin') {
      return c.html(page('Sign in', loginForm('That key is not an admin key.')).value, 401);
    }
    const id = randomBytes(32).toString('base64url');
    for (const [other, session] of sessions) if (session.expiresAt < Date.now()) sessions.delete(other);
    sessions.set(id, { label: caller.label, csrf: randomBytes(24).toString('base64url'), expiresAt: Date.now() + SESSION_MS });
    cookie(c, id, SESSION_MS / 1000);
    return c.redirect('/admin', 303);
  });

  app.post('/admin/logout', async (c) => {
    requireSameOrigin(c);
    const id = cookieValue(c.req.header('cookie'), SESSION_COOKIE);
    if (id) sessions.delete(id);
    cookie(c, '', 0);
    return c.redirect('/admin/login', 303);
  });

  app.get('/admin', (c) => {
    const session = sessionOf(c);
    if (!session) return c.redirect('/admin/login', 303);
    const filter = {
      status: pick(c.req.query('status'), STATUSES),
      category: pick(c.req.query('category'), CATEGORIES),
      severity: pick(c.req.query('severity'), ['1', '2', '3', '4'] as const),
    };
    const before = Number(c.req.query('before'));
    const rows = store.list({
      status: filter.status,
      category: filter.category,
      severity: filter.severity ? Number(filter.severity) : undefined,
      beforeSeq: Number.isInteger(before) && before > 0 ? before : undefined,
      limit: PAGE_SIZE + 1,
    });
    const shown = rows.slice(0, PAGE_SIZE);
    const older = rows.length > PAGE_SIZE ? shown[shown.length - 1]!.seq : undefined;
    return c.html(page('Tickets', listPage(shown, filter, older), session).value);
  });

  app.get('/admin/tickets/:id', (c) => {
    const session = sessionOf(c);
    if (!session) return c.redirect('/admin/login', 303);
    const row = store.getTicket(c.req.param('id'));
    if (!row) return c.html(page('Not found', html`<p>No ticket with this id.</p>`, session).value, 404);
    return c.html(page(row.reference, detailPage(store, row, session), session).value);
  });

  app.post('/admin/tickets/:id/change', async (c) => {
    requireSameOrigin(c);
    const session = sessionOf(c);
    if (!session) return c.redirect('/admin/login', 303);
    const row = store.getTicket(c.req.param('id'));
    if (!row) return c.html(page('Not found', html`<p>No ticket with this id.</p>`, session).value, 404);
    const form = await readForm(c);
    if (!sameToken(form.get('csrf') ?? '', session.csrf)) {
      return c.html(page('Refused', html`<p>This form is out of date. Reload the ticket and try again.</p>`, session).value, 403);
    }
    try {
      const change = parseChange({
        status: form.get('status') || undefined,
        severity: form.get('severity') ? Number(form.get('severity')) : undefined,
        reason: form.get('reason') ?? '',
      });
      store.changeTicket(row.id, change, { by: session.label, at: deps.now().toISOString(), reason: change.reason });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const message = (error.fields ?? []).map((f) => f.message).join(' ') || error.message;
      return c.html(page(row.reference, detailPage(store, row, session, message), session).value, 400);
    }
    return c.redirect(`/admin/tickets/${encodeURIComponent(row.id)}`, 303);
  });

  app.get('/admin/tickets/:id/attachments/:index', async (c) => {
    if (!sessionOf(c)) return c.redirect('/admin/login', 303);
    const row = store.getTicket(c.req.param('id'));
    if (!row) throw new HttpError(404, 'not_found', 'No ticket with this id.');
    return attachmentResponse(blobs, requireAttachment(store, row.id, c.req.param('index')));
  });

}

/**
 * A POST must come from our own pages. Browsers send Origin on POST; with this site's
 * `Referrer-Policy: no-referrer` a same-origin form POST may say `Origin: null`, in which case
 * Fetch Metadata (`Sec-Fetch-Site: same-origin`) vouches for it.
 */
function requireSameOrigin(c: Context<Env>): void {
  const origin = c.req.header('origin');
  const own = new URL(c.req.url).origin;
  if (origin === own) return;
  if ((origin === undefined || origin === 'null') && c.req.header('sec-fetch-site') === 'same-origin') return;
  throw new HttpError(403, 'origin_not_allowed', 'Forms must be posted from the admin pages of this service.');
}

async function readForm(c: Context<Env>): Promise<URLSearchParams> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new HttpError(415, 'unsupported_media_type', 'Send the form as application/x-www-form-urlencoded.');
  }
  return new URLSearchParams((await readBody(c.req.raw.body, 64 * 1024)).toString('utf8'));
}

function clientAddress(c: Context<Env>): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function pick<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

// The support team works to the support calendar's clock ("6am-4pm U.S. Eastern"), so times read
// in that zone; UTC stays in the tooltip and the datetime attribute.
const supportTime = new Intl.DateTimeFormat('en-CA', {
  timeZone: DEFAULT_CALENDAR.timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
});
const when = (iso: string | undefined | null) => {
  if (!iso) return html`<span class="muted">—</span>`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return html`${iso}`;
  const utc = `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return html`<time datetime="${date.toISOString()}" title="${utc}">${supportTime.format(date).replace(',', '')}</time>`;
};

function severityBadge(level: number): Markup {
  const name = SEVERITY_NAMES[level as Level] ?? 'Unknown';
  return html`<span class="badge sev-${level}">S${level}</span> ${name}`;
}

const statusBadge = (status: string) => html`<span class="status status-${status}">${status}</span>`;

/** The response deadline for the current severity, recomputed with the policy's clock. */
function responseDue(ticket: Ticket, level: number): string | undefined {
  try {
    return responseDueAt(new Date(ticket.createdAt), level as Level, { plan: ticket.sla?.plan ?? 'standard' }).toISOString();
  } catch {
    return ticket.sla?.responseDueAt;
  }
}

function page(title: string, body: Markup, session?: Session): Markup {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · triage-kit admin</title>
<link rel="stylesheet" href="/admin/admin.css">
</head>
<body>
<header class="top">
  <a class="brand" href="/admin">triage-kit <span>support</span></a>
  ${session
    ? html`<form method="post" action="/admin/logout" class="logout"><span class="muted">Signed in as ${session.label}</span> <button type="submit">Sign out</button></form>`
    : ''}
</header>
<main>
${body}
</main>
</body>
</html>`;
}

function loginForm(error?: string): Markup {
  return html`<h1>Sign in</h1>
<form method="post" action="/admin/login" class="card narrow">
  ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
  <label for="key">Admin key</label>
  <input id="key" name="key" type="password" autocomplete="current-password" required>
  <button type="submit">Sign in</button>
</form>`;
}

function options<T extends string>(values: readonly T[], selected: string | undefined, label: (v: T) => string = (v) => v): Markup[] {
  return values.map((v) => html`<option value="${v}" ${v === selected ? html`selected` : ''}>${label(v)}</option>`);
}

function listPage(rows: TicketRow[], filter: { status?: string; category?: string; severity?: string }, older?: number): Markup {
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as Array<[string, string]>);
  if (older) query.set('before', String(older));
  return html`<h1>Tickets</h1>
<form method="get" action="/admin" class="filters" aria-label="Filter tickets">
  <div><label for="f-status">Status</label>
  <select id="f-status" name="status"><option value="">Any</option>${options(STATUSES, filter.status)}</select></div>
  <div><label for="f-severity">Severity</label>
  <select id="f-severity" name="severity"><option value="">Any</option>${options(['1', '2', '3', '4'] as const, filter.severity, (v) => `S${v} ${SEVERITY_NAMES[Number(v) as Level]}`)}</select></div>
  <div><label for="f-category">Category</label>
  <select id="f-category" name="category"><option value="">Any</option>${options(CATEGORIES, filter.category)}</select></div>
  <button type="submit">Apply</button>
</form>
${rows.length === 0
    ? html`<p class="empty">No tickets match.</p>`
    : html`<table>
<caption class="visually-hidden">Tickets, newest first</caption>
<thead><tr><th scope="col">Reference</th><th scope="col">Summary</th><th scope="col">Category</th><th scope="col">Severity</th><th scope="col">Response due</th><th scope="col">Status</th><th scope="col">Agent</th><th scope="col">Received</th></tr></thead>
<tbody>
${rows.map((row) => {
  const ticket = JSON.parse(row.document) as Ticket;
  return html`<tr>
<th scope="row"><a href="/admin/tickets/${encodeURIComponent(row.id)}">${row.reference}</a></th>
<td>${summaryOf(row)}</td>
<td>${row.category}</td>
<td class="nowrap">${severityBadge(row.severity)}</td>
<td class="nowrap">${when(responseDue(ticket, row.severity))}</td>
<td>${statusBadge(row.status)}</td>
<td>${ticket.reporter?.name || row.agent || '—'}</td>
<td class="nowrap">${when(row.received_at)}</td>
</tr>`;
})}
</tbody>
</table>`}
${older ? html`<p><a href="/admin?${query.toString()}">Older tickets</a></p>` : ''}`;
}

const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : value ? 'Yes' : 'No');

function facts(title: string, entries: Array<[string, Markup | string | number | undefined | null]>): Markup {
  const shown = entries.filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (shown.length === 0) return html``;
  return html`<section class="card"><h2>${title}</h2><dl>${shown.map(([k, v]) => html`<dt>${k}</dt><dd>${v as Markup | string | number}</dd>`)}</dl></section>`;
}

function detailPage(store: TicketStore, row: TicketRow, session: Session, error?: string): Markup {
  const t = JSON.parse(row.document) as Ticket;
  const attachments = store.attachmentsOf(row.id);
  const events = store.eventsOf(row.id).map(eventView);
  const base = `/admin/tickets/${encodeURIComponent(row.id)}`;
  return html`<p><a href="/admin">← All tickets</a></p>
<h1>${row.reference}: ${t.summary}</h1>
<p class="meta">${severityBadge(row.severity)} · ${statusBadge(row.status)} · received ${when(row.received_at)} · response due ${when(responseDue(t, row.severity))}</p>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<div class="grid">
<section class="card"><h2>Change status</h2>
<form method="post" action="${base}/change">
  <input type="hidden" name="csrf" value="${session.csrf}">
  <label for="status">New status</label>
  <select id="status" name="status">${options(STATUSES, row.status)}</select>
  <label for="status-reason">Reason</label>
  <textarea id="status-reason" name="reason" required maxlength="2000" rows="2"></textarea>
  <button type="submit">Change status</button>
</form></section>
<section class="card"><h2>Change severity</h2>
<form method="post" action="${base}/change">
  <input type="hidden" name="csrf" value="${session.csrf}">
  <label for="severity">New severity</label>
  <select id="severity" name="severity">${options(['1', '2', '3', '4'] as const, String(row.severity), (v) => `S${v} ${SEVERITY_NAMES[Number(v) as Level]}`)}</select>
  <label for="severity-reason">Reason</label>
  <textarea id="severity-reason" name="reason" required maxlength="2000" rows="2"></textarea>
  <button type="submit">Change severity</button>
</form></section>
</div>
${facts('The problem', [
  ['Category', t.category],
  ['Observed behaviour', t.observed],
  ['Expected behaviour', t.expected],
  ['Steps performed', t.steps],
  ['Occurred at', html`${when(t.occurredAt)} (given in ${t.timeZone})`],
  ['Still happening', yesNo(t.currentlyObserved)],
  ['Workaround in place', yesNo(t.workaround)],
  ['Unsupported platform change', yesNo(t.unsupportedPlatformChange)],
  ['Core function affected', yesNo(t.coreFunctionAffected)],
  ['Linked status incident', t.linkedStatusIncident],
])}
${facts('Impact', [
  ['Agents affected', t.impact?.agentsAffected],
  ['Agent population', t.impact?.agentsTotal],
  ['Interactions affected', t.impact?.interactionsAffectedPercent === undefined ? undefined : `${t.impact.interactionsAffectedPercent} %`],
  ['What is unique about them', t.impact?.uniqueTraits],
  ['Frequency', t.impact?.frequency],
  ['How often', t.impact?.frequencyNote],
  ['Abandonment', t.abandonment ? `${t.abandonment.ratePercent} % (normal ${t.abandonment.normalRatePercent} %), ${t.abandonment.currentlyObserved ? 'happening now' : 'historical'}` : undefined],
])}
${facts('Severity', [
  ['Suggested', severityBadge(t.severity.suggested)],
  ['Why', t.severity.reasons.length ? html`<ul>${t.severity.reasons.map((r) => html`<li>${r}</li>`)}</ul>` : undefined],
  ['Chosen by the agent', severityBadge(t.severity.chosen)],
  ['Reason for the choice', t.severity.overrideReason],
  ['Current', severityBadge(row.severity)],
  ['Support plan', t.sla?.plan],
  ['Coverage', t.sla?.coverage],
  ['Response due (as sent)', t.sla ? when(t.sla.responseDueAt) : undefined],
])}
${facts('Reporter', [
  ['Name', t.reporter?.name],
  ['Login', t.reporter?.login],
  ['Oracle account ID', t.reporter?.accountId],
  ['Profile', t.reporter?.profile],
  ['ACD agent ID', t.reporter?.acdAgentId],
  ['Extension', t.reporter?.extension],
  ['Site', t.reporter?.site],
])}
${facts('Records', [
  ['Incident', t.records?.incidentReference ?? t.records?.incidentId],
  ['Incident ID', t.records?.incidentId],
  ['Chat ID', t.records?.chatId],
  ['Contact ID', t.records?.contactId],
  ['Queue', t.records?.queue],
  ['Interaction ID', t.records?.interactionId],
])}
${facts('Environment', [
  ['Host', t.environment?.host],
  ['Page', t.environment?.url],
  ['Browser', t.environment?.userAgent],
  ['Locale', t.environment?.locale],
  ['App version', t.environment?.appVersion],
  ['Created at', when(t.createdAt)],
  ['Ticket id', row.id],
])}
<section class="card"><h2>Attachments</h2>
${attachments.length === 0
    ? html`<p class="muted">None.</p>`
    : html`<table><thead><tr><th scope="col">File</th><th scope="col">Kind</th><th scope="col">Type</th><th scope="col">Size</th><th scope="col">SHA-256</th></tr></thead><tbody>
${attachments.map((a) => html`<tr><th scope="row"><a href="${base}/attachments/${a.idx}" download>${a.name}</a></th><td>${a.kind}</td><td>${a.type}</td><td>${a.size.toLocaleString('en-US')} bytes</td><td><code>${a.sha256.slice(0, 16)}…</code></td></tr>`)}
</tbody></table>`}
</section>
<section class="card"><h2>History</h2>
<table><thead><tr><th scope="col">When</th><th scope="col">Change</th><th scope="col">By</th><th scope="col">Reason</th></tr></thead><tbody>
${events.map((e) => html`<tr><td class="nowrap">${when(e.at)}</td><td>${
    e.type === 'created' ? 'Received' : e.type === 'severity' ? html`Severity S${e.from} → S${e.to}` : html`Status ${e.from} → ${e.to}`
  }</td><td>${e.by}</td><td>${e.reason ?? ''}</td></tr>`)}
</tbody></table>
</section>`;
}

const ADMIN_CSS = `
:root { color-scheme: light; --fg: #1d2330; --muted: #5b6475; --line: #dde1e8; --bg: #f5f6f8; --card: #fff; --accent: #1f5fbf; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
.top { display: flex; align-items: center; justify-content: space-between; padding: .6rem 1.5rem; background: #1d2330; color: #fff; }
.top a.brand { color: #fff; font-weight: 600; text-decoration: none; }
.top a.brand span { font-weight: 400; opacity: .75; }
.top .muted { color: #c9cfda; }
.logout { display: flex; gap: .75rem; align-items: center; margin: 0; }
main { max-width: 1200px; margin: 0 auto; padding: 1.25rem 1.5rem 3rem; }
h1 { font-size: 1.4rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.05rem; margin: 0 0 .75rem; }
a { color: var(--accent); }
.muted { color: var(--muted); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin: 0 0 1rem; }
.narrow { max-width: 24rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; }
label { display: block; font-weight: 600; margin: .5rem 0 .25rem; }
input, select, textarea { font: inherit; padding: .4rem .5rem; border: 1px solid #b8bfcc; border-radius: 6px; width: 100%; background: #fff; color: var(--fg); }
button { font: inherit; margin-top: .75rem; padding: .45rem .9rem; border: 0; border-radius: 6px; background: var(--accent); color: #fff; cursor: pointer; }
.top button { margin: 0; background: #3a4458; }
button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 3px solid #f0b429; outline-offset: 2px; }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; margin-bottom: 1rem; }
.filters select { width: auto; min-width: 10rem; }
table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
th, td { text-align: left; padding: .5rem .65rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: #eef0f4; font-size: .85rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
tbody th { font-weight: 600; }
.card table { border: 0; }
.nowrap { white-space: nowrap; }
.badge { display: inline-block; min-width: 2.2em; text-align: center; padding: .05rem .4rem; border-radius: 999px; font-weight: 700; font-size: .8rem; color: #fff; }
.sev-1 { background: #b42318; } .sev-2 { background: #c4500c; } .sev-3 { background: #8a6a00; } .sev-4 { background: #4b5565; }
.status { display: inline-block; padding: .05rem .5rem; border-radius: 4px; font-size: .85rem; background: #e7ebf3; }
.status-new { background: #dbe8ff; } .status-acknowledged { background: #e5e0ff; } .status-waiting { background: #fff1c2; } .status-resolved { background: #d6f5df; }
dl { display: grid; grid-template-columns: minmax(10rem, 14rem) 1fr; gap: .35rem 1rem; margin: 0; }
dt { color: var(--muted); } dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
dd ul { margin: 0; padding-left: 1.1rem; white-space: normal; }
.meta { color: var(--muted); }
.error { color: #b42318; font-weight: 600; }
.empty { padding: 2rem; text-align: center; color: var(--muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
code { font-size: .85em; }
`;
