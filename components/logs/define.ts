import { TriageLogs } from './logs.js';
import { ensureContextRoot } from '../provider/context-root.js';

export { TriageLogs };
// For a media bar, an extension or a CTI client without a bundler: contribute logs to "Attach logs".
export { registerLogSource } from '../../src/logs/sources.js';
export type { LogEntry, LogLine, LogSource, LogWindow } from '../../src/logs/sources.js';
// Before defining: if no provider is defined yet, this element's context request must be kept.
ensureContextRoot();
customElements.get('triage-logs') ?? customElements.define('triage-logs', TriageLogs);

declare global {
  interface HTMLElementTagNameMap {
    'triage-logs': TriageLogs;
  }
}
