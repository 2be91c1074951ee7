import { TriageReporter } from './reporter.js';

export { TriageReporter };
export * from './events.js';
customElements.get('triage-reporter') ?? customElements.define('triage-reporter', TriageReporter);

declare global {
  interface HTMLElementTagNameMap {
    'triage-reporter': TriageReporter;
  }
}
