import { existsSync } from 'node:fs';

/** Debian's Chromium, or the one CHROME_PATH names; null when neither is there. */
export function findChrome() {
  for (const candidate of [process.env.CHROME_PATH, '/usr/bin/chromium']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return null;
}

export const CHROME_MISSING =
  'Chromium not found: install it with `sudo apt-get install -y chromium` or set CHROME_PATH to a Chromium binary.';

/** Flags for headless Chromium on this kind of machine (root, no GPU, closed network). */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // Real tab capture in tests and benchmarks, instead of a picker that waits forever.
  '--auto-accept-this-tab-capture',
  // A name for this machine that is not "localhost", so a test can load a page that is not a
  // secure context (plain HTTP off loopback names) and see how a tool explains it.
  '--host-resolver-rules=MAP insecure.test 127.0.0.1',
];
