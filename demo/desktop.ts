// The demo page's entry (bundled to /embed/demo-desktop.js): runs the desktop on this page.
import { startDesktop } from './desktop-app.js';
import { es } from '../src/strings-es.js';

void startDesktop(document, { spanishStrings: es }).catch((error: unknown) => {
  const box = document.getElementById('demo-error');
  if (box) {
    box.textContent = `The demo could not start: ${error instanceof Error ? error.message : String(error)}`;
    box.hidden = false;
  }
  console.error(error);
});
