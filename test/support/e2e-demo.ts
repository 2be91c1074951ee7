// Shared by the end-to-end suites: the real intake service hosting the demo desktop on a free
// loopback port over a fresh data directory, and Debian's Chromium driven by playwright-core with
// the flags every browser test here uses (scripts/chrome-path.mjs: real tab capture included).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { startIntakeServer } from '../../server/index.js';
import { CHROME_ARGS, CHROME_MISSING, findChrome } from '../../scripts/chrome-path.mjs';

export const API_KEY = 'e2e-api-key';
export const ADMIN_KEY = 'e2e-admin-key';
const root = join(import.meta.dirname, '..', '..');

/** A free loopback port, so the service can come back on the same address after a stop. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A fresh data directory; `remove()` deletes it. */
export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'triage-e2e-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The intake service with the demo desktop on it, as `npm start` serves it (built files from dist/embed). */
export function startDemoService(dataDir: string, port = 0, demoConfig: Record<string, unknown> = {}) {
  return startIntakeServer({
    dataDir,
    port,
    apiKeys: [API_KEY],
    adminKeys: [ADMIN_KEY],
    log: () => undefined,
    demo: { dir: join(root, 'demo'), embedDir: join(root, 'dist', 'embed'), config: { apiKey: API_KEY, ...demoConfig } },
  });
}

/** Headless Chromium with the project's flags. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChrome();
  if (!executablePath) throw new Error(CHROME_MISSING);
  return chromium.launch({ executablePath, args: [...CHROME_ARGS] });
}
