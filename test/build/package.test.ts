// What `npm install triage-kit` gives a host, read from `npm pack --dry-run` (npm test builds
// first): the widget and its browser dependencies only, never the intake service, its native
// database driver or the demo. And the intake package carries everything its command runs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const BROWSER_DEPENDENCIES = ['lit', '@lit/context', 'zod'];
const SERVER_DEPENDENCIES = ['hono', '@hono/node-server', 'better-sqlite3', 'pg'];

interface Packed {
  name: string;
  files: Array<{ path: string }>;
}

/** The files npm would publish for the package in `dir` (scripts off: nothing is rebuilt). */
function packed(args: string[] = []): { name: string; paths: string[] } {
  const output = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts', ...args], { cwd: root, encoding: 'utf8' });
  const [pack] = JSON.parse(output) as Packed[];
  return { name: pack!.name, paths: pack!.files.map((file) => file.path) };
}

describe('published packages', () => {
  const widget = packed(['--workspaces=false']);
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;

  it('ships the widget: the built modules, their types and the embed files', () => {
    assert.equal(widget.name, 'triage-kit');
    for (const file of ['dist/components/reporter/define.js', 'dist/components/reporter/define.d.ts', 'dist/src/severity.js', 'dist/embed/triage-reporter.js', 'package.json', 'README.md']) {
      assert.ok(widget.paths.includes(file), `${file} is published (run npm run build first)`);
    }
  });

  it('carries no server, demo, test or build code', () => {
    const stray = widget.paths.filter((path) => /^(server|demo|test|bench|scripts|dist\/server|dist\/demo|dist\/test)\//.test(path) || path === 'dist/embed/demo-desktop.js');
    assert.deepEqual(stray, []);
    const code = widget.paths.filter((path) => path.endsWith('.js')).map((path) => readFileSync(join(root, path), 'utf8')).join('\n');
    for (const module of SERVER_DEPENDENCIES) assert.doesNotMatch(code, new RegExp(`from ["']${module}["']`), `no published module imports ${module}`);
    assert.doesNotMatch(code, /from ["']node:/, 'no published module imports a Node built-in');
  });

  it('depends only on what a browser needs', () => {
    const dependencies = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies });
    assert.deepEqual(dependencies.filter((name) => !BROWSER_DEPENDENCIES.includes(name)), []);
    for (const name of SERVER_DEPENDENCIES) assert.equal(manifest.dependencies?.[name], undefined, `${name} is not a dependency of the widget`);
  });

  it('gives the intake service its own package with the server dependencies and a command to start it', () => {
    const intake = packed(['--workspace=server']);
    const server = JSON.parse(readFileSync(join(root, 'server', 'package.json'), 'utf8')) as { bin: Record<string, string>; dependencies: Record<string, string> };
    assert.equal(intake.name, '@triage-kit/intake');
    for (const name of SERVER_DEPENDENCIES) assert.ok(server.dependencies[name], `${name} is a dependency of the intake`);
    const bin = server.bin['triage-intake']!;
    for (const file of [bin, 'dist/server/index.js', 'dist/server/admin/admin.css', 'dist/src/ticket.js', 'dist/src/severity.js']) {
      assert.ok(intake.paths.includes(file), `${file} is in the intake package (run npm run build first)`);
    }
    assert.match(readFileSync(join(root, 'server', bin), 'utf8'), /^#!\/usr\/bin\/env node\n/, 'the command runs as an executable');
    assert.deepEqual(intake.paths.filter((path) => !path.startsWith('dist/') && !['package.json', 'README.md'].includes(path)), []);
  });
});
