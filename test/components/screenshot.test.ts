// <triage-screenshot> in Debian's Chromium with REAL tab capture (--auto-accept-this-tab-capture,
// scripts/chrome-path.mjs): the pixels checked are the ones the browser captured from this page.
import { fixture, html, expect, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../components/provider/define.js';
import '../../components/screenshot/define.js';
import './screenshot-support/evidence-host.js';
import type { TestEvidenceHost } from './screenshot-support/evidence-host.js';
import { RecordingTarget } from './screenshot-support/evidence-host.js';
import type { TriageScreenshot } from '../../components/screenshot/screenshot.js';
import type { TriageScreenshotEditor } from '../../components/screenshot/editor.js';
import { screenshotEn } from '../../src/strings/screenshot.js';
import { screenshotEditorEn } from '../../src/strings/screenshot-editor.js';
import { screenshotEs } from '../../src/strings/screenshot-es.js';
import { webpChunks } from '../../src/capture/encode.js';
import { describe, it } from '../support/harness.js';

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
      await until(() => editorOf(shot)!.shadowRoot!.activeElement, 'focus moves into the editor once the report is back');
      expect(editorOf(shot)!.shadowRoot!.activeElement?.textContent).to.equal(screenshotEditorEn.shotAddRedaction);

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

/** Loads the frame page in an iframe with the given attributes and waits for its tool. */
async function framed(attrs: Record<string, string>) {
  const frame = document.createElement('iframe');
  for (const [k, v] of Object.entries(attrs)) frame.setAttribute(k, v);
  frame.style.cssText = 'position:fixed;left:0;top:0;width:700px;height:420px;border:0';
  frame.src = new URL('./screenshot-support/frame.html', import.meta.url).href;
  document.body.append(frame);
  await until(() => frame.contentDocument?.querySelector('triage-screenshot')?.shadowRoot?.querySelector('[part=paste]'), 'the tool renders in the frame');
  const shot = frame.contentDocument!.querySelector('triage-screenshot') as TriageScreenshot;
  const host = frame.contentDocument!.querySelector('test-evidence-host') as TestEvidenceHost;
  return { frame, shot, host, root: shot.shadowRoot! };
}

describe('<triage-screenshot> ladder', () => {
  it('inside a frame without display-capture says why and offers the capture window, paste and a file', async () => {
    const { frame, root } = await framed({ allow: "display-capture 'none'" });
    try {
      const note = root.querySelector('[part=note]');
      expect(note?.getAttribute('data-blocker')).to.equal('policy');
      expect(note?.textContent).to.equal(screenshotEn.shotPolicy);
      expect(button(root, screenshotEn.shotTab), 'no capture button that cannot work').to.equal(undefined);
      expect(button(root, screenshotEn.shotWindow)).to.exist;
      expect(root.querySelector('[part=paste]')?.textContent).to.equal(screenshotEn.shotPasteLabel);
      expect(root.querySelector('input[type=file]')).to.exist;
    } finally {
      frame.remove();
    }
  });

  it('a capture forced in that frame fails with the policy reason in words, and the report is shown again', async () => {
    const { frame, shot, host, root } = await framed({ allow: "display-capture 'none'" });
    try {
      await shot.capture('tab');
      await shot.updateComplete;
      expect(root.querySelector('[role=alert]')?.textContent).to.equal(screenshotEn.shotPolicy);
      expect([host.target.hides, host.target.shown]).to.deep.equal([1, 1]);
      expect(editorOf(shot)).to.equal(null);
    } finally {
      frame.remove();
    }
  });

  it('runs under a strict CSP (no inline styles or scripts): nothing is blocked on the ladder or in the editor', async () => {
    const frame = document.createElement('iframe');
    frame.style.cssText = 'position:fixed;left:0;top:0;width:700px;height:600px;border:0';
    frame.src = new URL('./screenshot-support/csp-frame.html', import.meta.url).href;
    document.body.append(frame);
    try {
      await until(() => frame.contentDocument?.querySelector('triage-screenshot')?.shadowRoot?.querySelector('[part=paste]'), 'the tool renders');
      const shot = frame.contentDocument!.querySelector('triage-screenshot') as TriageScreenshot;
      await shot.fromFile(await pattern(600, 300), 'file');
      await until(() => editorOf(shot), 'the editor opens');
      const editor = editorOf(shot)!;
      editor.add('redact');
      editor.add('crop');
      await editor.updateComplete;
      await editor.export();
      const violations = (frame.contentWindow as Window & { violations: string[] }).violations;
      expect(violations).to.deep.equal([]);
      // The CSP is really in force: an inline style attribute would be refused.
      const probe = frame.contentDocument!.createElement('div');
      probe.setAttribute('style', 'color:red');
      frame.contentDocument!.body.append(probe);
      await until(() => violations.length > 0, 'the probe is reported');
      expect(violations[0]).to.match(/^style-src/);
    } finally {
      frame.remove();
    }
  });

  it('on plain HTTP (not a secure context) says so and offers paste and a file, not a capture button', async () => {
    const frame = document.createElement('iframe');
    frame.src = `http://insecure.test:${location.port}/test/components/screenshot-support/frame.html?report`;
    const report = new Promise<MessageEvent>((resolve) =>
      addEventListener('message', function once(event) {
        if (event.source !== frame.contentWindow) return;
        removeEventListener('message', once);
        resolve(event);
      }),
    );
    document.body.append(frame);
    try {
      const { data } = await report;
      expect(data.secure, 'the frame really is insecure').to.equal(false);
      expect(data.blocker).to.equal('insecure');
      expect(data.note).to.equal(screenshotEn.shotInsecure);
      expect(data.buttons).to.not.include(screenshotEn.shotTab);
      expect(data.buttons, 'a capture window would be just as insecure').to.not.include(screenshotEn.shotWindow);
      expect(data.paste).to.equal(true);
    } finally {
      frame.remove();
    }
  });

  it('the capture window hands its picture back to the framed tool, which records the method', async () => {
    const { frame, shot, host, root } = await framed({ allow: "display-capture 'none'" });
    try {
      shot.captureWindowUrl = new URL('./screenshot-support/window.html', import.meta.url).href;
      await shot.updateComplete;
      const rung = button(root, screenshotEn.shotWindow);
      const box = rung.getBoundingClientRect();
      // A real click: a pop-up needs the agent's gesture.
      await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
      await until(() => editorOf(shot), 'the handed-back picture opens in the editor');
      const canvas = editorOf(shot)!.image;
      expect([canvas.width, canvas.height]).to.deep.equal([320, 200]);
      expect(root.textContent).to.include(screenshotEn.shotMaskUnknown);
      button(root, screenshotEn.shotAttach).click();
      await until(() => host.target.added.length === 1, 'attached');
      expect(host.target.added[0]!.details?.capture).to.deep.equal({ method: 'window', masks: [] });
      expect([host.target.hides, host.target.shown], 'the report was hidden while the window captured').to.deep.equal([1, 1]);
    } finally {
      frame.remove();
    }
  });

  it('ignores a picture posted by a window it did not open', async () => {
    const { captureInWindow } = await import('../../src/capture/window.js');
    const url = new URL('./screenshot-support/frame.html', import.meta.url).href;
    let settled = false;
    const pending = captureInWindow(url).then((image) => ((settled = true), image));
    // Same origin, but not the capture window: must not be taken for its answer.
    window.postMessage({ type: 'triage-capture', image: new Blob(['x'], { type: 'image/png' }) }, location.origin);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(settled).to.equal(false);
    window.open('', 'triage-capture')?.close();
    expect(await pending).to.equal(undefined);
  });

  it('a pasted image (Print Screen, Ctrl+V) opens in the editor and attaches with method paste', async () => {
    const { host, shot, root } = await mount();
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 360;
    canvas.getContext('2d')!.fillRect(0, 0, 640, 360);
    const png = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
    const data = new DataTransfer();
    data.items.add(new File([png], 'image.png', { type: 'image/png' }));
    const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true });
    root.querySelector('[part=paste]')!.dispatchEvent(paste);
    expect(paste.defaultPrevented, 'the image paste is taken').to.equal(true);
    await until(() => editorOf(shot), 'the pasted picture opens in the editor');
    expect(root.textContent).to.include(screenshotEn.shotMaskUnknown);
    button(root, screenshotEn.shotAttach).click();
    await until(() => host.target.added.length === 1, 'attached');
    expect(host.target.added[0]!.details?.capture?.method).to.equal('paste');
  });

  it('a dropped or picked picture file opens in the editor and attaches with method file', async () => {
    const { host, shot, root } = await mount();
    const data = new DataTransfer();
    data.items.add(await pattern(320, 180));
    const zone = root.querySelector('[part=paste]')!;
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    await shot.updateComplete;
    expect(zone.classList.contains('over'), 'the drop zone shows it will take the file').to.equal(true);
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    await until(() => editorOf(shot), 'the dropped picture opens');
    button(root, screenshotEn.shotAttach).click();
    await until(() => host.target.added.length === 1, 'attached');
    expect(host.target.added[0]!.details?.capture?.method).to.equal('file');

    const input = root.querySelector<HTMLInputElement>('input[type=file]')!;
    input.files = data.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => editorOf(shot), 'the picked picture opens');
    expect(editorOf(shot)!.image.width).to.equal(320);
  });

  it('a text paste is left to the page', async () => {
    const { root } = await mount();
    const data = new DataTransfer();
    data.setData('text/plain', 'hello');
    const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true });
    root.querySelector('[part=paste]')!.dispatchEvent(paste);
    expect(paste.defaultPrevented).to.equal(false);
  });

  it('a file that is not a picture is refused in words', async () => {
    const { shot, root } = await mount();
    await shot.fromFile(new File(['not an image'], 'notes.txt', { type: 'text/plain' }), 'file');
    await shot.updateComplete;
    expect(root.querySelector('[role=alert]')?.textContent).to.equal('"notes.txt" is not a picture the browser can read.');
  });

  it('says which report refusal stopped the attachment', async () => {
    const { host, shot, root } = await mount();
    host.target.refusal = 'Too many files';
    await shot.fromFile(await pattern(200, 100), 'file');
    await until(() => editorOf(shot), 'editor');
    await shot.attach();
    expect(root.querySelector('[role=alert]')?.textContent).to.equal('The report did not take the screenshot: Too many files');
  });

  it('is accessible on the ladder and in the editor', async () => {
    const { shot } = await mount();
    await expect(shot).to.be.accessible();
    await shot.fromFile(await pattern(400, 240), 'file');
    await until(() => editorOf(shot), 'editor');
    editorOf(shot)!.add('redact');
    editorOf(shot)!.add('highlight');
    await editorOf(shot)!.updateComplete;
    await expect(shot).to.be.accessible();
    // Strict CSP: no style attribute anywhere in the tool (geometry is SVG attributes).
    const styled = [shot.shadowRoot!, editorOf(shot)!.shadowRoot!].flatMap((r) => [...r.querySelectorAll('[style]')]);
    expect(styled).to.have.length(0);
  });

  it('speaks Spanish for an es-* agent, every string translated, the editor (and its own words, loaded with it) included', async () => {
    const { shot, root } = await mount(undefined, 'es-MX');
    expect(root.querySelector('h4')?.textContent).to.equal('Captura de pantalla');
    expect(button(root, 'Capturar esta pestaña')).to.exist;
    const english = { ...screenshotEn, ...screenshotEditorEn };
    for (const key of Object.keys(english) as (keyof typeof english)[]) {
      expect(screenshotEs[key], key).to.be.a('string').and.not.equal(english[key]);
      expect(screenshotEs[key].match(/\{\w+\}/g) ?? [], `${key} placeholders`).to.deep.equal(english[key].match(/\{\w+\}/g) ?? []);
    }
    await shot.fromFile(await pattern(320, 180), 'file');
    await until(() => editorOf(shot), 'editor');
    await editorOf(shot)!.updateComplete;
    const editor = editorOf(shot)!.shadowRoot!;
    expect(button(editor, screenshotEs.shotUndo)).to.exist;
    expect(button(editor, screenshotEditorEn.shotUndo)).to.equal(undefined);
  });
});

/** A busy picture: text, blocks, gradients, like a desktop full of records. */
async function pattern(width = 1920, height = 1080): Promise<File> {
  const canvas = busyCanvas(width, height);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new File([blob], 'pattern.png', { type: 'image/png' });
}

function busyCanvas(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const c = canvas.getContext('2d')!;
  const gradient = c.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#e8eef8');
  gradient.addColorStop(1, '#fdf6e3');
  c.fillStyle = gradient;
  c.fillRect(0, 0, width, height);
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < 60; i++) {
    c.fillStyle = `hsl(${Math.floor(random() * 360)} 60% ${40 + Math.floor(random() * 40)}%)`;
    c.fillRect(random() * width, random() * height, 40 + random() * 300, 20 + random() * 160);
  }
  c.font = '14px sans-serif';
  for (let y = 20; y < height; y += 18) {
    c.fillStyle = y % 36 ? '#1b1f24' : '#2454d6';
    c.fillText(`Incident 2611-${Math.floor(random() * 1e6)} · chat ABC queue · customer waiting ${Math.floor(random() * 90)} min · status open`, 10 + (y % 7) * 3, y);
    c.fillText(`${new Date(1764600000000 + y * 61000).toISOString()} routing engine answered ${Math.floor(random() * 500)} ms`, width / 2 + 10, y);
  }
  return canvas;
}

describe('<triage-screenshot-editor>', () => {
  async function editorWith(file: File) {
    const { shot, host } = await mount();
    await shot.fromFile(file, 'file');
    await until(() => editorOf(shot), 'editor');
    const editor = editorOf(shot)!;
    await editor.updateComplete;
    return { shot, host, editor, root: editor.shadowRoot! };
  }

  it("shows its own English words under the host's overrides", async () => {
    const { provider, shot } = await mount();
    (provider as HTMLElement & { config: object }).config = { strings: { shotUndo: 'Take back' } };
    await shot.updateComplete;
    await shot.fromFile(await pattern(320, 180), 'file');
    await until(() => editorOf(shot), 'editor');
    const root = editorOf(shot)!.shadowRoot!;
    await editorOf(shot)!.updateComplete;
    expect(button(root, 'Take back')).to.exist;
    expect(button(root, screenshotEditorEn.shotAddRedaction)).to.exist;
  });

  it('a box added and moved by keyboard destroys the pixels under it in the export', async () => {
    const { editor, root } = await editorWith(await pattern());
    button(root, screenshotEditorEn.shotAddRedaction).focus();
    await sendKeys({ press: 'Enter' });
    await editor.updateComplete;
    const box = root.querySelector<SVGRectElement>('.box.redact')!;
    expect(box.matches(':focus'), 'the new box is selected').to.equal(true);
    const before = { ...editor.boxes[0]! };
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ up: 'Shift' });
    await editor.updateComplete;
    const after = editor.boxes[0]!;
    expect(after.x).to.be.greaterThan(before.x);
    expect(after.h).to.be.greaterThan(before.h);
    expect(after.w).to.equal(before.w);
    const { blob, manual } = await editor.export();
    expect(manual).to.equal(1);
    const picture = await createImageBitmap(blob);
    const inset = 6;
    const dark = share(picture, [17, 17, 17], after.x + inset, after.y + inset, after.w - 2 * inset, after.h - 2 * inset);
    expect(dark, 'every pixel under the box is the mask colour').to.equal(1);
    expect(share(editor.image, [17, 17, 17], after.x + inset, after.y + inset, after.w - 2 * inset, after.h - 2 * inset), 'the original had content there').to.be.lessThan(0.5);
  });

  it('Delete removes the selected box and undo brings it back', async () => {
    const { editor, root } = await editorWith(await pattern(800, 450));
    button(root, screenshotEditorEn.shotAddRedaction).click();
    await editor.updateComplete;
    root.querySelector<SVGRectElement>('.box')!.focus();
    await sendKeys({ press: 'Delete' });
    await editor.updateComplete;
    expect(editor.boxes).to.have.length(0);
    expect(root.querySelector('[role=status]')?.textContent).to.equal('Black-out box 1 removed.');
    button(root, screenshotEditorEn.shotUndo).click();
    await editor.updateComplete;
    expect(editor.boxes).to.have.length(1);
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'z' });
    await sendKeys({ up: 'Control' });
    await editor.updateComplete;
    expect(editor.boxes, 'Ctrl+Z undoes the add').to.have.length(0);
  });

  it('a box drawn by pointer is a black-out box', async () => {
    const { editor, root } = await editorWith(await pattern(800, 450));
    const stage = root.querySelector('svg')!.getBoundingClientRect();
    const at = (fx: number, fy: number) => [Math.round(stage.left + stage.width * fx), Math.round(stage.top + stage.height * fy)] as [number, number];
    await sendMouse({ type: 'move', position: at(0.1, 0.1) });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: at(0.4, 0.3) });
    await sendMouse({ type: 'up' });
    await editor.updateComplete;
    expect(editor.boxes).to.have.length(1);
    const [box] = editor.boxes;
    expect(box!.kind).to.equal('redact');
    expect(box!.x).to.be.closeTo(80, 6);
    expect(box!.w).to.be.closeTo(240, 8);
  });

  it('crop changes the exported dimensions; a highlight stays visible', async () => {
    const { editor } = await editorWith(await pattern(1000, 600));
    const crop = editor.add('crop');
    editor.add('highlight');
    await editor.updateComplete;
    const { blob, width, height } = await editor.export();
    const picture = await createImageBitmap(blob);
    expect([picture.width, picture.height]).to.deep.equal([crop.w, crop.h]);
    expect([width, height]).to.deep.equal([800, 480]);
    expect(share(picture, [255, 191, 0])).to.be.greaterThan(0);
  });

  it('exports a busy 1920x1080 desktop as WebP of at most 400 KB with no EXIF or XMP', async () => {
    const { shot, host, editor } = await editorWith(await pattern());
    const { blob } = await editor.export();
    expect(blob.type).to.equal('image/webp');
    expect(blob.size).to.be.at.most(400 * 1024);
    const chunks = webpChunks(new Uint8Array(await blob.arrayBuffer()));
    expect(chunks.some((id) => id.startsWith('VP8')), 'an image chunk').to.equal(true);
    expect(chunks).to.not.include.members(['EXIF', 'XMP ']);
    await shot.attach();
    expect(host.target.added[0]!.file.name).to.match(/^screenshot-\d{8}-\d{6}\.webp$/);
  });
});
