/**
 * The SQLite storage (the default): one file, one process, versioned migrations and every query
 * the routes need.
 * WAL + synchronous=FULL: a 201 is only sent after the commit reached the disk, so a crash or a
 * power cut right after the answer cannot lose a ticket the browser already dropped from its outbox.
 */
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { GroupCommit } from './group-commit.js';
import { windowOf } from '../tickets.js';
import { LOOP_MIGRATION, LOOP_TICKET_TABLES, LoopStore, type Sql, type SqlEngine } from './loop.js';
import {
  formatReference,
  type AttachmentRow,
  type AttemptOutcome,
  type Change,
  type DeliveryRow,
  type NewDelivery,
  type Notify,
  type ChangeMeta,
  type EventRow,
  type InsertOutcome,
  type ListFilter,
  type NewTicket,
  type RecentQuery,
  type RelatedCount,
  type Respond,
  type TicketRow,
  type TicketStore,
} from './types.js';

/**
 * Ordered, append-only: never edit a released step, add a new one. PRAGMA user_version holds how
 * many steps a file has seen, so an old file is brought forward step by step on open.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the first release.
  `
  CREATE TABLE tickets (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    reference TEXT NOT NULL UNIQUE,
    document TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    category TEXT NOT NULL,
    severity INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'new',
    created_at TEXT NOT NULL,
    received_at TEXT NOT NULL
  );
  CREATE INDEX tickets_category_received ON tickets (category, received_at);
  CREATE TABLE attachments (
    ticket_id TEXT NOT NULL REFERENCES tickets (id),
    idx INTEGER NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (ticket_id, idx)
  );
  CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    ticket_id TEXT NOT NULL REFERENCES tickets (id),
    type TEXT NOT NULL,
    from_value TEXT,
    to_value TEXT,
    by TEXT NOT NULL,
    at TEXT NOT NULL,
    reason TEXT
  );
  CREATE INDEX events_ticket ON events (ticket_id, id);
  CREATE TABLE idempotency (
    key TEXT PRIMARY KEY,
    ticket_id TEXT NOT NULL REFERENCES tickets (id),
    content_hash TEXT NOT NULL,
    response TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  `,
  // 2: queue and agent become columns (correlation asks for them on every new ticket), filled in
  // from the stored documents, plus indexes for the list filters.
  `
  ALTER TABLE tickets ADD COLUMN queue TEXT;
  ALTER TABLE tickets ADD COLUMN agent TEXT;
  UPDATE tickets SET
    queue = json_extract(document, '$.records.queue'),
    agent = coalesce(json_extract(document, '$.reporter.accountId'), json_extract(document, '$.reporter.login'));
  CREATE INDEX tickets_category_queue_received ON tickets (category, queue, received_at);
  CREATE INDEX tickets_status ON tickets (status, seq);
  CREATE INDEX tickets_severity ON tickets (severity, seq);
  ALTER TABLE attachments ADD COLUMN kind TEXT NOT NULL DEFAULT 'file';
  UPDATE attachments SET kind = coalesce(
    (SELECT json_extract(t.document, '$.attachments[' || attachments.idx || '].kind') FROM tickets t WHERE t.id = attachments.ticket_id),
    'file');
  `,
  // 3: the durable queue of webhook deliveries, written in the transaction of the change it reports.
  `
  CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    type TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    next_attempt_at TEXT,
    last_attempt_at TEXT,
    last_status INTEGER,
    last_error TEXT,
    delivered_at TEXT,
    UNIQUE (event_id, endpoint)
  );
  CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
  `,
  // 4: receipts, the browser key's capability to read its own ticket: the hash to check, and a
  // sealed copy for the idempotent replay. Tickets stored before stay readable by support only.
  `
  ALTER TABLE tickets ADD COLUMN receipt_hash TEXT;
  ALTER TABLE idempotency ADD COLUMN receipt_sealed TEXT;
  CREATE INDEX tickets_received ON tickets (received_at);
  `,
  // 5: closing the loop: support's updates, the SLA clock, log requests, incidents (loop.ts).
  LOOP_MIGRATION,
  // 6: correlation counts every new ticket's category (and queue) over the last hour; with the
  // agent in the index the count reads the index alone, never the documents, so an outage storm
  // of one category stays as fast at its thousandth ticket as at its first. These replace the
  // two indexes they extend.
  `
  CREATE INDEX tickets_correlation_queue ON tickets (category, queue, received_at, agent);
  CREATE INDEX tickets_correlation ON tickets (category, received_at, agent);
  DROP INDEX tickets_category_queue_received;
  DROP INDEX tickets_category_received;
  `,
  // 7: counting distinct agents over the window still sorted every row of it, so a storm of one
  // category still slowed down as it grew. correlation_agents keeps one row per agent and category
  // (queue '') or category and queue, with the agent's latest ticket: the agents of a window are
  // those whose latest ticket is in it, counted over the index, never over the tickets. The agent
  // indexes answer "has this agent a ticket in the window?" with one seek.
  `
  CREATE TABLE correlation_agents (
    category TEXT NOT NULL,
    queue TEXT NOT NULL,
    agent TEXT NOT NULL,
    last_received_at TEXT NOT NULL,
    PRIMARY KEY (category, queue, agent)
  );
  CREATE INDEX correlation_agents_latest ON correlation_agents (category, queue, last_received_at);
  INSERT INTO correlation_agents (category, queue, agent, last_received_at)
    SELECT category, queue, agent, max(received_at) FROM tickets WHERE agent IS NOT NULL AND queue IS NOT NULL GROUP BY category, queue, agent;
  INSERT INTO correlation_agents (category, queue, agent, last_received_at)
    SELECT category, '', agent, max(received_at) FROM tickets WHERE agent IS NOT NULL GROUP BY category, agent;
  CREATE INDEX tickets_correlation_queue_agent ON tickets (category, queue, agent, received_at);
  CREATE INDEX tickets_correlation_agent ON tickets (category, agent, received_at);
  `,
  // 8: the window's report count was still a range count over the index, one step a ticket, so a
  // storm of one category still slowed down as it grew (0.67x from its first 500 tickets to its
  // sixth). correlation_seconds keeps how many tickets each second received, per category (queue
  // '') and per category and queue: a window sums its whole seconds (at most one row a second,
  // however many tickets each holds) and counts only its two edge seconds' tickets one by one.
  // Retention finds the seconds before its cutoff by the second alone.
  `
  CREATE TABLE correlation_seconds (
    category TEXT NOT NULL,
    queue TEXT NOT NULL,
    second TEXT NOT NULL,
    reports INTEGER NOT NULL,
    PRIMARY KEY (category, queue, second)
  ) WITHOUT ROWID;
  CREATE INDEX correlation_seconds_second ON correlation_seconds (second);
  INSERT INTO correlation_seconds (category, queue, second, reports)
    SELECT category, queue, substr(received_at, 1, 19), count(*) FROM tickets WHERE queue IS NOT NULL GROUP BY category, queue, substr(received_at, 1, 19);
  INSERT INTO correlation_seconds (category, queue, second, reports)
    SELECT category, '', substr(received_at, 1, 19), count(*) FROM tickets GROUP BY category, substr(received_at, 1, 19);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Applies the missing steps up to `target` (default: all), each in its own transaction. */
export function migrate(db: Db, target: number = MIGRATIONS.length): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`The database is at schema version ${current}, newer than this service (${MIGRATIONS.length}).`);
  }
  for (let version = current; version < target; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}

export function openDatabase(file: string, options: { targetVersion?: number } = {}): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, options.targetVersion);
  return db;
}

/**
 * better-sqlite3 is synchronous: each method runs to completion before the next request's, so a
 * transaction never interleaves with another; the promises only give both engines one interface.
 */
export class SqliteTicketStore implements TicketStore {
  readonly engine = 'sqlite';
  readonly db: Db;
  readonly loop: LoopStore;
  /** New tickets share commits (group-commit.ts); every 201 still waits for its own. */
  private readonly group: GroupCommit;
  private readonly prepare: (sql: string) => Statement;

  constructor(file: string) {
    this.db = openDatabase(file);
    this.prepare = statementCache(this.db);
    this.group = new GroupCommit(this.db);
    this.loop = new LoopStore(sqliteEngine(this.db, this.prepare));
  }

  async close(): Promise<void> {
    this.group.flush();
    if (this.db.open) this.db.close();
  }

  async ping(): Promise<void> {
    this.prepare('SELECT 1').get();
  }

  /**
   * Stores a new ticket, or says what happened to the key before. One savepoint in a group's
   * transaction (group-commit.ts): SQLite holds the write lock for its whole length, so concurrent
   * duplicates cannot both pass the lookup (a duplicate in the same group sees the first's row),
   * and the UNIQUE constraint on tickets.id would refuse the second row if they could. Resolves
   * once the group has committed.
   */
  async insertTicket(input: NewTicket, respond: Respond, notify?: Notify<undefined>): Promise<InsertOutcome> {
    return this.group.run((): InsertOutcome => {
      const previous = this
        .prepare('SELECT content_hash, response, receipt_sealed FROM idempotency WHERE key = ?')
        .get(input.id) as { content_hash: string; response: string; receipt_sealed: string | null } | undefined;
      if (previous) {
        return previous.content_hash === input.contentHash
          ? { kind: 'replay', response: previous.response, receiptSealed: previous.receipt_sealed }
          : { kind: 'conflict' };
      }
      const { next } = this.prepare('SELECT coalesce(max(seq), 0) + 1 AS next FROM tickets').get() as { next: number };
      const reference = formatReference(next);
      this
        .prepare(
          `INSERT INTO tickets (seq, id, reference, document, content_hash, category, severity, status, created_at, received_at, queue, agent, receipt_hash)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?)`,
        )
        .run(next, input.id, reference, input.document, input.contentHash, input.category, input.severity,
          input.createdAt, input.receivedAt, input.queue, input.agent, input.receiptHash);
      const insertAttachment = this.prepare(
        'INSERT INTO attachments (ticket_id, idx, name, type, size, sha256, kind) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      input.attachments.forEach((a, index) => insertAttachment.run(input.id, index, a.name, a.type, a.size, a.sha256, a.kind));
      // '' stands for the category over all its queues (a ticket's queue is never empty).
      const scopes = input.queue ? ['', input.queue] : [''];
      const perSecond = this.prepare(
        `INSERT INTO correlation_seconds (category, queue, second, reports) VALUES (?, ?, ?, 1)
         ON CONFLICT (category, queue, second) DO UPDATE SET reports = reports + 1`,
      );
      for (const queue of scopes) perSecond.run(input.category, queue, secondOf(input.receivedAt));
      if (input.agent) {
        const latest = this.prepare(
          `INSERT INTO correlation_agents (category, queue, agent, last_received_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (category, queue, agent) DO UPDATE SET last_received_at = max(last_received_at, excluded.last_received_at)`,
        );
        for (const queue of scopes) latest.run(input.category, queue, input.agent, input.receivedAt);
      }
      this
        .prepare("INSERT INTO events (ticket_id, type, from_value, to_value, by, at, reason) VALUES (?, 'created', NULL, 'new', ?, ?, ?)")
        .run(input.id, input.by, input.receivedAt, input.note ?? null);
      const row = this.ticket(input.id)!;
      const recent = this.countRows({ category: row.category, queue: row.queue, ...windowOf(new Date(row.received_at), input.correlationMinutes), excludeId: row.id, asker: input.asker });
      const response = JSON.stringify(respond(row, recent));
      this.enqueue(notify?.(row, undefined) ?? [], input.receivedAt);
      this
        .prepare('INSERT INTO idempotency (key, ticket_id, content_hash, response, created_at, receipt_sealed) VALUES (?, ?, ?, ?, ?, ?)')
        .run(input.id, input.id, input.contentHash, response, input.receivedAt, input.receiptSealed);
      return { kind: 'created', row, response };
    });
  }

  async getTicket(id: string): Promise<TicketRow | undefined> {
    return this.ticket(id);
  }

  async deleteReceivedBefore(cutoff: string): Promise<number> {
    return this.db.transaction(() => {
      const old = "SELECT id FROM tickets WHERE received_at < ?";
      for (const table of ['attachments', 'events', 'idempotency', ...LOOP_TICKET_TABLES]) {
        this.prepare(`DELETE FROM ${table} WHERE ticket_id IN (${old})`).run(cutoff);
      }
      this.prepare('DELETE FROM webhook_deliveries WHERE created_at < ?').run(cutoff);
      // An agent whose latest ticket is older than the cutoff has no ticket left.
      this.prepare('DELETE FROM correlation_agents WHERE last_received_at < ?').run(cutoff);
      const deleted = this.prepare('DELETE FROM tickets WHERE received_at < ?').run(cutoff).changes;
      // Whole seconds before the cutoff go; the cutoff's own second keeps the tickets left in it.
      const second = secondOf(cutoff);
      this.prepare('DELETE FROM correlation_seconds WHERE second < ?').run(second);
      this
        .prepare(
          `UPDATE correlation_seconds SET reports = (
             SELECT count(*) FROM tickets t WHERE t.category = correlation_seconds.category
               AND (correlation_seconds.queue = '' OR t.queue = correlation_seconds.queue) AND t.received_at >= ? AND t.received_at < ?)
           WHERE second = ?`,
        )
        .run(second, endOfSecond(second), second);
      this.prepare('DELETE FROM correlation_seconds WHERE second = ? AND reports = 0').run(second);
      return deleted;
    }).immediate();
  }

  async referencedBlobs(): Promise<Set<string>> {
    const rows = this.prepare('SELECT DISTINCT sha256 FROM attachments').all() as Array<{ sha256: string }>;
    return new Set(rows.map((row) => row.sha256));
  }

  /** A consistent copy of the live database (VACUUM INTO: compact, one file, readers and writers go on). */
  async backupTo(file: string): Promise<void> {
    this.prepare('VACUUM INTO ?').run(file);
  }

  private ticket(id: string): TicketRow | undefined {
    return this.prepare('SELECT * FROM tickets WHERE id = ?').get(id) as TicketRow | undefined;
  }

  async attachmentsOf(id: string): Promise<AttachmentRow[]> {
    return this.prepare('SELECT * FROM attachments WHERE ticket_id = ? ORDER BY idx').all(id) as AttachmentRow[];
  }

  async attachment(id: string, index: number): Promise<AttachmentRow | undefined> {
    return this.prepare('SELECT * FROM attachments WHERE ticket_id = ? AND idx = ?').get(id, index) as
      | AttachmentRow
      | undefined;
  }

  async eventsOf(id: string): Promise<EventRow[]> {
    return this.prepare('SELECT * FROM events WHERE ticket_id = ? ORDER BY id').all(id) as EventRow[];
  }

  async list(filter: ListFilter): Promise<TicketRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) (where.push('status = ?'), params.push(filter.status));
    if (filter.severity) (where.push('severity = ?'), params.push(filter.severity));
    if (filter.category) (where.push('category = ?'), params.push(filter.category));
    if (filter.beforeSeq) (where.push('seq < ?'), params.push(filter.beforeSeq));
    const sql = `SELECT * FROM tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    return this.prepare(sql).all(...params, filter.limit) as TicketRow[];
  }

  async recent(query: RecentQuery): Promise<TicketRow[]> {
    return this.recentRows(query);
  }

  private recentRows(query: RecentQuery): TicketRow[] {
    const params: unknown[] = [query.category, query.since, query.until];
    let sql = 'SELECT * FROM tickets WHERE category = ? AND received_at > ? AND received_at <= ?';
    if (query.queue) (sql += ' AND queue = ?'), params.push(query.queue);
    if (query.excludeId) (sql += ' AND id <> ?'), params.push(query.excludeId);
    sql += ' ORDER BY seq DESC';
    if (query.limit !== undefined) (sql += ' LIMIT ?'), params.push(query.limit);
    return this.prepare(sql).all(...params) as TicketRow[];
  }

  async countRecent(query: RecentQuery): Promise<RelatedCount> {
    return this.countRows(query);
  }

  /**
   * The window's counts in a few index ranges and seeks, however many tickets it holds (a storm of
   * one category): reports from correlation_seconds (migration 8), agents over
   * correlation_agents (migration 7), and one seek per agent that needs a closer look.
   */
  private countRows(query: RecentQuery): RelatedCount {
    const scope = query.queue ? 'category = ? AND queue = ?' : 'category = ?';
    const scopeParams = [query.category, ...(query.queue ? [query.queue] : [])];
    const excluded = query.excludeId
      ? (this.prepare('SELECT seq, agent, category, queue, received_at FROM tickets WHERE id = ?').get(query.excludeId) as
          | { seq: number; agent: string | null; category: string; queue: string | null; received_at: string }
          | undefined)
      : undefined;
    const inWindow = `${scope} AND received_at > ? AND received_at <= ? AND seq <> ?`;
    const windowParams = [...scopeParams, query.since, query.until, excluded?.seq ?? -1];
    const hasTicket = (agent: string) => this.prepare(`SELECT 1 FROM tickets WHERE ${inWindow} AND agent = ? LIMIT 1`).get(...windowParams, agent) !== undefined;
    const latest = [query.category, query.queue ?? ''];

    let reports = this.reportsIn(query.category, query.queue || '', query.since, query.until);
    if (
      excluded &&
      excluded.category === query.category &&
      (!query.queue || excluded.queue === query.queue) &&
      excluded.received_at > query.since &&
      excluded.received_at <= query.until
    ) {
      reports--;
    }
    // An agent whose latest ticket is in the window has a ticket there...
    let { agents } = this.prepare(
      'SELECT count(*) AS agents FROM correlation_agents WHERE category = ? AND queue = ? AND last_received_at > ? AND last_received_at <= ?',
    ).get(...latest, query.since, query.until) as { agents: number };
    // ...unless that ticket is the one left out,
    if (excluded?.agent) {
      const own = this.prepare('SELECT last_received_at AS at FROM correlation_agents WHERE category = ? AND queue = ? AND agent = ?').get(...latest, excluded.agent) as
        | { at: string }
        | undefined;
      if (own && own.at > query.since && own.at <= query.until && !hasTicket(excluded.agent)) agents--;
    }
    // and one whose latest came after the window's end (stamped later, committed first) may have one in it.
    const later = this.prepare('SELECT agent FROM correlation_agents WHERE category = ? AND queue = ? AND last_received_at > ?').all(...latest, query.until) as Array<{ agent: string }>;
    for (const { agent } of later) if (hasTicket(agent)) agents++;

    if (!query.asker?.length) return { reports, agents };
    const mine = [...new Set(query.asker)];
    const { count: myReports } = this.prepare(`SELECT count(*) AS count FROM tickets WHERE ${inWindow} AND agent IN (${mine.map(() => '?').join(', ')})`).get(
      ...windowParams,
      ...mine,
    ) as { count: number };
    return { reports, agents, otherReports: reports - myReports, otherAgents: agents - mine.filter(hasTicket).length };
  }

  /**
   * Tickets of one scope (a category, queue '' for all its queues) received in (since, until]:
   * the whole seconds between the two edges from correlation_seconds, and the edge seconds'
   * tickets over the correlation index, so the cost follows the window's length, not its tickets.
   */
  private reportsIn(category: string, queue: string, since: string, until: string): number {
    const scope = queue ? 'category = ? AND queue = ?' : 'category = ?';
    const scopeParams = queue ? [category, queue] : [category];
    const count = (from: string, to: string, upper: '<' | '<=') =>
      (this.prepare(`SELECT count(*) AS n FROM tickets WHERE ${scope} AND received_at > ? AND received_at ${upper} ?`).get(...scopeParams, from, to) as { n: number }).n;
    const [first, last] = [secondOf(since), secondOf(until)];
    // Not an ISO 8601 time to the second, or a window within one second: count its tickets.
    if (since.length < 20 || until.length < 20 || first >= last) return until > since ? count(since, until, '<=') : 0;
    const seconds = (from: string, to: string) =>
      (this.prepare('SELECT coalesce(sum(reports), 0) AS n FROM correlation_seconds WHERE category = ? AND queue = ? AND second > ? AND second < ?').get(
        category, queue, from, to,
      ) as { n: number }).n;
    const lastSecond = (this.prepare('SELECT reports FROM correlation_seconds WHERE category = ? AND queue = ? AND second = ?').get(category, queue, last) as
      | { reports: number }
      | undefined)?.reports ?? 0;
    // The first second after `since`, the seconds in between, the last second up to `until`.
    return count(since, endOfSecond(first), '<') + seconds(first, last) + lastSecond - count(until, endOfSecond(last), '<');
  }

  async changeTicket(id: string, change: Change, meta: ChangeMeta, notify?: Notify<EventRow[]>): Promise<EventRow[] | undefined> {
    return this.db.transaction(() => {
      const row = this.ticket(id);
      if (!row) return undefined;
      const recorded: EventRow[] = [];
      const record = (type: string, from: string, to: string) => {
        const info = this.db
          .prepare('INSERT INTO events (ticket_id, type, from_value, to_value, by, at, reason) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(id, type, from, to, meta.by, meta.at, meta.reason);
        recorded.push({ id: Number(info.lastInsertRowid), ticket_id: id, type, from_value: from, to_value: to, by: meta.by, at: meta.at, reason: meta.reason });
      };
      if (change.status && change.status !== row.status) {
        this.prepare('UPDATE tickets SET status = ? WHERE id = ?').run(change.status, id);
        record('status', row.status, change.status);
      }
      if (change.severity && change.severity !== row.severity) {
        this.prepare('UPDATE tickets SET severity = ? WHERE id = ?').run(change.severity, id);
        record('severity', String(row.severity), String(change.severity));
      }
      if (recorded.length && notify) this.enqueue(notify(this.ticket(id)!, recorded), meta.at);
      return recorded;
    }).immediate();
  }

  private enqueue(deliveries: NewDelivery[], at: string): void {
    const insert = this.prepare(
      'INSERT INTO webhook_deliveries (event_id, endpoint, type, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const d of deliveries) insert.run(d.eventId, d.endpoint, d.type, d.body, at, at);
  }

  async claimDeliveries(now: string, leaseUntil: string, limit: number): Promise<DeliveryRow[]> {
    return this.db.transaction(() => {
      const due = this
        .prepare("SELECT * FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?")
        .all(now, limit) as DeliveryRow[];
      const lease = this.prepare('UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ?');
      for (const row of due) lease.run(leaseUntil, row.id);
      return due;
    }).immediate();
  }

  async recordAttempt(id: number, outcome: AttemptOutcome): Promise<void> {
    this
      .prepare(
        `UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = ?, last_status = ?, last_error = ?,
           status = ?, next_attempt_at = ?, delivered_at = ? WHERE id = ?`,
      )
      .run(outcome.at, outcome.status ?? null, outcome.error ?? null,
        outcome.delivered ? 'delivered' : outcome.nextAttemptAt ? 'pending' : 'failed',
        outcome.delivered ? null : outcome.nextAttemptAt, outcome.delivered ? outcome.at : null, id);
  }

  async listDeliveries(limit: number): Promise<DeliveryRow[]> {
    return this.prepare('SELECT * FROM webhook_deliveries ORDER BY id DESC LIMIT ?').all(limit) as DeliveryRow[];
  }

  async retryDelivery(id: number, now: string): Promise<boolean> {
    const info = this
      .prepare("UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ? WHERE id = ? AND status <> 'delivered'")
      .run(now, id);
    return info.changes > 0;
  }
}

/**
 * The loop's SQL on better-sqlite3. A transaction is BEGIN IMMEDIATE ... COMMIT around async
 * work that awaits nothing but these statements, which run synchronously: no other request's
 * statement can run in between, so it is as isolated as `db.transaction()`.
 */
function sqliteEngine(db: Db, prepare: (sql: string) => Statement): SqlEngine {
  const sql: Sql = {
    all: async <T>(query: string, params: unknown[] = []) => prepare(query).all(...params) as T[],
    run: async (query, params = []) => prepare(query).run(...params).changes,
    lock: async () => undefined,
  };
  return {
    ...sql,
    async transaction(work) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(sql);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    },
  };
}

/**
 * Prepared statements kept by their SQL text: preparing cost more than running most of the
 * intake's statements (a profile under load, bench/NOTES.md section 7). The texts are this
 * file's and loop.ts's; a few carry one `?` per list item, so the cache starts over past a bound.
 */
function statementCache(db: Db, bound = 500): (sql: string) => Statement {
  const statements = new Map<string, Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= bound) statements.clear();
      statements.set(sql, (statement = db.prepare(sql)));
    }
    return statement;
  };
}

/** The second an ISO 8601 time falls in, as correlation_seconds keys it: `2026-12-01T12:00:05`. */
function secondOf(time: string): string {
  return time.slice(0, 19);
}

/**
 * Above every time within `second` and below every later second's: '~' sorts after the digits,
 * '.' and 'Z' that can follow a second in an ISO 8601 time.
 */
function endOfSecond(second: string): string {
  return `${second}~`;
}

export { formatReference };
