// `npm run bench`: every bench/*.bench.ts in turn (figures only, never pass/fail), then the
// embed sizes beside the anchor's. Benchmarks that need the built service or embeds build first.
import { existsSync, readdirSync } from 'node:fs';
import { run } from './run.mjs';

// What the competing widgets do on the same axis (../shared/reference/anchors.md), printed beside ours.
const ANCHORS = {
  'outbox.bench.ts': 'anchor: Sentry User Feedback gives up after 30 s offline; Gleap sends one request and never retries; Jira and Zendesk: unknown',
  'severity.bench.ts': 'anchor: none of Sentry, Gleap, Jira or Zendesk grades severity or computes an SLA (Gleap: a static LOW/MEDIUM/HIGH)',
  'screenshot.bench.ts': 'anchor: Sentry grabs a frame with getDisplayMedia but masks nothing and is off on HTTP; Gleap renders the DOM on its servers; Jira and Zendesk take no screenshot',
  'intake.bench.ts': 'anchor: no figure published by the widgets; ours is the reference service on loopback, 2 cores',
  'intake-instances.bench.ts': 'anchor: none of the widgets publishes intake figures; floor here: better-sqlite3 about 7,600 durable commits/s, raw fsync about 7,000/s (toolchain.md)',
};

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
if (!existsSync('server/dist/server/index.js') || !existsSync('dist/embed/manifest.json')) run(npm, ['run', '--silent', 'build']);
for (const file of readdirSync('bench').filter((f) => f.endsWith('.bench.ts')).sort()) {
  console.log(`\n── bench/${file} ──`);
  run(process.execPath, ['--import', 'tsx', `bench/${file}`]);
  if (ANCHORS[file]) console.log(ANCHORS[file]);
}
console.log('\n── embed sizes ──');
run(npm, ['run', '--silent', 'size']);
