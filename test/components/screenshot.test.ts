// <triage-screenshot> in Debian's Chromium with REAL tab capture (--auto-accept-this-tab-capture,
// scripts/chrome-path.mjs): the pixels checked are the ones the browser captured from this page.
import { fixture, html, expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/provider/define.js';
import '../../components/screenshot/define.js';
import './screenshot-support/evidence-host.js';
import type { TestEvidenceHost } from './screenshot-support/evidence-host.js';
import { RecordingTarget } from './screenshot-support/evidence-host.js';
import type { TriageScreenshot } from '../../components/screenshot/screenshot.js';
import type { TriageScreenshotEditor } from '../../components/screenshot/editor.js';
import { screenshotEn, screenshotEs } from '../../components/screenshot/strings.js';
import { describe, it } from '../harness.js';

const until = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 10_000 });

type Rgb = [number, number, number];
const GREEN: Rgb = [0, 200, 0];
const RED: Rgb = [230, 0, 0];
const BLUE: Rgb = [0, 0, 230];
const css = (c: Rgb) => `rgb(${c.join(' ')})`;

/** Fraction of pixels of a canvas region that are close to a colour. */
function share(canvas: HTMLCanvasElement | ImageBitmap, colour: Rgb, x = 0, y = 0, w = canvas.width, h = canvas.height): number {
  const probe = document.createElement('canvas');
  probe.width = w;
  probe.height = h;
  const context = probe.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(canvas, -x, -y);
  const data = context.getImageData(0, 0, w, h).data;
  let near = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i]! - colour[0]) < 40 && Math.abs(data[i + 1]! - colour[1]) < 40 && Math.abs(data[i + 2]! - colour[2]) < 40) near++;
  }
  return near / (w * h);
}

/** A fixed block of one colour at a viewport position, so its place in the frame is known. */
function block(colour: Rgb, left: number, top: number, attrs: Record<string, string> = {}): HTMLDivElement {
  const div = document.createElement('div');
  div.style.cssText = `position:fixed;left:${left}px;top:${top}px;width:120px;height:60px;background:${css(colour)}`;
  for (const [k, v] of Object.entries(attrs)) div.setAttribute(k, v);
  return div;
}

async function mount(template = html`<triage-screenshot></triage-screenshot>`, locale = 'en-US') {
  const provider = await fixture(html`<triage-provider .agent=${{ locale, timeZone: 'UTC' }}>
    <test-evidence-host>${template}</test-evidence-host>
  </triage-provider>`);
  const host = provider.querySelector('test-evidence-host') as TestEvidenceHost;
  const shot = provider.querySelector('triage-screenshot') as TriageScreenshot;
  await shot.updateComplete;
  return { provider, host, shot, root: shot.shadowRoot! };
}

const button = (root: ParentNode, label: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === label) as HTMLButtonElement;
const editorOf = (shot: TriageScreenshot) => shot.shadowRoot!.querySelector('triage-screenshot-editor') as TriageScreenshotEditor | null;

describe('<triage-screenshot> capture', () => {
  it('captures this tab: a marker is in the picture, masked areas (page, open shadow root, same-origin frame) are gone, the reporter is not in it', async () => {
    const scene = document.createElement('div');
    const marker = block(GREEN, 20, 20);
    const masked = block(RED, 200, 20, { 'data-triage-mask': '' });
    const shadowHost = block([255, 255, 255], 20, 120);
    shadowHost.attachShadow({ mode: 'open' }).append(block(RED, 20, 120, { class: 'customer' }));
    const frame = document.createElement('iframe');
    frame.style.cssText = 'position:fixed;left:200px;top:120px;width:200px;height:100px;border:4px solid #fff;padding:0';
    frame.srcdoc = `<body style="margin:0;background:#fff"><input type="email" style="position:absolute;left:10px;top:10px;width:120px;height:40px;border:0;background:${css(RED)}"></body>`;
    const panel = block(BLUE, 420, 20);
    scene.append(marker, masked, shadowHost, frame, panel);
    document.body.append(scene);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    try {
      const { host, shot, root } = await mount(html`<triage-screenshot></triage-screenshot>`);
      const target = new RecordingTarget(panel);
      host.use(target);
      // A host's own selector (config.evidence.maskSelectors) masks the element in the shadow root.
      const provider = host.parentElement as HTMLElement & { config: object };
      provider.config = { evidence: { maskSelectors: ['.customer'] } };
      await shot.updateComplete;
      button(root, screenshotEn.shotTab).click();
      await until(() => editorOf(shot), 'the editor opens with the captured picture').catch((error) => {
        throw new Error(`${error.message}; the tool says: ${root.textContent?.replace(/\s+/g, ' ')}`);
      });
      const canvas = editorOf(shot)!.image;
      const sx = canvas.width / innerWidth;
      const sy = canvas.height / innerHeight;
      const region = (left: number, top: number, w = 120, h = 60) =>
        [Math.round(left * sx) + 4, Math.round(top * sy) + 4, Math.round(w * sx) - 8, Math.round(h * sy) - 8] as const;
      expect(share(canvas, GREEN, ...region(20, 20)), 'marker pixels').to.be.greaterThan(0.95);
      expect(share(canvas, RED), 'red (masked) pixels anywhere').to.equal(0);
      expect(share(canvas, [17, 17, 17], ...region(200, 20)), 'page mask').to.be.greaterThan(0.95);
      expect(share(canvas, [17, 17, 17], ...region(20, 120)), 'shadow-root mask').to.be.greaterThan(0.95);
      expect(share(canvas, [17, 17, 17], ...region(214, 134, 120, 40)), 'frame mask').to.be.greaterThan(0.95);
      expect(share(canvas, BLUE), 'the hidden reporter panel').to.equal(0);
      expect(target.hides).to.equal(1);
      expect(target.shown).to.equal(1);
      expect(panel.hidden).to.equal(false);
      expect(root.textContent).to.include('3 areas with customer details were blacked out');

      button(root, screenshotEn.shotAttach).click();
      await until(() => target.added.length === 1, 'the screenshot is attached');
      const [added] = target.added;
      expect(added!.kind).to.equal('screenshot');
      expect(added!.file.type).to.equal('image/webp');
      expect(added!.details?.capture?.method).to.equal('tab');
      expect(added!.details?.capture?.masks).to.deep.include.members([
        { source: 'selector', selector: '[data-triage-mask]', count: 1 },
        { source: 'selector', selector: 'input[type="email"]', count: 1 },
        { source: 'selector', selector: '.customer', count: 1 },
      ]);
      // The exported file carries the masks too: no red survives the encoder.
      expect(share(await createImageBitmap(added!.file), RED)).to.equal(0);
    } finally {
      scene.remove();
    }
  });
});
