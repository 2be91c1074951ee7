import { TriageReports } from './reports.js';
import { ensureContextRoot } from '../provider/context-root.js';

export { TriageReports };
export { TriageEditEvent } from './events.js';
// Before defining: if no provider is defined yet, this element's context request must be kept.
ensureContextRoot();
customElements.get('triage-reports') ?? customElements.define('triage-reports', TriageReports);

declare global {
  interface HTMLElementTagNameMap {
    'triage-reports': TriageReports;
  }
}
