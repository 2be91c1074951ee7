// custom-elements.json, as `npm run build` writes it (the analyzer reads the Lit sources and their
// JSDoc): every tag the package defines is there with its parts, events and own custom
// properties, each described, checked against what the sources actually render and fire, so a
// JSDoc line the analyzer cannot read (a comma list, a missing `@fires`) fails here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { customElements: string; files: string[]; exports: Record<string, unknown> };

interface Named {
  name: string;
  description?: string;
}
interface Declaration {
  name: string;
  tagName?: string;
  attributes?: Named[];
  members?: Array<Named & { kind: string; privacy?: string }>;
  events?: Named[];
  slots?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}
interface Manifest {
  modules: Array<{ path: string; declarations?: Declaration[]; exports?: Array<{ kind: string; name: string; declaration: { module?: string } }> }>;
}

const manifestPath = join(root, pkg.customElements);
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
const elements = manifest.modules.flatMap((module) => (module.declarations ?? []).filter((d) => d.tagName).map((d) => ({ ...d, module: module.path })));

const folders = readdirSync(join(root, 'components')).filter((folder) => existsSync(join(root, 'components', folder, 'define.ts')));
const sources = (folder: string, pattern = /\.ts$/) =>
  readdirSync(join(root, 'components', folder))
    .filter((file) => pattern.test(file))
    .map((file) => readFileSync(join(root, 'components', folder, file), 'utf8'))
    .join('\n');
/** The tags a folder defines: its define module, and any tool module that registers one lazily. */
const tagsOf = (folder: string) => [...sources(folder).matchAll(/customElements\.define\('([\w-]+)'/g)].map((match) => match[1]!);
const inFolder = (folder: string) => elements.filter((element) => tagsOf(folder).includes(element.tagName!));
const names = (list: Named[] | undefined) => new Set((list ?? []).map((item) => item.name));

describe('custom-elements.json', () => {
  it('is written by the build, published, and named in package.json', () => {
    assert.ok(existsSync(manifestPath), `${pkg.customElements} exists (run npm run build first)`);
    assert.ok(pkg.files.includes(pkg.customElements), 'in package.json files');
    assert.equal(pkg.exports['./custom-elements.json'], `./${pkg.customElements}`);
  });

  it('points at the published JavaScript modules, not the TypeScript sources', () => {
    for (const element of elements) {
      assert.match(element.module, /^dist\/components\/.+\.js$/, element.tagName);
      assert.ok(existsSync(join(root, element.module)), `${element.module} is built`);
    }
    const definitions = manifest.modules.flatMap((module) => (module.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => e.name));
    for (const folder of folders) for (const tag of tagsOf(folder)) assert.ok(definitions.includes(tag), `${tag} has a custom-element-definition export`);
  });

  for (const folder of folders) {
    it(`lists <${tagsOf(folder).join('>, <')}> with every part the sources render and every event they fire, described`, () => {
      const declared = inFolder(folder);
      assert.deepEqual(declared.map((d) => d.tagName).sort(), tagsOf(folder).sort(), 'each tag is in the manifest');

      const rendered = new Set([...sources(folder).matchAll(/\bpart="([^"$]+)"/g)].flatMap((match) => match[1]!.split(/\s+/)));
      const documented = new Set(declared.flatMap((d) => [...names(d.cssParts)]));
      assert.deepEqual([...rendered].filter((part) => !documented.has(part)), [], 'parts rendered but not in the manifest');
      for (const d of declared) for (const part of d.cssParts ?? []) assert.match(part.name, /^[a-z][a-z0-9-]*$/, `${d.tagName} part "${part.name}" (one @csspart per line)`);

      const fired = [...sources(folder).matchAll(/super\('(triage-[\w-]+)'/g)].map((match) => match[1]!);
      const events = declared.flatMap((d) => d.events ?? []);
      for (const event of fired) assert.ok(events.some((e) => e.name === event && e.description), `${event} is listed with a description`);
      for (const event of events) assert.match(event.name, /^triage-[a-z-]+$/, 'every listed event has its name');

      const ownProperties = new Set([...sources(folder, /\.styles\.ts$/).matchAll(/(--triage-[a-z0-9-]+)/g)].map((match) => match[1]!));
      const properties = declared.flatMap((d) => d.cssProperties ?? []);
      for (const property of ownProperties) assert.ok(properties.some((p) => p.name === property), `${property} is listed`);
      for (const property of properties) {
        assert.match(property.name, /^--triage-[a-z0-9-]+$/, `custom property "${property.name}" (one @cssprop per line)`);
        assert.ok(property.description, `${property.name} is described`);
      }
    });
  }

  it('has the reporter’s presentation and status slot, and the status element’s attributes', () => {
    const reporter = elements.find((e) => e.tagName === 'triage-reporter')!;
    assert.ok(names(reporter.attributes).has('presentation'));
    assert.ok(names(reporter.attributes).has('theme'));
    assert.deepEqual([...names(reporter.slots)].sort(), ['evidence', 'status']);
    assert.ok(['show', 'close', 'addAttachment'].every((method) => reporter.members!.some((m) => m.name === method && m.kind === 'method')));
    assert.ok(reporter.cssProperties!.some((p) => p.name === '--triage-accent'));
    const status = elements.find((e) => e.tagName === 'triage-status')!;
    assert.deepEqual([...names(status.attributes)].sort(), ['linked-incident', 'theme', 'url']); // theme: every element's (TriageElement)
  });
});
