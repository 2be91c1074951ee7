import { TriageScreenshotEditor } from './editor.js';

export { TriageScreenshotEditor };
customElements.get('triage-screenshot-editor') ?? customElements.define('triage-screenshot-editor', TriageScreenshotEditor);

declare global {
  interface HTMLElementTagNameMap {
    'triage-screenshot-editor': TriageScreenshotEditor;
  }
}
