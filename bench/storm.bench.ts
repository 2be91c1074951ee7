// The outage storm: 1,000 agents of one site (one API key, as the add-in ships it) report the
// same incident within 60 seconds, each reporter first asking for related reports
// (GET /api/signals) and asking again after its ticket is stored, against the intake service
// with its default rate limit. Figures: submit-to-stored time (POST until its 201) p50 / p99, and
// how many requests were answered 429. Target: none throttled with the defaults.
// Figures only, no assertions: `npx tsx bench/storm.bench.ts [agents] [seconds]`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startIntakeServer } from '../server/index.js';

const AGENTS = Number(process.argv[2] ?? 1000);
const SECONDS = Number(process.argv[3] ?? 60);
const KEY = 'bench-site-key-0123456789abcdef';

const dataDir = await mkdtemp(join(tmpdir(), 'triage-storm-bench-'));
// The defaults: no rateLimit option, as `npm start` runs it.
const server = await startIntakeServer({ port: 0, dataDir, apiKeys: [KEY], log: () => undefined });
const statuses = new Map<number, number>();
const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
const headers = { authorization: `Bearer ${KEY}` };

async function signals(): Promise<void> {
  const response = await fetch(`${server.url}/api/signals?category=chat-routing&queue=Q1`, { headers });
  await response.arrayBuffer();
  count(response.status);
}

async function agent(index: number): Promise<number | undefined> {
  await signals();
  const ticket = {
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    summary: 'Chats not routing to agents',
    category: 'chat-routing',
    occurredAt: new Date().toISOString(),
    timeZone: 'America/New_York',
    severity: { suggested: 2, reasons: ['storm'], chosen: 2 },
    reporter: { accountId: `agent-${index}` },
    records: { queue: 'Q1' },
  };
  const body = new FormData();
  body.append('ticket', JSON.stringify(ticket));
  const started = performance.now();
  const response = await fetch(`${server.url}/api/tickets`, { method: 'POST', body, headers: { ...headers, 'idempotency-key': ticket.id } });
  await response.arrayBuffer();
  const ms = performance.now() - started;
  count(response.status);
  await signals();
  return response.status === 201 ? ms : undefined;
}

try {
  const started = performance.now();
  // Agents arrive evenly over the window, each on its own schedule (no waiting for the others).
  // A request the loaded machine could not connect or answer counts as status 0, and that agent's
  // ticket as not stored; the run goes on.
  const runs = Array.from({ length: AGENTS }, (_, index) =>
    new Promise<number | undefined>((resolve) =>
      setTimeout(() => agent(index).then(resolve, () => (count(0), resolve(undefined))), (index * SECONDS * 1000) / AGENTS),
    ),
  );
  const stored = (await Promise.all(runs)).filter((ms): ms is number => ms !== undefined).sort((a, b) => a - b);
  const at = (p: number) => stored[Math.min(stored.length - 1, Math.floor(p * stored.length))]?.toFixed(1) ?? '-';
  const seconds = (performance.now() - started) / 1000;
  console.log(`outage storm: ${AGENTS} agents, one API key, ${SECONDS} s, default rate limit; each asks for related reports before and after submitting`);
  console.log(`| stored | submit-to-stored p50 | p99 | requests answered 429 | all statuses | took |`);
  console.log('|---|---|---|---|---|---|');
  console.log(`| ${stored.length} of ${AGENTS} | ${at(0.5)} ms | ${at(0.99)} ms | ${statuses.get(429) ?? 0} | ${[...statuses].map(([s, n]) => `${s}×${n}`).join(' ')} | ${seconds.toFixed(1)} s |`);
  console.log('target: no request throttled with the defaults (anchor: none of the widgets publishes intake figures)');
} finally {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
}
