import { TriageReports } from './reports.js';

export { TriageReports };
export { TriageEditEvent } from './events.js';
customElements.get('triage-reports') ?? customElements.define('triage-reports', TriageReports);

declare global {
  interface HTMLElementTagNameMap {
    'triage-reports': TriageReports;
  }
}
