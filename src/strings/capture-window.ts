/**
 * The words the capture window shows (components/screenshot/capture-page.ts), in English; the
 * screenshot tool shows them too (./screenshot.ts). Apart, so the window loads these four and the
 * tool's other words travel with its element.
 */
export const captureWindowEn = {
  shotScreen: 'Capture entire screen',
  shotCapturing: 'Waiting for the browser to share the screen…',
  shotWindow: 'Capture from a separate window',
  shotNoReport: 'There is no report to attach the screenshot to.',
};
