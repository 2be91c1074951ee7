// Checks on the built embed files (npm test builds before it runs these): what a host loads
// up front must not drag in what it may never need.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '..', '..', 'dist', 'embed');
const manifest: Record<string, { entry: boolean; imports: string[]; dynamicImports: string[] }> = existsSync(join(dir, 'manifest.json'))
  ? JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
  : {};

/** The entry and every chunk it imports statically: what loads before it runs. */
function upfront(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const dep of manifest[file]?.imports ?? []) upfront(dep, seen);
  return seen;
}
/** The entry with everything it may load for its own job, now or later (its dynamic imports too). */
function eventually(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const dep of [...(manifest[file]?.imports ?? []), ...(manifest[file]?.dynamicImports ?? [])]) eventually(dep, seen);
  return seen;
}
const code = (files: Iterable<string>) => [...files].map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');

describe('embed build', () => {
  it('has been built (run npm run build first)', () => {
    assert.ok(manifest['triage-launcher.js']?.entry, 'dist/embed/manifest.json lists triage-launcher.js');
    assert.ok(manifest['triage-reporter.js']?.entry);
  });

  it("keeps the reporter out of the launcher's up-front code, loading it (and the delivery code) only when warming or on intent", () => {
    const launcher = code(upfront('triage-launcher.js'));
    // The reporter's own words and Lit's runtime are not in what the launcher loads first.
    for (const marker of ['What did you expect?', 'Send report', 'lit-html', 'LitElement', 'suggestSeverity']) {
      assert.ok(!launcher.includes(marker), `the launcher's up-front code contains "${marker}"`);
    }
    assert.ok(!upfront('triage-launcher.js').has('triage-reporter.js'));
    assert.ok(!upfront('triage-launcher.js').has('triage-delivery.js'));
    assert.deepEqual([...manifest['triage-launcher.js'].dynamicImports].sort(), ['triage-delivery.js', 'triage-reporter.js']);
    // And the reporter really is what it loads: the words are there.
    assert.ok(code(upfront('triage-reporter.js')).includes('What did you expect?'));
  });

  it('builds the reporter without the Spanish catalog, which hosts load only when they want it', () => {
    const reporter = code(upfront('triage-reporter.js'));
    const spanish = readFileSync(join(dir, 'triage-strings-es.js'), 'utf8');
    const phrase = /"([^"]{20,})"/.exec(spanish)?.[1];
    assert.ok(phrase, 'the Spanish catalog has phrases');
    assert.ok(!reporter.includes(phrase), `the reporter bundles the Spanish phrase "${phrase}"`);
  });

  it('shows the evidence tools from one shared chunk and loads the editor, capture and redaction code only on first use', () => {
    const shot = upfront('triage-screenshot.js');
    const logs = upfront('triage-logs.js');
    const shown = code([...shot, ...logs]);
    // The two elements and their words are there when the tools are shown.
    for (const marker of ['Capture this tab', 'Attach logs']) assert.ok(shown.includes(marker), `the tools' up-front code lacks "${marker}"`);
    // What only a click needs is not: the editor's pointer handling and words, frame grabbing, the collector's gzip, the redaction marks.
    for (const marker of ['setPointerCapture', 'Add black-out box', 'getVideoTracks', 'CompressionStream', '[REDACTED:']) {
      assert.ok(!shown.includes(marker), `the tools' up-front code contains "${marker}"`);
    }
    // One chunk, loaded up front by both entries, holds both elements: one request and one gzip stream.
    const both = [...shot].filter((f) => logs.has(f)).map((f) => readFileSync(join(dir, f), 'utf8'));
    assert.ok(both.some((chunk) => chunk.includes('data-rung') && chunk.includes('pick-window')), 'the two elements are in one shared chunk');
  });

  it("gives the provider no Lit and none of @lit/context's controllers: it answers the context protocol itself", () => {
    const provider = code(upfront('triage-provider.js'));
    // Lit's runtime, and property names of @lit/context's ContextProvider and ContextRoot (terser keeps them).
    for (const marker of ['lit-html', 'LitElement', 'onProviderRequest', 'pendingContextRequests']) {
      assert.ok(!provider.includes(marker), `the provider's up-front code contains "${marker}"`);
    }
  });

  it('drains a queued report without the schema (zod) or the severity core: they load on submit, correction or an OSvC send', () => {
    const delivery = code(upfront('triage-delivery.js'));
    for (const marker of ['_zod', 'System Outage', 'lit-html']) {
      assert.ok(!delivery.includes(marker), `the delivery code a page loads to drain contains "${marker}"`);
    }
    // And they are still what it loads when it needs them.
    const later = code(eventually('triage-delivery.js'));
    assert.ok(later.includes('_zod') && later.includes('System Outage'));
  });

  it('holds stand-ins up front: the outbox loads once the page is idle, the transports, signals and follower when first used', () => {
    const delivery = code(upfront('triage-delivery.js'));
    // The outbox's database and channel, the OSvC and intake routes, the signals route and the follower's storage prefix.
    const markers = ['indexedDB', 'triage-outbox:', 'connect/v1.4/incidents', '/api/tickets', '/api/signals', 'triage-follow'];
    for (const marker of markers) assert.ok(!delivery.includes(marker), `the delivery code a page loads to drain contains "${marker}"`);
    const later = code(eventually('triage-delivery.js'));
    for (const marker of markers) assert.ok(later.includes(marker), `the delivery code never loads "${marker}"`);
  });
});
