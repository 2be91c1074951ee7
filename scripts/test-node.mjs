// Node-side tests: the core (also run in Chromium) and the intake service over real HTTP. With
// TRIAGE_TEST_DATABASE_URL (a PostgreSQL server where tests may create databases) the intake's
// storage and API suites run a second time on PostgreSQL, so no test is SQLite-only by accident.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './run.mjs';

const folders = process.argv.slice(2).length ? process.argv.slice(2) : ['test/src', 'test/server', 'test/build'];
const files = folders.flatMap((folder) =>
  readdirSync(folder, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.test.ts') && !name.endsWith('.browser.test.ts'))
    .map((name) => join(folder, name)),
);
run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files]);

const serverFiles = files.filter((file) => file.startsWith(join('test', 'server')));
if (process.env.TRIAGE_TEST_DATABASE_URL && serverFiles.length) {
  console.log('\n── the intake service again, on PostgreSQL ──');
  run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...serverFiles], {
    env: { ...process.env, TRIAGE_TEST_ENGINE: 'postgres' },
  });
} else if (serverFiles.length) {
  console.log('\nTRIAGE_TEST_DATABASE_URL is not set: the intake suites ran on SQLite only.');
}
