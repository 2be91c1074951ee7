/**
 * The capture window: where a framed page may not capture (an OSvC add-in's iframe without
 * `display-capture`), a small top-level window of the same origin can. It captures, hands the
 * picture back with postMessage and closes. Both sides accept messages only from their own
 * origin and only from the window they expect, so no other page can slip a picture in.
 */

/** The message the capture window sends its opener. */
export interface CaptureWindowMessage {
  type: 'triage-capture';
  /** The picture, or undefined when the agent closed the prompt without one. */
  image?: Blob;
  reason?: string;
}

export function isCaptureMessage(data: unknown): data is CaptureWindowMessage {
  const m = data as CaptureWindowMessage | null;
  return !!m && m.type === 'triage-capture' && (m.image === undefined || m.image instanceof Blob);
}

/** Window features: small, so the agent sees it is a helper, not a new page. */
const FEATURES = 'popup,width=420,height=320';

/**
 * Opens the capture window at `url` (same origin only) and resolves with the picture it hands
 * back, or undefined when the agent closes it without one. Rejects when a pop-up blocker stops it.
 */
export function captureInWindow(url: string | URL, win: Window = window): Promise<Blob | undefined> {
  const target = new URL(url, win.location.href);
  if (target.origin !== win.location.origin) return Promise.reject(new Error(`The capture window must be on this site (${win.location.origin}), not ${target.origin}.`));
  const popup = win.open(target, 'triage-capture', FEATURES);
  if (!popup) return Promise.reject(new Error('The browser blocked the capture window (pop-up blocker).'));
  return new Promise((resolve) => {
    const finish = (image?: Blob) => {
      win.removeEventListener('message', onMessage);
      clearInterval(watch);
      resolve(image);
    };
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== win.location.origin || event.source !== popup || !isCaptureMessage(event.data)) return;
      finish(event.data.image);
    };
    win.addEventListener('message', onMessage);
    // No message comes from a window the agent closed; polling `closed` is the only signal.
    const watch = setInterval(() => popup.closed && finish(), 500);
  });
}

/** The capture window's side: hands a picture (or nothing) to the opener of the same origin, then closes. */
export function handBack(image: Blob | undefined, win: Window = window): boolean {
  const opener = win.opener as Window | null;
  if (!opener) return false;
  const message: CaptureWindowMessage = { type: 'triage-capture', image };
  // targetOrigin is our own origin: an opener from another site never receives the picture.
  opener.postMessage(message, win.location.origin);
  return true;
}
