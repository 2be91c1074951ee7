/** The reporter's events: prefixed, bubbling and composed, so a host can listen on `document`. */
import type { Ticket } from '../../src/ticket.js';
import type { AttachmentBytes, SendResult } from '../../src/delivery.js';

const init = { bubbles: true, composed: true };

export class TriageOpenEvent extends Event {
  constructor() {
    super('triage-open', init);
  }
}

export class TriageCloseEvent extends Event {
  constructor() {
    super('triage-close', init);
  }
}

/** Asks permission to deliver; `preventDefault()` hands delivery to the host (the draft is kept). */
export class TriageSubmitEvent extends Event {
  constructor(readonly detail: { ticket: Ticket; attachments: AttachmentBytes[] }) {
    super('triage-submit', { ...init, cancelable: true });
  }
}

/** Stored on this device, waiting for the connection or its next attempt. */
export class TriageQueuedEvent extends Event {
  constructor(readonly detail: { ticket: Ticket }) {
    super('triage-queued', init);
  }
}

/** The backend confirmed the ticket. */
export class TriageSentEvent extends Event {
  constructor(readonly detail: { ticket: Ticket; result: SendResult }) {
    super('triage-sent', init);
  }
}

export class TriageFailedEvent extends Event {
  constructor(readonly detail: { ticket: Ticket; reason: string }) {
    super('triage-failed', init);
  }
}

declare global {
  interface HTMLElementEventMap {
    'triage-open': TriageOpenEvent;
    'triage-close': TriageCloseEvent;
    'triage-submit': TriageSubmitEvent;
    'triage-queued': TriageQueuedEvent;
    'triage-sent': TriageSentEvent;
    'triage-failed': TriageFailedEvent;
  }
}
