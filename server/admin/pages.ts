/**
 * The admin pages' markup: sign-in, the ticket list with filters, one ticket with its facts,
 * attachments, history and change forms. Every value is escaped by `html`; no inline script or style.
 */
import { CATEGORIES, DEFAULT_CALENDAR, SEVERITY_NAMES, type Level } from '../../src/severity.js';
import type { Ticket } from '../../src/ticket.js';
import { reporterEn } from '../../src/strings/reporter.js';
import { STATUSES, type AttachmentRow, type DeliveryRow, type EventRow, type TicketRow } from '../storage/types.js';
import { eventView, summaryOf } from '../views.js';
import { html, type Markup } from '../html.js';
import type { Session } from './session.js';
import type { SlaView } from '../clock.js';
import { dueCell, regradeReasonField, slaFacts } from './loop-pages.js';

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

/** The category as the agent chose it in the reporter, from the reporter's own English catalog. */
const categoryName = (category: string) => reporterEn.categories[category as keyof typeof reporterEn.categories]?.label ?? category;

/** Who reported: the name, and below it the login beside the account ID support looks people up by. */
function agentCell(ticket: Ticket, row: TicketRow): Markup {
  const who = ticket.reporter;
  const ids = [who?.login, who?.accountId && `ID ${who.accountId}`].filter(Boolean).join(' · ');
  if (!who?.name) return html`${ids || row.agent || '—'}`;
  return ids ? html`${who.name}<br><span class="muted">${ids}</span>` : html`${who.name}`;
}

// A required field's visible marker; the `required` attribute tells assistive technology.
const requiredMark = html` <span class="required" aria-hidden="true">*</span>`;

const statusBadge = (status: string) => html`<span class="status status-${status}">${status}</span>`;

/** Due times come from the service's clock (../clock.ts), counted from when the intake received the ticket. */
export const whenText = (iso: string | null) => when(iso);
export { categoryName };

export function page(title: string, body: Markup, session?: Session): Markup {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · triage-kit admin</title>
<link rel="icon" href="/admin/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/admin/admin.css">
</head>
<body>
<header class="top">
  <a class="brand" href="/admin">triage-kit <span>support</span></a>
  ${session ? html`<nav class="nav"><a href="/admin">Tickets</a> <a href="/admin?sort=due">Due queue</a> <a href="/admin/webhooks">Webhooks</a></nav>` : ''}
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

export function loginForm(error?: string): Markup {
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

export function listPage(
  rows: TicketRow[],
  filter: { status?: string; category?: string; severity?: string },
  older?: number,
  slas: ReadonlyMap<string, SlaView> = new Map(),
  sort: 'due' | 'newest' = 'newest',
): Markup {
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as Array<[string, string]>);
  if (older) query.set('before', String(older));
  return html`<h1>${sort === 'due' ? 'Due queue' : 'Tickets'}</h1>
${sort === 'due' ? html`<p class="meta">What support owes first: overdue, then what falls due first; Premium ahead of Standard within a severity 2-4. Waiting, resolved and closed tickets owe nothing.</p>` : ''}
<form method="get" action="/admin" class="filters" aria-label="Filter tickets">
  <div><label for="f-sort">Order</label>
  <select id="f-sort" name="sort"><option value="newest" ${sort === 'newest' ? html`selected` : ''}>Newest first</option><option value="due" ${sort === 'due' ? html`selected` : ''}>What is due first</option></select></div>
  <div><label for="f-status">Status</label>
  <select id="f-status" name="status"><option value="">Any</option>${options(STATUSES, filter.status)}</select></div>
  <div><label for="f-severity">Severity</label>
  <select id="f-severity" name="severity"><option value="">Any</option>${options(['1', '2', '3', '4'] as const, filter.severity, (v) => `S${v} ${SEVERITY_NAMES[Number(v) as Level]}`)}</select></div>
  <div><label for="f-category">Category</label>
  <select id="f-category" name="category"><option value="">Any</option>${options(CATEGORIES, filter.category, categoryName)}</select></div>
  <button type="submit">Apply</button>
</form>
${rows.length === 0
    ? html`<p class="empty">No tickets match.</p>`
    : html`<table>
<caption class="visually-hidden">Tickets, ${sort === 'due' ? 'what is due first' : 'newest first'}</caption>
<thead><tr><th scope="col">Reference</th><th scope="col">Summary</th><th scope="col">Category</th><th scope="col">Severity</th><th scope="col">Response due</th><th scope="col">Status</th><th scope="col">Agent</th><th scope="col">Received</th></tr></thead>
<tbody>
${rows.map((row) => {
  const ticket = JSON.parse(row.document) as Ticket;
  return html`<tr>
<th scope="row"><a href="/admin/tickets/${encodeURIComponent(row.id)}">${row.reference}</a></th>
<td>${summaryOf(row)}</td>
<td>${categoryName(row.category)}</td>
<td class="nowrap">${severityBadge(row.severity)}</td>
<td class="nowrap">${dueCell(slas.get(row.id), when)}</td>
<td>${statusBadge(row.status)}</td>
<td>${agentCell(ticket, row)}</td>
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

export function detailPage(
  row: TicketRow,
  attachments: AttachmentRow[],
  history: EventRow[],
  session: Session,
  error?: string,
  notice?: string,
  loop?: { sla: SlaView; forms: Markup },
): Markup {
  const t = JSON.parse(row.document) as Ticket;
  const events = history.map(eventView);
  const base = `/admin/tickets/${encodeURIComponent(row.id)}`;
  return html`<p><a href="/admin">← All tickets</a></p>
<h1>${row.reference}: ${t.summary}</h1>
<p class="meta">${severityBadge(row.severity)} · ${statusBadge(row.status)} · received ${when(row.received_at)} · ${loop ? html`due ${dueCell(loop.sla, when)}` : ''}</p>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
${notice ? html`<p class="notice" role="status" tabindex="-1" autofocus>${notice}</p>` : ''}
<p class="muted">Fields marked <span class="required">*</span> are required.</p>
<div class="grid">
<section class="card"><h2>Change status</h2>
<form method="post" action="${base}/change">
  <input type="hidden" name="csrf" value="${session.csrf}">
  <label for="status">New status</label>
  <select id="status" name="status">${options(STATUSES, row.status)}</select>
  <label for="status-reason">Reason${requiredMark}</label>
  <textarea id="status-reason" name="reason" required maxlength="2000" rows="2"></textarea>
  <button type="submit">Change status</button>
</form></section>
<section class="card"><h2>Change severity</h2>
<form method="post" action="${base}/change">
  <input type="hidden" name="csrf" value="${session.csrf}">
  <label for="severity">New severity</label>
  <select id="severity" name="severity">${options(['1', '2', '3', '4'] as const, String(row.severity), (v) => `S${v} ${SEVERITY_NAMES[Number(v) as Level]}`)}</select>
  ${regradeReasonField()}
  <label for="severity-reason">Reason${requiredMark}</label>
  <textarea id="severity-reason" name="reason" required maxlength="2000" rows="2"></textarea>
  <button type="submit">Change severity</button>
</form></section>
</div>
${loop?.forms ?? ''}
${loop ? facts('Service level (the service\'s clock)', slaFacts(loop.sla, when)) : ''}
${facts('The problem', [
  ['Category', categoryName(t.category)],
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
    e.type === 'created' ? 'Received' : e.type === 'severity' ? html`Severity S${e.from} → S${e.to}` : e.type === 'status' ? html`Status ${e.from} → ${e.to}` : (HISTORY_NAMES[e.type] ?? e.type)
  }</td><td>${e.by}</td><td>${e.reason ?? ''}</td></tr>`)}
</tbody></table>
</section>`;
}

/**
 * The confirmation after a change (POST, redirect, GET): what the listed events did, or that the
 * ticket already had the chosen value; undefined when the query names no change of this ticket.
 */
export function changeNotice(history: EventRow[], changed: string | undefined): string | undefined {
  if (changed === 'none') return 'Nothing changed: the ticket already had that value.';
  const ids = new Set((changed ?? '').split(',').map(Number));
  const done = history.filter((e) => ids.has(e.id)).map(eventView);
  if (done.length === 0) return undefined;
  return done
    .map((e) => (e.type === 'severity' ? `Severity changed from S${e.from} to S${e.to}.` : e.type === 'status' ? `Status changed from ${e.from} to ${e.to}.` : `${HISTORY_NAMES[e.type] ?? e.type}: done.`))
    .join(' ');
}

/** The loop's events in the history and the confirmation. */
const HISTORY_NAMES: Record<string, string> = {
  response: 'Response posted',
  update: 'Update posted',
  'logs-requested': 'Logs requested',
  'logs-answered': 'Logs received',
  incident: 'Linked to an incident',
};

export function webhooksPage(deliveries: DeliveryRow[], session: Session, configured: boolean, retried?: string): Markup {
  const failing = deliveries.filter((d) => d.status !== 'delivered' && d.attempts > 0).length;
  return html`<h1>Webhooks</h1>
${configured ? '' : html`<p class="muted">No webhook endpoint is configured (TRIAGE_WEBHOOK_URLS); nothing is sent.</p>`}
${retried ? html`<p role="status">Delivery ${retried} is due now.</p>` : ''}
<p class="meta">${deliveries.length} most recent deliveries · ${failing} waiting after a failed attempt</p>
${deliveries.length === 0
    ? html`<p class="empty">No deliveries yet.</p>`
    : html`<table>
<caption class="visually-hidden">Webhook deliveries, newest first</caption>
<thead><tr><th scope="col">Event</th><th scope="col">Endpoint</th><th scope="col">State</th><th scope="col">Attempts</th><th scope="col">Last attempt</th><th scope="col">Next attempt</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
<tbody>
${deliveries.map((d) => html`<tr>
<th scope="row">${d.type}<br><code>${d.event_id}</code></th>
<td>${d.endpoint}</td>
<td><span class="status status-${d.status}">${d.status}</span></td>
<td>${d.attempts}</td>
<td>${d.last_attempt_at ? html`${when(d.last_attempt_at)}<br><span class="muted">${d.last_error ?? `answered ${d.last_status}`}</span>` : html`<span class="muted">—</span>`}</td>
<td>${d.status === 'pending' ? when(d.next_attempt_at) : html`<span class="muted">—</span>`}</td>
<td>${d.status === 'delivered'
    ? ''
    : html`<form method="post" action="/admin/webhooks/${d.id}/retry"><input type="hidden" name="csrf" value="${session.csrf}"><button type="submit" aria-label="Retry delivery ${d.id} now">Retry now</button></form>`}</td>
</tr>`)}
</tbody>
</table>`}`;
}
