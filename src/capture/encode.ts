/**
 * The exported picture: WebP where the browser can encode it, PNG where it cannot, under a byte
 * budget. Canvas encoders write no EXIF or XMP, so no location or device data leaves with it.
 * A screen picture (flat colours, text) is tried lossless first: Chromium's lossless WebP of one is
 * faster than its lossy one and every glyph stays exactly as captured. A photo or a video frame
 * is not: lossless takes seconds and is over the budget (bench/NOTES.md, 5).
 */

/** About the most a typical 1920x1080 desktop screenshot may weigh. */
export const SCREENSHOT_MAX_BYTES = 400 * 1024;

// Quality 1 is lossless WebP in Chromium (the spec leaves it to the browser).
const LOSSLESS = 1;
// Tried in order until the picture fits; text stays readable down to the last one.
const LOSSY_QUALITIES = [0.8, 0.65, 0.5, 0.35];

// Every 4th pixel is enough to tell a desktop from a photo.
const SAMPLE_STEP = 4;
// A desktop repeats most pixels along a row (panels, margins, the masks); a photo almost none.
const SCREEN_LIKE_SHARE = 0.5;

/**
 * Whether most pixels of a picture repeat their left neighbour, as a desktop's do and a photo's do
 * not. Every picture here has at least a pixel: captures and files are checked, crops are 4 px.
 */
export function looksLikeScreen(canvas: HTMLCanvasElement): boolean {
  const pixels = new Uint32Array(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data.buffer);
  let repeated = 0;
  for (let at = SAMPLE_STEP; at < pixels.length; at += SAMPLE_STEP) if (pixels[at] === pixels[at - 1]) repeated++;
  return repeated * SAMPLE_STEP >= pixels.length * SCREEN_LIKE_SHARE;
}

function toBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the picture.'))), type, quality),
  );
}

/**
 * Encodes a canvas as WebP at the best quality that fits `maxBytes` (lossless first for a screen
 * picture), or PNG without WebP support.
 */
export async function encodeScreenshot(canvas: HTMLCanvasElement, maxBytes: number = SCREENSHOT_MAX_BYTES): Promise<Blob> {
  let blob: Blob | undefined;
  for (const quality of looksLikeScreen(canvas) ? [LOSSLESS, ...LOSSY_QUALITIES] : LOSSY_QUALITIES) {
    blob = await toBlob(canvas, 'image/webp', quality);
    // A browser without a WebP encoder hands back PNG whatever was asked.
    if (blob.type !== 'image/webp') return toBlob(canvas, 'image/png');
    if (blob.size <= maxBytes) return blob;
  }
  return blob!;
}

/** The RIFF chunk ids of a WebP file ('VP8 ', 'VP8L', 'VP8X', 'EXIF', 'XMP ', ...). */
export function webpChunks(bytes: Uint8Array): string[] {
  const ascii = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || ascii(0) !== 'RIFF' || ascii(8) !== 'WEBP') throw new Error('Not a WebP file.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ids: string[] = [];
  for (let at = 12; at + 8 <= bytes.length; ) {
    ids.push(ascii(at));
    const size = view.getUint32(at + 4, true);
    at += 8 + size + (size & 1);
  }
  return ids;
}
