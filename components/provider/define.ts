import { TriageProvider } from './provider.js';

export { TriageProvider };
customElements.get('triage-provider') ?? customElements.define('triage-provider', TriageProvider);

declare global {
  interface HTMLElementTagNameMap {
    'triage-provider': TriageProvider;
  }
}
