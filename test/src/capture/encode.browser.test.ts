// The exported file: WebP under a byte budget, quality lowered only as far as needed, and no
// metadata chunk in it.
import { expect } from '@open-wc/testing';
import { encodeScreenshot, webpChunks, SCREENSHOT_MAX_BYTES } from '../../../src/capture/encode.js';
import { describe, it } from '../../support/harness.js';

function noisy(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  const image = context.createImageData(width, height);
  let seed = 11;
  for (let i = 0; i < image.data.length; i++) image.data[i] = i % 4 === 3 ? 255 : (seed = (seed * 16807) % 2147483647) & 255;
  context.putImageData(image, 0, 0);
  return canvas;
}

describe('encodeScreenshot', () => {
  it('keeps the first quality when the picture fits and lowers it when it does not', async () => {
    const canvas = noisy(400, 300);
    const roomy = await encodeScreenshot(canvas, SCREENSHOT_MAX_BYTES);
    const tight = await encodeScreenshot(canvas, roomy.size - 1);
    expect(roomy.type).to.equal('image/webp');
    expect(tight.type).to.equal('image/webp');
    expect(tight.size).to.be.lessThan(roomy.size);
  });

  it('reads the chunks of a WebP file and refuses what is not one', async () => {
    const blob = await encodeScreenshot(noisy(64, 64));
    const chunks = webpChunks(new Uint8Array(await blob.arrayBuffer()));
    expect(chunks.filter((id) => id.startsWith('VP8'))).to.have.length.greaterThan(0);
    expect(chunks).to.not.include.members(['EXIF', 'XMP ']);
    expect(() => webpChunks(new TextEncoder().encode('GIF89a........'))).to.throw('Not a WebP file.');
  });
});
