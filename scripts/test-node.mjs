// Node-side tests: the core (also run in Chromium) and the intake service over real HTTP.
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
