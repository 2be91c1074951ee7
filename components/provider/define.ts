import { TriageProvider } from './provider.js';
import { ensureContextRoot } from './context-root.js';

export { TriageProvider };
export { ensureContextRoot };
ensureContextRoot();
customElements.get('triage-provider') ?? customElements.define('triage-provider', TriageProvider);

declare global {
  interface HTMLElementTagNameMap {
    'triage-provider': TriageProvider;
  }
}
