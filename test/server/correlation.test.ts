// Correlation's counts (how many reports and distinct agents of one category, or queue, in a
// window) equal a plain count over the same rows, on random tickets received out of order, with
// the new ticket left out and the asking agent's own reports told apart, and after retention.
// On SQLite they come from indexes, correlation_agents (migration 7) and correlation_seconds
// (migration 8), not from the rows.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINE, TEST_DATABASE_URL, createTestDatabase } from '../support/server-harness.js';
import { newTicket, openStore, respond } from '../support/store-harness.js';
import { SqliteTicketStore } from '../../server/storage/sqlite.js';
import { PostgresTicketStore } from '../../server/storage/postgres.js';
import type { NewTicket, RecentQuery, RelatedCount } from '../../server/storage/types.js';

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the counts mean, spelled out over the rows. */
function expected(rows: NewTicket[], query: RecentQuery): RelatedCount {
  const inWindow = rows.filter(
    (row) =>
      row.category === query.category &&
      (!query.queue || row.queue === query.queue) &&
      row.receivedAt > query.since &&
      row.receivedAt <= query.until &&
      row.id !== query.excludeId,
  );
  const agents = (list: NewTicket[]) => new Set(list.map((row) => row.agent).filter((agent) => agent !== null)).size;
  const count: RelatedCount = { reports: inWindow.length, agents: agents(inWindow) };
  if (!query.asker?.length) return count;
  const others = inWindow.filter((row) => row.agent === null || !query.asker!.includes(row.agent));
  return { ...count, otherReports: others.length, otherAgents: agents(others) };
}

/** A window between two instants, over a random category and queue, maybe leaving out a present ticket and naming an asker. */
function windowQuery(choose: <T>(options: readonly T[]) => T, present: NewTicket[], instants: [string, string], askers: string[][]): RecentQuery {
  const [since, until] = instants.sort();
  return {
    category: choose(['chat-routing', 'voice']),
    queue: choose(['A', 'B', null]),
    since: since!,
    until: until!,
    excludeId: choose([undefined, choose(present).id]),
    asker: choose([undefined, ...askers]),
  };
}

describe(`correlation counts in the ${ENGINE} storage`, () => {
  it('equal a plain count over the rows, for random windows, queues, askers and left-out tickets', async () => {
    const { store, dispose } = await openStore();
    try {
      const pick = random(11);
      const choose = <T>(options: readonly T[]): T => options[Math.floor(pick() * options.length)]!;
      const start = Date.parse('2026-12-01T12:00:00.000Z');
      const at = () => new Date(start + Math.floor(pick() * 3 * 3600_000)).toISOString();
      const rows = Array.from({ length: 150 }, () =>
        newTicket({ category: choose(['chat-routing', 'voice']), queue: choose(['A', 'B', null]), agent: choose(['a1', 'a2', 'a3', 'a4', null]), receivedAt: at() }),
      );
      // In batches of concurrent inserts (shared commits), in no order of arrival time.
      for (let i = 0; i < rows.length; i += 30) await Promise.all(rows.slice(i, i + 30).map((row) => store.insertTicket(row, respond)));

      const check = async (present: NewTicket[], queries: number) => {
        for (let i = 0; i < queries; i++) {
          const query = windowQuery(choose, present, [at(), at()], [['a1'], ['a2', 'nobody'], ['a3', 'a3'], ['a1', 'a4']]);
          assert.deepEqual(await store.countRecent(query), expected(present, query), JSON.stringify(query));
        }
        // As a new ticket asks: its own category and queue, the hour up to its arrival, itself left out.
        for (let i = 0; i < queries; i++) {
          const row = choose(present);
          const query: RecentQuery = {
            category: row.category,
            queue: choose([row.queue, null]),
            since: new Date(Date.parse(row.receivedAt) - 3600_000).toISOString(),
            until: row.receivedAt,
            excludeId: row.id,
            asker: row.agent ? [row.agent] : undefined,
          };
          assert.deepEqual(await store.countRecent(query), expected(present, query), JSON.stringify(query));
        }
      };
      await check(rows, 150);

      // Retention takes the older half: the counts follow.
      const cutoff = '2026-12-01T13:30:00.000Z';
      assert.equal(await store.deleteReceivedBefore(cutoff), rows.filter((row) => row.receivedAt < cutoff).length);
      await check(rows.filter((row) => row.receivedAt >= cutoff), 60);
    } finally {
      await store.close();
      await dispose();
    }
  });

  it('stay exact when a storm crowds many tickets into each second and a window starts or ends inside one', async () => {
    const { store, dispose } = await openStore();
    try {
      const pick = random(29);
      const choose = <T>(options: readonly T[]): T => options[Math.floor(pick() * options.length)]!;
      const start = Date.parse('2026-12-01T12:00:00.000Z');
      // Four seconds, each with dozens of tickets, and a window edge anywhere: at a ticket's own
      // millisecond, between two of them, on a whole second.
      const at = () => new Date(start + Math.floor(pick() * 4000)).toISOString();
      const rows = Array.from({ length: 200 }, () =>
        newTicket({ category: choose(['chat-routing', 'voice']), queue: choose(['A', 'B', null]), agent: choose(['a1', 'a2', null]), receivedAt: at() }),
      );
      for (let i = 0; i < rows.length; i += 50) await Promise.all(rows.slice(i, i + 50).map((row) => store.insertTicket(row, respond)));
      const edge = () => choose([at(), choose(rows).receivedAt, new Date(start + 1000 * Math.floor(pick() * 5)).toISOString()]);

      const check = async (present: NewTicket[]) => {
        for (let i = 0; i < 200; i++) {
          const query = windowQuery(choose, present, [edge(), edge()], [['a1']]);
          assert.deepEqual(await store.countRecent(query), expected(present, query), JSON.stringify(query));
        }
      };
      await check(rows);
      // Retention cuts inside a second: what is left of that second still counts, to the ticket.
      const cutoff = new Date(start + 1500).toISOString();
      assert.equal(await store.deleteReceivedBefore(cutoff), rows.filter((row) => row.receivedAt < cutoff).length);
      await check(rows.filter((row) => row.receivedAt >= cutoff));
    } finally {
      await store.close();
      await dispose();
    }
  });
});

// Once, in the SQLite pass, when a PostgreSQL server is at hand: the same tickets stored in both
// engines (each with its own correlation tables) give the same counts to the same questions.
describe('correlation counts on SQLite and PostgreSQL', { skip: (ENGINE !== 'sqlite' || !TEST_DATABASE_URL) && 'needs TRIAGE_TEST_DATABASE_URL, runs in the SQLite pass' }, () => {
  it('are the same for the same tickets and windows, before and after retention', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'triage-engines-'));
    const database = await createTestDatabase();
    const sqlite = new SqliteTicketStore(join(dir, 'intake.sqlite'));
    const postgres = await PostgresTicketStore.open({ url: database.url });
    try {
      const pick = random(47);
      // Many agents for few tickets, so an agent's one ticket in a window is often the left-out one.
      const AGENTS = Array.from({ length: 40 }, (_, i) => `a${i + 1}`);
      const choose = <T>(options: readonly T[]): T => options[Math.floor(pick() * options.length)]!;
      const start = Date.parse('2026-12-01T12:00:00.000Z');
      const at = () => new Date(start + Math.floor(pick() * (pick() < 0.5 ? 5_000 : 2 * 3600_000))).toISOString();
      const rows = Array.from({ length: 160 }, () =>
        newTicket({ category: choose(['chat-routing', 'voice']), queue: choose(['A', 'B', null]), agent: choose([...AGENTS, null]), receivedAt: at() }),
      );
      for (let i = 0; i < rows.length; i += 20) {
        const batch = rows.slice(i, i + 20);
        await Promise.all([...batch.map((row) => sqlite.insertTicket(row, respond)), ...batch.map((row) => postgres.insertTicket(row, respond))]);
      }
      const compare = async (present: NewTicket[]) => {
        for (let i = 0; i < 120; i++) {
          const [since, until] = [choose([at(), choose(present).receivedAt]), choose([at(), choose(present).receivedAt])].sort();
          const query: RecentQuery = {
            category: choose(['chat-routing', 'voice']),
            queue: choose(['A', 'B', null]),
            since: since!,
            until: until!,
            excludeId: choose([undefined, choose(present).id]),
            asker: choose([undefined, ['a1'], ['a2', 'a3']]),
          };
          const [fromSqlite, fromPostgres] = await Promise.all([sqlite.countRecent(query), postgres.countRecent(query)]);
          assert.deepEqual(fromPostgres, fromSqlite, JSON.stringify(query));
          assert.deepEqual(fromSqlite, expected(present, query), JSON.stringify(query));
        }
        // As a new ticket asks: the hour up to it, itself left out (often its agent's only one there).
        for (const row of present.slice(0, 80)) {
          const query: RecentQuery = {
            category: row.category,
            queue: choose([row.queue, null]),
            since: new Date(Date.parse(row.receivedAt) - 3600_000).toISOString(),
            until: row.receivedAt,
            excludeId: row.id,
            asker: row.agent ? [row.agent] : undefined,
          };
          const [fromSqlite, fromPostgres] = await Promise.all([sqlite.countRecent(query), postgres.countRecent(query)]);
          assert.deepEqual(fromPostgres, fromSqlite, JSON.stringify(query));
          assert.deepEqual(fromSqlite, expected(present, query), JSON.stringify(query));
        }
      };
      await compare(rows);
      const cutoff = new Date(start + 2_500).toISOString();
      assert.equal(await postgres.deleteReceivedBefore(cutoff), await sqlite.deleteReceivedBefore(cutoff));
      await compare(rows.filter((row) => row.receivedAt >= cutoff));
    } finally {
      await sqlite.close();
      await postgres.close();
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
