/**
 * The admin pages' side of closing the loop (issue 12): the SLA as the service's clock sees it,
 * the forms to respond or update, to ask for logs with a window and to create or link an
 * incident with its workaround, and what support already wrote. Every value is escaped by
 * `html`: support's own words too, stored as given and shown as text.
 */
import { CATEGORIES, wallClockToInstant, zonedParts } from '../../src/severity.js';
import { html, type Markup } from '../html.js';
import type { SlaView } from '../clock.js';
import type { IncidentRow, LogRequestRow, UpdateRow } from '../storage/loop.js';
import { REGRADE_REASONS } from '../storage/loop.js';
import type { Session } from './session.js';

/** The policy's dispositions, in words. */
export const REGRADE_REASON_NAMES: Record<(typeof REGRADE_REASONS)[number], string> = {
  'bcp-in-place': 'Business continuity plan in place (downgrade)',
  'unsupported-platform': 'Unsupported ACD or platform change (downgrade)',
  'more-agents': 'More agents affected (upgrade)',
  other: 'Other change in the disposition',
};

/** A due time and whether it passed, for a cell or a fact. */
export function dueCell(sla: SlaView | undefined, when: (iso: string | null) => Markup): Markup {
  if (!sla) return html`<span class="muted">—</span>`;
  const owed = sla.respondedAt === null ? sla.responseDueAt : sla.nextUpdateDueAt;
  const label = sla.respondedAt === null ? '' : sla.nextUpdateDueAt ? 'update ' : '';
  if (!owed) return html`<span class="muted">responded</span>`;
  return html`${label}${when(owed)}${sla.overdue ? html` <span class="overdue">overdue</span>` : ''}`;
}

export function slaFacts(sla: SlaView, when: (iso: string | null) => Markup): Array<[string, Markup | string]> {
  return [
    ['Plan (service clock)', `${sla.plan}, ${sla.coverage}`],
    ['Clock started', when(sla.clockStartedAt)],
    ['Response due', html`${when(sla.responseDueAt)}${sla.overdue && sla.respondedAt === null ? html` <span class="overdue">overdue</span>` : ''}`],
    ['Responded', sla.respondedAt ? when(sla.respondedAt) : html`<span class="muted">not yet</span>`],
    ...(sla.nextUpdateDueAt ? ([['Next update due', html`${when(sla.nextUpdateDueAt)}${sla.overdue && sla.respondedAt !== null ? html` <span class="overdue">overdue</span>` : ''}`]] as Array<[string, Markup]>) : []),
  ];
}

/** `YYYY-MM-DDTHH:MM` of an instant on support's wall clock, for a datetime-local field. */
export function wallClockValue(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/** A datetime-local value read on support's wall clock; undefined when it is not one. */
export function fromWallClock(value: string, timeZone: string): string | undefined {
  const match = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59) return undefined;
  return wallClockToInstant(y!, mo!, d!, h!, mi!, timeZone).toISOString();
}

const required = html` <span class="required" aria-hidden="true">*</span>`;

export interface LoopSection {
  base: string;
  session: Session;
  updates: UpdateRow[];
  requests: LogRequestRow[];
  incident: IncidentRow | undefined;
  /** Confirmed incidents this ticket may be linked to. */
  open: IncidentRow[];
  category: string;
  queue: string | undefined;
  site: string | undefined;
  now: Date;
  timeZone: string;
  when: (iso: string | null) => Markup;
  categoryName: (category: string) => string;
}

export function loopForms(s: LoopSection): Markup {
  const csrf = html`<input type="hidden" name="csrf" value="${s.session.csrf}">`;
  const zone = s.timeZone;
  return html`<div class="grid">
<section class="card"><h2>Respond or update</h2>
<form method="post" action="${s.base}/updates">
  ${csrf}
  <label for="update-kind">Kind</label>
  <select id="update-kind" name="kind"><option value="response">Response (the first one stops the response clock)</option><option value="update">Status update</option></select>
  <label for="update-text">Text the agent will read${required}</label>
  <textarea id="update-text" name="text" required maxlength="4000" rows="3"></textarea>
  <button type="submit">Post</button>
</form></section>
<section class="card"><h2>Ask for logs</h2>
<form method="post" action="${s.base}/log-requests">
  ${csrf}
  <label for="logs-from">From (${zone})${required}</label>
  <input id="logs-from" name="from" type="datetime-local" required value="${wallClockValue(new Date(s.now.getTime() - 3_600_000), zone)}">
  <label for="logs-to">To (${zone}), at most 24 hours later${required}</label>
  <input id="logs-to" name="to" type="datetime-local" required value="${wallClockValue(s.now, zone)}">
  <label for="logs-note">Note to the agents</label>
  <textarea id="logs-note" name="note" maxlength="2000" rows="2"></textarea>
  <button type="submit">Ask the reporter and the joined agents</button>
</form></section>
<section class="card"><h2>Known incident</h2>
${s.incident
    ? html`<p>Linked to <strong>${s.incident.title}</strong> (${s.incident.status}).</p><p class="muted">Workaround: ${s.incident.workaround}</p>
${s.incident.status === 'confirmed'
    ? html`<form method="post" action="/admin/incidents/${encodeURIComponent(s.incident.id)}/resolve">${csrf}<input type="hidden" name="ticket" value="${s.base}"><button type="submit">Resolve the incident (ends the banner)</button></form>`
    : ''}`
    : html`<form method="post" action="${s.base}/incident">
  ${csrf}
  <label for="incident-title">Title${required}</label>
  <input id="incident-title" name="title" required maxlength="200">
  <label for="incident-workaround">Workaround the agents will read${required}</label>
  <textarea id="incident-workaround" name="workaround" required maxlength="2000" rows="2"></textarea>
  <label for="incident-category">Category</label>
  <select id="incident-category" name="category">${CATEGORIES.map((c) => html`<option value="${c}" ${c === s.category ? html`selected` : ''}>${s.categoryName(c)}</option>`)}</select>
  <label for="incident-queue">Queue (only reporters on it see the banner)</label>
  <input id="incident-queue" name="queue" maxlength="200" value="${s.queue ?? ''}">
  <label for="incident-site">Site (only reporters there see the banner)</label>
  <input id="incident-site" name="site" maxlength="200" value="${s.site ?? ''}">
  <label for="incident-status-id">Status-page incident</label>
  <input id="incident-status-id" name="statusIncidentId" maxlength="200">
  <button type="submit">Create the incident and link this ticket</button>
</form>
${s.open.length
    ? html`<form method="post" action="${s.base}/incident">
  ${csrf}
  <label for="incident-existing">Or link to a confirmed incident</label>
  <select id="incident-existing" name="incidentId">${s.open.map((i) => html`<option value="${i.id}">${i.title}</option>`)}</select>
  <button type="submit">Link</button>
</form>`
    : ''}`}
</section>
</div>
<section class="card"><h2>What support wrote</h2>
${s.updates.length === 0
    ? html`<p class="muted">Nothing yet.</p>`
    : html`<table><thead><tr><th scope="col">When</th><th scope="col">Kind</th><th scope="col">By</th><th scope="col">Text</th></tr></thead><tbody>
${s.updates.map((u) => html`<tr><td class="nowrap">${s.when(u.at)}</td><td>${u.kind}</td><td>${u.by}</td><td class="text">${u.body}</td></tr>`)}
</tbody></table>`}
</section>
<section class="card"><h2>Logs requests</h2>
${s.requests.length === 0
    ? html`<p class="muted">None.</p>`
    : html`<table><thead><tr><th scope="col">Asked</th><th scope="col">Window</th><th scope="col">Note</th><th scope="col">State</th></tr></thead><tbody>
${s.requests.map((r) => html`<tr><td class="nowrap">${s.when(r.requested_at)}</td><td class="nowrap">${s.when(r.from_at)} – ${s.when(r.to_at)}</td><td class="text">${r.note ?? ''}</td><td>${r.state}</td></tr>`)}
</tbody></table>`}
</section>`;
}

export function regradeReasonField(): Markup {
  return html`<label for="regrade-reason">Policy reason for the regrade${required}</label>
  <select id="regrade-reason" name="regradeReason" required><option value="">Choose…</option>${REGRADE_REASONS.map((r) => html`<option value="${r}">${REGRADE_REASON_NAMES[r]}</option>`)}</select>`;
}
