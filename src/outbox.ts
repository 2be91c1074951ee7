/**
 * The durable outbox: a ticket and its files are written to IndexedDB (one transaction) before any
 * network call, then a transport delivers them, retrying transient failures with capped, jittered
 * backoff until a backend confirms. Nothing is "sent" before that confirmation.
 *
 * Several tabs may hold an outbox on the same database. Exactly one drains at a time (Web Locks),
 * and it re-reads each entry inside the lock, so a ticket another tab already delivered is skipped.
 * A BroadcastChannel carries every change, so "My reports" updates in all tabs.
 *
 * Only the schema-checked ticket and the attachment bytes are stored: the schema strips unknown
 * fields, and transports keep credentials in memory. Nothing secret reaches IndexedDB but the
 * delivery result's receipt, which opens only that one report's status.
 *
 * Sent reports are kept for `keepSentMs` (default 30 days, "My reports"), then removed when an
 * outbox opens: the service holds them, and a shared desktop should not hold old reports forever.
 */
import {
  DeliveryError,
  type AttachmentBytes,
  type DeliveryState,
  type OutboxEntry,
  type OutboxService,
  type Transport,
} from './delivery.js';
import type { FieldIssue, Ticket } from './ticket.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffSettings } from './backoff.js';

/**
 * The schema (zod) loads when a report is submitted or corrected, never to drain: what the outbox
 * stores was validated when it came in, so a page that only delivers what an earlier page left
 * queued does not fetch it. The report file loads likewise, on export.
 */
async function validateTicket(ticket: Ticket) {
  return (await import('./ticket.js')).validateTicket(ticket);
}

export { backoffDelay, DEFAULT_BACKOFF, type BackoffSettings } from './backoff.js';

export const DEFAULT_KEEP_SENT_MS = 30 * 24 * 60 * 60_000;

/** A storage failure in words an agent can act on. */
export function describeStorageError(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'QuotaExceededError') {
    return (
      'This device has no room to keep the report: the browser storage for this page is full. ' +
      'Remove large attachments or free disk space, then submit again. Nothing was sent.'
    );
  }
  const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
  return `This browser would not keep the report on this device${detail}. Nothing was sent; try again or export the report.`;
}

export interface OutboxOptions {
  transport: Transport;
  /** One database per deployment; tests use a fresh name each. */
  dbName?: string;
  now?: () => number;
  backoff?: BackoffSettings;
  /** The Web Lock that makes one tab the sender; defaults to one per database. */
  lockName?: string;
  /** How many entries `list()` returns. */
  recent?: number;
  /** How long a sent report stays on the device; default DEFAULT_KEEP_SENT_MS (30 days). */
  keepSentMs?: number;
  random?: () => number;
}

export type Outbox = OutboxService & {
  /** Always there on this outbox (optional on OutboxService for hosts' own). */
  exportUnstored(ticket: Ticket, attachments: AttachmentBytes[]): Promise<Blob>;
  /** Removes sent reports older than `keepSentMs` now (also done whenever an outbox opens); resolves with how many. */
  pruneSent(): Promise<number>;
  /** Stops timers and listeners, cancels an upload in flight (it stays queued) and closes the database. */
  close(): void;
};

export function createOutbox(options: OutboxOptions): Outbox {
  return new IndexedDbOutbox(options);
}

/** What is kept per ticket. `notBefore` is the server's Retry-After, which even a manual flush honours. */
interface StoredEntry extends OutboxEntry {
  notBefore?: number;
}

interface StoredFiles {
  id: string;
  files: AttachmentBytes[];
}

const ENTRIES = 'entries';
const FILES = 'files';

function requestDone<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function transactionDone(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error ?? new DOMException('The transaction was aborted.', 'AbortError'));
  });
}

function openDatabase(name: string): Promise<IDBDatabase> {
  const request = indexedDB.open(name, 1);
  request.onupgradeneeded = () => {
    const db = request.result;
    if (!db.objectStoreNames.contains(ENTRIES)) db.createObjectStore(ENTRIES, { keyPath: 'id' });
    if (!db.objectStoreNames.contains(FILES)) db.createObjectStore(FILES, { keyPath: 'id' });
  };
  return requestDone(request).then((db) => {
    // Another tab upgrading or deleting the database must not wait for us forever.
    db.onversionchange = () => db.close();
    return db;
  });
}

function publicEntry(stored: StoredEntry): OutboxEntry {
  const { id, ticket, delivery, storedAt, updatedAt } = stored;
  return { id, ticket, delivery, storedAt, updatedAt };
}

function refuseInvalid(issues: FieldIssue[]): DeliveryError {
  const list = issues.map((issue) => issue.message).join(' ');
  return new DeliveryError(`The report is not complete yet: ${list}`, {
    permanent: true,
    code: 'validation_failed',
    fields: issues,
  });
}

/** The bytes must match what the ticket declares, or the service would refuse it later. */
function checkAttachments(ticket: Ticket, attachments: AttachmentBytes[]): FieldIssue[] {
  const declared = ticket.attachments ?? [];
  if (declared.length !== attachments.length) {
    return [
      {
        path: 'attachments',
        message: `The report lists ${declared.length} attachment(s) but ${attachments.length} file(s) came with it.`,
      },
    ];
  }
  return declared.flatMap((meta, index) =>
    meta.size === attachments[index].blob.size
      ? []
      : [{ path: `attachments.${index}.size`, message: `${meta.name} is ${attachments[index].blob.size} bytes, not ${meta.size}.` }],
  );
}

function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DeliveryError(`Sending failed: ${message}`, { permanent: false });
}

class IndexedDbOutbox implements OutboxService {
  private readonly transport: Transport;
  private readonly dbName: string;
  private readonly lockName: string;
  private readonly now: () => number;
  private readonly backoff: BackoffSettings;
  private readonly random: () => number;
  private readonly recent: number;
  private readonly keepSentMs: number;
  private readonly watchers = new Map<string, Set<(entry: OutboxEntry) => void>>();
  private readonly subscribers = new Set<(entry: OutboxEntry) => void>();
  private readonly channel?: BroadcastChannel;
  private readonly stop = new AbortController();
  private db?: Promise<IDBDatabase>;
  private timer?: ReturnType<typeof setTimeout>;
  private draining?: Promise<void>;
  private again = false;
  private forceNext = false;
  private closed = false;

  constructor(options: OutboxOptions) {
    this.transport = options.transport;
    this.dbName = options.dbName ?? 'triage-kit-outbox';
    this.lockName = options.lockName ?? `${this.dbName}:sender`;
    this.now = options.now ?? Date.now;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.random = options.random ?? Math.random;
    this.recent = options.recent ?? 50;
    this.keepSentMs = options.keepSentMs ?? DEFAULT_KEEP_SENT_MS;
    if (typeof BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(`triage-outbox:${this.dbName}`);
      this.channel.onmessage = (event: MessageEvent<OutboxEntry>) => this.notify(event.data);
    }
    globalThis.addEventListener?.('online', this.onOnline);
    // A page load is a chance to deliver what an earlier page left queued, and to forget old sent reports.
    this.timer = setTimeout(() => {
      this.pruneSent().catch(() => undefined);
      this.kick(true);
    }, 0);
  }

  async submit(ticket: Ticket, attachments: AttachmentBytes[]): Promise<OutboxEntry> {
    const checked = await validateTicket(ticket);
    if (!checked.ok) throw refuseInvalid(checked.issues);
    const mismatch = checkAttachments(checked.ticket, attachments);
    if (mismatch.length) throw refuseInvalid(mismatch);

    // A second submit of the same draft (double click, retry after a crash) is the same report.
    const existing = await this.read(checked.ticket.id);
    if (existing) {
      this.kick(false);
      return publicEntry(existing);
    }
    const at = new Date(this.now()).toISOString();
    const entry: StoredEntry = {
      id: checked.ticket.id,
      ticket: checked.ticket,
      delivery: { state: 'queued', attempts: 0 },
      storedAt: at,
      updatedAt: at,
    };
    await this.store(entry, attachments);
    this.publish(entry);
    this.kick(false);
    return publicEntry(entry);
  }

  async resubmit(ticket: Ticket, attachments?: AttachmentBytes[]): Promise<OutboxEntry> {
    const checked = await validateTicket(ticket);
    if (!checked.ok) throw refuseInvalid(checked.issues);
    const existing = await this.read(checked.ticket.id);
    if (!existing) {
      throw new DeliveryError('There is no report with this id on this device to correct.', { permanent: true, code: 'not_found' });
    }
    if (existing.delivery.state !== 'failed') {
      throw new DeliveryError(`Only a report the service refused can be corrected; this one is ${existing.delivery.state}.`, {
        permanent: true,
        code: 'not_failed',
      });
    }
    const files = attachments ?? (await this.readFiles(existing.id));
    const mismatch = checkAttachments(checked.ticket, files);
    if (mismatch.length) throw refuseInvalid(mismatch);
    const entry: StoredEntry = {
      ...publicEntry(existing),
      ticket: checked.ticket,
      delivery: { state: 'queued', attempts: 0 },
      updatedAt: new Date(this.now()).toISOString(),
    };
    await this.store(entry, files);
    this.publish(entry);
    this.kick(false);
    return publicEntry(entry);
  }

  watch(id: string, callback: (entry: OutboxEntry) => void): () => void {
    let heard = false;
    const listener = (entry: OutboxEntry) => {
      heard = true;
      callback(entry);
    };
    let set = this.watchers.get(id);
    if (!set) this.watchers.set(id, (set = new Set()));
    set.add(listener);
    void this.read(id).then(
      (entry) => {
        // A change that arrived while we were reading is newer than what we read.
        if (entry && !heard && set.has(listener)) listener(publicEntry(entry));
      },
      () => undefined,
    );
    return () => {
      set.delete(listener);
      if (!set.size) this.watchers.delete(id);
    };
  }

  subscribe(listener: (entry: OutboxEntry) => void): () => void {
    const own = (entry: OutboxEntry) => listener(entry);
    this.subscribers.add(own);
    return () => void this.subscribers.delete(own);
  }

  async list(): Promise<OutboxEntry[]> {
    const all = await this.readAll();
    return all
      .sort((a, b) => b.storedAt.localeCompare(a.storedAt))
      .slice(0, this.recent)
      .map(publicEntry);
  }

  flush(): Promise<void> {
    return this.drain(true);
  }

  async exportEntry(id: string): Promise<Blob> {
    const entry = await this.read(id);
    if (!entry) throw new DeliveryError('There is no report with this id on this device.', { permanent: true, code: 'not_found' });
    const files = await this.readFiles(id);
    const { reportFile } = await import('./report-file.js');
    return reportFile(
      entry.ticket,
      files,
      {
        delivery: entry.delivery,
        storedAt: entry.storedAt,
        updatedAt: entry.updatedAt,
        // Sent reports lose their bytes to save space; the service keeps them.
        attachmentsPruned: entry.delivery.state === 'sent' && (entry.ticket.attachments?.length ?? 0) > files.length,
      },
      this.now(),
    );
  }

  async exportUnstored(ticket: Ticket, attachments: AttachmentBytes[]): Promise<Blob> {
    const { reportFile } = await import('./report-file.js');
    return reportFile(ticket, attachments, {}, this.now());
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    globalThis.removeEventListener?.('online', this.onOnline);
    this.stop.abort();
    this.channel?.close();
    this.watchers.clear();
    this.subscribers.clear();
    const db = this.db;
    // The aborted upload writes its entry back to "queued" before the database closes.
    void (this.draining ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => db?.then((d) => d.close(), () => undefined));
  }

  private readonly onOnline = () => this.kick(true);

  /** Removes reports sent longer than `keepSentMs` ago, entry and any bytes left, in one transaction. */
  async pruneSent(): Promise<number> {
    const cutoff = this.now() - this.keepSentMs;
    const old = (await this.readAll()).filter(
      (entry) => entry.delivery.state === 'sent' && Date.parse(entry.delivery.sentAt) < cutoff,
    );
    if (!old.length || this.closed) return 0;
    const db = await this.database();
    const transaction = db.transaction([ENTRIES, FILES], 'readwrite');
    const done = transactionDone(transaction);
    for (const entry of old) {
      transaction.objectStore(ENTRIES).delete(entry.id);
      transaction.objectStore(FILES).delete(entry.id);
    }
    await done;
    return old.length;
  }

  /** Starts a drain from an event or timer; its failures surface in the entries, not here. */
  private kick(force: boolean): void {
    this.drain(force).catch(() => undefined);
  }

  private drain(force: boolean): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (force) this.forceNext = true;
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      try {
        do {
          this.again = false;
          const forced = this.forceNext;
          this.forceNext = false;
          await this.withLock(() => this.drainDue(forced));
        } while (this.again && !this.closed);
      } catch (error) {
        if (!this.closed) throw error;
      } finally {
        this.draining = undefined;
      }
      if (!this.closed) await this.scheduleNext();
    })();
    return this.draining;
  }

  private async withLock(work: () => Promise<void>): Promise<void> {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    // Without Web Locks (very old browsers) this tab simply assumes it is the only one.
    if (!locks) return work();
    await locks.request(this.lockName, { signal: this.stop.signal }, work);
  }

  private async drainDue(forced: boolean): Promise<void> {
    const now = this.now();
    const due = (await this.readAll())
      .filter((entry) => {
        const { delivery } = entry;
        // "sending" seen while holding the lock means its sender died mid-upload: send again.
        if (delivery.state === 'sending') return true;
        if (delivery.state !== 'queued') return false;
        const after = forced ? entry.notBefore : delivery.nextAttemptAt;
        return (after ?? 0) <= now;
      })
      .sort((a, b) => a.storedAt.localeCompare(b.storedAt));
    for (const candidate of due) {
      if (this.closed) return;
      // Another tab may have delivered it while we waited for the lock.
      const fresh = await this.read(candidate.id);
      if (!fresh || (fresh.delivery.state !== 'queued' && fresh.delivery.state !== 'sending')) continue;
      await this.deliver(fresh);
    }
  }

  private async deliver(entry: StoredEntry): Promise<void> {
    const attempts = ('attempts' in entry.delivery ? entry.delivery.attempts : 0) + 1;
    const files = await this.readFiles(entry.id);
    if (files.length !== (entry.ticket.attachments?.length ?? 0)) {
      await this.update(entry, {
        state: 'failed',
        reason: 'The attached files are no longer on this device. Add them again and resubmit.',
      });
      return;
    }
    const total = files.reduce((sum, file) => sum + file.blob.size, 0);
    const sending = await this.update(entry, { state: 'sending', attempts, loaded: 0, total });
    try {
      const result = await this.transport.send(entry.ticket, files, {
        signal: this.stop.signal,
        onProgress: (loaded, size) => {
          // Progress is news, not state: broadcast it without writing every tick to disk.
          this.publish({ ...sending, delivery: { state: 'sending', attempts, loaded, total: size } });
        },
      });
      await this.update(sending, { state: 'sent', result, sentAt: new Date(this.now()).toISOString() }, { pruneFiles: true });
    } catch (error) {
      const failure = toDeliveryError(error);
      if (failure.permanent) {
        await this.update(sending, { state: 'failed', reason: failure.message, status: failure.status, fields: failure.fields });
        return;
      }
      const now = this.now();
      const wait = Math.max(backoffDelay(attempts, this.backoff, this.random), failure.retryAfterMs ?? 0);
      await this.update(
        sending,
        { state: 'queued', attempts, nextAttemptAt: now + wait, lastError: failure.message },
        { notBefore: failure.retryAfterMs === undefined ? undefined : now + failure.retryAfterMs },
      );
    }
  }

  private async scheduleNext(): Promise<void> {
    const waiting = (await this.readAll()).flatMap((entry) =>
      entry.delivery.state === 'queued' && entry.delivery.nextAttemptAt !== undefined ? [entry.delivery.nextAttemptAt] : [],
    );
    clearTimeout(this.timer);
    if (!waiting.length || this.closed) return;
    const delay = Math.max(0, Math.min(...waiting) - this.now());
    this.timer = setTimeout(() => this.kick(false), delay);
  }

  private database(): Promise<IDBDatabase> {
    this.db ??= openDatabase(this.dbName);
    return this.db;
  }

  private async read(id: string): Promise<StoredEntry | undefined> {
    const db = await this.database();
    return requestDone(db.transaction(ENTRIES).objectStore(ENTRIES).get(id) as IDBRequest<StoredEntry | undefined>);
  }

  private async readAll(): Promise<StoredEntry[]> {
    const db = await this.database();
    return requestDone(db.transaction(ENTRIES).objectStore(ENTRIES).getAll() as IDBRequest<StoredEntry[]>);
  }

  private async readFiles(id: string): Promise<AttachmentBytes[]> {
    const db = await this.database();
    const stored = await requestDone(db.transaction(FILES).objectStore(FILES).get(id) as IDBRequest<StoredFiles | undefined>);
    return stored?.files ?? [];
  }

  /** Ticket and bytes in one transaction: either both are on the device or neither is. */
  private async store(entry: StoredEntry, attachments: AttachmentBytes[]): Promise<void> {
    try {
      const db = await this.database();
      const transaction = db.transaction([ENTRIES, FILES], 'readwrite');
      const done = transactionDone(transaction);
      transaction.objectStore(ENTRIES).put(entry);
      const files: StoredFiles = {
        id: entry.id,
        files: attachments.map(({ name, type, blob }) => ({ name, type, blob })),
      };
      transaction.objectStore(FILES).put(files);
      await done;
    } catch (error) {
      const code = (error as { name?: unknown } | null)?.name === 'QuotaExceededError' ? 'storage_full' : 'storage_failed';
      throw new DeliveryError(describeStorageError(error), { permanent: true, code });
    }
  }

  private async update(
    entry: StoredEntry,
    delivery: DeliveryState,
    extra: { pruneFiles?: boolean; notBefore?: number } = {},
  ): Promise<StoredEntry> {
    const next: StoredEntry = {
      ...publicEntry(entry),
      delivery,
      updatedAt: new Date(this.now()).toISOString(),
      ...(extra.notBefore === undefined ? {} : { notBefore: extra.notBefore }),
    };
    const db = await this.database();
    const stores = extra.pruneFiles ? [ENTRIES, FILES] : [ENTRIES];
    const transaction = db.transaction(stores, 'readwrite');
    const done = transactionDone(transaction);
    transaction.objectStore(ENTRIES).put(next);
    if (extra.pruneFiles) transaction.objectStore(FILES).delete(entry.id);
    await done;
    this.publish(next);
    return next;
  }

  private publish(entry: StoredEntry): void {
    const visible = publicEntry(entry);
    this.notify(visible);
    if (!this.closed) this.channel?.postMessage(visible);
  }

  private notify(entry: OutboxEntry): void {
    for (const listener of [...(this.watchers.get(entry.id) ?? []), ...this.subscribers]) {
      try {
        listener(entry);
      } catch (error) {
        // One broken watcher must not stop delivery or the other watchers.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
