// A host may register the elements under its own tag names: each element's class module (the
// package's `triage-kit/<element>/element` export) and everything it imports statically must
// define no tag, so only the define modules (package.json `sideEffects`) register anything.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, { default: string }> };

/** The module and every module of ours it imports statically (dynamic imports run only on use). */
function ownModules(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const [, spec] of code.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s*'(\.[^']+)'|^\s*import\s*'(\.[^']+)'/gm)) {
    if (spec) ownModules(resolve(dirname(file), spec), seen);
  }
  return seen;
}

describe('class modules', () => {
  for (const element of ['launcher', 'reporter', 'reports', 'provider', 'status', 'logs', 'screenshot']) {
    it(`exports <triage-${element}>'s class without registering any tag`, () => {
      const entry = pkg.exports[`./${element}/element`];
      assert.ok(entry, `package.json exports ./${element}/element`);
      for (const file of ownModules(join(root, entry.default))) {
        assert.ok(!/customElements\.define\(/.test(readFileSync(file, 'utf8')), `${file} registers a tag`);
      }
    });
  }
});
