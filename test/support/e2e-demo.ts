// Shared by the end-to-end suites: the real intake service hosting the demo desktop on a free
// loopback port over a fresh data directory, and Debian's Chromium driven by playwright-core with
// the flags every browser test here uses (scripts/chrome-path.mjs: real tab capture included).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { spawn } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';
import { startIntakeServer } from '../../server/index.js';
import { CHROME_ARGS, CHROME_MISSING, findChrome } from '../../scripts/chrome-path.mjs';

export const API_KEY = 'e2e-api-key';
export const ADMIN_KEY = 'e2e-admin-key';
export const SUPPORT_KEY = 'e2e-support-key';
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

export interface ServiceProcess {
  url: string;
  pid: number;
  /** Sends the signal and resolves once the process is gone (SIGKILL: no chance to close anything). */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Everything it printed, for a failure message. */
  output(): string;
}

/**
 * The intake service as `npm start` runs it: its own Node process on the built
 * server/dist/server/main.js, configured from the environment, the demo desktop on it. A test
 * can kill it for real (SIGKILL) and start another on the same port and data directory.
 */
export async function spawnDemoService(dataDir: string, port: number, env: Record<string, string> = {}): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [join(root, 'server', 'dist', 'server', 'main.js')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      TRIAGE_DATA_DIR: dataDir,
      TRIAGE_API_KEY: API_KEY,
      TRIAGE_SUPPORT_KEY: SUPPORT_KEY,
      TRIAGE_ADMIN_KEY: ADMIN_KEY,
      TRIAGE_LOG_FORMAT: 'json',
      ...env,
    },
  });
  let printed = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      printed += chunk.toString('utf8');
      const started = /intake service on (http:\/\/\S+)/.exec(printed);
      if (started) resolve(started[1]!);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then(() => reject(new Error(`The intake service exited before it listened:\n${printed}`)));
  });
  return {
    url,
    pid: child.pid!,
    output: () => printed,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
