// What the rewind buffer costs the host, in Debian's Chromium: nanoseconds per console.log and per
// failed fetch (a real refused connection on a closed local port), on a bare page and on a page
// with the buffer installed, in one run. Two console figures: the host's console.log as Chromium
// has it (with DevTools attached, as the benchmark driver is), and a host that silenced its
// console (a no-op), where the recording is nearly all that is left.
// Figures only, no assertions: `npx tsx bench/logs.bench.ts`.
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = await build({
  entryPoints: [join(root, 'src/logs/rewind.ts')],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  write: false,
});
const server = createServer((req, res) => {
  if (req.url?.startsWith('/rewind.js')) {
    res.writeHead(200, { 'Content-Type': 'text/javascript' });
    res.end(bundle.outputFiles[0]!.text);
  } else {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>logs bench</title>');
  }
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
});

type Figures = { log: number; failedFetch: number; entries: number };

/** One fresh page: the host's console (or a silenced one), optionally the rewind buffer, then the timings. */
async function measure(withRewind: boolean, silenced: boolean): Promise<Figures> {
  const tab = await browser.newPage();
  // tsx compiles the evaluated function with esbuild's keep-names helper, which the page lacks.
  await tab.addInitScript('globalThis.__name = (target) => target');
  await tab.goto(origin);
  const figures = await tab.evaluate(
    async ({ withRewind, silenced }) => {
      const perCall = async (n: number, call: (i: number) => unknown) => {
        for (let i = 0; i < Math.min(n, 2000); i++) await call(i); // warm-up
        const start = performance.now();
        for (let i = 0; i < n; i++) await call(i);
        return ((performance.now() - start) * 1e6) / n;
      };
      if (silenced) {
        const quiet = () => undefined;
        (globalThis as { console: unknown }).console = { debug: quiet, log: quiet, info: quiet, warn: quiet, error: quiet, trace: quiet, assert: quiet };
      }
      type Rewind = { collect(w: { from: Date; to: Date }): unknown[] };
      const rewind = withRewind ? ((await import('/rewind.js' as string)) as { installRewind(): Rewind }).installRewind() : undefined;
      const log = await perCall(silenced ? 200_000 : 20_000, (i) => console.log('agent state', i, { queue: 'ABC', ready: true }));
      const failedFetch = silenced ? 0 : await perCall(200, () => fetch('http://127.0.0.1:2/cti/state?agent=42').catch(() => undefined));
      const entries = rewind ? rewind.collect({ from: new Date(0), to: new Date(Date.now() + 1000) }).length : 0;
      return { log, failedFetch, entries };
    },
    { withRewind, silenced },
  );
  await tab.close();
  return figures;
}

try {
  // Two rounds, bare and rewind alternating, the faster of each kept: the machine is shared and
  // the order must not decide the figure.
  const rounds = { bare: [] as Figures[], rewind: [] as Figures[], bareSilent: [] as Figures[], rewindSilent: [] as Figures[] };
  for (let round = 0; round < 2; round++) {
    rounds.bare.push(await measure(false, false));
    rounds.rewind.push(await measure(true, false));
    rounds.bareSilent.push(await measure(false, true));
    rounds.rewindSilent.push(await measure(true, true));
  }
  const fastest = (runs: Figures[]): Figures => ({
    log: Math.min(...runs.map((r) => r.log)),
    failedFetch: Math.min(...runs.map((r) => r.failedFetch)),
    entries: runs[0]!.entries,
  });
  const [bare, rewind, bareSilent, rewindSilent] = [rounds.bare, rounds.rewind, rounds.bareSilent, rounds.rewindSilent].map(fastest) as [Figures, Figures, Figures, Figures];
  const row = (label: string, a: number, b: number) =>
    console.log(`${label.padEnd(44)} bare ${a.toFixed(0).padStart(9)} ns   rewind ${b.toFixed(0).padStart(9)} ns   ratio ${(b / a).toFixed(2)}x   (+${(b - a).toFixed(0)} ns)`);
  row('console.log, host console silenced (no-op)', bareSilent.log, rewindSilent.log);
  row('console.log, Chromium console (DevTools on)', bare.log, rewind.log);
  row('failed fetch, refused local port', bare.failedFetch, rewind.failedFetch);
  console.log(`entries held after 202,000 calls: ${rewindSilent.entries} (cap 2000)`);
  console.log('anchor: Gleap keeps the last 500 console entries and 30-70 requests; Sentry records console and network only with its replay product; Jira and Zendesk none (no per-call cost published)');
} finally {
  await browser.close();
  server.close();
}
