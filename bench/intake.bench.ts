// Intake throughput over loopback: tickets/s for POST /api/tickets with a small screenshot,
// through real HTTP, multipart parsing, blob fsync and a durable (synchronous=FULL) SQLite commit.
// Figures only, no assertions: `npx tsx bench/intake.bench.ts [requests] [concurrency]`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID, randomBytes } from 'node:crypto';
import { startIntakeServer } from '../server/index.js';

const REQUESTS = Number(process.argv[2] ?? 500);
const CONCURRENCY = Number(process.argv[3] ?? 10);
const KEY = 'bench-key-0123456789abcdef';

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  randomBytes(8 * 1024 - 8), // about a small cropped screenshot; unique per run, shared by all tickets
]);

function ticketOf(index: number) {
  return {
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
      { name: 'console.txt', type: 'text/plain', size: 0, kind: 'logs' },
    ],
  };
}

async function post(url: string, index: number, ticket = ticketOf(index)): Promise<{ status: number; ms: number }> {
  const log = Buffer.from(`[${index}] TypeError: cannot read properties of undefined\n`.repeat(8));
  ticket.attachments[1]!.size = log.length;
  const body = new FormData();
  body.append('ticket', JSON.stringify(ticket));
  body.append('attachment', new Blob([png], { type: 'image/png' }), 'screen.png');
  body.append('attachment', new Blob([log], { type: 'text/plain' }), 'console.txt');
  const started = performance.now();
  const response = await fetch(`${url}/api/tickets`, {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${KEY}`, 'idempotency-key': ticket.id },
  });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

async function phase(name: string, count: number, send: (index: number) => Promise<{ status: number; ms: number }>) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const { status, ms } = await send(next++);
        latencies.push(ms);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1);
  console.log(
    `${name.padEnd(28)} ${(count / seconds).toFixed(0).padStart(6)} req/s   p50 ${at(0.5)} ms   p95 ${at(0.95)} ms   p99 ${at(0.99)} ms   ` +
      `statuses ${[...statuses].map(([s, n]) => `${s}×${n}`).join(' ')}`,
  );
}

const dataDir = await mkdtemp(join(tmpdir(), 'triage-intake-bench-'));
const server = await startIntakeServer({ port: 0, dataDir, apiKeys: [KEY], rateLimit: { perMinute: 1_000_000 }, log: () => undefined });
console.log(`intake bench: ${REQUESTS} requests, concurrency ${CONCURRENCY}, ${png.length + 400} bytes of attachments each, loopback`);
try {
  await phase('warm-up', Math.min(50, REQUESTS), (i) => post(server.url, i));
  await phase('new tickets (201)', REQUESTS, (i) => post(server.url, i));
  const replayed = ticketOf(0);
  await post(server.url, 0, replayed);
  await phase('replays of one ticket (200)', REQUESTS, () => post(server.url, 0, replayed));
  await phase('list 20 newest (GET)', REQUESTS, async () => {
    const started = performance.now();
    const response = await fetch(`${server.url}/api/tickets?limit=20`, { headers: { authorization: `Bearer ${KEY}` } });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  });
} finally {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
}
