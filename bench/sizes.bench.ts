// What a desktop downloads, beside Sentry's widget built the same way in the same run: our embed
// files as `npm run build` made them (dist/embed/manifest.json says what each one imports), and
// @sentry/browser 11 bundled here (./sentry-bundle.ts) by rollup with the same resolve and terser settings
// (rollup.config.mjs TERSER_OPTIONS): its lazy feedback button (feedbackAsyncIntegration) and
// its full widget with screenshot (feedbackIntegration). gzip -9 and brotli 11.
// Figures only, no assertions: `npx tsx bench/sizes.bench.ts` (after `npm run build`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { bundleSentry, type SentryEntry } from './sentry-bundle.js';

const root = join(import.meta.dirname, '..');
const embed = join(root, 'dist', 'embed');
type Manifest = Record<string, { entry: boolean; name?: string; imports: string[]; dynamicImports: string[] }>;
const manifest = JSON.parse(readFileSync(join(embed, 'manifest.json'), 'utf8')) as Manifest;

interface Size {
  gzip: number;
  brotli: number;
}
const sizeOf = (code: string | Buffer): Size => ({
  gzip: gzipSync(code, { level: 9 }).length,
  brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
const add = (sizes: Size[]): Size => sizes.reduce((a, s) => ({ gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }), { gzip: 0, brotli: 0 });

/** Files a module fetches: its static imports, and with `lazy` the chunks it loads for its own job (not other entries). */
function closure(graph: Manifest, file: string, lazy: boolean, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const node = graph[file]!;
  for (const dep of [...node.imports, ...(lazy ? node.dynamicImports.filter((d) => !graph[d]?.entry) : [])]) closure(graph, dep, lazy, seen);
  return seen;
}
const ours = new Map<string, Size>();
const ourSize = (files: Iterable<string>) => add([...files].map((f) => ours.get(f) ?? (ours.set(f, sizeOf(readFileSync(join(embed, f)))), ours.get(f)!)));

// The anchor, bundled now (./sentry-bundle.ts).
/** One entry built on its own, as a host would ship it; `lazy` adds the chunks it loads later by itself. */
async function sentry(entry: SentryEntry, lazy: boolean): Promise<Size> {
  const output = await bundleSentry(entry);
  const graph: Manifest = {};
  const sizes = new Map<string, Size>();
  for (const chunk of output) {
    graph[chunk.fileName] = { entry: chunk.isEntry, imports: chunk.imports, dynamicImports: chunk.dynamicImports };
    sizes.set(chunk.fileName, sizeOf(chunk.code));
  }
  return add([...closure(graph, `${entry}.js`, lazy)].map((f) => sizes.get(f)!));
}
// The lazy button at start (what it loads on click comes from Sentry's CDN), the full widget with all it loads.
const sentryAsync = await sentry('sentry-async', false);
const sentryFull = await sentry('sentry-full', true);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const both = (s: Size) => `${kb(s.gzip)} / ${kb(s.brotli)}`;
const ratio = (a: Size, b: Size) => `${(a.gzip / b.gzip).toFixed(2)}x`;
const row = (what: string, size: Size, anchorName: string, anchor: Size | undefined, target: string) =>
  console.log(`| ${what} | ${both(size)} | ${anchor ? `${anchorName} ${both(anchor)}` : anchorName} | ${anchor ? ratio(size, anchor) : ''} | ${target} |`);

console.log('| what | ours gzip / brotli | anchor (Sentry 11, same rollup + terser) | ours / anchor (gzip) | target |');
console.log('|---|---|---|---|---|');
// 1. Before anyone reports.
const init = ourSize(closure(manifest, 'osvc-addin-init.js', false));
row('OSvC add-in init page, until ready (osvc-addin-init.js and its imports)', init, 'SDK + lazy feedback button', sentryAsync, init.gzip <= 8 * 1024 ? '≤ 8 KB ok' : '≤ 8 KB: over');
// A desktop page as the README wires it: the rewind buffer first, the provider, the launcher, the
// OSvC adapter, and the delivery entry (triage-delivery.js) its setup script imports: stand-ins
// whose code loads later. Only their static imports. Once the page is idle the outbox loads and
// drains what an earlier page left queued, through the one transport it sends with (the intake
// service's): that is its own line, and so is what the launcher warms.
const startEntries = ['triage-rewind.js', 'triage-launcher.js', 'triage-provider.js', 'triage-osvc.js'];
const elementsAtStart = new Set(startEntries.flatMap((e) => [...closure(manifest, e, false)]));
const lazyOfDelivery = (name: string) => manifest['triage-delivery.js'].dynamicImports.find((file) => manifest[file].name === name)!;
const kitAtStart = new Set([...elementsAtStart, ...closure(manifest, 'triage-delivery.js', false)]);
const kit = ourSize(kitAtStart);
row('a desktop page at start: rewind, launcher, provider, OSvC host adapter, and the delivery entry (stand-ins)', kit, 'SDK + lazy feedback button', sentryAsync, kit.gzip <= 8 * 1024 ? '≤ 8 KB ok' : '≤ 8 KB: over');
row('  of which the delivery entry', ourSize([...kitAtStart].filter((f) => !elementsAtStart.has(f))), '', undefined, '');
row('  without it (a page that wires no delivery)', ourSize(elementsAtStart), 'SDK + lazy feedback button', sentryAsync, '');
const drained = new Set(['outbox', 'intake'].flatMap((name) => [...closure(manifest, lazyOfDelivery(name), false)]).filter((f) => !kitAtStart.has(f)));
row('loaded once idle: the drain of queued reports (the outbox and the intake transport)', ourSize(drained), 'no counterpart', undefined, 'its own line');
const afterIdle = new Set([...kitAtStart, ...drained]);
const desktop = ourSize(new Set([...closure(manifest, 'triage-rewind.js', false), ...closure(manifest, 'demo-desktop.js', false)]));
row('the demo desktop at start, its own demo code (media bar, chat, My reports) included', desktop, 'no counterpart', undefined, '');
const warmed = new Set(['triage-reporter.js', 'triage-delivery.js'].flatMap((e) => [...closure(manifest, e, false)]).filter((f) => !afterIdle.has(f)));
row('warmed by the launcher once the page is idle (the reporter, and what it loads that the page has not)', ourSize(warmed), 'not warmed (fetched on click)', undefined, 'its own line');
// 2. On use.
const reporterOpen = closure(manifest, 'triage-reporter.js', false);
row('opening the reporter (the validator loads on the first Send)', ourSize(reporterOpen), 'full widget', sentryFull, reporterOpen.size && ourSize(reporterOpen).gzip <= 26 * 1024 ? '≤ 26 KB ok' : '26 KB');
const reporterAll = closure(manifest, 'triage-reporter.js', true);
row('the reporter as a whole (validator, status view included)', ourSize(reporterAll), 'full widget', sentryFull, '32 KB (ceiling 38.8 in npm run size)');
const tools = new Set(['triage-screenshot.js', 'triage-logs.js'].flatMap((e) => [...closure(manifest, e, true)]).filter((f) => !reporterAll.has(f)));
row('the evidence tools, on top of the reporter', ourSize(tools), '', undefined, '12 KB');
const everything = new Set([...reporterAll, ...tools]);
row('everything together: reporter, evidence tools and status view', ourSize(everything), 'full widget', sentryFull, `≤ 0.9x Sentry (${kb(0.9 * sentryFull.gzip)})`);
console.log('The status view ships inside the reporter (no embed file of its own); `triage-status` for hosts is in the npm package only.');
console.log(`Sentry alone here: SDK + lazy button ${both(sentryAsync)}, SDK + full widget with screenshot ${both(sentryFull)} (anchors.md: 34.5 and 45.9 KB gzip).`);
