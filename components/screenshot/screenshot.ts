/**
 * `<triage-screenshot>`: the screenshot tool in the reporter's `evidence` slot. The capture
 * ladder, top rung first: this tab or the entire screen (getDisplayMedia, one frame); where that
 * is impossible, the reason in words and the next rung: a same-origin capture window, paste from
 * the clipboard, or a file. Customer-data areas are painted out of the bitmap before the editor
 * shows it; the editor and the capture code load only when first used.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { captureBlocker, windowRungHelps, type CaptureBlocker } from '../../src/capture/availability.js';
import { fill } from '../../src/severity.js';
import type { AttachmentMeta } from '../../src/ticket.js';
import type { Strings } from '../../src/strings.js';
import { screenshotEn } from '../../src/strings/screenshot.js';
import { EvidenceTool } from '../shared/evidence-tool.js';
import { base } from '../shared/base.styles.js';
import { screenshotStyles } from './screenshot.styles.js';
import type { TriageScreenshotEditor } from './editor.js';

type Capture = NonNullable<AttachmentMeta['capture']>;
export type CaptureMethod = Capture['method'];
type Masks = NonNullable<Capture['masks']>;

/** What the editor is showing: the masked picture and how it was made. */
interface Shot {
  canvas: HTMLCanvasElement;
  method: CaptureMethod;
  masks: Masks;
  /** The words the agent reads above the picture about what was masked. */
  notes: string[];
}

/** The capture code and the editor, loaded when the agent first asks for a picture. */
const loadTools = async () => {
  const tools = await import('./tools.js');
  tools.defineEditor();
  return tools;
};

/**
 * @csspart base - the whole tool
 * @csspart capture - the capture buttons
 * @csspart note - why a rung is unavailable, what masking did
 * @csspart paste - the paste and drop area
 * @csspart actions - attach and discard
 * @cssprop --triage-accent - accent colour: primary buttons, focus ring, links
 * @cssprop --triage-bg - background
 * @cssprop --triage-fg - text colour
 * @cssprop --triage-muted - secondary text
 * @cssprop --triage-border - borders and dividers
 * @cssprop --triage-warn - warnings, waiting
 * @cssprop --triage-radius - corner radius
 * @cssprop --triage-font - font family
 */
export class TriageScreenshot extends EvidenceTool {
  static override styles = [base, screenshotStyles];

  static override strings = screenshotEn;
  // Declared without decorators: this file then carries no decorator helper of its own.
  static override properties = {
    captureWindowUrl: { attribute: 'capture-window-url' },
    blocker: { state: true },
    failure: { state: true },
    busy: { state: true },
    shot: { state: true },
    dragOver: { state: true },
  };

  /** Where the same-origin capture window lives; by default beside the embed files. */
  captureWindowUrl?: string;

  private blocker?: CaptureBlocker;
  private failure?: string;
  private busy?: 'capture' | 'window';
  private shot?: Shot;
  private dragOver = false;

  private readonly onPaste = (event: ClipboardEvent) => {
    if (event.defaultPrevented) return;
    const image = [...(event.clipboardData?.files ?? [])].find((file) => file.type.startsWith('image/'));
    if (!image) return;
    event.preventDefault();
    void this.fromFile(image, 'paste');
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.blocker = captureBlocker();
    // Print Screen then Ctrl+V lands wherever focus is in the report; only image pastes are taken.
    this.ownerDocument.addEventListener('paste', this.onPaste);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ownerDocument.removeEventListener('paste', this.onPaste);
  }

  private get maskSelectors(): readonly string[] | undefined {
    return this.cfg.evidence?.maskSelectors;
  }

  /** Captures this tab or a screen, masks it and opens the editor. */
  async capture(surface: 'tab' | 'screen'): Promise<void> {
    this.busy = 'capture';
    this.failure = undefined;
    const show = await this.evidence?.hide();
    let shot: Shot | undefined;
    try {
      const capture = await loadTools();
      const frame = await capture.grabFrame(surface);
      // Same task as the frame was drawn: the page has not moved since.
      const masked = capture.maskFrame(frame, surface, this.maskSelectors);
      shot = { canvas: frame.canvas, method: surface, masks: masked.masks, notes: this.maskNotes(masked) };
    } catch (error) {
      this.fail(error);
    } finally {
      show?.();
      this.busy = undefined;
    }
    // After the report is back: focus cannot move into a hidden dialog.
    if (shot) await this.open(shot);
  }

  /** The next rung in a frame that may not capture: a top-level window of this origin captures and hands the picture back. */
  async captureInWindow(): Promise<void> {
    this.busy = 'window';
    this.failure = undefined;
    try {
      const capture = await loadTools();
      const url = this.captureWindowUrl ?? this.cfg.evidence?.captureWindowUrl ?? capture.DEFAULT_CAPTURE_WINDOW_URL;
      const pending = capture.captureInWindow(url);
      // The window captures the desktop behind it, where the report must not be in its own picture.
      const show = await this.evidence?.hide();
      const image = await pending.finally(() => show?.());
      if (image) await this.fromFile(image, 'window');
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy = undefined;
    }
  }

  /** A pasted, dropped, picked or handed-back picture: no page geometry, so the agent is asked to check it. */
  async fromFile(file: Blob, method: CaptureMethod): Promise<void> {
    this.failure = undefined;
    let canvas: HTMLCanvasElement;
    try {
      const capture = await loadTools();
      canvas = await capture.imageFileToCanvas(file).catch(() => {
        throw new Error(fill(this.t.shotNotImage, { name: (file as File).name ?? method }));
      });
    } catch (error) {
      this.fail(error);
      return;
    }
    await this.open({ canvas, method, masks: [], notes: [this.t.shotMaskUnknown] });
  }

  private maskNotes(shot: { masked: number; geometryKnown: boolean; invalid: string[] }): string[] {
    const s = this.t;
    const notes = [!shot.geometryKnown ? s.shotMaskUnknown : shot.masked ? fill(s.shotMasked, { count: shot.masked }) : s.shotMaskedNone];
    if (shot.invalid.length) notes.push(fill(s.shotMaskInvalid, { selectors: shot.invalid.join(', ') }));
    return notes;
  }

  private async open(shot: Shot): Promise<void> {
    this.shot = shot;
    this.announcement = shot.notes[0] ?? '';
    await this.updateComplete;
    this.editor?.focus();
  }

  private fail(error: unknown): void {
    const blocker = (error as { blocker?: CaptureBlocker }).blocker;
    if (blocker) this.blocker = blocker === 'failed' ? this.blocker : blocker;
    this.failure = blocker ? this.blockerText(blocker, (error as Error).message) : error instanceof Error ? error.message : String(error);
    this.announcement = this.failure;
  }

  private blockerText(blocker: CaptureBlocker, reason = ''): string {
    const s = this.t;
    return { insecure: s.shotInsecure, policy: s.shotPolicy, unsupported: s.shotUnsupported, refused: s.shotRefused, failed: fill(s.shotFailed, { reason }) }[blocker];
  }

  private get editor(): TriageScreenshotEditor | null {
    return this.renderRoot.querySelector('triage-screenshot-editor');
  }

  /** Exports the edited picture and hands it to the report with how it was made. */
  async attach(): Promise<void> {
    const shot = this.shot;
    const editor = this.editor;
    if (!shot || !editor) return;
    if (!this.evidence) {
      this.failure = this.t.shotNoReport;
      return;
    }
    const { blob, manual } = await editor.export();
    const extension = blob.type === 'image/webp' ? 'webp' : 'png';
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    const file = new File([blob], `screenshot-${stamp}.${extension}`, { type: blob.type });
    const masks: Masks = [...shot.masks, ...(manual ? [{ source: 'manual' as const, count: manual }] : [])];
    const refusal = this.evidence.add(file, 'screenshot', { capture: { method: shot.method, masks } });
    if (refusal) {
      this.failure = fill(this.t.shotRefusedByReport, { reason: refusal });
      return;
    }
    this.shot = undefined;
    this.announcement = fill(this.t.shotAttached, { size: `${Math.ceil(file.size / 1024)} KB` });
  }

  discard(): void {
    this.shot = undefined;
  }

  protected override render(): TemplateResult {
    const s = this.t;
    return html`<section part="base" aria-labelledby="shot-title">
      <h4 id="shot-title">${s.shotTitle}</h4>
      ${this.shot ? this.renderEditor(s, this.shot) : this.renderLadder(s)}
      ${this.failure ? html`<p part="note" class="note error" role="alert">${this.failure}</p>` : nothing}
      ${this.renderAnnouncement()}
    </section>`;
  }

  protected renderLadder(s: Strings): TemplateResult {
    const blocker = this.blocker;
    const up = !blocker || blocker === 'refused';
    return html`<p class="muted">${s.shotIntro}</p>
      ${blocker && !this.failure ? html`<p part="note" class="note" data-blocker=${blocker}>${this.blockerText(blocker)}</p>` : nothing}
      <div part="capture" class="row">
        ${up
          ? html`<button type="button" class="primary" ?disabled=${!!this.busy} @click=${() => this.capture('tab')}>${s.shotTab}</button>
              <button type="button" ?disabled=${!!this.busy} @click=${() => this.capture('screen')}>${s.shotScreen}</button>`
          : nothing}
        ${windowRungHelps(blocker)
          ? html`<button type="button" data-rung="window" ?disabled=${!!this.busy} @click=${() => this.captureInWindow()}>${s.shotWindow}</button>`
          : nothing}
      </div>
      ${this.busy ? html`<p class="muted">${this.busy === 'window' ? s.shotWindowWaiting : s.shotCapturing}</p>` : nothing}
      <div class="row">
        <div
          part="paste"
          class=${this.dragOver ? 'over' : ''}
          tabindex="0"
          role="group"
          aria-label=${s.shotPasteLabel}
          @dragover=${this.onDragOver}
          @dragleave=${() => (this.dragOver = false)}
          @drop=${this.onDrop}
        >${s.shotPasteLabel}</div>
        <label class="file"><input type="file" accept="image/*" @change=${this.onPick} /><span>${s.shotFile}</span></label>
      </div>`;
  }

  protected renderEditor(s: Strings, shot: Shot): TemplateResult {
    return html`${shot.notes.map((note) => html`<p part="note" class="note">${note}</p>`)}
      <triage-screenshot-editor .image=${shot.canvas} .strings=${s}></triage-screenshot-editor>
      <div part="actions" class="row">
        <button type="button" class="primary" @click=${() => this.attach()}>${s.shotAttach}</button>
        <button type="button" @click=${() => this.discard()}>${s.shotDiscard}</button>
      </div>`;
  }

  private onDragOver(event: DragEvent): void {
    event.preventDefault();
    this.dragOver = true;
  }

  private onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragOver = false;
    const file = event.dataTransfer?.files[0];
    if (file) void this.fromFile(file, 'file');
  }

  private onPick(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void this.fromFile(file, 'file');
  }
}
