import { TriageLauncher } from './launcher.js';

export { TriageLauncher };
customElements.get('triage-launcher') ?? customElements.define('triage-launcher', TriageLauncher);

declare global {
  interface HTMLElementTagNameMap {
    'triage-launcher': TriageLauncher;
  }
}
