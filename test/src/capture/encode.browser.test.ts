// The exported file: WebP under a byte budget, quality lowered only as far as needed, and no
// metadata chunk in it.
import { expect } from '@open-wc/testing';
import { encodeScreenshot, looksLikeScreen, webpChunks, SCREENSHOT_MAX_BYTES } from '../../../src/capture/encode.js';
import { describe, it } from '../../support/harness.js';

/** A blank canvas of that size and its 2D context. */
function blankCanvas(width: number, height: number): { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return { canvas, context: canvas.getContext('2d')! };
}

function noisy(width: number, height: number): HTMLCanvasElement {
  const { canvas, context } = blankCanvas(width, height);
  const image = context.createImageData(width, height);
  let seed = 11;
  for (let i = 0; i < image.data.length; i++) image.data[i] = i % 4 === 3 ? 255 : (seed = (seed * 16807) % 2147483647) & 255;
  context.putImageData(image, 0, 0);
  return canvas;
}

/** What a desktop mostly is: flat panels and small text, the kind of picture support must read. */
function screenLike(width: number, height: number): HTMLCanvasElement {
  const { canvas, context } = blankCanvas(width, height);
  context.fillStyle = '#fdf6e3';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#1b2a4a';
  context.font = '14px sans-serif';
  for (let y = 20; y < height; y += 20) context.fillText(`Incident 2611-${y} · Chat ABC queue · customer waiting`, 8, y);
  return canvas;
}

/** What lossless cannot keep small: smooth gradients with grain, like a photo or a video frame. */
function photoLike(width: number, height: number): HTMLCanvasElement {
  const { canvas, context } = blankCanvas(width, height);
  const image = context.createImageData(width, height);
  let seed = 7;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      const grain = ((seed = (seed * 16807) % 2147483647) & 15) - 8;
      image.data.set([x / 8 + grain, y / 5 + grain, (x + y) / 12 + grain, 255], at);
    }
  }
  context.putImageData(image, 0, 0);
  return canvas;
}

async function pixelsOf(blob: Blob, width: number, height: number): Promise<Uint8ClampedArray> {
  const { context } = blankCanvas(width, height);
  context.drawImage(await createImageBitmap(blob), 0, 0);
  return context.getImageData(0, 0, width, height).data;
}

describe('encodeScreenshot', () => {
  it('keeps a screen picture pixel for pixel (lossless) when it fits, so every glyph reads as captured', async () => {
    const canvas = screenLike(480, 200);
    const blob = await encodeScreenshot(canvas);
    expect(blob.type).to.equal('image/webp');
    const captured = canvas.getContext('2d')!.getImageData(0, 0, 480, 200).data;
    const decoded = await pixelsOf(blob, 480, 200);
    let differing = 0;
    for (let i = 0; i < captured.length; i++) if (captured[i] !== decoded[i]) differing++;
    expect(differing).to.equal(0);
  });

  it('keeps the first quality when the picture fits and lowers it when it does not', async () => {
    const canvas = noisy(400, 300);
    const roomy = await encodeScreenshot(canvas, SCREENSHOT_MAX_BYTES);
    const tight = await encodeScreenshot(canvas, roomy.size - 1);
    expect(roomy.type).to.equal('image/webp');
    expect(tight.type).to.equal('image/webp');
    expect(tight.size).to.be.lessThan(roomy.size);
  });

  it('tries lossless only for a screen picture, not for a photo or noise, where it is slow and over budget', () => {
    expect(looksLikeScreen(screenLike(480, 200))).to.equal(true);
    expect(looksLikeScreen(photoLike(480, 200))).to.equal(false);
    expect(looksLikeScreen(noisy(480, 200))).to.equal(false);
  });

  it('reads the chunks of a WebP file and refuses what is not one', async () => {
    const blob = await encodeScreenshot(noisy(64, 64));
    const chunks = webpChunks(new Uint8Array(await blob.arrayBuffer()));
    expect(chunks.filter((id) => id.startsWith('VP8'))).to.have.length.greaterThan(0);
    expect(chunks).to.not.include.members(['EXIF', 'XMP ']);
    expect(() => webpChunks(new TextEncoder().encode('GIF89a........'))).to.throw('Not a WebP file.');
  });
});
