import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AttachmentBytes, OutboxEntry, OutboxService } from '../../src/delivery.js';
import type { Submission } from '../../src/delivery-status.js';
import type { Ticket } from '../../src/ticket.js';
import { TriageFailedEvent, TriageQueuedEvent, TriageSentEvent, TriageSubmitEvent } from './events.js';

/** The submission the status view shows, with the ticket it is about. */
export type Delivery = Submission & { ticket: Ticket };

/**
 * Hands a validated ticket on and follows it: asks the page first (`triage-submit`, cancelable),
 * stores it in the outbox, then watches the outbox entry and turns each new state into the
 * matching event. The outbox entry is the only source of what the agent is told.
 */
export class DeliveryController implements ReactiveController {
  /** The last submission, for the status view; undefined before one and after clear(). */
  current?: Delivery;
  /** An outbox call is in flight; a second submit waits for it. */
  busy = false;
  #unwatch?: () => void;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #outbox: () => OutboxService | undefined;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    outbox: () => OutboxService | undefined,
  ) {
    this.#host = host;
    this.#outbox = outbox;
    host.addController(this);
  }

  /**
   * Delivers a ticket, or a corrected one (`resubmit`; without bytes the outbox keeps the stored
   * ones). Resolves true once the outbox holds it; false when the page took it over or it failed.
   */
  async deliver(ticket: Ticket, bytes: AttachmentBytes[], options: { resubmit?: boolean; keepStoredFiles?: boolean; noOutbox: string }): Promise<boolean> {
    if (!this.#host.dispatchEvent(new TriageSubmitEvent({ ticket, attachments: bytes }))) {
      this.#show({ ticket, handedOver: true });
      return false;
    }
    const outbox = this.#outbox();
    if (!outbox) return this.fail(ticket, options.noOutbox);
    this.busy = true;
    this.#host.requestUpdate();
    try {
      const entry = await (options.resubmit ? outbox.resubmit(ticket, options.keepStoredFiles ? undefined : bytes) : outbox.submit(ticket, bytes));
      this.#show({ ticket, entry });
      this.#follow(outbox, entry);
      return true;
    } catch (error) {
      return this.fail(ticket, (error as Error).message);
    } finally {
      this.busy = false;
      this.#host.requestUpdate();
    }
  }

  /** A failure before the outbox had the ticket, in words. */
  fail(ticket: Ticket, reason: string): false {
    this.#show({ ticket, failure: reason });
    this.#host.dispatchEvent(new TriageFailedEvent({ ticket, reason }));
    return false;
  }

  clear(): void {
    this.#show(undefined);
  }

  hostDisconnected(): void {
    this.#unwatch?.();
  }

  #show(delivery: Delivery | undefined): void {
    this.current = delivery;
    this.#host.requestUpdate();
  }

  #follow(outbox: OutboxService, first: OutboxEntry): void {
    this.#unwatch?.();
    let last = '';
    this.#unwatch = outbox.watch(first.id, (entry) => {
      if (this.current?.ticket.id !== entry.id) return;
      this.#show({ ...this.current, entry });
      const d = entry.delivery;
      if (d.state === last) return;
      last = d.state;
      const ticket = entry.ticket;
      if (d.state === 'queued') this.#host.dispatchEvent(new TriageQueuedEvent({ ticket }));
      if (d.state === 'sent') this.#host.dispatchEvent(new TriageSentEvent({ ticket, result: d.result }));
      if (d.state === 'failed') this.#host.dispatchEvent(new TriageFailedEvent({ ticket, reason: d.reason }));
    });
  }
}
