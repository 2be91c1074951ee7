// `npm run size`: what each embed file costs a host, gzip -9 and brotli, alone and with all it
// needs: the chunks it imports statically plus the chunks it loads lazily for its own job (the
// reporter's schema, loaded on submit, counts). Another entry loaded lazily (the launcher loading
// the reporter) is that entry's cost, on its own line.
// Each budgeted entry has the issue's target and a ceiling: the ceiling fails the run (no
// size regression lands); a target above today's figure is printed as what is still to win.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dir = 'dist/embed';
const BUDGETS_KB = {
  'triage-launcher.js': { target: 3, ceiling: 3 },
  // The reporter as a whole (its validator included). The architecture issue asked for 32 KB; its
  // controllers, template modules, base element and @lit/task cost 2.4 KB over the one-class
  // reporter (33.0 KB rebuilt the same way), and the floor measured without decorators and without
  // @lit/task is still 33.2 KB, so 32 is out of reach without undoing that structure (README,
  // "Size"). The ceiling held it at 34.7 KB; issue 12's known-incident banner adds 1.1 KB that
  // loads only when the related-reports lookup names an incident (so opening stays under its
  // ceiling), hence 36. Issue 14 (related reports, frozen workspace, live error summary, Spanish
  // messages, countdown, Sent recap) and issue 14's theme brought it to 39.8; shared chunks and
  // dropping @lit/task won back 1.0, hence 39 (the rest is issue 14's own code; README, "Size").
  // Issue 11's first view (opening 28.7 -> 25.3 KB) split the severity core and what it makes of
  // the form off the open chunk: the same code in more gzip streams, 38.9 -> 39.7 (bench/NOTES.md).
  // Issue 11's open latency keeps Intl formatters once built (src/format.ts): +50 bytes, and the
  // merge with the start-up drain's split of the delivery code +0.1 KB (rollup's chunking of the
  // shared modules moved), hence 40 (39.9). The ticket schema on zod's core classes instead of
  // zod/mini's wrappers, validated through its Standard Schema interface instead of safeParse (no
  // error class): the validator 7.6 -> 6.4 KB, the whole 39.9 -> 38.7, hence 38.8.
  'triage-reporter.js': { target: 32, ceiling: 38.8 },
  // The rewind buffer a host imports before everything else (issue 8).
  'triage-rewind.js': { target: 2, ceiling: 2 },
  // The provider answers the context protocol itself, without @lit/context's ContextProvider and
  // ContextRoot: 2.5 -> 2.15 KB.
  'triage-provider.js': { target: 2.2, ceiling: 2.2 },
  // The OSvC add-in's init page, which runs all shift (the performance issue: 8 KB at start).
  'osvc-addin-init.js': { target: 8, ceiling: 5.6 },
};
// A desktop page at start as the README wires it: the rewind buffer, provider, launcher and OSvC
// adapter, and the delivery entry the setup script imports (static imports only). The performance
// issue's target is 8 KB. The schema and the severity core no longer load to drain (the demo's
// wiring paid 69 KB at start, then 61), the provider dropped @lit/context's controllers (21.9 KB);
// the transports, signals and follower load when first used (16.0 KB, draining a queued report at
// once); the outbox itself now loads once the page is idle and drains then, so the delivery entry
// is stand-ins and option checks (1.7 KB): 11.0 KB. The elements and adapter alone are 9.3 KB,
// each a plain module (bench/NOTES.md, 1). What drains once idle (the outbox and the intake
// transport) is its own line, held by `drainCeiling`. Loading a part's code again after a failed
// load (Chromium keeps a failed module for the page's life, so a plain retry never succeeds)
// adds 0.2 KB to the entry: 11.3, hence 11.4.
const DESKTOP_START = {
  entries: ['triage-rewind.js', 'triage-launcher.js', 'triage-provider.js', 'triage-osvc.js'],
  drain: 'triage-delivery.js',
  // The chunks the drain entry loads once idle to drain to the intake service (rollup names them after their modules).
  outbox: 'outbox',
  transport: 'intake',
  target: 8,
  ceiling: 11.4,
  // Without the delivery entry, for a page that wires no delivery.
  elementsCeiling: 9.4,
  // Loaded once idle: the outbox and the intake transport with its HTTP helpers (5.6 KB).
  drainCeiling: 5.7,
};
// The evidence tools (issue 8: capture, editor and logs) load inside the reporter, so what they
// cost is what they add to it: everything they load, eagerly or on first use, that the reporter
// has not loaded already. The issue's target is 12 KB together. They were 16.0 KB; one chunk for
// both elements (they always load together), their shared base, the reporter's format helpers
// in the log tool and dead exports trimmed brought them to 15.3 (the editor's words now load
// with the editor: 0.2 KB less on show, 30 B more in all). What is left is their own code:
// the editor, the capture and masking code, redaction, the elements and their words, and the
// context root (bench/NOTES.md, "2. On use"), so the ceiling holds them there. The encoder's
// screen check adds 0.1 KB (99 B): it lets a desktop be encoded lossless, in about half the
// time, without a photo paying a wasted second for it (NOTES, "5. Screenshot"). Redaction rules
// that name their kind once (-56 B), the screenshot words in the elements' chunk with the capture
// window's four apart (-37 B) and the log tool's intro formatting the window's end once (-15 B):
// 15.32 -> 15.21 KB, hence 15.3.
const EVIDENCE = { tools: ['triage-screenshot.js', 'triage-logs.js'], target: 12, ceiling: 15.3 };
// The anchor: @sentry/browser 11.12 measured the same way (../shared/reference/anchors.md).
const ANCHORS = 'Sentry SDK core 28.0 KB · core + lazy feedback button 34.5 KB · core + full feedback widget 45.9 KB (gzip)';

const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const sizes = new Map();
function measure(file) {
  if (!sizes.has(file)) {
    const bytes = readFileSync(join(dir, file));
    sizes.set(file, {
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return sizes.get(file);
}
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const lazyChunks = (manifest[file]?.dynamicImports ?? []).filter((dep) => !manifest[dep]?.entry);
  for (const dep of [...(manifest[file]?.imports ?? []), ...lazyChunks]) closure(dep, seen);
  return seen;
}

const kb = (n) => (n / 1024).toFixed(1).padStart(6);
const rows = [];
let over = false;
for (const file of Object.keys(manifest).filter((f) => manifest[f].entry).sort()) {
  const own = measure(file);
  const total = [...closure(file)].map(measure).reduce((a, s) => ({ gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }), { gzip: 0, brotli: 0 });
  const budget = BUDGETS_KB[file];
  let verdict = '';
  if (budget && total.gzip > budget.ceiling * 1024) {
    verdict = `> ${budget.ceiling} KB ceiling: OVER BUDGET`;
    over = true;
  } else if (budget) {
    verdict = total.gzip <= budget.target * 1024 ? `≤ ${budget.target} KB ok` : `target ${budget.target} KB: ${((total.gzip - budget.target * 1024) / 1024).toFixed(1)} KB to win (ceiling ${budget.ceiling} KB)`;
  }
  rows.push(`${file.padEnd(24)}${kb(own.gzip)} KB${kb(own.brotli)} KB   ${kb(total.gzip)} KB${kb(total.brotli)} KB   ${verdict}`);
}
console.log(`${'embed file'.padEnd(24)}${'gzip'.padStart(9)}${'brotli'.padStart(9)}   ${'with all it loads (gzip, brotli)'}`);
for (const row of rows) console.log(row);

const reporterFiles = manifest['triage-reporter.js'] ? closure('triage-reporter.js') : new Set();
/** The file and the chunks it imports statically: what loads before it runs. */
function staticClosureOf(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const dep of manifest[file]?.imports ?? []) staticClosureOf(dep, seen);
  return seen;
}

// What opening the reporter fetches: the entry and its static imports, not the validator that
// loads once the agent types (the performance issue's target: 26 KB on open). Issue 14 and the
// known-incident banner brought it to 29.5; shared chunks and dropping @lit/task won back 0.9, hence 29.
// The severity core, the suggestion, the SLA and the ticket now load after the first view (a blank
// form shows no severity; a draft with one waits for the core): 25.3, hence 25.4. The entry's
// preloadLaterParts (the launcher's warm-up fetches them too) adds a few bytes: hence 25.5. A draft
// keeping the linked status incident, a report of attachments only asking before it closes, and
// a reporter made ahead of the click (fresh time, draft read again on show) add 70 B: hence 25.6.
const ON_OPEN = { target: 26, ceiling: 25.6 };
if (manifest['triage-reporter.js']) {
  const staticClosure = (file, seen = new Set()) => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const dep of manifest[file]?.imports ?? []) staticClosure(dep, seen);
    return seen;
  };
  const gzip = [...staticClosure('triage-reporter.js')].map(measure).reduce((sum, s) => sum + s.gzip, 0);
  const fits = gzip <= ON_OPEN.ceiling * 1024;
  if (!fits) over = true;
  const verdict = !fits ? `> ${ON_OPEN.ceiling} KB ceiling: OVER BUDGET` : gzip <= ON_OPEN.target * 1024 ? `≤ ${ON_OPEN.target} KB ok` : `target ${ON_OPEN.target} KB: ${((gzip - ON_OPEN.target * 1024) / 1024).toFixed(1)} KB to win (ceiling ${ON_OPEN.ceiling} KB)`;
  console.log(`${'triage-reporter.js'.padEnd(24)} on open (validator later) ${kb(gzip)} KB gzip   ${verdict}`);
}
const staticImports = (file, seen = new Set()) => {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const dep of manifest[file]?.imports ?? []) staticImports(dep, seen);
  return seen;
};
if (DESKTOP_START.entries.every((file) => manifest[file])) {
  const elements = new Set(DESKTOP_START.entries.flatMap((file) => [...staticImports(file)]));
  const lazyChunk = (name) => {
    const file = manifest[DESKTOP_START.drain].dynamicImports.find((f) => manifest[f].name === name);
    if (!file) throw new Error(`${DESKTOP_START.drain} no longer loads a chunk named "${name}": update DESKTOP_START.`);
    return file;
  };
  const atStart = new Set([...elements, ...staticImports(DESKTOP_START.drain)]);
  const onceIdle = new Set([...staticImports(lazyChunk(DESKTOP_START.outbox)), ...staticImports(lazyChunk(DESKTOP_START.transport))].filter((f) => !atStart.has(f)));
  const gzipOfSet = (files) => [...files].map(measure).reduce((sum, s) => sum + s.gzip, 0);
  const [start, without, drain] = [gzipOfSet(atStart), gzipOfSet(elements), gzipOfSet(onceIdle)];
  const fits = start <= DESKTOP_START.ceiling * 1024 && without <= DESKTOP_START.elementsCeiling * 1024;
  const drainFits = drain <= DESKTOP_START.drainCeiling * 1024;
  if (!fits || !drainFits) over = true;
  const verdict = !fits
    ? `> ${DESKTOP_START.ceiling} KB (${DESKTOP_START.elementsCeiling} KB without delivery) ceiling: OVER BUDGET`
    : start <= DESKTOP_START.target * 1024
      ? `≤ ${DESKTOP_START.target} KB ok`
      : `target ${DESKTOP_START.target} KB: ${((start - DESKTOP_START.target * 1024) / 1024).toFixed(1)} KB to win (ceiling ${DESKTOP_START.ceiling} KB)`;
  console.log(`${'desktop page at start'.padEnd(24)} with the delivery entry ${kb(start)} KB gzip, without ${kb(without)} KB   ${verdict}`);
  console.log(`${'loaded once idle'.padEnd(24)} the drain of queued reports (outbox, intake transport) ${kb(drain)} KB gzip   ${drainFits ? `ceiling ${DESKTOP_START.drainCeiling} KB` : `> ${DESKTOP_START.drainCeiling} KB ceiling: OVER BUDGET`}`);
}
const onTopOfReporter = (files) => [...new Set(files.flatMap((file) => [...closure(file)]))].filter((f) => !reporterFiles.has(f));
const gzipOf = (files) => files.map(measure).reduce((sum, s) => sum + s.gzip, 0);
const tools = EVIDENCE.tools.filter((file) => manifest[file]);
// Both tools share one chunk, which can load either one's first-use chunk: what a host with one
// tool fetches is its show cost and its own first-use chunk, so the lines below split the two.
const eagerOnTop = (files) => [...new Set(files.flatMap((file) => [...staticClosureOf(file)]))].filter((f) => !reporterFiles.has(f));
if (tools.length) {
  const onShow = eagerOnTop(tools);
  const onUse = onTopOfReporter(tools).filter((f) => !onShow.includes(f));
  console.log(`${'evidence tools shown'.padEnd(24)} on top of the reporter ${kb(gzipOf(onShow))} KB gzip   (both elements, their words, the context root)`);
  const each = onUse.map((f) => gzipOf([f])).sort((a, b) => a - b);
  console.log(`${'evidence tools used'.padEnd(24)} on first use           ${kb(gzipOf(onUse))} KB gzip   (${each.map((n) => `${kb(n).trim()} KB`).join(' + ')}: the log collector with redaction, the editor with the capture code)`);
}
if (tools.length) {
  const gzip = gzipOf(onTopOfReporter(tools));
  const verdict =
    gzip > EVIDENCE.ceiling * 1024
      ? `> ${EVIDENCE.ceiling} KB ceiling: OVER BUDGET`
      : gzip <= EVIDENCE.target * 1024
        ? `≤ ${EVIDENCE.target} KB ok`
        : `target ${EVIDENCE.target} KB: ${((gzip - EVIDENCE.target * 1024) / 1024).toFixed(1)} KB to win (ceiling ${EVIDENCE.ceiling} KB)`;
  if (gzip > EVIDENCE.ceiling * 1024) over = true;
  console.log(`${'evidence tools together'.padEnd(24)} on top of the reporter ${kb(gzip)} KB gzip   ${verdict}`);
}
console.log(`anchor: ${ANCHORS}`);
if (over) {
  console.error('An embed file grew past its size ceiling.');
  process.exit(1);
}
