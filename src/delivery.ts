/**
 * The shapes that carry a ticket from the reporter to a backend: the outbox (durable, in the
 * browser) hands a stored ticket to a transport (intake API, OSvC Connect REST), which answers
 * with the backend's id and reference or a DeliveryError that says whether to try again.
 */
import type { Ticket, FieldIssue } from './ticket.js';
import type { KnownIncident } from './follow-view.js';

/** Bytes that travel beside the ticket, in the order of `ticket.attachments`. */
export interface AttachmentBytes {
  name: string;
  type: string;
  blob: Blob;
}

/** Other reports of the same kind the backend saw recently (cross-agent correlation). */
export interface RelatedReports {
  reports: number;
  agents: number;
  minutes: number;
  /** Told who asks (or who submitted): the reports and distinct agents that are not theirs. */
  otherReports?: number;
  otherAgents?: number;
  /** Confirmed incidents support opened for this kind of problem here (the known-incident banner). */
  incidents?: KnownIncident[];
}

/** Related counts with the ones that leave the asker out, when the service gave them. */
export function withOthers(related: RelatedReports, otherReports: unknown, otherAgents: unknown): RelatedReports {
  return typeof otherReports === 'number' && typeof otherAgents === 'number' ? { ...related, otherReports, otherAgents } : related;
}

export interface SendResult {
  id: string;
  reference: string;
  status?: string;
  receivedAt?: string;
  related?: RelatedReports;
  /**
   * The intake's capability to read this one ticket later (its status and events) with the
   * browser's key, which can read nothing else. Kept with the outbox entry; sent as `Triage-Receipt`.
   */
  receipt?: string;
}

export interface SendOptions {
  signal?: AbortSignal;
  /** Bytes of the request body sent so far, for a progress bar. */
  onProgress?: (loaded: number, total: number) => void;
}

export interface Transport {
  /** A short name for messages and the ticket's delivery record ('intake', 'osvc'). */
  readonly name: string;
  send(ticket: Ticket, attachments: AttachmentBytes[], options?: SendOptions): Promise<SendResult>;
}

/**
 * Why a send did not succeed. `permanent` failures (4xx other than 408 and 429) must not be
 * retried: the agent has to change something. Others are retried, no sooner than `retryAfterMs`.
 */
export class DeliveryError extends Error {
  readonly permanent: boolean;
  readonly status?: number;
  readonly code?: string;
  readonly retryAfterMs?: number;
  readonly fields?: FieldIssue[];

  constructor(
    message: string,
    details: { permanent: boolean; status?: number; code?: string; retryAfterMs?: number; fields?: FieldIssue[] },
  ) {
    super(message);
    this.name = 'DeliveryError';
    this.permanent = details.permanent;
    this.status = details.status;
    this.code = details.code;
    this.retryAfterMs = details.retryAfterMs;
    this.fields = details.fields;
  }
}

/** Where a ticket is on its way. Nothing is "sent" before a backend confirmed it. */
export type DeliveryState =
  | { state: 'queued'; attempts: number; nextAttemptAt?: number; lastError?: string }
  | { state: 'sending'; attempts: number; loaded: number; total: number }
  | { state: 'sent'; result: SendResult; sentAt: string }
  | { state: 'failed'; reason: string; status?: number; fields?: FieldIssue[] };

export interface OutboxEntry {
  id: string;
  ticket: Ticket;
  delivery: DeliveryState;
  storedAt: string;
  updatedAt: string;
}

/** What components use of the outbox (through context); the IndexedDB outbox implements it. */
export interface OutboxService {
  /** Stores ticket and bytes on this device, then starts delivery. Resolves once stored. */
  submit(ticket: Ticket, attachments: AttachmentBytes[]): Promise<OutboxEntry>;
  /** Calls back with every change of the entry (and once right away); returns an unsubscribe. */
  watch(id: string, callback: (entry: OutboxEntry) => void): () => void;
  /** Calls back with every change of any entry (stored, sending, sent, failed; this tab and others); returns an unsubscribe. */
  subscribe(listener: (entry: OutboxEntry) => void): () => void;
  /** Recent reports on this device, newest first ("My reports"). */
  list(): Promise<OutboxEntry[]>;
  /** Replaces a failed ticket with a corrected one and queues it again. */
  resubmit(ticket: Ticket, attachments?: AttachmentBytes[]): Promise<OutboxEntry>;
  /** Tries queued tickets now (on open, online, page load). */
  flush(): Promise<void>;
  /** The stored ticket and attachments as one JSON file, for an agent to keep or send another way. */
  exportEntry(id: string): Promise<Blob>;
  /** The same file for a report the device could not keep (storage full): the ticket and the given bytes. */
  exportUnstored?(ticket: Ticket, attachments: AttachmentBytes[]): Promise<Blob>;
}

/** Recent reports of the same kind, asked while the agent fills the form. */
export interface SignalsService {
  /**
   * `accountId` / `login`: the asking agent, whose own reports the answer's `other*` counts leave out.
   * `site`: where the agent works, which incidents naming a site are matched on.
   */
  recent(query: { category: string; queue?: string; site?: string; minutes?: number; accountId?: string; login?: string }): Promise<RelatedReports>;
}
