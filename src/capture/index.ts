/**
 * Everything the screenshot tool loads on first use, as one module (one lazy chunk): grabbing a
 * frame, masking it, the capture window, turning files into canvases.
 */
import type { GrabbedFrame, CaptureSurface } from './grab.js';
import { DEFAULT_MASK_SELECTORS, frameMatchesViewport, paintAreas, planMasks, topSameOrigin } from './mask.js';

export { grabFrame, imageFileToCanvas, CaptureError } from './grab.js';
export { captureInWindow, handBack } from './window.js';
export { encodeScreenshot } from './encode.js';
export { paintAreas, type Area } from './mask.js';

/** The capture window page shipped beside the embed files (dist/embed/triage-capture.html). */
export const DEFAULT_CAPTURE_WINDOW_URL = new URL('./triage-capture.html', import.meta.url).href;

export interface MaskedFrame {
  masks: { source: 'selector'; selector: string; count: number }[];
  /** How many areas were painted out. */
  masked: number;
  /** False when the picture is not this tab's viewport (a screen, a window, another tab): nothing could be masked. */
  geometryKnown: boolean;
  invalid: string[];
}

/**
 * Paints the configured customer-data areas (defaults plus `extra`) out of a captured frame. Only
 * a capture of this tab has a geometry to map; for anything else the caller tells the agent.
 */
export function maskFrame(frame: GrabbedFrame, surface: CaptureSurface, extra: readonly string[] = [], win: Window = window): MaskedFrame {
  const { win: top, isTop } = topSameOrigin(win);
  const { width, height } = frame.canvas;
  const thisTab = surface === 'tab' && (frame.displaySurface ?? 'browser') === 'browser' && isTop && frameMatchesViewport(width, height, top);
  if (!thisTab) return { masks: [], masked: 0, geometryKnown: false, invalid: [] };
  const plan = planMasks([...new Set([...DEFAULT_MASK_SELECTORS, ...extra])], width, height, top);
  paintAreas(frame.canvas, plan.areas);
  return {
    masks: plan.counts.map(({ selector, count }) => ({ source: 'selector', selector, count })),
    masked: plan.areas.length,
    geometryKnown: true,
    invalid: plan.invalid,
  };
}
