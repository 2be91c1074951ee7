import { captureWindowEn } from './capture-window.js';

/**
 * The screenshot tool's words (`<triage-screenshot>`), in English, with those it shares with the
 * capture window; `{placeholders}` are filled by fill(). The editor's are in ./screenshot-editor.ts:
 * they load with it.
 */
export const screenshotEn = {
  ...captureWindowEn,
  shotTitle: 'Screenshot',
  shotIntro: 'Customer details are blacked out automatically before you see the picture.',
  shotTab: 'Capture this tab',
  shotWindowWaiting: 'Finish the capture in the small window that opened.',
  shotPasteLabel: 'Paste a picture: press Print Screen, then click here and press Ctrl+V (or drop a file here)',
  shotFile: 'Choose a picture file',
  shotInsecure: 'Screen capture is not available because this page is not served over HTTPS. Paste a picture or choose a file instead.',
  shotPolicy: 'Screen capture is not allowed inside this embedded page (the host did not grant "display-capture"). Capture from a separate window, paste a picture or choose a file instead.',
  shotUnsupported: 'This browser cannot capture the screen. Paste a picture or choose a file instead.',
  shotRefused: 'The screen was not shared, so no picture was taken. Try again, capture from a separate window, paste a picture or choose a file.',
  shotFailed: 'The capture did not produce a picture ({reason}). Paste a picture or choose a file instead.',
  shotNotImage: '"{name}" is not a picture the browser can read.',
  shotMasked: '{count} areas with customer details were blacked out automatically. Check the picture before attaching it.',
  shotMaskedNone: 'No customer-data areas were found on this page. Check the picture before attaching it.',
  shotMaskUnknown: 'Automatic masking covers this tab only: this picture was not masked. Check it and black out any customer details by hand.',
  shotMaskInvalid: 'These mask selectors are not valid CSS and masked nothing: {selectors}',
  shotAttach: 'Attach screenshot',
  shotDiscard: 'Discard',
  shotAttached: 'Screenshot attached ({size}).',
  shotRefusedByReport: 'The report did not take the screenshot: {reason}',
};

export type ScreenshotStrings = typeof screenshotEn;
