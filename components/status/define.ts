import { TriageStatus } from './status.js';
import { ensureContextRoot } from '../provider/context-root.js';

export { TriageStatus };
export { TriageStatusLinkEvent } from './events.js';
// Before defining: if no provider is defined yet, this element's context request must be kept.
ensureContextRoot();
customElements.get('triage-status') ?? customElements.define('triage-status', TriageStatus);

declare global {
  interface HTMLElementTagNameMap {
    'triage-status': TriageStatus;
  }
}
