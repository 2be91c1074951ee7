/**
 * Automatic masking: the areas of the page that hold customer data (configured selectors),
 * found in the top document, same-origin frames and open shadow roots, mapped to the captured
 * frame's pixels and painted opaque into the bitmap before any preview exists.
 */

/** Where customer data usually is in an agent desktop; a host adds its own through config. */
export const DEFAULT_MASK_SELECTORS: readonly string[] = [
  '[data-triage-mask]',
  // Chat transcripts are live logs; OSvC and most chat panes mark them so.
  '[role="log"]',
  'input[type="email"]',
  'input[type="tel"]',
  'input[type="password"]',
  '[autocomplete^="cc-"]',
  '[autocomplete="email"]',
  '[autocomplete="tel"]',
  '[autocomplete~="street-address"]',
];

/** A rectangle in the captured frame's pixels. */
export interface Area {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface MaskPlan {
  areas: Area[];
  /** How many visible elements each selector covered (selectors that matched nothing are left out). */
  counts: { selector: string; count: number }[];
  /** Selectors that are not valid CSS: nothing was masked for them, and the agent is told. */
  invalid: string[];
}

/** The highest window of the same origin above this one, and whether it is the tab's top. */
export function topSameOrigin(win: Window = window): { win: Window; isTop: boolean } {
  let current = win;
  while (current !== current.parent) {
    try {
      // Reading the document throws across origins; that parent's pixels are not ours to map.
      if (!current.parent.document) break;
      current = current.parent;
    } catch {
      break;
    }
  }
  return { win: current, isTop: current === win.top };
}

/** Every document or open shadow root under a root, with the offset of its frame in the top viewport. */
function* scopes(root: Document | ShadowRoot, dx: number, dy: number): Generator<[Document | ShadowRoot, number, number]> {
  yield [root, dx, dy];
  // Frames are other realms: their nodes fail instanceof against this window's classes.
  const doc = root.nodeType === Node.DOCUMENT_NODE ? (root as Document) : (root as ShadowRoot).ownerDocument;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode() as Element | null; node; node = walker.nextNode() as Element | null) {
    if (node.shadowRoot) yield* scopes(node.shadowRoot, dx, dy);
    if (node.localName === 'iframe' || node.localName === 'frame') {
      let inner: Document | null = null;
      try {
        inner = (node as HTMLIFrameElement).contentDocument;
      } catch {
        inner = null;
      }
      if (!inner) continue;
      // The frame's content starts inside its border and padding.
      const box = node.getBoundingClientRect();
      const style = doc.defaultView!.getComputedStyle(node);
      yield* scopes(inner, dx + box.left + node.clientLeft + parseFloat(style.paddingLeft), dy + box.top + node.clientTop + parseFloat(style.paddingTop));
    }
  }
}

/**
 * The frame-pixel areas covering every element that matches a selector, for a frame of
 * `frameWidth` x `frameHeight` pixels showing the viewport of `top`. The scale comes from the
 * frame against the viewport, so device pixel ratio and capture downscaling are both accounted for.
 */
export function planMasks(selectors: readonly string[], frameWidth: number, frameHeight: number, top: Window = topSameOrigin().win): MaskPlan {
  const sx = frameWidth / top.innerWidth;
  const sy = frameHeight / top.innerHeight;
  const plan: MaskPlan = { areas: [], counts: [], invalid: [] };
  const all = [...scopes(top.document, 0, 0)];
  for (const selector of selectors) {
    let count = 0;
    try {
      top.document.createDocumentFragment().querySelector(selector);
    } catch {
      plan.invalid.push(selector);
      continue;
    }
    for (const [scope, dx, dy] of all) {
      for (const element of scope.querySelectorAll(selector)) {
        const area = toFrame(element.getBoundingClientRect(), dx, dy, sx, sy, frameWidth, frameHeight);
        if (!area) continue;
        plan.areas.push(area);
        count++;
      }
    }
    if (count) plan.counts.push({ selector, count });
  }
  return plan;
}

// Anti-aliased edges bleed a pixel or two outside an element's box; the mask covers them too.
const BLEED = 2;

function toFrame(rect: DOMRect, dx: number, dy: number, sx: number, sy: number, width: number, height: number): Area | undefined {
  if (rect.width <= 0 || rect.height <= 0) return undefined;
  const left = Math.max(0, Math.floor((rect.left + dx) * sx) - BLEED);
  const top = Math.max(0, Math.floor((rect.top + dy) * sy) - BLEED);
  const right = Math.min(width, Math.ceil((rect.right + dx) * sx) + BLEED);
  const bottom = Math.min(height, Math.ceil((rect.bottom + dy) * sy) + BLEED);
  return right > left && bottom > top ? { x: left, y: top, w: right - left, h: bottom - top } : undefined;
}

/** The colour masks are painted with: opaque, so no pixel of what was under it survives. */
export const MASK_COLOUR = '#111';

/** Paints areas opaque into a canvas, destroying the pixels under them. */
export function paintAreas(canvas: HTMLCanvasElement | OffscreenCanvas, areas: readonly Area[]): void {
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  context.save();
  context.globalAlpha = 1;
  context.globalCompositeOperation = 'source-over';
  context.fillStyle = MASK_COLOUR;
  for (const a of areas) context.fillRect(a.x, a.y, a.w, a.h);
  context.restore();
}

/** Whether a frame looks like this viewport (same aspect ratio): otherwise the geometry cannot be trusted. */
export function frameMatchesViewport(frameWidth: number, frameHeight: number, top: Window): boolean {
  const ratio = frameWidth / frameHeight / (top.innerWidth / top.innerHeight);
  return Math.abs(ratio - 1) < 0.02;
}
