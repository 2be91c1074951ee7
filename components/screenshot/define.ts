import { TriageScreenshot } from './screenshot.js';
import { ensureContextRoot } from '../provider/context-root.js';

export { TriageScreenshot };
// Before defining: if no provider is defined yet, this element's context request must be kept.
ensureContextRoot();
customElements.get('triage-screenshot') ?? customElements.define('triage-screenshot', TriageScreenshot);

declare global {
  interface HTMLElementTagNameMap {
    'triage-screenshot': TriageScreenshot;
  }
}
