import type { OutboxEntry } from '../../src/delivery.js';
import type { Ticket } from '../../src/ticket.js';

/** The agent wants to correct a report the backend refused; a reporter can load `ticket` and resubmit it. */
export class TriageEditEvent extends Event {
  constructor(readonly detail: { ticket: Ticket; entry: OutboxEntry }) {
    super('triage-edit', { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'triage-edit': TriageEditEvent;
  }
}
