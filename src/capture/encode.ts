/**
 * The exported picture: WebP where the browser can encode it, PNG where it cannot, under a byte
 * budget. Canvas encoders write no EXIF or XMP, so no location or device data leaves with it.
 * Lossless comes first: for screen content (flat colours, text) Chromium's lossless WebP is both
 * faster than its lossy one and every glyph stays exactly as captured (bench/NOTES.md, 5).
 */

/** About the most a typical 1920x1080 desktop screenshot may weigh. */
export const SCREENSHOT_MAX_BYTES = 400 * 1024;

// Tried in order until the picture fits; text stays readable down to the last one. Quality 1 is
// lossless WebP in Chromium (the spec leaves it to the browser); the lossy rest are for pictures
// too busy for the budget (photos, video frames).
const WEBP_QUALITIES = [1, 0.8, 0.65, 0.5, 0.35];

function toBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the picture.'))), type, quality),
  );
}

/** Encodes a canvas as WebP at the best quality that fits `maxBytes` (lossless first), or PNG without WebP support. */
export async function encodeScreenshot(canvas: HTMLCanvasElement, maxBytes: number = SCREENSHOT_MAX_BYTES): Promise<Blob> {
  let blob: Blob | undefined;
  for (const quality of WEBP_QUALITIES) {
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
