// `npm run bench`: every bench/*.bench.ts in turn (figures only, never pass/fail), then the
// embed sizes beside the anchor's. Benchmarks that need the built service or embeds build first.
import { existsSync, readdirSync } from 'node:fs';
import { run } from './run.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
if (!existsSync('dist/server/index.js') || !existsSync('dist/embed/manifest.json')) run(npm, ['run', '--silent', 'build']);
for (const file of readdirSync('bench').filter((f) => f.endsWith('.bench.ts')).sort()) {
  console.log(`\n── bench/${file} ──`);
  run(process.execPath, ['--import', 'tsx', `bench/${file}`]);
}
console.log('\n── embed sizes ──');
run(npm, ['run', '--silent', 'size']);
