// How fast the severity core answers: suggestSeverity runs on every keystroke of the reporter
// form, and responseDueAt on a business-hours level walks days through Intl, so both should stay
// far below a frame. Figures only, no assertions: run with `npx tsx bench/severity.bench.ts`.
import { responseDueAt, suggestSeverity, type Level, type SeverityInput, type SupportCalendar } from '../src/severity.js';

const WARMUP_MS = 300;
const MEASURE_MS = 1000;

function bench(name: string, work: (iteration: number) => unknown): void {
  let sink: unknown;
  const warmupEnd = performance.now() + WARMUP_MS;
  for (let i = 0; performance.now() < warmupEnd; i++) sink = work(i);
  let iterations = 0;
  const start = performance.now();
  let elapsed = 0;
  // Check the clock every 64 calls so reading it does not dominate the fast cases.
  while (elapsed < MEASURE_MS) {
    for (let j = 0; j < 64; j++) sink = work(iterations++);
    elapsed = performance.now() - start;
  }
  const opsPerSecond = (iterations / elapsed) * 1000;
  const microseconds = (elapsed * 1000) / iterations;
  console.log(`${name.padEnd(58)} ${Math.round(opsPerSecond).toLocaleString('en-US').padStart(12)} ops/s  ${microseconds.toFixed(2).padStart(9)} µs/op`);
  if (sink === Symbol.for('never')) console.log('');
}

const inputs: SeverityInput[] = [
  { category: 'chat-routing', interactionsAffectedPercent: 35 },
  { category: 'media-bar-login', agentsAffected: 12, agentsTotal: 40, workaround: true },
  { category: 'voice', agentsAffected: 3 },
  { category: 'chat-abandonment', abandonment: { currentlyObserved: true, ratePercent: 20, normalRatePercent: 8 } },
  { category: 'media-bar-display', interactionsAffectedPercent: 100 },
  { category: 'enhancement' },
];

// Instants spread over a year, so the business-hours walk meets weekends and DST changes.
const base = Date.UTC(2026, 0, 1);
const instants = Array.from({ length: 4096 }, (_, i) => new Date(base + ((i * 7_919_777_333) % (365 * 86_400_000))));
const london: Partial<SupportCalendar> = { timeZone: 'Europe/London', start: '09:00', end: '17:30', holidays: ['2026-12-25', '2026-12-28'] };

console.log(`node ${process.version}, ${MEASURE_MS} ms per case after ${WARMUP_MS} ms warmup`);
bench('suggestSeverity (6 mixed inputs)', (i) => suggestSeverity(inputs[i % inputs.length]));
const dueAt = (level: Level, options: Parameters<typeof responseDueAt>[2]) => (i: number) =>
  responseDueAt(instants[i & 4095], level, options);
bench('responseDueAt level 1 standard (24x7)', dueAt(1, {}));
bench('responseDueAt level 2 standard (business hours, New York)', dueAt(2, {}));
bench('responseDueAt level 4 standard (business hours, New York)', dueAt(4, {}));
bench('responseDueAt level 4 premium (business hours, London)', dueAt(4, { plan: 'premium', calendar: london }));
