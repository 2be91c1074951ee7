/**
 * One module for hosts that wire delivery themselves (the embed build's `triage-delivery.js`):
 * the outbox and the transports it can hand tickets to.
 *
 * A host imports it at start, so it holds only stand-ins: the outbox, transports, signals and
 * follower made here are those of the modules they come from, but each loads its code when it is
 * first used. The outbox loads once the page is idle (within DRAIN_WITHIN_MS however busy the
 * page is) and then drains what an earlier page left queued, or at once on a call that needs it
 * (a Send before then, My reports listing); the queue is in IndexedDB, so waiting loses nothing.
 * A transport loads on its first send or once the page is idle, whichever comes first (a page
 * that delivers to the intake service never fetches the OSvC transport; loading it on idle too
 * means a service that goes down later, often the same server as these files, does not also
 * take the code that reports it unreachable), the signals on the reporter's first lookup, the
 * follower once the page is idle after its first subscriber (the launcher's badge, My reports)
 * or on the first call that needs it. Their options are checked when they are made, as the
 * modules themselves do.
 */
import type { AttachmentBytes, OutboxEntry, SignalsService, Transport } from './delivery.js';
import type { Outbox, OutboxOptions } from './outbox.js';
import type { Ticket } from './ticket.js';
import { backoffDelay, type BackoffSettings } from './backoff.js';
import type { Follower, FollowerOptions, FollowState } from './follow.js';
import type { IntakeSignalsOptions } from './signals.js';
import type { IntakeTransportOptions } from './transports/intake.js';
import type { OsvcTransportOptions } from './transports/osvc.js';
import { checkFollowInterval, osvcApplicationContext, requireApiKey } from './delivery-options.js';

export { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
export type { BackoffSettings } from './backoff.js';
export type { Outbox, OutboxOptions } from './outbox.js';
export type { IntakeTransportOptions } from './transports/intake.js';
export type { OsvcTransportOptions, OsvcMapping } from './transports/osvc.js';
export type { IntakeSignalsOptions } from './signals.js';
export { DeliveryError } from './delivery.js';
export type { Transport, SendResult, AttachmentBytes, OutboxEntry, OutboxService, DeliveryState } from './delivery.js';
export type { Follower, FollowerOptions, FollowService, FollowState, Followed } from './follow.js';

/**
 * Loads something once, when it is first asked for. A failed load is forgotten, so the next use
 * loads again (importAgain, for the code): for a transport, the outbox keeps the report queued (an
 * error that is not a DeliveryError is one to retry) and its next attempt does.
 */
function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}

/**
 * import() that can load a module again after its fetch failed. Chromium keeps a failed module
 * for the page's life (whatwg/html#10327 changed the rule; not every browser follows it yet), so
 * asking for the same URL fails at once. Its error names the URL: a retry asks for it with a query
 * no cache has seen. Its own imports keep their URLs, so nothing is instantiated twice.
 */
function importAgain<T>(load: () => Promise<T>): () => Promise<T> {
  let failed: string | undefined;
  let tries = 0;
  return async () => {
    if (failed) return import(/* webpackIgnore: true */ /* @vite-ignore */ `${failed}${failed.includes('?') ? '&' : '?'}retry=${++tries}`) as Promise<T>;
    try {
      return await load();
    } catch (error) {
      failed = /\bhttps?:\/\/\S+$/.exec(String((error as Error | undefined)?.message))?.[0];
      throw error;
    }
  };
}

/**
 * Runs once the page is idle, or after `timeout` ms however busy it is; browsers without
 * requestIdleCallback (Safari) soon after, as the launcher warms.
 */
function whenIdle(run: () => void, timeout?: number): void {
  if ('requestIdleCallback' in globalThis) requestIdleCallback(run, timeout ? { timeout } : undefined);
  else setTimeout(run, 500);
}

/**
 * How long a busy page may keep the outbox's code waiting for an idle moment: a report an
 * earlier page left queued goes out within a couple of seconds of the page starting.
 */
const DRAIN_WITHIN_MS = 2_000;

/**
 * Runs a load that failed again later, each time later (the outbox's backoff), one wait at a
 * time: the outbox and the follower both keep trying after their code failed to load.
 */
class RetryLater {
  private timer?: ReturnType<typeof setTimeout>;
  private failures = 0;

  constructor(private readonly backoff?: BackoffSettings) {}

  /** Runs `run` after the next backoff delay, unless a run is already waiting. */
  after(run: () => void): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      run();
    }, backoffDelay(++this.failures, this.backoff));
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/**
 * The durable outbox (src/outbox.ts), whose code loads once the page is idle and then drains
 * what is queued, or at once on the first call that needs it. Its options are those of the
 * outbox itself.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  return new OutboxOnDemand(options);
}

interface OutboxListener {
  /** The entry a `watch` follows; none for a `subscribe`. */
  id?: string;
  callback: (entry: OutboxEntry) => void;
  stop?: () => void;
}

/**
 * Stands in for the outbox until its code loads. Every call that reads or writes the queue waits
 * for it; a subscriber is handed to it when it has loaded (before then nothing changes, as
 * nothing drains). A load that fails (the server of these files is down too) is tried again on
 * the outbox's own backoff, so a queued report still goes out without anyone clicking.
 */
class OutboxOnDemand implements Outbox {
  private outbox?: Outbox;
  private closed = false;
  private readonly retry: RetryLater;
  private readonly listeners = new Set<OutboxListener>();
  private readonly module = importAgain(() => import('./outbox.js'));
  private readonly load = onFirstUse(async () => {
    const { createOutbox } = await this.module();
    if (this.closed) throw new Error('This outbox was closed.');
    const outbox = createOutbox(this.options);
    this.outbox = outbox;
    for (const listener of this.listeners) listener.stop = this.listen(outbox, listener);
    return outbox;
  });

  constructor(private readonly options: OutboxOptions) {
    this.retry = new RetryLater(options.backoff);
    whenIdle(() => void this.use().catch(() => {}), DRAIN_WITHIN_MS);
  }

  /** The outbox, loaded if it is not yet; a failed load is tried again later by itself. */
  private use(): Promise<Outbox> {
    return this.load().catch((error: unknown) => {
      if (!this.closed) this.retry.after(() => void this.use().catch(() => {}));
      throw error;
    });
  }

  private listen(outbox: Outbox, { id, callback }: OutboxListener): () => void {
    return id === undefined ? outbox.subscribe(callback) : outbox.watch(id, callback);
  }

  private follow(listener: OutboxListener): () => void {
    this.listeners.add(listener);
    if (this.outbox) listener.stop = this.listen(this.outbox, listener);
    return () => {
      this.listeners.delete(listener);
      listener.stop?.();
    };
  }

  async submit(ticket: Ticket, attachments: AttachmentBytes[]): Promise<OutboxEntry> {
    return (await this.use()).submit(ticket, attachments);
  }

  async resubmit(ticket: Ticket, attachments?: AttachmentBytes[]): Promise<OutboxEntry> {
    return (await this.use()).resubmit(ticket, attachments);
  }

  /** Watching an entry tells its state at once, so it loads the outbox now. */
  watch(id: string, callback: (entry: OutboxEntry) => void): () => void {
    const stop = this.follow({ id, callback });
    void this.use().catch(() => {});
    return stop;
  }

  subscribe(listener: (entry: OutboxEntry) => void): () => void {
    return this.follow({ callback: listener });
  }

  async list(): Promise<OutboxEntry[]> {
    return (await this.use()).list();
  }

  async flush(): Promise<void> {
    return (await this.use()).flush();
  }

  async exportEntry(id: string): Promise<Blob> {
    return (await this.use()).exportEntry(id);
  }

  async exportUnstored(ticket: Ticket, attachments: AttachmentBytes[]): Promise<Blob> {
    return (await this.use()).exportUnstored(ticket, attachments);
  }

  async pruneSent(): Promise<number> {
    return (await this.use()).pruneSent();
  }

  close(): void {
    this.closed = true;
    this.retry.cancel();
    this.listeners.clear();
    this.outbox?.close();
  }
}

/**
 * A transport whose code loads on its first send or once the page is idle; that one transport
 * then makes every send, so what it keeps between sends (OSvC's access token and pacing) is kept.
 */
function transportOnDemand(name: string, load: () => Promise<Transport>): Transport {
  const transport = onFirstUse(load);
  whenIdle(() => void transport().catch(() => {}));
  return { name, send: async (ticket, attachments, options) => (await transport()).send(ticket, attachments, options) };
}

/** Delivers to the reference intake service (src/transports/intake.ts), loaded on idle or the first send. */
export function createIntakeTransport(options: IntakeTransportOptions): Transport {
  requireApiKey(options, 'createIntakeTransport');
  const module = importAgain(() => import('./transports/intake.js'));
  return transportOnDemand('intake', async () => (await module()).createIntakeTransport(options));
}

/** Opens an incident in Oracle Service Cloud (src/transports/osvc.ts), loaded on idle or the first send. */
export function createOsvcTransport(options: OsvcTransportOptions): Transport {
  osvcApplicationContext(options.applicationContext);
  const module = importAgain(() => import('./transports/osvc.js'));
  return transportOnDemand('osvc', async () => (await module()).createOsvcTransport(options));
}

/** Related reports from the intake service (src/signals.ts), loaded on the first lookup. */
export function createIntakeSignals(options: IntakeSignalsOptions): SignalsService {
  requireApiKey(options, 'createIntakeSignals');
  const module = importAgain(() => import('./signals.js'));
  const signals = onFirstUse(async () => (await module()).createIntakeSignals(options));
  return { recent: async (query) => (await signals()).recent(query) };
}

/** Follows what support did about this device's reports (src/follow.ts), loaded when first needed. */
export function createFollower(options: FollowerOptions): Follower {
  requireApiKey(options, 'createFollower');
  checkFollowInterval(options.intervalMs);
  return new FollowerOnDemand(options);
}

/** What a follower whose code has not loaded yet tells: nothing followed, nothing new. */
const NOTHING_YET: FollowState = { items: new Map(), unseen: 0, joins: [], answered: {}, uploading: new Set() };

interface Subscription {
  listener: (state: FollowState) => void;
  stop?: () => void;
}

/**
 * Stands in for the follower until its code loads. A subscriber is told "nothing yet" at once and
 * handed to the follower when it has loaded; a call that needs the follower (refresh, join,
 * answering a log request) waits for it.
 */
class FollowerOnDemand implements Follower {
  readonly autoUploadLogs: boolean;
  private follower?: Follower;
  private readonly subscriptions = new Set<Subscription>();
  /** Set while a load for the subscribers waits for the page to be idle. */
  private waitingForIdle = false;
  private readonly retry = new RetryLater();
  private readonly module = importAgain(() => import('./follow.js'));
  /** Loads the follower once and hands it the subscribers waiting. */
  private readonly load = onFirstUse(async () => {
    const follower = (await this.module()).createFollower(this.options);
    this.follower = follower;
    for (const subscription of this.subscriptions) subscription.stop = follower.subscribe(subscription.listener);
    return follower;
  });

  constructor(private readonly options: FollowerOptions) {
    this.autoUploadLogs = options.autoUploadLogs === true;
  }

  subscribe(listener: (state: FollowState) => void): () => void {
    const subscription: Subscription = { listener };
    this.subscriptions.add(subscription);
    if (this.follower) {
      subscription.stop = this.follower.subscribe(listener);
    } else {
      listener(NOTHING_YET);
      this.loadForSubscribers();
    }
    return () => {
      this.subscriptions.delete(subscription);
      subscription.stop?.();
    };
  }

  /**
   * Loads on idle while someone subscribes; a failed load (the server of these files gone for a
   * moment) is tried again, later each time, so a badge does not stay "nothing yet" all shift.
   */
  private loadForSubscribers(): void {
    if (this.waitingForIdle) return;
    this.waitingForIdle = true;
    whenIdle(() => {
      this.waitingForIdle = false;
      this.loadWhileSubscribed();
    });
  }

  private loadWhileSubscribed = (): void => {
    if (this.follower || !this.subscriptions.size) return;
    this.load().catch(() => this.retry.after(this.loadWhileSubscribed));
  };

  state(): FollowState {
    return this.follower?.state() ?? NOTHING_YET;
  }

  async refresh(): Promise<void> {
    await (await this.load()).refresh();
  }

  /** Before the follower has loaded nothing has been shown as new, so there is nothing to mark. */
  markSeen(key: string): void {
    this.follower?.markSeen(key);
  }

  async join(...args: Parameters<Follower['join']>): ReturnType<Follower['join']> {
    return (await this.load()).join(...args);
  }

  async answerLogs(...args: Parameters<Follower['answerLogs']>): ReturnType<Follower['answerLogs']> {
    return (await this.load()).answerLogs(...args);
  }

  close(): void {
    this.retry.cancel();
    this.subscriptions.clear();
    this.follower?.close();
  }
}
