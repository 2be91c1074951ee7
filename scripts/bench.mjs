// `npm run bench`: every bench/*.bench.ts in turn (figures only, never pass/fail), each figure
// beside its anchor measured in the same run where there is one, then the embed sizes. Writes
// bench/RESULTS.md with the date, the machine and the versions. Benchmarks that need the built
// service or embeds build first. `npm run bench -- logs intake` runs only the benches named.
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release } from 'node:os';
import { run } from './run.mjs';
import { findChrome } from './chrome-path.mjs';

// What the competing widgets do on axes with no figure to measure beside ours (../shared/reference/anchors.md).
const ANCHORS = {
  'outbox.bench.ts': 'anchor: Sentry User Feedback gives up after 30 s offline; Gleap sends one request and never retries; Jira and Zendesk: unknown',
  'severity.bench.ts': 'anchor: none of Sentry, Gleap, Jira or Zendesk grades severity or computes an SLA (Gleap: a static LOW/MEDIUM/HIGH)',
  'screenshot.bench.ts': 'anchor: Sentry grabs a frame with getDisplayMedia but masks nothing and is off on HTTP; Gleap renders the DOM on its servers; Jira and Zendesk take no screenshot',
  'intake-instances.bench.ts': 'anchor: none of the widgets publishes intake figures; the floor is measured by intake.bench.ts in this run',
};
// The order RESULTS.md follows: the points 1-8.
const TITLES = {
  'sizes.bench.ts': '1-2. Bytes before anyone reports, and on use (beside Sentry 11, built here)',
  'open-latency.bench.ts': '3. Open latency: click to the first field focused and typeable, beside Sentry\'s full widget',
  'logs.bench.ts': '4. Host overhead: console.log and failed fetch, bare / ours / Sentry breadcrumbs',
  'screenshot.bench.ts': '5. Screenshot: capture, mask, encode',
  'severity.bench.ts': '6. Core: suggestSeverity and responseDueAt',
  'intake.bench.ts': '7. Intake beside the storage floor',
  'storm.bench.ts': '8. The outage storm',
  'outbox.bench.ts': 'Outbox',
  'intake-instances.bench.ts': 'Intake by storage and instances',
};
const order = Object.keys(TITLES);

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
if (!existsSync('server/dist/server/index.js') || !existsSync('dist/embed/manifest.json')) run(npm, ['run', '--silent', 'build']);
const only = process.argv.slice(2);
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts') && (!only.length || only.some((name) => f.startsWith(name))))
  .sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));

const version = (command, args) => {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'not found';
  }
};
const sentry = JSON.parse(readFileSync('node_modules/@sentry/browser/package.json', 'utf8')).version;
const sections = [
  '# Benchmark results',
  '',
  'Written by `npm run bench` (scripts/bench.mjs); figures only, from one run on one machine. The anchor is measured in the',
  'same run wherever it is a figure: `@sentry/browser` built by the same rollup and terser settings, in the same Chromium.',
  'The machine is shared (2 cores for several engineers at once), so figures move from run to run; ratios of the same run hold better.',
  '',
  `- date: ${new Date().toISOString()}`,
  `- machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}`,
  `- Node ${process.version}; ${version(findChrome() ?? 'chromium', ['--version'])}; @sentry/browser ${sentry}`,
];

/** Table rows stay as they are; every other line becomes its own paragraph. */
const markdown = (text) =>
  text
    .split('\n')
    .filter((line) => line.trim() && !/unexpected operator/.test(line))
    .map((line, i, lines) => (line.startsWith('|') ? line : `${line}\n`) + (line.startsWith('|') && !lines[i + 1]?.startsWith('|') ? '\n' : ''))
    .join('\n');

for (const file of files) {
  console.log(`\n── bench/${file} ──`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `bench/${file}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(result.stdout);
  if (ANCHORS[file]) console.log(ANCHORS[file]);
  sections.push('', `## ${TITLES[file] ?? file}`, '', markdown(result.stdout));
  if (ANCHORS[file]) sections.push(ANCHORS[file]);
  if (result.status !== 0) sections.push(`(bench/${file} exited with ${result.status ?? result.signal}; the figures above are what it printed)`);
}
if (!only.length) {
  console.log('\n── embed sizes ──');
  const size = spawnSync(npm, ['run', '--silent', 'size'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(size.stdout);
  sections.push('', '## Embed files (`npm run size`, the budgets CI enforces)', '', '```', size.stdout.trim(), '```');
}
const notes = 'bench/NOTES.md';
if (existsSync(notes)) sections.push('', readFileSync(notes, 'utf8').trim());
if (only.length) console.log('\nA partial run: bench/RESULTS.md is left as it was.');
else {
  writeFileSync('bench/RESULTS.md', sections.join('\n') + '\n');
  console.log('\nwrote bench/RESULTS.md');
}
