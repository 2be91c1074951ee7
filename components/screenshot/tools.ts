/**
 * What `<triage-screenshot>` loads on first use, as one module so it is one lazy chunk: the
 * capture code and the editor are always needed together (every picture opens in the editor).
 * The capture window's page imports it too, so a host caches it once. Only what those two call
 * is exported: a lazy chunk keeps every export it is given.
 */
import { TriageScreenshotEditor } from './editor.js';

export { grabFrame, maskFrame, imageFileToCanvas, captureInWindow, handBack, DEFAULT_CAPTURE_WINDOW_URL } from '../../src/capture/index.js';

/** Defines the editor's tag (it has no define module: it is only ever loaded from here). */
export function defineEditor(): void {
  customElements.get('triage-screenshot-editor') ?? customElements.define('triage-screenshot-editor', TriageScreenshotEditor);
}
