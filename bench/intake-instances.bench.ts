// Intake throughput by storage and number of instances: tickets/s for POST /api/tickets (a small
// screenshot and a log each) against separate intake processes over loopback: SQLite with one
// instance, PostgreSQL with one and with two (requests spread round-robin, as a load balancer
// would). PostgreSQL runs need TRIAGE_BENCH_DATABASE_URL (or TRIAGE_TEST_DATABASE_URL), a server
// where the bench may create and drop a database. Figures only, no assertions:
//   npx tsx bench/intake-instances.bench.ts [requests] [concurrency]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { startIntakeProcess, type IntakeProcess } from './intake-process.js';

const REQUESTS = Number(process.argv[2] ?? 600);
const CONCURRENCY = Number(process.argv[3] ?? 16);
const KEY = 'bench-key-0123456789abcdef';
const ADMIN = 'bench-admin-0123456789abcdef';
const SERVER_URL = process.env.TRIAGE_BENCH_DATABASE_URL || process.env.TRIAGE_TEST_DATABASE_URL;

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(8 * 1024 - 8)]);
const log = Buffer.from('TypeError: cannot read properties of undefined\n'.repeat(8));

async function post(url: string, index: number): Promise<{ status: number; ms: number }> {
  const ticket = {
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    summary: `Bench ticket ${index}`,
    category: index % 2 ? 'chat-routing' : 'voice',
    occurredAt: new Date().toISOString(),
    timeZone: 'America/New_York',
    severity: { suggested: 2, reasons: ['bench'], chosen: 2 },
    reporter: { accountId: `agent-${index % 25}` },
    records: { queue: `Q${index % 5}` },
    attachments: [
      { name: 'screen.png', type: 'image/png', size: png.length, kind: 'screenshot' },
      { name: 'console.txt', type: 'text/plain', size: log.length, kind: 'logs' },
    ],
  };
  const body = new FormData();
  body.append('ticket', JSON.stringify(ticket));
  body.append('attachment', new Blob([png], { type: 'image/png' }), 'screen.png');
  body.append('attachment', new Blob([log], { type: 'text/plain' }), 'console.txt');
  const started = performance.now();
  const response = await fetch(`${url}/api/tickets`, { method: 'POST', body, headers: { authorization: `Bearer ${KEY}`, 'idempotency-key': ticket.id } });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

async function measure(name: string, urls: string[]): Promise<void> {
  const run = async (count: number) => {
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < count) {
          const index = next++;
          const { status, ms } = await post(urls[index % urls.length]!, index);
          latencies.push(ms);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }),
    );
    return { seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b), statuses };
  };
  await run(Math.min(60, REQUESTS)); // warm-up: connections, JIT, caches
  const { seconds, latencies, statuses } = await run(REQUESTS);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1);
  console.log(
    `${name.padEnd(26)} ${(REQUESTS / seconds).toFixed(0).padStart(6)} tickets/s   p50 ${at(0.5)} ms   p95 ${at(0.95)} ms   ` +
      `statuses ${[...statuses].map(([s, n]) => `${s}×${n}`).join(' ')}`,
  );
}

async function withInstances(name: string, count: number, env: (i: number) => Promise<Record<string, string>>): Promise<void> {
  const dirs: string[] = [];
  const instances: IntakeProcess[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const dir = await mkdtemp(join(tmpdir(), 'triage-bench-'));
      dirs.push(dir);
      instances.push(await startIntakeProcess({ TRIAGE_API_KEY: KEY, TRIAGE_ADMIN_KEY: ADMIN, TRIAGE_DATA_DIR: dir, ...(await env(i)) }));
    }
    await measure(name, instances.map((instance) => instance.url));
  } finally {
    for (const instance of instances) await instance.stop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }
}

async function withDatabase(work: (url: string) => Promise<void>): Promise<void> {
  const name = `triage_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(SERVER_URL!);
    url.pathname = `/${name}`;
    await work(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

console.log(`intake by storage and instances: ${REQUESTS} new tickets, concurrency ${CONCURRENCY}, ${png.length + log.length} bytes of attachments each, separate processes on loopback (2 cores shared with the client)`);
await withInstances('SQLite, 1 instance', 1, async () => ({}));
if (!SERVER_URL) {
  console.log('PostgreSQL: skipped (set TRIAGE_BENCH_DATABASE_URL=postgres://user@host:port/postgres)');
} else {
  await withDatabase((url) => withInstances('PostgreSQL, 1 instance', 1, async () => ({ TRIAGE_DATABASE_URL: url })));
  await withDatabase((url) => withInstances('PostgreSQL, 2 instances', 2, async () => ({ TRIAGE_DATABASE_URL: url })));
}
