// `npm run size`: what each embed file costs a host, gzip -9 and brotli, alone and with all it
// needs: the chunks it imports statically plus the chunks it loads lazily for its own job (the
// reporter's schema, loaded on submit, counts). Another entry loaded lazily (the launcher loading
// the reporter) is that entry's cost, on its own line.
// Fails when an entry is over its budget: budgets are part of the product.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dir = 'dist/embed';
const BUDGETS_KB = { 'triage-launcher.js': 3, 'triage-reporter.js': 22 };
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
  const verdict = budget === undefined ? '' : total.gzip <= budget * 1024 ? `≤ ${budget} KB ok` : `> ${budget} KB OVER BUDGET`;
  if (verdict.includes('OVER')) over = true;
  rows.push(`${file.padEnd(24)}${kb(own.gzip)} KB${kb(own.brotli)} KB   ${kb(total.gzip)} KB${kb(total.brotli)} KB   ${verdict}`);
}
console.log(`${'embed file'.padEnd(24)}${'gzip'.padStart(9)}${'brotli'.padStart(9)}   ${'with all it loads (gzip, brotli)'}`);
for (const row of rows) console.log(row);
console.log(`anchor: ${ANCHORS}`);
if (over) {
  console.error('An embed file is over its size budget.');
  process.exit(1);
}
