/**
 * Support's side of one followed report or joined incident, as My reports shows it: status,
 * severity with the reason support gave, the SLA, responses and updates, and open log requests.
 * Every text support wrote goes through a Lit text binding, so markup in it stays text.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { fill } from '../../src/format.js';
import type { AnsweredLogs, FollowState, Followed, LogRequest, SupportView } from '../../src/follow.js';
import type { Strings } from '../../src/strings.js';

export interface SupportScope {
  t: Strings;
  time: (iso: string) => string;
  state: FollowState;
  autoUploadLogs: boolean;
  /** Why the last upload of a request failed, by request id. */
  logErrors: ReadonlyMap<string, string>;
  answer: (item: Followed, request: LogRequest) => void;
  markSeen: (item: Followed) => void;
  /** The id of the element naming the report, so each button says which report it acts on. */
  describedBy: string;
}

const STATUS_WORDS: Record<string, keyof Strings> = {
  new: 'reportsStatusNew',
  acknowledged: 'reportsStatusAcknowledged',
  waiting: 'reportsStatusWaiting',
  resolved: 'reportsStatusResolved',
  closed: 'reportsStatusClosed',
};

const REASON_WORDS: Record<string, keyof Strings> = {
  'bcp-in-place': 'reportsReasonBcp',
  'unsupported-platform': 'reportsReasonPlatform',
  'more-agents': 'reportsReasonAgents',
  other: 'reportsReasonOther',
};

export function statusWord(t: Strings, status: string): string {
  const key = STATUS_WORDS[status];
  return key ? (t[key] as string) : status;
}

const newTag = (t: Strings, shown: boolean) => (shown ? html` <span part="new" class="new">${t.reportsNew}</span>` : nothing);

/** The whole support block of one followed thing; nothing until the first answer. */
export function supportBlock(scope: SupportScope, item: Followed | undefined): TemplateResult | typeof nothing {
  if (!item) return nothing;
  const { t } = scope;
  const view = item.view;
  if (!view) return item.error ? html`<p class="muted" part="support">${followError(t, item.error)}</p>` : nothing;
  const changed = new Set(item.changes);
  return html`<div part="support" class="support" data-status=${view.status} data-new=${changed.size ? 'true' : 'false'}>
    <p class="support-status">
      <strong>${fill(t.reportsSupportStatus, { status: statusWord(t, view.status) })}</strong>${newTag(t, changed.has('status'))}
    </p>
    ${severityLine(t, view, changed.has('severity'))} ${slaLine(scope, view)}
    ${view.incident
      ? html`<p class="incident">${fill(t.reportsIncident, { title: view.incident.title, workaround: view.incident.workaround })}${newTag(t, changed.has('incident'))}</p>`
      : nothing}
    ${updatesList(scope, view, item)} ${logRequests(scope, item, view)}
    ${item.error ? html`<p class="muted">${followError(t, item.error)}</p>` : nothing}
    ${changed.size
      ? html`<div part="actions"><button type="button" aria-describedby=${scope.describedBy} @click=${() => scope.markSeen(item)}>${t.reportsMarkSeen}</button></div>`
      : nothing}
  </div>`;
}

function followError(t: Strings, error: string): string {
  return error === 'offline' ? t.reportsOffline : fill(t.reportsFollowFailed, { reason: error });
}

function severityLine(t: Strings, view: SupportView, isNew: boolean): TemplateResult | typeof nothing {
  const severity = view.severity;
  if (!severity) return nothing;
  if (severity.changedBy !== 'support' && !severity.reason) return html`<p>${fill(t.reportsSeverity, { level: severity.chosen })}${newTag(t, isNew)}</p>`;
  const known = severity.reason ? REASON_WORDS[severity.reason] : undefined;
  const reason = [known ? (t[known] as string) : severity.reason, severity.reasonText].filter(Boolean).join(': ');
  return html`<p class="severity">${fill(t.reportsSeverityChanged, { level: severity.chosen, reason })}${newTag(t, isNew)}</p>`;
}

function slaLine({ t, time }: SupportScope, view: SupportView): TemplateResult | typeof nothing {
  const sla = view.sla;
  if (!sla) return nothing;
  const parts: string[] = [];
  if (sla.respondedAt) parts.push(fill(t.reportsResponded, { time: time(sla.respondedAt) }));
  else if (sla.responseDueAt) parts.push(fill(t.reportsResponseDue, { time: time(sla.responseDueAt) }));
  if (sla.nextUpdateDueAt) parts.push(fill(t.reportsNextUpdateDue, { time: time(sla.nextUpdateDueAt) }));
  if (!parts.length && !sla.overdue) return nothing;
  return html`<p class="sla" part="sla">${parts.join(' · ')}${sla.overdue ? html` <strong class="overdue">${t.reportsOverdue}</strong>` : nothing}</p>`;
}

function updatesList({ t, time }: SupportScope, view: SupportView, item: Followed): TemplateResult | typeof nothing {
  if (!view.updates.length) return nothing;
  // Newest first: the latest word from support is what the agent came for.
  const updates = [...view.updates].reverse();
  return html`<ol part="updates" class="updates" aria-label=${t.reportsUpdatesLabel}>
    ${updates.map(
      (update) => html`<li data-id=${update.id} data-kind=${update.kind}>
        <span class="muted">${fill(update.kind === 'response' ? t.reportsUpdateResponse : t.reportsUpdateUpdate, { by: update.by, time: time(update.at) })}</span>${newTag(
          t,
          item.newUpdates.includes(update.id),
        )}
        <p class="update-text">${update.text}</p>
      </li>`,
    )}
  </ol>`;
}

function logRequests(scope: SupportScope, item: Followed, view: SupportView): TemplateResult | typeof nothing {
  const { t, time, state } = scope;
  const open = view.logRequests.filter((request) => request.state === 'open' || state.answered[request.id]);
  if (!open.length) return nothing;
  return html`${open.map((request) => {
    const answered: AnsweredLogs | undefined = state.answered[request.id];
    const busy = state.uploading.has(request.id);
    const error = scope.logErrors.get(request.id);
    return html`<div part="log-request" class="log-request" data-id=${request.id} data-state=${answered ? 'answered' : busy ? 'sending' : 'open'}>
      <p>${fill(t.reportsLogsRequest, { from: time(request.from), to: time(request.to) })}${newTag(t, item.changes.includes('logRequests') && !answered)}</p>
      ${request.note ? html`<p class="update-text">${request.note}</p>` : nothing}
      ${answered
        ? html`<p>${fill(answered.automatic ? t.reportsLogsSentAuto : t.reportsLogsSent, { time: time(answered.at), entries: answered.entries })}</p>`
        : html`${scope.autoUploadLogs ? html`<p class="muted">${t.reportsLogsAuto}</p>` : nothing}
            <div part="actions">
              <button type="button" class="primary" aria-describedby=${scope.describedBy} ?disabled=${busy} aria-busy=${busy ? 'true' : 'false'} @click=${() => scope.answer(item, request)}>
                ${busy ? t.reportsLogsSending : t.reportsLogsSend}
              </button>
            </div>`}
      ${error && !answered ? html`<p class="error">${fill(t.reportsLogsFailed, { reason: error })}</p>` : nothing}
    </div>`;
  })}`;
}
