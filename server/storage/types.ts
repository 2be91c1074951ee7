/**
 * What the intake service needs from its storage, whichever engine holds it: SQLite (one file,
 * one process, the default) or PostgreSQL (any number of instances behind a load balancer). Both
 * keep the same guarantees: a ticket id is stored once however many requests race for it, the
 * reference is unique, a change records its events atomically, and a resolved promise from a
 * write means the transaction committed durably.
 */

import type { LoopStore } from './loop.js';

export const STATUSES = ['new', 'acknowledged', 'waiting', 'resolved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export interface TicketRow {
  seq: number;
  id: string;
  reference: string;
  document: string;
  content_hash: string;
  category: string;
  severity: number;
  status: Status;
  created_at: string;
  received_at: string;
  queue: string | null;
  agent: string | null;
  /** SHA-256 of the ticket's receipt (receipts.ts); null for tickets stored before receipts. */
  receipt_hash: string | null;
}

export interface AttachmentRow {
  ticket_id: string;
  idx: number;
  name: string;
  type: string;
  size: number;
  sha256: string;
  kind: string;
}

export interface EventRow {
  id: number;
  ticket_id: string;
  type: string;
  from_value: string | null;
  to_value: string | null;
  by: string;
  at: string;
  reason: string | null;
}

export interface NewTicket {
  id: string;
  document: string;
  contentHash: string;
  category: string;
  severity: number;
  createdAt: string;
  receivedAt: string;
  queue: string | null;
  agent: string | null;
  attachments: Array<{ name: string; type: string; size: number; sha256: string; kind: string }>;
  by: string;
  /** What the service changed on the way in (secrets it redacted), kept as the 'created' event's reason. */
  note?: string;
  receiptHash: string;
  /** The receipt sealed for a replay (receipts.ts), kept in the idempotency record. */
  receiptSealed: string;
  /** The response counts related tickets received this many minutes before this one. */
  correlationMinutes: number;
  /** The submitting agent's keys, so the response can count other agents only. */
  asker?: string[];
}

/** The answer to a new ticket, stored with it so a replay answers the same, byte for byte. */
export type Respond = (row: TicketRow, related: RelatedCount) => unknown;

/** How many tickets one correlation window holds, and from how many distinct agents. */
export interface RelatedCount {
  reports: number;
  agents: number;
  /** With an asker: the reports and distinct agents that are not the asker's. */
  otherReports?: number;
  otherAgents?: number;
}

export interface ListFilter {
  status?: string;
  severity?: number;
  category?: string;
  beforeSeq?: number;
  limit: number;
}

export interface RecentQuery {
  category: string;
  queue?: string | null;
  /** Received in (since, until], ISO 8601 UTC. */
  since: string;
  until: string;
  excludeId?: string;
  /** Rows at most (the newest); every row of the window when left out. */
  limit?: number;
  /** The asking agent's keys (account ID, login): the count then also says what is not theirs. */
  asker?: string[];
}

export interface Change {
  status?: Status;
  severity?: number;
}

export interface ChangeMeta {
  by: string;
  at: string;
  reason: string;
}

/** A webhook delivery to queue in the same transaction as the change it reports. */
export interface NewDelivery {
  /** The event's id: the same on every attempt and every endpoint, so a receiver can deduplicate. */
  eventId: string;
  endpoint: string;
  type: string;
  /** The exact JSON that is signed and sent on every attempt. */
  body: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface DeliveryRow {
  id: number;
  event_id: string;
  endpoint: string;
  type: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  created_at: string;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: string | null;
}

export interface AttemptOutcome {
  at: string;
  /** HTTP status, when the receiver answered. */
  status?: number;
  error?: string;
  delivered: boolean;
  /** When to try again; null gives up (status `failed`). */
  nextAttemptAt: string | null;
}

/** Webhook deliveries to queue once a ticket row exists (called inside the transaction). */
export type Notify<T> = (row: TicketRow, detail: T) => NewDelivery[];

export type InsertOutcome =
  | { kind: 'created'; row: TicketRow; response: string }
  | { kind: 'replay'; response: string; receiptSealed: string | null }
  | { kind: 'conflict' };

export interface TicketStore {
  readonly engine: 'sqlite' | 'postgres';
  /** Support's side of a ticket: updates, the SLA clock, log requests, incidents (loop.ts). */
  readonly loop: LoopStore;
  /**
   * Stores a new ticket with its attachments' metadata, its `created` event and its idempotency
   * record in one transaction, or says what happened to this id before: the same content is a
   * replay (the stored response), other content a conflict.
   */
  insertTicket(input: NewTicket, respond: Respond, notify?: Notify<undefined>): Promise<InsertOutcome>;
  getTicket(id: string): Promise<TicketRow | undefined>;
  attachmentsOf(id: string): Promise<AttachmentRow[]>;
  attachment(id: string, index: number): Promise<AttachmentRow | undefined>;
  eventsOf(id: string): Promise<EventRow[]>;
  /** Newest first by arrival order (seq), which a cursor can resume exactly. */
  list(filter: ListFilter): Promise<TicketRow[]>;
  /** Tickets of one kind received in a window, newest first, optionally one queue only. */
  recent(query: RecentQuery): Promise<TicketRow[]>;
  /** What recent() would count, without reading the rows: every new ticket asks, so it stays cheap in a storm. */
  countRecent(query: RecentQuery): Promise<RelatedCount>;
  /** Applies status/severity changes and records one event per real change, atomically. */
  changeTicket(id: string, change: Change, meta: ChangeMeta, notify?: Notify<EventRow[]>): Promise<EventRow[] | undefined>;
  /**
   * Takes up to `limit` deliveries due at `now` and holds them until `leaseUntil`, so no other
   * instance sends them meanwhile; an instance that dies mid-send leaves them due again then.
   */
  claimDeliveries(now: string, leaseUntil: string, limit: number): Promise<DeliveryRow[]>;
  recordAttempt(id: number, outcome: AttemptOutcome): Promise<void>;
  /** Newest first. */
  listDeliveries(limit: number): Promise<DeliveryRow[]>;
  /** Makes an undelivered delivery due now; false when there is none with this id. */
  retryDelivery(id: number, now: string): Promise<boolean>;
  /**
   * Retention: deletes the tickets received before `cutoff` (ISO 8601) with their attachments'
   * metadata, events and idempotency records, and webhook deliveries queued before it, in one
   * transaction. Resolves with how many tickets went; their bytes go with the next blob collection.
   */
  deleteReceivedBefore(cutoff: string): Promise<number>;
  /** Every blob hash an attachment refers to. */
  referencedBlobs(): Promise<Set<string>>;
  /** Resolves when the storage answers a query (health and readiness checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Attachment bytes, content-addressed by SHA-256. */
export interface BlobStore {
  /** Stores the bytes durably and resolves with their hash; storing the same bytes twice is one blob. */
  put(data: Buffer): Promise<string>;
  read(hash: string): Promise<Buffer>;
  /**
   * Deletes the blobs no attachment refers to that were stored (or stored again) before
   * `storedBefore`: the grace keeps the bytes of an upload whose ticket has not committed yet.
   */
  collect(referenced: ReadonlySet<string>, storedBefore: Date): Promise<number>;
}

/**
 * `TK-000123`: a short, sequential, human-quotable number. Not OSvC's `YYMMDD-NNNNNN` on purpose,
 * so nobody mistakes our reference for the OSvC incident reference the ticket may also carry.
 */
export function formatReference(seq: number): string {
  return `TK-${String(seq).padStart(6, '0')}`;
}
