/**
 * `<triage-screenshot-editor>` (loaded on first use by `<triage-screenshot>`): black-out boxes,
 * highlights and a crop over the already masked picture, each movable and resizable by pointer
 * and by keyboard, with undo. The overlay is SVG (geometry as attributes, so a strict CSP that
 * forbids inline styles is no obstacle); the export paints every black-out box opaque into a new
 * bitmap, so the pixels under it are gone from the file, not hidden under a layer.
 */
import { LitElement, html, svg, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { paintAreas, type Area } from '../../src/capture/mask.js';
import { encodeScreenshot } from '../../src/capture/encode.js';
import { base } from '../shared/base.styles.js';
import { editorStyles } from './editor.styles.js';
import { fill } from '../../src/severity.js';
import { screenshotEditorEn, type ScreenshotEditorStrings } from '../../src/strings/screenshot-editor.js';

export type BoxKind = 'redact' | 'highlight' | 'crop';
export interface Box extends Area {
  id: number;
  kind: BoxKind;
}

/** Highlight colour in the exported picture (the preview uses --triage-highlight). */
const HIGHLIGHT = '#ffbf00';
const HISTORY_LIMIT = 100;

interface Drag {
  mode: 'move' | 'resize' | 'draw';
  id: number;
  fromX: number;
  fromY: number;
  start: Box;
}

/**
 * @csspart toolbar - the add, crop and undo buttons
 * @csspart stage - the picture with its boxes
 * @cssprop --triage-highlight - highlight colour in the preview (default #ffbf00)
 */
export class TriageScreenshotEditor extends LitElement {
  static override styles = [base, editorStyles];
  // Declared without decorators: this chunk then carries no decorator helper of its own.
  static override properties = {
    image: { attribute: false },
    strings: { attribute: false },
    boxes: { state: true },
    history: { state: true },
    announcement: { state: true },
  };

  /** The picture, customer-data areas already painted out; never changed by the editor. */
  image!: HTMLCanvasElement;
  /** The screenshot tool's words (the agent's catalog with the host's overrides); the editor's own English fills what they lack. */
  strings?: Partial<ScreenshotEditorStrings>;

  boxes: readonly Box[] = [];
  private history: (readonly Box[])[] = [];
  private announcement = '';
  private nextId = 1;
  private drag?: Drag;
  private focusAfterUpdate?: number | 'toolbar';

  private get width(): number {
    return this.image.width;
  }
  private get height(): number {
    return this.image.height;
  }
  /** One keyboard step: about 1 % of the picture, so a box crosses it in a hundred presses. */
  private get step(): number {
    return Math.max(4, Math.round(this.width / 100));
  }

  override focus(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('[part~=toolbar] button')?.focus();
  }

  /** The words shown: the editor's English under what the tool passed, key by key. */
  private words: ScreenshotEditorStrings = screenshotEditorEn;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('strings')) this.words = { ...screenshotEditorEn, ...this.strings };
    if ((changed.has('image') || changed.has('strings')) && this.image) {
      this.image.setAttribute('role', 'img');
      this.image.setAttribute('aria-label', fill(this.words.shotImageAlt, { w: this.width, h: this.height }));
    }
  }

  protected override updated(): void {
    const target = this.focusAfterUpdate;
    this.focusAfterUpdate = undefined;
    if (target === 'toolbar') this.focus();
    else if (target !== undefined) this.renderRoot.querySelector<SVGElement>(`.box[data-id="${target}"]`)?.focus();
  }

  /** Replaces the boxes, remembering the previous ones for undo. */
  private commit(next: readonly Box[]): void {
    this.history = [...this.history.slice(1 - HISTORY_LIMIT), this.boxes];
    this.boxes = next;
  }

  undo(): void {
    const previous = this.history.at(-1);
    if (!previous) return;
    this.history = this.history.slice(0, -1);
    this.boxes = previous;
  }

  /** Adds a box in the middle of the picture (the keyboard's way to draw one) and selects it. */
  add(kind: BoxKind): Box {
    const existing = kind === 'crop' ? this.boxes.find((b) => b.kind === 'crop') : undefined;
    if (existing) {
      this.focusAfterUpdate = existing.id;
      this.requestUpdate();
      return existing;
    }
    const w = Math.round(this.width * (kind === 'crop' ? 0.8 : 0.25));
    const h = Math.round(this.height * (kind === 'crop' ? 0.8 : 0.15));
    const box: Box = { id: this.nextId++, kind, x: Math.round((this.width - w) / 2), y: Math.round((this.height - h) / 2), w, h };
    this.commit([...this.boxes, box]);
    this.focusAfterUpdate = box.id;
    return box;
  }

  removeBox(id: number): void {
    const box = this.boxes.find((b) => b.id === id);
    if (!box) return;
    this.announcement = fill(this.words.shotBoxRemoved, { box: this.label(box) });
    this.commit(this.boxes.filter((b) => b.id !== id));
    this.focusAfterUpdate = 'toolbar';
  }

  /** Keeps a box inside the picture and at least a few pixels big. */
  private clamp(box: Box): Box {
    const w = Math.min(this.width, Math.max(4, Math.round(box.w)));
    const h = Math.min(this.height, Math.max(4, Math.round(box.h)));
    const x = Math.min(this.width - w, Math.max(0, Math.round(box.x)));
    const y = Math.min(this.height - h, Math.max(0, Math.round(box.y)));
    return { ...box, x, y, w, h };
  }

  private replace(box: Box): readonly Box[] {
    return this.boxes.map((b) => (b.id === box.id ? this.clamp(box) : b));
  }

  private onBoxKey(event: KeyboardEvent, box: Box): void {
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const arrow = arrows[event.key];
    if (arrow) {
      event.preventDefault();
      const [dx, dy] = arrow.map((d) => d * this.step) as [number, number];
      const next = event.shiftKey ? { ...box, w: box.w + dx, h: box.h + dy } : { ...box, x: box.x + dx, y: box.y + dy };
      this.commit(this.replace(next));
      this.focusAfterUpdate = box.id;
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      this.removeBox(box.id);
    }
  }

  private onKey(event: KeyboardEvent): void {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      this.undo();
    }
  }

  /** A pointer position in picture pixels. */
  private toPicture(event: PointerEvent): [number, number] {
    const rect = (event.currentTarget as Element).getBoundingClientRect();
    return [((event.clientX - rect.left) * this.width) / rect.width, ((event.clientY - rect.top) * this.height) / rect.height];
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    const [x, y] = this.toPicture(event);
    const hit = (event.target as Element).closest('[data-id]');
    const id = Number(hit?.getAttribute('data-id'));
    let start = this.boxes.find((b) => b.id === id);
    let mode: Drag['mode'] = hit?.classList.contains('handle') ? 'resize' : 'move';
    if (!start) {
      start = { id: this.nextId++, kind: 'redact', x, y, w: 0, h: 0 };
      mode = 'draw';
      this.commit([...this.boxes, start]);
    } else this.commit(this.boxes);
    this.drag = { mode, id: start.id, fromX: x, fromY: y, start };
    (event.currentTarget as Element).setPointerCapture(event.pointerId);
    event.preventDefault();
  }

  private onPointerMove(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag) return;
    const [x, y] = this.toPicture(event);
    const dx = x - drag.fromX;
    const dy = y - drag.fromY;
    const s = drag.start;
    const next =
      drag.mode === 'move'
        ? { ...s, x: s.x + dx, y: s.y + dy }
        : drag.mode === 'resize'
          ? { ...s, w: s.w + dx, h: s.h + dy }
          : { ...s, x: Math.min(drag.fromX, x), y: Math.min(drag.fromY, y), w: Math.abs(dx), h: Math.abs(dy) };
    this.boxes = this.replace(next);
  }

  private onPointerUp(): void {
    const drag = this.drag;
    this.drag = undefined;
    if (!drag) return;
    const box = this.boxes.find((b) => b.id === drag.id);
    // A click without a drag draws nothing: take back the empty box.
    if (drag.mode === 'draw' && box && box.w < 8 && box.h < 8) this.undo();
    else if (box) this.focusAfterUpdate = box.id;
  }

  private label(box: Box): string {
    const s = this.words;
    if (box.kind === 'crop') return s.shotBoxCrop;
    const n = this.boxes.filter((b) => b.kind === box.kind).indexOf(box) + 1;
    return fill(box.kind === 'redact' ? s.shotBoxRedact : s.shotBoxHighlight, { n });
  }

  /**
   * The finished picture: cropped, highlights drawn, black-out boxes painted opaque over
   * everything, encoded. `manual` is how many black-out boxes the agent added.
   */
  async export(): Promise<{ blob: Blob; manual: number; width: number; height: number }> {
    const crop = this.boxes.find((b) => b.kind === 'crop') ?? { x: 0, y: 0, w: this.width, h: this.height };
    const out = this.ownerDocument.createElement('canvas');
    out.width = crop.w;
    out.height = crop.h;
    const context = out.getContext('2d')!;
    context.drawImage(this.image, -crop.x, -crop.y);
    const shift = (b: Box): Area => ({ x: b.x - crop.x, y: b.y - crop.y, w: b.w, h: b.h });
    const line = Math.max(3, Math.round(this.width / 300));
    context.strokeStyle = HIGHLIGHT;
    context.lineWidth = line;
    for (const b of this.boxes.filter((b) => b.kind === 'highlight').map(shift)) context.strokeRect(b.x + line / 2, b.y + line / 2, b.w - line, b.h - line);
    const redactions = this.boxes.filter((b) => b.kind === 'redact');
    paintAreas(out, redactions.map(shift));
    return { blob: await encodeScreenshot(out), manual: redactions.length, width: out.width, height: out.height };
  }

  protected override render(): TemplateResult {
    const s = this.words;
    return html`<div role="group" aria-label=${s.shotEditorLabel} @keydown=${this.onKey}>
      <div part="toolbar">
        <button type="button" @click=${() => this.add('redact')}>${s.shotAddRedaction}</button>
        <button type="button" @click=${() => this.add('highlight')}>${s.shotAddHighlight}</button>
        <button type="button" @click=${() => this.add('crop')}>${s.shotCrop}</button>
        <button type="button" ?disabled=${!this.history.length} @click=${() => this.undo()}>${s.shotUndo}</button>
      </div>
      <div part="stage">
        ${this.image}
        <svg
          viewBox="0 0 ${this.width} ${this.height}"
          preserveAspectRatio="none"
          aria-describedby="editor-help"
          @pointerdown=${this.onPointerDown}
          @pointermove=${this.onPointerMove}
          @pointerup=${this.onPointerUp}
          @pointercancel=${this.onPointerUp}
        >
          ${this.renderShade()} ${this.boxes.map((box) => this.renderBox(box))}
        </svg>
      </div>
      <p class="help" id="editor-help">${s.shotEditorHelp}</p>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
    </div>`;
  }

  /** Dims what the crop leaves out. */
  private renderShade(): TemplateResult | typeof nothing {
    const c = this.boxes.find((b) => b.kind === 'crop');
    if (!c) return nothing;
    return svg`<path class="shade" fill-rule="evenodd" d="M0 0H${this.width}V${this.height}H0Z M${c.x} ${c.y}h${c.w}v${c.h}h${-c.w}Z"></path>`;
  }

  private renderBox(box: Box): TemplateResult {
    const s = this.words;
    const where = fill(s.shotBoxWhere, { x: box.x, y: box.y, w: box.w, h: box.h });
    const handle = Math.max(8, Math.round(this.width / 80));
    return svg`<rect class="box ${box.kind}" data-id=${box.id} tabindex="0" role="button"
        aria-label="${this.label(box)}: ${where}" aria-describedby="editor-help"
        x=${box.x} y=${box.y} width=${box.w} height=${box.h}
        stroke-width=${box.kind === 'highlight' ? Math.max(3, Math.round(this.width / 300)) : nothing}
        @keydown=${(event: KeyboardEvent) => this.onBoxKey(event, box)}></rect>
      <rect class="handle" data-id=${box.id} aria-hidden="true" x=${box.x + box.w - handle / 2} y=${box.y + box.h - handle / 2} width=${handle} height=${handle}></rect>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'triage-screenshot-editor': TriageScreenshotEditor;
  }
}
