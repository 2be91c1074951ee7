/**
 * Following support from the desktop: for every report this device sent (the outbox keeps each
 * one's receipt) and every incident the agent joined (the join's receipt, kept here), ask the
 * intake service what support did, with `If-None-Match` so an unchanged answer is a bodiless 304.
 * One round every `intervalMs` (default a minute), none while the page is hidden, one right away
 * when it shows again or a report is confirmed. Each answer is compared with what the agent last
 * marked as seen (kept on the device), so "My reports" marks what is new and the launcher shows a
 * badge. The browser's key reads nothing here but what a receipt opens.
 *
 * Log requests: support asks for the logs of a window; `answerLogs` collects them on this device
 * (every log source, redacted, as the logs element does) and uploads them to the request. With
 * `autoUploadLogs` (a site's choice) that happens as soon as a request is seen, and the agent is
 * told it did.
 */
import { DeliveryError, type OutboxEntry, type OutboxService } from './delivery.js';
import { intakeEndpoint, readIntakeError } from './transports/http.js';
import { checkFollowInterval, requireApiKey } from './delivery-options.js';
import { followKey, readSupportView, type KnownIncident, type LogRequest, type SupportView } from './follow-view.js';
import type { LogsSummary } from './logs/collect.js';

export * from './follow-view.js';

export const DEFAULT_FOLLOW_INTERVAL_MS = 60_000;

/** One thing followed: a report this device sent, or an incident the agent joined. */
export interface FollowTarget {
  kind: 'ticket' | 'incident';
  id: string;
  receipt: string;
  /** What the agent saw when it started: a report as sent, so anything support did since is new. */
  baseline?: SeenMark;
}

/** What the agent has seen of one followed thing (kept on the device). */
export interface SeenMark {
  status: string;
  severity?: number;
  updates: string[];
  logRequests: string[];
  incident?: string;
}

export type FollowChange = 'status' | 'severity' | 'updates' | 'logRequests' | 'incident';

/** A log request this device answered: when, how many entries, and whether the site's setting sent it without a click. */
export interface AnsweredLogs {
  at: string;
  entries: number;
  automatic: boolean;
}

export interface Followed {
  key: string;
  target: FollowTarget;
  view?: SupportView;
  /** Why the last ask failed (the view shown is then the last good one). */
  error?: string;
  /** What changed since the agent last marked it seen. */
  changes: FollowChange[];
  /** Support's updates the agent has not seen yet, by id. */
  newUpdates: string[];
}

/** A join of a known incident, kept on the device so My reports follows it like a report. */
export interface StoredJoin {
  incidentId: string;
  joinId: string;
  receipt: string;
  title: string;
  joinedAt: string;
}

export interface FollowState {
  items: ReadonlyMap<string, Followed>;
  /** How many followed things have something the agent has not seen. */
  unseen: number;
  joins: readonly StoredJoin[];
  /** Log requests this device answered, by request id. */
  answered: Readonly<Record<string, AnsweredLogs>>;
  /** Log requests being collected and uploaded now. */
  uploading: ReadonlySet<string>;
}

export interface JoinDetails {
  agent: { accountId?: string; login?: string; name?: string };
  site?: string;
  queue?: string;
}

/** The logs of a window, collected and redacted on this device, ready to upload. */
export interface CollectedWindow {
  file: File;
  entries: number;
}

/** What components use (through context): the element never talks HTTP itself. */
export interface FollowService {
  /** Calls back now and on every change; the first subscriber starts the following, the last one stops it. */
  subscribe(listener: (state: FollowState) => void): () => void;
  state(): FollowState;
  /** Asks about everything followed now (the agent pressed Refresh). */
  refresh(): Promise<void>;
  /** The agent looked: what is shown now is no longer new. */
  markSeen(key: string): void;
  /** "I'm affected too": joins a known incident (idempotent) and follows it. */
  join(incident: Pick<KnownIncident, 'id' | 'title'>, details: JoinDetails): Promise<StoredJoin>;
  /** Collects this device's logs for the request's window and uploads them. */
  answerLogs(key: string, requestId: string): Promise<AnsweredLogs>;
  /** Whether the site lets open log requests be answered without a click. */
  readonly autoUploadLogs: boolean;
}

export interface FollowerOptions {
  url: string;
  apiKey?: string;
  getApiKey?: () => string | Promise<string>;
  /** Where the sent reports and their receipts are. */
  outbox?: OutboxService;
  /** Between two rounds of asking when nothing changed (default a minute, the most the policy needs). */
  intervalMs?: number;
  /** Answer log requests without a click (the agent is told). Default false. */
  autoUploadLogs?: boolean;
  /** Prefix of this follower's keys in localStorage (seen marks, joins, answered requests). */
  storageKey?: string;
  /** Collects a window's redacted logs; default every registered source through src/logs/collect.ts. */
  collect?: (window: { from: string; to: string }) => Promise<CollectedWindow>;
  fetch?: typeof fetch;
  /** Per request (default 15 s). */
  timeoutMs?: number;
}

export type Follower = FollowService & {
  /** Stops asking and forgets the listeners. */
  close(): void;
};

export function createFollower(options: FollowerOptions): Follower {
  return new IntakeFollower(options);
}

/** The baseline of a report as this device sent it: support has done nothing yet. */
export function sentBaseline(severity: number): SeenMark {
  return { status: 'new', severity, updates: [], logRequests: [] };
}

export function seenMark(view: SupportView): SeenMark {
  return {
    status: view.status,
    severity: view.severity?.chosen,
    updates: view.updates.map((u) => u.id),
    logRequests: view.logRequests.filter((r) => r.state === 'open').map((r) => r.id),
    incident: view.incident ? `${view.incident.id}:${view.incident.status}` : undefined,
  };
}

/** What differs between what the agent saw and support's side now. */
export function changesSince(seen: SeenMark, view: SupportView): { changes: FollowChange[]; newUpdates: string[] } {
  const now = seenMark(view);
  const changes: FollowChange[] = [];
  if (now.status !== seen.status) changes.push('status');
  if (now.severity !== undefined && now.severity !== seen.severity) changes.push('severity');
  const newUpdates = now.updates.filter((id) => !seen.updates.includes(id));
  if (newUpdates.length) changes.push('updates');
  if (now.logRequests.some((id) => !seen.logRequests.includes(id))) changes.push('logRequests');
  if (now.incident !== undefined && now.incident !== seen.incident) changes.push('incident');
  return { changes, newUpdates };
}

class IntakeFollower implements Follower {
  readonly autoUploadLogs: boolean;
  private readonly options: FollowerOptions;
  private readonly intervalMs: number;
  private readonly prefix: string;
  private readonly doFetch: typeof fetch;
  private readonly targets = new Map<string, FollowTarget>();
  private readonly etags = new Map<string, string>();
  private items = new Map<string, Followed>();
  private readonly listeners = new Set<(state: FollowState) => void>();
  private uploading = new Set<string>();
  /** One Idempotency-Key per log request and per join, so a retry is answered, not stored twice. */
  private readonly keys = new Map<string, string>();
  private timer?: ReturnType<typeof setTimeout>;
  private round?: Promise<void>;
  private stopOutbox?: () => void;
  private running = false;
  private snapshot?: FollowState;

  constructor(options: FollowerOptions) {
    requireApiKey(options, 'createFollower');
    checkFollowInterval(options.intervalMs);
    this.options = options;
    this.intervalMs = options.intervalMs ?? DEFAULT_FOLLOW_INTERVAL_MS;
    this.autoUploadLogs = options.autoUploadLogs === true;
    this.prefix = options.storageKey ?? 'triage-follow';
    this.doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    for (const join of this.joins()) this.add({ kind: 'incident', id: join.incidentId, receipt: join.receipt });
  }

  subscribe(listener: (state: FollowState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state());
    if (!this.running) this.start();
    return () => {
      this.listeners.delete(listener);
      if (!this.listeners.size) this.stop();
    };
  }

  state(): FollowState {
    this.snapshot ??= {
      items: this.items,
      unseen: [...this.items.values()].filter((item) => item.changes.length > 0).length,
      joins: this.joins(),
      answered: this.answered(),
      uploading: this.uploading,
    };
    return this.snapshot;
  }

  close(): void {
    this.listeners.clear();
    this.stop();
  }

  async refresh(): Promise<void> {
    await this.ask();
  }

  markSeen(key: string): void {
    const item = this.items.get(key);
    if (!item?.view) return;
    const seen = this.seen();
    seen[key] = seenMark(item.view);
    this.write('seen', seen);
    this.set(key, { ...item, changes: [], newUpdates: [] });
  }

  async join(incident: Pick<KnownIncident, 'id' | 'title'>, details: JoinDetails): Promise<StoredJoin> {
    const known = this.joins().find((j) => j.incidentId === incident.id);
    if (known) return known;
    const idempotencyKey = this.keyFor(`join:${incident.id}`);
    const body = await this.call('POST', `/api/incidents/${encodeURIComponent(incident.id)}/join`, {
      headers: { 'Idempotency-Key': idempotencyKey, 'Content-Type': 'application/json' },
      body: JSON.stringify(details),
      what: 'join the known issue',
    });
    const joinId = typeof body.joinId === 'string' ? body.joinId : '';
    const receipt = typeof body.receipt === 'string' ? body.receipt : '';
    if (!receipt) throw new DeliveryError('The intake service accepted the join without a receipt, so this device cannot follow the issue.', { permanent: false });
    const join: StoredJoin = { incidentId: incident.id, joinId, receipt, title: incident.title, joinedAt: new Date().toISOString() };
    this.write('joins', [...this.joins().filter((j) => j.incidentId !== incident.id), join]);
    this.keys.delete(`join:${incident.id}`);
    this.add({ kind: 'incident', id: incident.id, receipt });
    this.changed();
    if (this.running) void this.ask([followKey('incident', incident.id)]);
    return join;
  }

  async answerLogs(key: string, requestId: string, automatic = false): Promise<AnsweredLogs> {
    const item = this.items.get(key);
    const request = item?.view?.logRequests.find((r) => r.id === requestId);
    if (!item || !request) throw new Error(`No open log request ${requestId} on ${key}.`);
    if (this.uploading.has(requestId)) throw new Error('These logs are being sent already.');
    this.uploading = new Set([...this.uploading, requestId]);
    this.changed();
    try {
      const collected = await this.collect({ from: request.from, to: request.to });
      const form = new FormData();
      form.append('logs', collected.file, collected.file.name);
      await this.call('POST', `/api/log-requests/${encodeURIComponent(requestId)}/logs`, {
        headers: { 'Triage-Receipt': item.target.receipt, 'Idempotency-Key': this.keyFor(`logs:${requestId}`) },
        body: form,
        what: 'take the logs',
      });
      this.keys.delete(`logs:${requestId}`);
      const answer: AnsweredLogs = { at: new Date().toISOString(), entries: collected.entries, automatic };
      this.write('answered', { ...this.answered(), [requestId]: answer });
      void this.ask([key]);
      return answer;
    } finally {
      const rest = new Set(this.uploading);
      rest.delete(requestId);
      this.uploading = rest;
      this.changed();
    }
  }

  // --- following --------------------------------------------------------------------------

  private start(): void {
    this.running = true;
    document.addEventListener('visibilitychange', this.onVisibility);
    const outbox = this.options.outbox;
    if (outbox) {
      this.stopOutbox = outbox.subscribe((entry) => {
        if (this.addSent(entry)) void this.ask([followKey('ticket', sentId(entry)!)]);
      });
      void outbox
        .list()
        .then((entries) => {
          for (const entry of entries) this.addSent(entry);
        })
        .catch(() => undefined)
        .finally(() => this.tick());
    } else {
      this.tick();
    }
  }

  private stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.stopOutbox?.();
    this.stopOutbox = undefined;
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  private onVisibility = () => {
    clearTimeout(this.timer);
    this.timer = undefined;
    // Hidden: nothing is asked; shown again: ask now, then the usual rhythm.
    if (!document.hidden) this.tick();
  };

  private tick(): void {
    if (!this.running || document.hidden) return;
    void this.ask().finally(() => {
      clearTimeout(this.timer);
      if (this.running && !document.hidden) this.timer = setTimeout(() => this.tick(), this.intervalMs);
    });
  }

  /** One round: each followed thing asked once, one after the other (rounds never overlap). */
  private ask(keys?: string[]): Promise<void> {
    const previous = this.round ?? Promise.resolve();
    const round = previous.then(async () => {
      for (const key of keys ?? [...this.targets.keys()]) {
        const target = this.targets.get(key);
        const item = this.items.get(key);
        // A closed report with nothing open any more is finished: support will not change it.
        if (!target || (keys === undefined && item?.view?.status === 'closed' && !item.view.logRequests.some((r) => r.state === 'open'))) continue;
        await this.askOne(key, target);
      }
    });
    this.round = round.catch(() => undefined);
    return this.round;
  }

  private async askOne(key: string, target: FollowTarget): Promise<void> {
    const path = `/api/${target.kind === 'ticket' ? 'tickets' : 'incidents'}/${encodeURIComponent(target.id)}`;
    const headers: Record<string, string> = { Authorization: `Bearer ${await this.apiKey()}`, 'Triage-Receipt': target.receipt, Accept: 'application/json' };
    const etag = this.etags.get(key);
    const item = this.items.get(key) ?? { key, target, changes: [], newUpdates: [] };
    if (etag && item.view) headers['If-None-Match'] = etag;
    let response: Response;
    try {
      response = await this.doFetch(intakeEndpoint(this.options.url, path), {
        headers,
        cache: 'no-store',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch {
      return this.set(key, { ...item, error: 'offline' });
    }
    if (response.status === 304) {
      if (item.error) this.set(key, { ...item, error: undefined });
      return;
    }
    const text = await response.text();
    if (!response.ok) return this.set(key, { ...item, error: readIntakeError(text).message ?? String(response.status) });
    let view: SupportView;
    try {
      view = readSupportView(target.kind, JSON.parse(text));
    } catch (error) {
      return this.set(key, { ...item, error: error instanceof Error ? error.message : String(error) });
    }
    const tag = response.headers.get('ETag');
    if (tag) this.etags.set(key, tag);
    else this.etags.delete(key);
    const seen = this.seen();
    if (!seen[key]) {
      seen[key] = target.baseline ?? seenMark(view);
      this.write('seen', seen);
    }
    this.set(key, { key, target, view, ...changesSince(seen[key], view) });
    if (this.autoUploadLogs) this.answerAutomatically(key, view.logRequests);
  }

  private answerAutomatically(key: string, requests: LogRequest[]): void {
    const answered = this.answered();
    for (const request of requests) {
      if (request.state !== 'open' || answered[request.id] || this.uploading.has(request.id)) continue;
      this.answerLogs(key, request.id, true).catch(() => undefined);
    }
  }

  // --- targets and storage ----------------------------------------------------------------

  private add(target: FollowTarget): boolean {
    const key = followKey(target.kind, target.id);
    if (this.targets.has(key)) return false;
    this.targets.set(key, target);
    return true;
  }

  private addSent(entry: OutboxEntry): boolean {
    const id = sentId(entry);
    if (!id || entry.delivery.state !== 'sent' || !entry.delivery.result.receipt) return false;
    return this.add({ kind: 'ticket', id, receipt: entry.delivery.result.receipt, baseline: sentBaseline(entry.ticket.severity.chosen) });
  }

  private set(key: string, item: Followed): void {
    this.items = new Map(this.items).set(key, item);
    this.changed();
  }

  private changed(): void {
    this.snapshot = undefined;
    const state = this.state();
    for (const listener of this.listeners) listener(state);
  }

  private keyFor(purpose: string): string {
    let key = this.keys.get(purpose);
    if (!key) this.keys.set(purpose, (key = crypto.randomUUID()));
    return key;
  }

  private async apiKey(): Promise<string> {
    return this.options.getApiKey ? await this.options.getApiKey() : (this.options.apiKey as string);
  }

  private async collect(window: { from: string; to: string }): Promise<CollectedWindow> {
    if (this.options.collect) return this.options.collect(window);
    const { collectLogs } = await import('./logs/collect.js');
    const { file, summary } = await collectLogs({ from: window.from, to: window.to });
    return logsAsJson(file, summary);
  }

  private async call(method: string, path: string, init: { headers: Record<string, string>; body: BodyInit; what: string }): Promise<Record<string, unknown>> {
    let response: Response;
    try {
      response = await this.doFetch(intakeEndpoint(this.options.url, path), {
        method,
        headers: { Authorization: `Bearer ${await this.apiKey()}`, Accept: 'application/json', ...init.headers },
        body: init.body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
    } catch {
      throw new DeliveryError(`Could not reach the intake service to ${init.what}.`, { permanent: false, code: 'network' });
    }
    const text = await response.text();
    if (!response.ok) {
      const error = readIntakeError(text);
      throw new DeliveryError(`The intake service did not ${init.what} (${response.status})${error.message ? `: ${error.message}` : '.'}`, {
        permanent: response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429,
        status: response.status,
        code: error.code,
      });
    }
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return {};
    }
  }

  private read<T>(name: string, fallback: T): T {
    try {
      const raw = localStorage.getItem(`${this.prefix}:${name}`);
      return raw ? (JSON.parse(raw) as T) : fallback;
    } catch {
      return fallback;
    }
  }

  private write(name: string, value: unknown): void {
    try {
      localStorage.setItem(`${this.prefix}:${name}`, JSON.stringify(value));
    } catch {
      // Storage full or blocked: following still works for this page, only the marks are not kept.
    }
  }

  private seen = () => this.read<Record<string, SeenMark>>('seen', {});
  private joins = () => this.read<StoredJoin[]>('joins', []);
  private answered = () => this.read<Record<string, AnsweredLogs>>('answered', {});
}

/**
 * The intake takes a log request's answer as one JSON document (it checks it as it checks any
 * log attachment), so the collector's redacted NDJSON is unpacked into `{ from, to, summary, entries }`.
 */
export async function logsAsJson(file: File, summary: LogsSummary): Promise<CollectedWindow> {
  const ndjson = await new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).text();
  const entries = ndjson.split('\n').filter(Boolean).map((line) => JSON.parse(line) as unknown);
  // Only the count of redacted values: the per-kind table has keys like "authorization", which the
  // intake's redaction (rightly) reads as credential fields and would overwrite.
  const { from, to, errors, redacted, sources, failedSources, dropped } = summary;
  const body = JSON.stringify({ from, to, summary: { entries: entries.length, errors, redacted, sources, failedSources, dropped }, entries });
  const name = file.name.replace(/\.ndjson\.gz$/, '.json');
  return { file: new File([body], name, { type: 'application/json' }), entries: entries.length };
}

function sentId(entry: OutboxEntry): string | undefined {
  return entry.delivery.state === 'sent' ? entry.delivery.result.id : undefined;
}
