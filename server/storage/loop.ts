/**
 * Closing the loop (issue 12), on either engine: support's responses and updates, the SLA clock's
 * own facts (when it started, the first response, the regrade's reason), requests for logs and
 * their answers, and incidents with their linked tickets and the agents who joined them.
 *
 * The SQL is written once, with `?` placeholders and types both engines read the same way (text
 * ids, ISO 8601 text times), and runs on a small `SqlEngine` each engine provides. Each write is
 * one transaction together with its `events` row and its webhook deliveries, like every other
 * change of a ticket.
 */
import type { ChangeMeta, EventRow, NewDelivery, Notify, Status, TicketRow } from './types.js';

/** Appended to both engines' migrations (SQLite's MIGRATIONS, PostgreSQL's PG_MIGRATIONS). */
export const LOOP_MIGRATION = `
  CREATE TABLE ticket_clock (
    ticket_id text PRIMARY KEY,
    clock_started_at text,
    responded_at text,
    last_update_at text,
    regrade_reason text,
    regrade_text text,
    regraded_by text,
    regraded_at text
  );
  CREATE TABLE ticket_updates (
    id text PRIMARY KEY,
    ticket_id text NOT NULL,
    n integer NOT NULL,
    kind text NOT NULL,
    body text NOT NULL,
    by text NOT NULL,
    at text NOT NULL
  );
  CREATE INDEX ticket_updates_ticket ON ticket_updates (ticket_id, n);
  CREATE TABLE log_requests (
    id text PRIMARY KEY,
    ticket_id text NOT NULL,
    from_at text NOT NULL,
    to_at text NOT NULL,
    note text,
    requested_at text NOT NULL,
    requested_by text NOT NULL,
    state text NOT NULL DEFAULT 'open',
    answered_at text
  );
  CREATE INDEX log_requests_ticket ON log_requests (ticket_id, requested_at);
  CREATE TABLE log_answers (
    key_hash text PRIMARY KEY,
    request_id text NOT NULL,
    ticket_id text NOT NULL,
    answered_by text NOT NULL,
    content_hash text NOT NULL,
    response text NOT NULL,
    at text NOT NULL
  );
  CREATE TABLE incidents (
    id text PRIMARY KEY,
    title text NOT NULL,
    workaround text NOT NULL,
    category text NOT NULL,
    queue text,
    site text,
    status_incident_id text,
    status text NOT NULL DEFAULT 'confirmed',
    created_at text NOT NULL,
    created_by text NOT NULL,
    resolved_at text
  );
  CREATE INDEX incidents_category ON incidents (category, status);
  CREATE TABLE incident_tickets (
    ticket_id text PRIMARY KEY,
    incident_id text NOT NULL,
    linked_at text NOT NULL,
    linked_by text NOT NULL
  );
  CREATE INDEX incident_tickets_incident ON incident_tickets (incident_id);
  CREATE TABLE incident_joins (
    id text PRIMARY KEY,
    incident_id text NOT NULL,
    key_hash text NOT NULL UNIQUE,
    content_hash text NOT NULL,
    agent_key text NOT NULL,
    agent text NOT NULL,
    site text,
    queue text,
    receipt_hash text NOT NULL,
    receipt_sealed text NOT NULL,
    joined_at text NOT NULL
  );
  CREATE INDEX incident_joins_incident ON incident_joins (incident_id, agent_key);
  CREATE TABLE incident_updates (
    id text PRIMARY KEY,
    incident_id text NOT NULL,
    n integer NOT NULL,
    body text NOT NULL,
    by text NOT NULL,
    at text NOT NULL
  );
  CREATE INDEX incident_updates_incident ON incident_updates (incident_id, n);
`;

/** Tables holding a `ticket_id`, deleted with their ticket by the retention. */
export const LOOP_TICKET_TABLES = ['ticket_clock', 'ticket_updates', 'log_requests', 'log_answers', 'incident_tickets'] as const;

/** What each engine runs the loop's SQL on. `?` placeholders; PostgreSQL's adapter numbers them. */
export interface Sql {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Rows changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /**
   * Serialises the transactions naming the same key until this one ends (PostgreSQL: an advisory
   * transaction lock on every instance; SQLite: its one writer already does).
   */
  lock(key: string): Promise<void>;
}

export interface SqlEngine extends Sql {
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
}

export const UPDATE_KINDS = ['response', 'update'] as const;
export type UpdateKind = (typeof UPDATE_KINDS)[number];
export const REGRADE_REASONS = ['bcp-in-place', 'unsupported-platform', 'more-agents', 'other'] as const;
export type RegradeReason = (typeof REGRADE_REASONS)[number];
export const INCIDENT_STATUSES = ['confirmed', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export interface ClockRow {
  ticket_id: string;
  clock_started_at: string | null;
  responded_at: string | null;
  last_update_at: string | null;
  regrade_reason: RegradeReason | null;
  regrade_text: string | null;
  regraded_by: string | null;
  regraded_at: string | null;
}

export interface UpdateRow {
  id: string;
  ticket_id: string;
  n: number;
  kind: UpdateKind;
  body: string;
  by: string;
  at: string;
}

export interface LogRequestRow {
  id: string;
  ticket_id: string;
  from_at: string;
  to_at: string;
  note: string | null;
  requested_at: string;
  requested_by: string;
  state: 'open' | 'answered';
  answered_at: string | null;
}

export interface IncidentRow {
  id: string;
  title: string;
  workaround: string;
  category: string;
  queue: string | null;
  site: string | null;
  status_incident_id: string | null;
  status: IncidentStatus;
  created_at: string;
  created_by: string;
  resolved_at: string | null;
}

export interface IncidentUpdateRow {
  id: string;
  incident_id: string;
  n: number;
  body: string;
  by: string;
  at: string;
}

export interface JoinRow {
  id: string;
  incident_id: string;
  key_hash: string;
  content_hash: string;
  agent_key: string;
  agent: string;
  site: string | null;
  queue: string | null;
  receipt_hash: string;
  receipt_sealed: string;
  joined_at: string;
}

export interface TicketChange {
  status?: Status;
  severity?: number;
  /** With a severity change: the policy's reason, and whether the clock restarts now. */
  regrade?: { reason: RegradeReason; restartClock: boolean };
}

export interface NewJoin {
  id: string;
  incidentId: string;
  keyHash: string;
  contentHash: string;
  agentKey: string;
  agent: string;
  site: string | null;
  queue: string | null;
  receiptHash: string;
  receiptSealed: string;
  at: string;
}

export type JoinOutcome = { kind: 'created'; join: JoinRow } | { kind: 'replay'; join: JoinRow } | { kind: 'conflict' } | { kind: 'no-incident' };

export interface NewLogAnswer {
  keyHash: string;
  requestId: string;
  /** 'reporter' answers the request; `join:<id>` adds logs and leaves it open for the others. */
  answeredBy: string;
  contentHash: string;
  attachment: { name: string; type: string; size: number; sha256: string };
  at: string;
  /** Why the stored logs differ from what was sent (the service redacted a secret), for the event. */
  note?: string;
}

export type LogAnswerOutcome =
  | { kind: 'created'; response: string }
  | { kind: 'replay'; response: string }
  | { kind: 'conflict' }
  | { kind: 'too-many' };

/** How many attachments a ticket may gather from answered log requests, beyond what it came with. */
export const MAX_TICKET_ATTACHMENTS = 60;

/** PostgreSQL text cannot hold NUL; the validators refuse it, and this keeps a stray one from a 500. */
const text = <T extends string | null | undefined>(value: T): T => (typeof value === 'string' ? (value.replace(/\u0000/g, '\ufffd') as T) : value);

export class LoopStore {
  constructor(private readonly sql: SqlEngine) {}

  async clockOf(ticketId: string): Promise<ClockRow | undefined> {
    return (await this.sql.all<ClockRow>('SELECT * FROM ticket_clock WHERE ticket_id = ?', [ticketId]))[0];
  }

  async clocksOf(ticketIds: string[]): Promise<Map<string, ClockRow>> {
    const map = new Map<string, ClockRow>();
    for (let i = 0; i < ticketIds.length; i += 500) {
      const chunk = ticketIds.slice(i, i + 500);
      const rows = await this.sql.all<ClockRow>(`SELECT * FROM ticket_clock WHERE ticket_id IN (${chunk.map(() => '?').join(', ')})`, chunk);
      for (const row of rows) map.set(row.ticket_id, row);
    }
    return map;
  }

  updatesOf(ticketId: string): Promise<UpdateRow[]> {
    return this.sql.all<UpdateRow>('SELECT * FROM ticket_updates WHERE ticket_id = ? ORDER BY n', [ticketId]);
  }

  /** Tickets in one of `statuses`, at most `limit`, newest first (the due queue sorts them). */
  ticketsIn(statuses: readonly string[], limit: number): Promise<TicketRow[]> {
    return this.sql.all<TicketRow>(
      `SELECT * FROM tickets WHERE status IN (${statuses.map(() => '?').join(', ')}) ORDER BY seq DESC LIMIT ?`,
      [...statuses, limit],
    );
  }

  /**
   * Status and severity changes with their events, and with a severity change the regrade's
   * reason and the clock's new start when the policy restarts it, in one transaction.
   */
  async changeTicket(id: string, change: TicketChange, meta: ChangeMeta, notify?: Notify<EventRow[]>): Promise<EventRow[] | undefined> {
    return this.sql.transaction(async (tx) => {
      await tx.lock(`ticket:${id}`);
      const [row] = await tx.all<TicketRow>('SELECT * FROM tickets WHERE id = ?', [id]);
      if (!row) return undefined;
      const recorded: EventRow[] = [];
      if (change.status && change.status !== row.status) {
        await tx.run('UPDATE tickets SET status = ? WHERE id = ?', [change.status, id]);
        recorded.push(await recordEvent(tx, id, 'status', row.status, change.status, meta));
      }
      if (change.severity && change.severity !== row.severity) {
        await tx.run('UPDATE tickets SET severity = ? WHERE id = ?', [change.severity, id]);
        recorded.push(await recordEvent(tx, id, 'severity', String(row.severity), String(change.severity), meta));
        if (change.regrade) {
          await ensureClock(tx, id);
          await tx.run(
            `UPDATE ticket_clock SET regrade_reason = ?, regrade_text = ?, regraded_by = ?, regraded_at = ?${change.regrade.restartClock ? ', clock_started_at = ?' : ''} WHERE ticket_id = ?`,
            [change.regrade.reason, text(meta.reason), meta.by, meta.at, ...(change.regrade.restartClock ? [meta.at] : []), id],
          );
        }
      }
      if (recorded.length && notify) await enqueue(tx, notify((await tx.all<TicketRow>('SELECT * FROM tickets WHERE id = ?', [id]))[0]!, recorded), meta.at);
      return recorded;
    });
  }

  /** A response or an update; the first response is the clock's `respondedAt`. */
  async postUpdate(ticketId: string, update: { id: string; kind: UpdateKind; body: string }, meta: { by: string; at: string }, notify?: Notify<EventRow[]>): Promise<UpdateRow | undefined> {
    return this.sql.transaction(async (tx) => {
      await tx.lock(`ticket:${ticketId}`);
      const [row] = await tx.all<TicketRow>('SELECT * FROM tickets WHERE id = ?', [ticketId]);
      if (!row) return undefined;
      const [{ n }] = (await tx.all<{ n: number }>('SELECT coalesce(max(n), 0) + 1 AS n FROM ticket_updates WHERE ticket_id = ?', [ticketId])) as [{ n: number }];
      const stored: UpdateRow = { id: update.id, ticket_id: ticketId, n: Number(n), kind: update.kind, body: update.body, by: meta.by, at: meta.at };
      await tx.run('INSERT INTO ticket_updates (id, ticket_id, n, kind, body, by, at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        stored.id, ticketId, stored.n, stored.kind, text(stored.body), meta.by, meta.at,
      ]);
      await ensureClock(tx, ticketId);
      await tx.run('UPDATE ticket_clock SET last_update_at = ? WHERE ticket_id = ?', [meta.at, ticketId]);
      if (update.kind === 'response') await tx.run('UPDATE ticket_clock SET responded_at = ? WHERE ticket_id = ? AND responded_at IS NULL', [meta.at, ticketId]);
      const event = await recordEvent(tx, ticketId, update.kind, null, update.id, { by: meta.by, at: meta.at, reason: null });
      if (notify) await enqueue(tx, notify(row, [event]), meta.at);
      return stored;
    });
  }

  async createLogRequest(request: { id: string; ticketId: string; from: string; to: string; note: string | null }, meta: { by: string; at: string }, notify?: Notify<EventRow[]>): Promise<LogRequestRow | undefined> {
    return this.sql.transaction(async (tx) => {
      await tx.lock(`ticket:${request.ticketId}`);
      const [row] = await tx.all<TicketRow>('SELECT * FROM tickets WHERE id = ?', [request.ticketId]);
      if (!row) return undefined;
      await tx.run('INSERT INTO log_requests (id, ticket_id, from_at, to_at, note, requested_at, requested_by) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        request.id, request.ticketId, request.from, request.to, text(request.note), meta.at, meta.by,
      ]);
      const event = await recordEvent(tx, request.ticketId, 'logs-requested', null, request.id, { by: meta.by, at: meta.at, reason: null });
      if (notify) await enqueue(tx, notify(row, [event]), meta.at);
      return (await tx.all<LogRequestRow>('SELECT * FROM log_requests WHERE id = ?', [request.id]))[0]!;
    });
  }

  logRequestsOf(ticketIds: string[]): Promise<LogRequestRow[]> {
    if (!ticketIds.length) return Promise.resolve([]);
    return this.sql.all<LogRequestRow>(
      `SELECT * FROM log_requests WHERE ticket_id IN (${ticketIds.map(() => '?').join(', ')}) ORDER BY requested_at, id`,
      ticketIds,
    );
  }

  async logRequest(id: string): Promise<LogRequestRow | undefined> {
    return (await this.sql.all<LogRequestRow>('SELECT * FROM log_requests WHERE id = ?', [id]))[0];
  }

  /**
   * The logs become the next attachment of the ticket (kind `logs`), with an event; a reporter's
   * answer marks the request answered. `respond` shapes the answer a replay gets byte for byte.
   */
  async answerLogRequest(answer: NewLogAnswer, respond: (index: number) => unknown, notify?: Notify<EventRow[]>): Promise<LogAnswerOutcome> {
    return this.sql.transaction(async (tx) => {
      await tx.lock(`log-answer:${answer.keyHash}`);
      const [previous] = await tx.all<{ content_hash: string; response: string }>('SELECT content_hash, response FROM log_answers WHERE key_hash = ?', [answer.keyHash]);
      if (previous) return previous.content_hash === answer.contentHash ? { kind: 'replay', response: previous.response } : { kind: 'conflict' };
      const [request] = await tx.all<LogRequestRow>('SELECT * FROM log_requests WHERE id = ?', [answer.requestId]);
      await tx.lock(`ticket:${request!.ticket_id}`);
      const ticketId = request!.ticket_id;
      const [{ next, count }] = (await tx.all<{ next: number; count: number }>(
        'SELECT coalesce(max(idx), -1) + 1 AS next, count(*) AS count FROM attachments WHERE ticket_id = ?',
        [ticketId],
      )) as [{ next: number; count: number }];
      if (Number(count) >= MAX_TICKET_ATTACHMENTS) return { kind: 'too-many' };
      const index = Number(next);
      const a = answer.attachment;
      await tx.run("INSERT INTO attachments (ticket_id, idx, name, type, size, sha256, kind) VALUES (?, ?, ?, ?, ?, ?, 'logs')", [ticketId, index, text(a.name), a.type, a.size, a.sha256]);
      if (answer.answeredBy === 'reporter') await tx.run("UPDATE log_requests SET state = 'answered', answered_at = ? WHERE id = ? AND state = 'open'", [answer.at, answer.requestId]);
      const response = JSON.stringify(respond(index));
      await tx.run('INSERT INTO log_answers (key_hash, request_id, ticket_id, answered_by, content_hash, response, at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        answer.keyHash, answer.requestId, ticketId, answer.answeredBy, answer.contentHash, response, answer.at,
      ]);
      const event = await recordEvent(tx, ticketId, 'logs-answered', answer.requestId, String(index), { by: answer.answeredBy, at: answer.at, reason: answer.note ?? null });
      if (notify) await enqueue(tx, notify((await tx.all<TicketRow>('SELECT * FROM tickets WHERE id = ?', [ticketId]))[0]!, [event]), answer.at);
      return { kind: 'created', response };
    });
  }

  async createIncident(incident: Omit<IncidentRow, 'status' | 'resolved_at'>): Promise<IncidentRow> {
    await this.sql.run(
      'INSERT INTO incidents (id, title, workaround, category, queue, site, status_incident_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [incident.id, text(incident.title), text(incident.workaround), incident.category, text(incident.queue), text(incident.site), text(incident.status_incident_id), incident.created_at, incident.created_by],
    );
    return (await this.incident(incident.id))!;
  }

  async incident(id: string): Promise<IncidentRow | undefined> {
    return (await this.sql.all<IncidentRow>('SELECT * FROM incidents WHERE id = ?', [id]))[0];
  }

  /** Newest first; `status` limits them. */
  incidents(filter: { status?: IncidentStatus; category?: string; limit: number }): Promise<IncidentRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) (where.push('status = ?'), params.push(filter.status));
    if (filter.category) (where.push('category = ?'), params.push(filter.category));
    return this.sql.all<IncidentRow>(`SELECT * FROM incidents ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id LIMIT ?`, [...params, filter.limit]);
  }

  async changeIncident(id: string, change: { status?: IncidentStatus; title?: string; workaround?: string }, at: string): Promise<IncidentRow | undefined> {
    return this.sql.transaction(async (tx) => {
      await tx.lock(`incident:${id}`);
      const [row] = await tx.all<IncidentRow>('SELECT * FROM incidents WHERE id = ?', [id]);
      if (!row) return undefined;
      if (change.title !== undefined) await tx.run('UPDATE incidents SET title = ? WHERE id = ?', [text(change.title), id]);
      if (change.workaround !== undefined) await tx.run('UPDATE incidents SET workaround = ? WHERE id = ?', [text(change.workaround), id]);
      if (change.status && change.status !== row.status) {
        await tx.run('UPDATE incidents SET status = ?, resolved_at = ? WHERE id = ?', [change.status, change.status === 'resolved' ? at : null, id]);
      }
      return (await tx.all<IncidentRow>('SELECT * FROM incidents WHERE id = ?', [id]))[0];
    });
  }

  async postIncidentUpdate(incidentId: string, body: string, meta: { id: string; by: string; at: string }): Promise<IncidentUpdateRow | undefined> {
    return this.sql.transaction(async (tx) => {
      await tx.lock(`incident:${incidentId}`);
      if (!(await tx.all('SELECT id FROM incidents WHERE id = ?', [incidentId])).length) return undefined;
      const [{ n }] = (await tx.all<{ n: number }>('SELECT coalesce(max(n), 0) + 1 AS n FROM incident_updates WHERE incident_id = ?', [incidentId])) as [{ n: number }];
      await tx.run('INSERT INTO incident_updates (id, incident_id, n, body, by, at) VALUES (?, ?, ?, ?, ?, ?)', [meta.id, incidentId, Number(n), text(body), meta.by, meta.at]);
      return { id: meta.id, incident_id: incidentId, n: Number(n), body, by: meta.by, at: meta.at };
    });
  }

  incidentUpdatesOf(incidentId: string): Promise<IncidentUpdateRow[]> {
    return this.sql.all<IncidentUpdateRow>('SELECT * FROM incident_updates WHERE incident_id = ? ORDER BY n', [incidentId]);
  }

  /**
   * Links tickets to the incident (a ticket belongs to one incident: linking it again moves it),
   * with an `incident` event on each; resolves with the ids that do not exist, linking none then.
   */
  async linkTickets(incidentId: string, ticketIds: string[], meta: { by: string; at: string }, notify?: Notify<EventRow[]>): Promise<{ missing: string[] } | undefined> {
    return this.sql.transaction(async (tx) => {
      await tx.lock(`incident:${incidentId}`);
      if (!(await tx.all('SELECT id FROM incidents WHERE id = ?', [incidentId])).length) return undefined;
      const rows = await tx.all<TicketRow>(`SELECT * FROM tickets WHERE id IN (${ticketIds.map(() => '?').join(', ')})`, ticketIds);
      const found = new Map(rows.map((row) => [row.id, row]));
      const missing = ticketIds.filter((id) => !found.has(id));
      if (missing.length) return { missing };
      for (const row of found.values()) {
        const [linked] = await tx.all<{ incident_id: string }>('SELECT incident_id FROM incident_tickets WHERE ticket_id = ?', [row.id]);
        if (linked?.incident_id === incidentId) continue;
        await tx.run('DELETE FROM incident_tickets WHERE ticket_id = ?', [row.id]);
        await tx.run('INSERT INTO incident_tickets (ticket_id, incident_id, linked_at, linked_by) VALUES (?, ?, ?, ?)', [row.id, incidentId, meta.at, meta.by]);
        const event = await recordEvent(tx, row.id, 'incident', linked?.incident_id ?? null, incidentId, { by: meta.by, at: meta.at, reason: null });
        if (notify) await enqueue(tx, notify(row, [event]), meta.at);
      }
      return { missing: [] };
    });
  }

  async incidentOfTicket(ticketId: string): Promise<IncidentRow | undefined> {
    return (await this.sql.all<IncidentRow>('SELECT i.* FROM incidents i JOIN incident_tickets l ON l.incident_id = i.id WHERE l.ticket_id = ?', [ticketId]))[0];
  }

  async ticketIdsOf(incidentId: string): Promise<string[]> {
    return (await this.sql.all<{ ticket_id: string }>('SELECT ticket_id FROM incident_tickets WHERE incident_id = ? ORDER BY linked_at, ticket_id', [incidentId])).map((r) => r.ticket_id);
  }

  /** Distinct agents who joined each incident (an agent is its accountId, else its login). */
  async joinedAgents(incidentIds: string[]): Promise<Map<string, number>> {
    const counts = new Map(incidentIds.map((id) => [id, 0]));
    if (!incidentIds.length) return counts;
    const rows = await this.sql.all<{ incident_id: string; agents: number }>(
      `SELECT incident_id, count(DISTINCT agent_key) AS agents FROM incident_joins WHERE incident_id IN (${incidentIds.map(() => '?').join(', ')}) GROUP BY incident_id`,
      incidentIds,
    );
    for (const row of rows) counts.set(row.incident_id, Number(row.agents));
    return counts;
  }

  /** A join, once per Idempotency-Key: the same key again is a replay, with other content a conflict. */
  async join(input: NewJoin): Promise<JoinOutcome> {
    return this.sql.transaction(async (tx) => {
      await tx.lock(`join:${input.keyHash}`);
      const [previous] = await tx.all<JoinRow>('SELECT * FROM incident_joins WHERE key_hash = ?', [input.keyHash]);
      if (previous) return previous.content_hash === input.contentHash ? { kind: 'replay', join: previous } : { kind: 'conflict' };
      const [incident] = await tx.all<IncidentRow>('SELECT * FROM incidents WHERE id = ?', [input.incidentId]);
      if (!incident || incident.status !== 'confirmed') return { kind: 'no-incident' };
      await tx.run(
        `INSERT INTO incident_joins (id, incident_id, key_hash, content_hash, agent_key, agent, site, queue, receipt_hash, receipt_sealed, joined_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [input.id, input.incidentId, input.keyHash, input.contentHash, text(input.agentKey), text(input.agent), text(input.site), text(input.queue), input.receiptHash, input.receiptSealed, input.at],
      );
      return { kind: 'created', join: (await tx.all<JoinRow>('SELECT * FROM incident_joins WHERE id = ?', [input.id]))[0]! };
    });
  }

  joinsOf(incidentId: string): Promise<JoinRow[]> {
    return this.sql.all<JoinRow>('SELECT * FROM incident_joins WHERE incident_id = ? ORDER BY joined_at, id', [incidentId]);
  }
}

async function ensureClock(tx: Sql, ticketId: string): Promise<void> {
  if (!(await tx.all('SELECT ticket_id FROM ticket_clock WHERE ticket_id = ?', [ticketId])).length) {
    await tx.run('INSERT INTO ticket_clock (ticket_id) VALUES (?)', [ticketId]);
  }
}

async function recordEvent(tx: Sql, ticketId: string, type: string, from: string | null, to: string | null, meta: { by: string; at: string; reason: string | null }): Promise<EventRow> {
  const [row] = await tx.all<EventRow>('INSERT INTO events (ticket_id, type, from_value, to_value, by, at, reason) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *', [
    ticketId, type, from, to, text(meta.by), meta.at, text(meta.reason),
  ]);
  return { ...row!, id: Number(row!.id) };
}

async function enqueue(tx: Sql, deliveries: NewDelivery[], at: string): Promise<void> {
  for (const d of deliveries) {
    await tx.run('INSERT INTO webhook_deliveries (event_id, endpoint, type, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)', [d.eventId, d.endpoint, d.type, d.body, at, at]);
  }
}
