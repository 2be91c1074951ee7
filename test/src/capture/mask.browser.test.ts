// Masking geometry in Chromium: element boxes in the page, open shadow roots and same-origin
// frames mapped to a frame's pixels at any scale, and no masking where the geometry is unknown.
import { expect, waitUntil } from '@open-wc/testing';
import { planMasks, paintAreas, DEFAULT_MASK_SELECTORS } from '../../../src/capture/mask.js';
import { maskFrame } from '../../../src/capture/index.js';
import { captureBlocker, windowRungHelps } from '../../../src/capture/availability.js';
import { describe, it } from '../../support/harness.js';

function fixed(left: number, top: number, width: number, height: number, attrs: Record<string, string> = {}): HTMLElement {
  const div = document.createElement('div');
  div.style.cssText = `position:fixed;left:${left}px;top:${top}px;width:${width}px;height:${height}px`;
  for (const [k, v] of Object.entries(attrs)) div.setAttribute(k, v);
  document.body.append(div);
  return div;
}

describe('masking geometry', () => {
  it('maps an element box to frame pixels with the frame-to-viewport scale (device pixel ratio 2)', () => {
    const el = fixed(100, 50, 80, 40, { 'data-triage-mask': '' });
    try {
      const plan = planMasks(['[data-triage-mask]'], innerWidth * 2, innerHeight * 2, window);
      // 2 px of bleed around the scaled box.
      expect(plan.areas).to.deep.equal([{ x: 198, y: 98, w: 164, h: 84 }]);
      expect(plan.counts).to.deep.equal([{ selector: '[data-triage-mask]', count: 1 }]);
    } finally {
      el.remove();
    }
  });

  it('offsets elements in a same-origin frame by the frame box, border included, and finds open shadow roots', async () => {
    const frame = document.createElement('iframe');
    frame.style.cssText = 'position:fixed;left:300px;top:200px;width:200px;height:120px;border:5px solid black';
    frame.srcdoc = '<body style="margin:0"><div class="secret" style="position:absolute;left:10px;top:20px;width:30px;height:30px"></div></body>';
    document.body.append(frame);
    const host = fixed(0, 0, 10, 10);
    const inner = document.createElement('div');
    inner.className = 'secret';
    inner.style.cssText = 'position:fixed;left:40px;top:60px;width:20px;height:20px';
    host.attachShadow({ mode: 'open' }).append(inner);
    try {
      await waitUntil(() => frame.contentDocument?.querySelector('.secret'), 'frame loaded');
      const plan = planMasks(['.secret'], innerWidth, innerHeight, window);
      expect(plan.areas).to.deep.include({ x: 313, y: 223, w: 34, h: 34 });
      expect(plan.areas).to.deep.include({ x: 38, y: 58, w: 24, h: 24 });
      expect(plan.counts).to.deep.equal([{ selector: '.secret', count: 2 }]);
    } finally {
      frame.remove();
      host.remove();
    }
  });

  it('names an invalid selector instead of masking nothing silently, and skips what is off screen', () => {
    const off = fixed(-500, -500, 50, 50, { 'data-triage-mask': '' });
    try {
      const plan = planMasks(['[data-triage-mask]', 'div[', '#no-such-thing'], innerWidth, innerHeight, window);
      expect(plan.invalid).to.deep.equal(['div[']);
      expect(plan.areas).to.deep.equal([]);
      expect(plan.counts).to.deep.equal([]);
    } finally {
      off.remove();
    }
  });

  it('paints areas opaque over whatever was there', () => {
    const canvas = document.createElement('canvas');
    canvas.width = 50;
    canvas.height = 50;
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    context.fillStyle = 'rgb(255 0 0 / 0.5)';
    context.fillRect(0, 0, 50, 50);
    paintAreas(canvas, [{ x: 10, y: 10, w: 20, h: 20 }]);
    expect([...context.getImageData(15, 15, 1, 1).data]).to.deep.equal([17, 17, 17, 255]);
    expect(context.getImageData(5, 5, 1, 1).data[0]).to.be.greaterThan(200);
  });

  it('masks nothing and says the geometry is unknown for a screen, or a frame that is not this viewport', () => {
    const el = fixed(10, 10, 40, 40, { 'data-triage-mask': '' });
    try {
      const frameOf = (w: number, h: number, displaySurface?: string) => {
        const canvas = document.createElement('canvas');
        canvas.width = w;
        canvas.height = h;
        return { canvas, displaySurface };
      };
      expect(maskFrame(frameOf(innerWidth, innerHeight, 'monitor'), 'screen').geometryKnown).to.equal(false);
      expect(maskFrame(frameOf(innerWidth, innerHeight, 'window'), 'tab').geometryKnown).to.equal(false);
      expect(maskFrame(frameOf(innerWidth, Math.round(innerHeight / 2), 'browser'), 'tab').geometryKnown, 'another aspect ratio').to.equal(false);
      const known = maskFrame(frameOf(innerWidth, innerHeight, 'browser'), 'tab');
      expect(known.geometryKnown).to.equal(true);
      expect(known.masked).to.equal(1);
    } finally {
      el.remove();
    }
  });

  it('knows capture is allowed in this secure top page, and which blockers a capture window helps with', () => {
    expect(captureBlocker()).to.equal(undefined);
    expect(windowRungHelps('policy')).to.equal(true);
    expect(windowRungHelps('refused')).to.equal(true);
    expect(windowRungHelps('insecure')).to.equal(false);
    expect(windowRungHelps('unsupported')).to.equal(false);
    expect(DEFAULT_MASK_SELECTORS).to.include('[role="log"]');
  });
});
