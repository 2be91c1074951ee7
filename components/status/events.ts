/** The agent linked their report to a known status-page incident (`incidentId`), or unlinked it (undefined). */
export class TriageStatusLinkEvent extends Event {
  constructor(readonly detail: { incidentId: string | undefined; name?: string }) {
    super('triage-status-link', { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'triage-status-link': TriageStatusLinkEvent;
  }
}
