import { TriageReporter, preloadLaterParts } from './reporter.js';

export { TriageReporter, preloadLaterParts };
export * from './events.js';
customElements.get('triage-reporter') ?? customElements.define('triage-reporter', TriageReporter);

declare global {
  interface HTMLElementTagNameMap {
    'triage-reporter': TriageReporter;
  }
}
