/**
 * One frame of the tab or the screen into a canvas: ask the browser for a display stream, draw its
 * first frame, stop every track at once. Nothing is re-rendered from the DOM and nothing leaves
 * the page; the caller masks the canvas before anyone sees it.
 */
import type { CaptureBlocker } from './availability.js';

export type CaptureSurface = 'tab' | 'screen';

export interface GrabbedFrame {
  canvas: HTMLCanvasElement;
  /** What the agent actually shared ('browser', 'window', 'monitor'), when the browser says. */
  displaySurface?: string;
}

/** A capture that did not produce a picture, with the reason the agent is told. */
export class CaptureError extends Error {
  constructor(
    readonly blocker: CaptureBlocker,
    message: string,
  ) {
    super(message);
    this.name = 'CaptureError';
  }
}

function options(surface: CaptureSurface): DisplayMediaStreamOptions {
  // preferCurrentTab offers "this tab" first; for the screen the policy's full-screen snapshot
  // is asked for, and the browser's own tab is left out of the choice.
  const extra = surface === 'tab' ? { preferCurrentTab: true, selfBrowserSurface: 'include' } : { selfBrowserSurface: 'exclude', monitorTypeSurfaces: 'include' };
  return { video: { displaySurface: surface === 'tab' ? 'browser' : 'monitor' }, audio: false, ...extra } as DisplayMediaStreamOptions;
}

/** Asks for the stream and turns the browser's refusals into reasons. */
async function openStream(surface: CaptureSurface, media: MediaDevices): Promise<MediaStream> {
  try {
    return await media.getDisplayMedia(options(surface));
  } catch (error) {
    const name = (error as { name?: string })?.name;
    const message = error instanceof Error ? error.message : String(error);
    // Chromium says NotAllowedError both for a refusal and for a policy; its message names the policy.
    if (name === 'NotAllowedError' || name === 'SecurityError') throw new CaptureError(/policy/i.test(message) ? 'policy' : 'refused', message);
    if (name === 'NotSupportedError' || name === 'TypeError') throw new CaptureError('unsupported', message);
    throw new CaptureError('failed', message);
  }
}

/** The first decoded frame of a stream, drawn into a canvas of the frame's own size. */
async function firstFrame(stream: MediaStream, doc: Document): Promise<HTMLCanvasElement> {
  const video = doc.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  // A decoded frame, not just metadata: drawImage before it would give a black picture. (Not
  // requestVideoFrameCallback: it never fires for a video that is not on the page.)
  if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) await new Promise((resolve) => video.addEventListener('loadeddata', resolve, { once: true }));
  await video.play();
  const canvas = doc.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d')!.drawImage(video, 0, 0);
  video.srcObject = null;
  return canvas;
}

/**
 * Captures one frame of the current tab or of a screen the agent picks; every track is stopped
 * whatever happens. The promise settles in the same task as the frame is drawn (only microtasks
 * between), so the caller measuring the areas to mask right after sees the same layout.
 */
export async function grabFrame(surface: CaptureSurface, media: MediaDevices = navigator.mediaDevices, doc: Document = document): Promise<GrabbedFrame> {
  const stream = await openStream(surface, media);
  try {
    const [track] = stream.getVideoTracks();
    if (!track) throw new CaptureError('failed', 'The browser gave a stream without video.');
    const displaySurface = (track.getSettings() as { displaySurface?: string }).displaySurface;
    const canvas = await firstFrame(stream, doc);
    if (!canvas.width || !canvas.height) throw new CaptureError('failed', 'The captured frame was empty.');
    return { canvas, displaySurface };
  } finally {
    for (const track of stream.getTracks()) track.stop();
  }
}

/** Draws a pasted or picked image file into a canvas; refuses what is not a readable image. */
export async function imageFileToCanvas(file: Blob, doc: Document = document): Promise<HTMLCanvasElement> {
  const bitmap = await createImageBitmap(file);
  const canvas = doc.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas;
}
