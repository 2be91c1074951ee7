/**
 * Whether this page may capture the screen at all, and if not, why: the agent is told the reason
 * in words and offered the next rung (a capture window, paste, a file) instead of a missing button.
 */

/** Why screen capture cannot run here. */
export type CaptureBlocker =
  /** The page is not a secure context (HTTP): browsers only capture on HTTPS or localhost. */
  | 'insecure'
  /** A permissions policy (an iframe without `allow="display-capture"`, a sandbox, a header) forbids it. */
  | 'policy'
  /** This browser has no `getDisplayMedia`. */
  | 'unsupported'
  /** The agent (or the browser on their behalf) refused the capture prompt. */
  | 'refused'
  /** Capture started but no picture came out of it. */
  | 'failed';

interface PolicyView {
  allowsFeature(feature: string): boolean;
}

/** The permissions policy object where the browser exposes one (Chromium: both names, older: featurePolicy). */
function policyOf(doc: Document): PolicyView | undefined {
  const d = doc as Document & { permissionsPolicy?: PolicyView; featurePolicy?: PolicyView };
  return d.permissionsPolicy ?? d.featurePolicy;
}

/** The reason screen capture is impossible in this window before even asking, or undefined when it may work. */
export function captureBlocker(win: Window = window): CaptureBlocker | undefined {
  if (!win.isSecureContext) return 'insecure';
  if (typeof win.navigator.mediaDevices?.getDisplayMedia !== 'function') return 'unsupported';
  const policy = policyOf(win.document);
  if (policy && !policy.allowsFeature('display-capture')) return 'policy';
  return undefined;
}

/** Whether a small top-level window of the same origin could capture where this page cannot. */
export function windowRungHelps(blocker: CaptureBlocker | undefined): boolean {
  // A top-level window escapes the frame's policy and is not the same page the agent refused in;
  // it does not make HTTP secure, and it has the same browser.
  return blocker === 'policy' || blocker === 'refused';
}
