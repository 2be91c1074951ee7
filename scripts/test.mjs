// `npm test`: type check, build (and its size budgets), Node tests, the browser tests in
// Debian's Chromium, then end-to-end tests of the demo against the real intake service.
import { existsSync, readdirSync } from 'node:fs';
import { findChrome, CHROME_MISSING } from './chrome-path.mjs';
import { run } from './run.mjs';

const chrome = findChrome();
if (!chrome) {
  console.error(CHROME_MISSING);
  process.exit(1);
}
const env = { ...process.env, CHROME_PATH: chrome };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const step = (title) => console.log(`\n── ${title} ──`);

step('type check');
run(npm, ['run', '--silent', 'typecheck']);
step('build and size budgets');
run(npm, ['run', '--silent', 'build']);
run(npm, ['run', '--silent', 'size']);
step('Node: core and intake service');
run(npm, ['run', '--silent', 'test:node']);
step('Chromium: core, components, delivery');
run(npm, ['run', '--silent', 'test:browser'], { env });
const e2e = existsSync('test/e2e') ? readdirSync('test/e2e').filter((f) => f.endsWith('.test.ts')) : [];
if (e2e.length) {
  step('end to end: demo desktop + intake service');
  run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...e2e.map((f) => `test/e2e/${f}`)], { env });
}
