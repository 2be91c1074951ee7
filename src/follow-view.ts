/**
 * What the browser's key may read of support's side of a report (`GET /api/tickets/:id` with the
 * ticket's receipt) or of an incident the agent joined (`GET /api/incidents/:id` with the join's
 * receipt), read defensively into one shape: the service may be older or newer than this code,
 * so an unknown field is ignored and a missing one has a plain default. Support's texts stay
 * strings here; the elements render them as text, never as markup.
 */

/**
 * How a followed report or incident is keyed (the follower's items, the seen marks): here rather
 * than in follow.ts so My reports can key what it shows without loading the follower.
 */
export const followKey = (kind: 'ticket' | 'incident', id: string) => `${kind}:${id}`;

export const SUPPORT_STATUSES = ['new', 'acknowledged', 'waiting', 'resolved', 'closed'] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];

/** Why support regraded a ticket, as the policy names the dispositions (loop-api.md). */
export const REGRADE_REASONS = ['bcp-in-place', 'unsupported-platform', 'more-agents', 'other'] as const;
export type RegradeReason = (typeof REGRADE_REASONS)[number];

export interface SupportUpdate {
  id: string;
  kind: 'response' | 'update';
  text: string;
  by: string;
  at: string;
}

export interface LogRequest {
  id: string;
  /** The ticket the logs attach to (given on an incident's requests). */
  ticketId?: string;
  reference?: string;
  from: string;
  to: string;
  note?: string;
  requestedAt: string;
  state: 'open' | 'answered';
}

export interface SupportSla {
  plan?: string;
  clockStartedAt?: string;
  responseDueAt?: string;
  respondedAt?: string;
  /** Severity 1 only: when support owes the next update. */
  nextUpdateDueAt?: string;
  overdue: boolean;
}

export interface SupportSeverity {
  chosen: number;
  suggested?: number;
  changedBy?: string;
  reason?: string;
  reasonText?: string;
}

export interface LinkedIncident {
  id: string;
  title: string;
  workaround: string;
  status: string;
}

/** Support's side of one followed thing: a report this device sent, or an incident it joined. */
export interface SupportView {
  kind: 'ticket' | 'incident';
  id: string;
  reference?: string;
  status: string;
  severity?: SupportSeverity;
  sla?: SupportSla;
  updates: SupportUpdate[];
  logRequests: LogRequest[];
  /** The confirmed incident support linked the ticket to. */
  incident?: LinkedIncident;
  /** An incident's own words. */
  title?: string;
  workaround?: string;
  joinedAgents?: number;
}

/** A confirmed incident the related-reports lookup names, shown before the agent files. */
export interface KnownIncident {
  id: string;
  title: string;
  workaround: string;
  category?: string;
  queue?: string;
  site?: string;
  joinedAgents: number;
  since?: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const record = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function readSupportView(kind: SupportView['kind'], data: unknown): SupportView {
  const body = record(data);
  const id = text(body?.id);
  if (!body || !id) throw new TypeError(`The intake service's ${kind} view has no id.`);
  const view: SupportView = {
    kind,
    id,
    reference: text(body.reference),
    status: text(body.status) ?? 'new',
    updates: list(body.updates).flatMap((raw) => {
      const u = record(raw);
      const uid = text(u?.id);
      if (!u || !uid) return [];
      return [{ id: uid, kind: u.kind === 'response' ? 'response' : 'update', text: text(u.text) ?? '', by: text(u.by) ?? '', at: text(u.at) ?? '' } as SupportUpdate];
    }),
    logRequests: list(body.logRequests).flatMap((raw) => readLogRequest(raw) ?? []),
  };
  const severity = record(body.severity);
  if (severity && typeof severity.chosen === 'number') {
    view.severity = {
      chosen: severity.chosen,
      suggested: typeof severity.suggested === 'number' ? severity.suggested : undefined,
      changedBy: text(severity.changedBy),
      reason: text(severity.reason),
      reasonText: text(severity.reasonText),
    };
  }
  const sla = record(body.sla);
  if (sla) {
    view.sla = {
      plan: text(sla.plan),
      clockStartedAt: text(sla.clockStartedAt),
      responseDueAt: text(sla.responseDueAt),
      respondedAt: text(sla.respondedAt),
      nextUpdateDueAt: text(sla.nextUpdateDueAt),
      overdue: sla.overdue === true,
    };
  }
  const incident = record(body.incident);
  if (incident && text(incident.id)) {
    view.incident = { id: text(incident.id)!, title: text(incident.title) ?? '', workaround: text(incident.workaround) ?? '', status: text(incident.status) ?? '' };
  }
  if (kind === 'incident') {
    view.title = text(body.title) ?? '';
    view.workaround = text(body.workaround) ?? '';
  }
  if (typeof body.joinedAgents === 'number') view.joinedAgents = body.joinedAgents;
  return view;
}

function readLogRequest(raw: unknown): LogRequest | undefined {
  const r = record(raw);
  const id = text(r?.id);
  const from = text(r?.from);
  const to = text(r?.to);
  if (!r || !id || !from || !to) return undefined;
  return {
    id,
    ticketId: text(r.ticketId),
    reference: text(r.reference),
    from,
    to,
    note: text(r.note),
    requestedAt: text(r.requestedAt) ?? '',
    state: r.state === 'answered' ? 'answered' : 'open',
  };
}

/** The `incidents` of a related-reports answer; anything unreadable is left out. */
export function readKnownIncidents(value: unknown): KnownIncident[] {
  return list(value).flatMap((raw) => {
    const r = record(raw);
    const id = text(r?.id);
    if (!r || !id) return [];
    return [
      {
        id,
        title: text(r.title) ?? '',
        workaround: text(r.workaround) ?? '',
        category: text(r.category),
        queue: text(r.queue),
        site: text(r.site),
        joinedAgents: typeof r.joinedAgents === 'number' ? r.joinedAgents : 0,
        since: text(r.since),
      },
    ];
  });
}
