/**
 * Webhooks to the support desk's own ticketing system: `ticket.created` and `ticket.updated`
 * events, queued in the database in the same transaction as the change they report (so an event
 * exists exactly when its change committed), then sent by a dispatcher apart from the requests:
 * a slow or failing receiver never slows ticket intake.
 *
 * Every request carries
 *   Triage-Webhook-Id         the event id, the same on every retry: deduplicate on it
 *   Triage-Webhook-Timestamp  Unix seconds when this attempt was signed
 *   Triage-Webhook-Signature  v1=<hex HMAC-SHA256 of `${timestamp}.${raw body}` with the endpoint's secret>
 * A 2xx answer delivers it; anything else (or no answer in 10 s) is retried with backoff for
 * about two days, then marked failed (retry it from /admin/webhooks).
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { DeliveryRow, EventRow, NewDelivery, TicketRow, TicketStore } from './storage/types.js';
// A webhook carries the ticket as the list shows it: the receiver fetches the rest with a support key.
import { listItem } from './views.js';
import { logEntry, type Log, type LogFormat } from './log.js';

export interface WebhookEndpoint {
  url: string;
  /** Shared with the receiver; used to sign, never stored or logged. */
  secret: string;
}

export interface WebhookOptions {
  endpoints: WebhookEndpoint[];
  /** How often the queue is checked for due deliveries; default 1000 ms. */
  pollMs?: number;
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
}

/** Delay before attempt n+1 after n failed attempts: about 47 hours in all, then it fails. */
export const BACKOFF_SECONDS = [10, 30, 60, 300, 900, 1800, 3600, 7200, 14_400, 21_600, 21_600, 21_600, 21_600, 21_600, 21_600, 21_600];

export const SIGNATURE_HEADER = 'Triage-Webhook-Signature';
export const TIMESTAMP_HEADER = 'Triage-Webhook-Timestamp';
export const ID_HEADER = 'Triage-Webhook-Id';

/** `v1=<hex>`: what a receiver recomputes over the timestamp header and the raw body it received. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

function deliveries(endpoints: WebhookEndpoint[], type: string, at: string, data: unknown): NewDelivery[] {
  const eventId = randomUUID();
  const body = JSON.stringify({ id: eventId, type, createdAt: at, data });
  return endpoints.map((endpoint) => ({ eventId, endpoint: endpoint.url, type, body }));
}

export function ticketCreated(endpoints: WebhookEndpoint[]) {
  return (row: TicketRow): NewDelivery[] =>
    endpoints.length ? deliveries(endpoints, 'ticket.created', row.received_at, { ticket: listItem(row) }) : [];
}

export function ticketUpdated(endpoints: WebhookEndpoint[]) {
  return (row: TicketRow, events: EventRow[]): NewDelivery[] => {
    if (!endpoints.length || !events.length) return [];
    const changes = events.map((event) => ({
      field: event.type,
      from: event.type === 'severity' ? Number(event.from_value) : event.from_value,
      to: event.type === 'severity' ? Number(event.to_value) : event.to_value,
    }));
    return deliveries(endpoints, 'ticket.updated', events[0]!.at, { ticket: listItem(row), changes, by: events[0]!.by, reason: events[0]!.reason });
  };
}

/** What the routes hand the store so a change queues its events, and how they wake the dispatcher. */
export interface Notifier {
  created: (row: TicketRow) => NewDelivery[];
  updated: (row: TicketRow, events: EventRow[]) => NewDelivery[];
  /** After a commit: send now rather than at the next poll. */
  committed(): void;
}

export function notifier(endpoints: WebhookEndpoint[], dispatcher?: WebhookDispatcher): Notifier {
  return { created: ticketCreated(endpoints), updated: ticketUpdated(endpoints), committed: () => dispatcher?.poke() };
}

/** Sends due deliveries, a few at a time, on a timer; any number of instances may run one. */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly secrets: Map<string, string>;

  constructor(
    private readonly store: TicketStore,
    private readonly options: WebhookOptions,
    private readonly now: () => Date,
    private readonly log: Log,
    private readonly logFormat: LogFormat = 'text',
  ) {
    this.secrets = new Map(options.endpoints.map((endpoint) => [endpoint.url, endpoint.secret]));
  }

  start(): void {
    this.schedule(0);
  }

  /** Checks the queue now (after a "retry now", say) instead of at the next tick. */
  poke(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          logEntry(this.log, this.logFormat, 'error', { event: 'webhooks', error: message }, `webhooks: ${message}`);
        })
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(this.options.pollMs ?? 1000);
        });
    }, ms);
    this.timer.unref();
  }

  /** Sends everything due now, batch after batch. */
  private async drain(): Promise<void> {
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    for (;;) {
      if (this.stopped) return;
      const at = this.now();
      const due = await this.store.claimDeliveries(at.toISOString(), new Date(at.getTime() + timeoutMs * 3).toISOString(), 10);
      if (due.length === 0) return;
      await Promise.all(due.map((delivery) => this.send(delivery, timeoutMs)));
    }
  }

  private async send(delivery: DeliveryRow, timeoutMs: number): Promise<void> {
    const secret = this.secrets.get(delivery.endpoint);
    const at = this.now();
    let status: number | undefined;
    let error: string | undefined;
    if (secret === undefined) {
      error = 'This endpoint is no longer configured.';
    } else {
      const timestamp = String(Math.floor(at.getTime() / 1000));
      try {
        const response = await fetch(delivery.endpoint, {
          method: 'POST',
          body: delivery.body,
          headers: {
            'Content-Type': 'application/json',
            'User-Agent': 'triage-kit-intake',
            [ID_HEADER]: delivery.event_id,
            [TIMESTAMP_HEADER]: timestamp,
            [SIGNATURE_HEADER]: signature(secret, timestamp, delivery.body),
          },
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = response.status;
        await response.body?.cancel();
        if (!response.ok) error = `The receiver answered ${response.status}.`;
      } catch (failure) {
        error = failure instanceof Error && failure.name === 'TimeoutError' ? `No answer within ${timeoutMs / 1000} s.` : 'The receiver could not be reached.';
      }
    }
    const delivered = error === undefined;
    const delay = BACKOFF_SECONDS[delivery.attempts];
    const nextAttemptAt = delivered || delay === undefined || secret === undefined ? null : new Date(at.getTime() + delay * 1000).toISOString();
    await this.store.recordAttempt(delivery.id, { at: at.toISOString(), status, error, delivered, nextAttemptAt });
    if (!delivered) {
      // The endpoint's origin only: a URL may carry a token in its path or query.
      const origin = new URL(delivery.endpoint).origin;
      logEntry(this.log, this.logFormat, 'warn',
        { event: 'webhook', type: delivery.type, eventId: delivery.event_id, endpoint: origin, status: status ?? null, error, nextAttemptAt },
        `webhook ${delivery.type} ${delivery.event_id} to ${origin}: ${error} ${nextAttemptAt ? `next attempt ${nextAttemptAt}` : 'given up'}`);
    }
  }
}
