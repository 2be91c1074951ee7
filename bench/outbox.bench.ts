// How long the outbox takes, in Debian's Chromium against the real intake service (server/dist):
// the time until a report is safe on the device (what the agent waits for before the form can
// close), until the service confirmed it, and how fast a backlog drains when the network returns.
// Figures only, no assertions: `npm run build && npx tsx bench/outbox.bench.ts`.
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const serverEntry = join(root, 'server', 'dist', 'server', 'index.js');
if (!existsSync(serverEntry)) throw new Error('Run `npm run build` first: the benchmark needs server/dist/server/index.js.');

const bundle = await build({
  stdin: { contents: "export * from './src/outbox.ts'; export * from './src/transports/intake.ts';", resolveDir: root, loader: 'ts' },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  write: false,
});
const page = createServer((req, res) => {
  if (req.url === '/outbox.js') {
    res.writeHead(200, { 'Content-Type': 'text/javascript' });
    res.end(bundle.outputFiles[0].text);
  } else {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>outbox bench</title>');
  }
});
await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
const pageOrigin = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;

const { startIntakeServer } = (await import(pathToFileURL(serverEntry).href)) as typeof import('../server/index.js');
const dataDir = mkdtempSync(join(tmpdir(), 'triage-outbox-bench-'));
const key = 'bench-key';
const intake = await startIntakeServer({
  port: 0,
  dataDir,
  apiKeys: [key],
  allowedOrigins: [pageOrigin],
  rateLimit: { perMinute: 1_000_000 },
  log: () => undefined,
});

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
});
try {
  const tab = await browser.newPage();
  // tsx compiles the evaluated function with esbuild's keep-names helper, which the page lacks.
  await tab.addInitScript('globalThis.__name = (target) => target');
  await tab.goto(pageOrigin);
  const figures = await tab.evaluate(
    async ({ url, apiKey }) => {
      type Outbox = {
        submit(t: unknown, a: unknown[]): Promise<{ id: string }>;
        watch(id: string, cb: (e: { delivery: { state: string } }) => void): () => void;
        close(): void;
      };
      const m = (await import('/outbox.js' as string)) as {
        createOutbox(o: unknown): Outbox;
        createIntakeTransport(o: unknown): unknown;
      };
      const ticket = () => ({
        id: crypto.randomUUID(),
        createdAt: new Date().toISOString(),
        summary: 'Chats from the ABC queue are not routing',
        category: 'chat-routing',
        occurredAt: new Date().toISOString(),
        timeZone: 'America/New_York',
        severity: { suggested: 1, reasons: ['35 % of chats are not routing.'], chosen: 1 },
      });
      const withBytes = (bytes: number) => {
        const blob = new Blob([new Uint8Array(bytes).fill(65)], { type: 'text/plain' });
        const t = { ...ticket(), attachments: bytes ? [{ name: 'a.log', type: 'text/plain', size: bytes, kind: 'logs' }] : [] };
        return { t, files: bytes ? [{ name: 'a.log', type: 'text/plain', blob }] : [] };
      };
      const sentOf = (outbox: Outbox, id: string) =>
        new Promise<void>((resolve) => {
          const stop = outbox.watch(id, (e) => {
            if (e.delivery.state === 'sent') {
              queueMicrotask(() => stop());
              resolve();
            }
          });
        });
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
      const transport = m.createIntakeTransport({ url, apiKey });
      const results: Record<string, string> = {};

      for (const [label, bytes, runs] of [
        ['no attachment', 0, 30],
        ['1 MB attachment', 1024 * 1024, 10],
        ['9 MB attachment', 9 * 1024 * 1024, 5],
      ] as const) {
        const outbox = m.createOutbox({ transport, dbName: `bench-${crypto.randomUUID()}` });
        const stored: number[] = [];
        const sent: number[] = [];
        for (let i = 0; i < runs; i++) {
          const { t, files } = withBytes(bytes);
          const start = performance.now();
          const delivered = sentOf(outbox, t.id);
          await outbox.submit(t, files);
          stored.push(performance.now() - start);
          await delivered;
          sent.push(performance.now() - start);
        }
        outbox.close();
        results[`submit -> stored, ${label} (median of ${runs})`] = `${median(stored).toFixed(1)} ms`;
        results[`submit -> sent, ${label} (median of ${runs})`] = `${median(sent).toFixed(1)} ms`;
      }

      // A backlog: 50 reports queued while "offline" (a closed port), drained by the next page.
      const dbName = `bench-${crypto.randomUUID()}`;
      const offline = m.createOutbox({
        transport: m.createIntakeTransport({ url: 'http://127.0.0.1:9', apiKey }),
        dbName,
        backoff: { baseMs: 600_000, maxMs: 600_000 },
      });
      const ids: string[] = [];
      for (let i = 0; i < 50; i++) ids.push((await offline.submit(ticket(), [])).id);
      offline.close();
      const start = performance.now();
      const online = m.createOutbox({ transport, dbName });
      await Promise.all(ids.map((id) => sentOf(online, id)));
      const seconds = (performance.now() - start) / 1000;
      online.close();
      results['backlog of 50 queued reports drained by the next page'] = `${seconds.toFixed(2)} s (${(50 / seconds).toFixed(0)} reports/s)`;
      return results;
    },
    { url: intake.url, apiKey: key },
  );
  for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(62)} ${value}`);
} finally {
  await browser.close();
  await intake.close();
  page.close();
  rmSync(dataDir, { recursive: true, force: true });
}
