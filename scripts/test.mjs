// `npm test`: type check, lint (lit-analyzer), build (and its size budgets), Node tests, the browser tests in
// Debian's Chromium, then end-to-end tests of the demo against the real intake service.
// Ends with one line counting every test of every runner: "N passed, N failed".
import { spawn } from 'node:child_process';
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
const totals = { passed: 0, failed: 0 };

/** Runs a test runner, echoing its output, and adds its final counts to the totals. */
function runCounted(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], ...options });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.on('close', (code) => {
      // node:test closes with "# pass N" / "# fail N"; web-test-runner's last progress line has "N passed, N failed".
      const node = [...output.matchAll(/^# (pass|fail) (\d+)$/gm)];
      const wtr = [...output.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
      for (const [, kind, n] of node) totals[kind === 'pass' ? 'passed' : 'failed'] += Number(n);
      if (!node.length && wtr) {
        totals.passed += Number(wtr[1]);
        totals.failed += Number(wtr[2]);
      }
      if (code !== 0) {
        console.error(`\n✗ ${[command, ...args].join(' ')} exited with ${code}`);
        console.log(`${totals.passed} passed, ${totals.failed || 1} failed`);
        process.exit(code ?? 1);
      }
      resolve();
    });
  });
}

step('type check and lint');
run(npm, ['run', '--silent', 'typecheck']);
run(npm, ['run', '--silent', 'lint']);
step('build and size budgets');
run(npm, ['run', '--silent', 'build']);
run(npm, ['run', '--silent', 'size']);
step('Node: core and intake service');
await runCounted(npm, ['run', '--silent', 'test:node']);
step('Chromium: core, components, delivery');
await runCounted(npm, ['run', '--silent', 'test:browser'], { env });
const e2e = existsSync('test/e2e') ? readdirSync('test/e2e').filter((f) => f.endsWith('.test.ts')) : [];
if (e2e.length) {
  step('end to end: demo desktop + intake service');
  await runCounted(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...e2e.map((f) => `test/e2e/${f}`)], { env });
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
