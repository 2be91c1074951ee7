/**
 * The capture window's page (dist/embed/triage-capture.html loads it): a top-level window of the
 * report's own origin, so it may capture where the report's iframe may not. One button (the
 * browser asks for a click before it shares a screen), one frame, handed back to the opener,
 * then the window closes. Plain DOM: this page has one button and must load fast.
 */
import { captureWindowEn } from '../../src/strings/capture-window.js';
import { catalogFor, loadCatalog } from '../../src/localize.js';

function toPng(canvas: HTMLCanvasElement): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

export async function startCapturePage(doc: Document = document): Promise<void> {
  // The browser's language: this window has no provider to ask (Spanish loads like everywhere else).
  await loadCatalog(navigator.language);
  const s = { ...captureWindowEn, ...catalogFor(navigator.language) };
  doc.title = s.shotWindow;
  const main = doc.createElement('main');
  const heading = doc.createElement('h1');
  heading.textContent = s.shotWindow;
  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = s.shotScreen;
  const status = doc.createElement('p');
  status.setAttribute('role', 'status');
  main.append(heading, button, status);
  doc.body.append(main);
  if (!doc.defaultView?.opener) {
    button.disabled = true;
    status.textContent = s.shotNoReport;
    return;
  }
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = s.shotCapturing;
    try {
      // The same lazy chunk the screenshot tool loads: one download serves both, and the tool's
      // own first load stays free of capture code.
      const { grabFrame, handBack } = await import('./tools.js');
      const { canvas } = await grabFrame('screen');
      handBack((await toPng(canvas)) ?? undefined);
      window.close();
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : String(error);
      button.disabled = false;
    }
  });
  button.focus();
}

void startCapturePage();
