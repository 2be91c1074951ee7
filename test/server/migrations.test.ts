// An intake database written by an earlier release opens in this one with its data intact, and
// one written by a newer release refuses to open: SQLite files, and PostgreSQL databases that
// several instances may migrate at once.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { MIGRATIONS, SCHEMA_VERSION, openDatabase } from '../../server/index.js';
import { contentHash } from '../../server/tickets.js';
import pg from 'pg';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION, PostgresTicketStore, migratePostgres } from '../../server/storage/postgres.js';
import { ENGINE, PNG, auth, createTestDatabase, getJson, makeTicket, postTicket, startTestServer, SUPPORT_KEY } from '../support/server-harness.js';

describe('migrations (SQLite)', { skip: ENGINE !== 'sqlite' && 'SQLite files are tested in the SQLite pass' }, () => {
  it('has more than one step, so the upgrade path is exercised', () => {
    assert.ok(MIGRATIONS.length >= 2);
    assert.equal(SCHEMA_VERSION, MIGRATIONS.length);
  });

  it('brings a schema-1 database with data up to the latest version without losing anything', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'triage-migrate-'));
    try {
      const hash = createHash('sha256').update(PNG).digest('hex');
      const ticket = {
        ...makeTicket({ records: { queue: 'ABC' }, reporter: { accountId: 'acct-7', login: 'jdoe' } }),
        attachments: [{ name: 'shot.png', type: 'image/png', size: PNG.length, kind: 'screenshot' }],
      };
      const receivedAt = new Date(Date.now() - 5 * 60_000).toISOString();

      // What release 1 wrote: its schema, its rows, its blob.
      const old = openDatabase(join(dataDir, 'intake.sqlite'), { targetVersion: 1 });
      assert.equal(old.pragma('user_version', { simple: true }), 1);
      const columns = (old.prepare("SELECT name FROM pragma_table_info('tickets')").all() as Array<{ name: string }>).map((c) => c.name);
      assert.ok(!columns.includes('queue'), 'schema 1 has no queue column');
      old.prepare(
        `INSERT INTO tickets (seq, id, reference, document, content_hash, category, severity, status, created_at, received_at)
         VALUES (1, ?, 'TK-000001', ?, ?, 'chat-routing', 1, 'acknowledged', ?, ?)`,
      ).run(ticket.id, JSON.stringify(ticket), contentHash(ticket, [hash]), ticket.createdAt, receivedAt);
      old.prepare("INSERT INTO attachments (ticket_id, idx, name, type, size, sha256) VALUES (?, 0, 'shot.png', 'image/png', ?, ?)").run(ticket.id, PNG.length, hash);
      old.prepare("INSERT INTO events (ticket_id, type, from_value, to_value, by, at, reason) VALUES (?, 'created', NULL, 'new', 'api-old', ?, NULL)").run(ticket.id, receivedAt);
      old.prepare("INSERT INTO events (ticket_id, type, from_value, to_value, by, at, reason) VALUES (?, 'status', 'new', 'acknowledged', 'ops-jane', ?, 'seen')").run(ticket.id, receivedAt);
      old.prepare('INSERT INTO idempotency (key, ticket_id, content_hash, response, created_at) VALUES (?, ?, ?, ?, ?)').run(
        ticket.id, ticket.id, contentHash(ticket, [hash]),
        JSON.stringify({ id: ticket.id, reference: 'TK-000001', status: 'new', receivedAt, related: { reports: 0, agents: 0, minutes: 60 } }),
        receivedAt,
      );
      old.close();
      await mkdir(join(dataDir, 'blobs', hash.slice(0, 2)), { recursive: true });
      await writeFile(join(dataDir, 'blobs', hash.slice(0, 2), hash.slice(2)), PNG);

      const server = await startTestServer({ dataDir });
      try {
        const stored = await getJson(`${server.url}/api/tickets/${ticket.id}`);
        assert.equal(stored.status, 200);
        assert.equal(stored.body.reference, 'TK-000001');
        assert.equal(stored.body.status, 'acknowledged');
        assert.equal(stored.body.summary, ticket.summary);
        assert.deepEqual(stored.body.attachments.map((a: { kind: string; sha256: string }) => [a.kind, a.sha256]), [['screenshot', hash]]);
        const bytes = await fetch(`${server.url}/api/tickets/${ticket.id}/attachments/0`, { headers: auth(SUPPORT_KEY) });
        assert.deepEqual(new Uint8Array(await bytes.arrayBuffer()), PNG);
        const events = await getJson(`${server.url}/api/tickets/${ticket.id}/events`);
        assert.deepEqual(events.body.events.map((e: { type: string; by: string }) => `${e.type}:${e.by}`), ['created:api-old', 'status:ops-jane']);
        // The loop's tables arrive empty: an old ticket's clock starts at its arrival, and support can respond.
        assert.equal(stored.body.sla.clockStartedAt, receivedAt);
        assert.equal(stored.body.sla.respondedAt, null);
        const responded = await fetch(`${server.url}/api/tickets/${ticket.id}/updates`, { method: 'POST', headers: { ...auth(SUPPORT_KEY), 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'response', text: 'Seen' }) });
        assert.equal(responded.status, 201);
        assert.equal((await getJson(`${server.url}/api/tickets/${ticket.id}`)).body.sla.respondedAt !== null, true);

        // Migration 2 filled queue and agent from the old documents: correlation sees the old ticket.
        const signals = await getJson(`${server.url}/api/signals?category=chat-routing&queue=ABC`);
        assert.deepEqual([signals.body.reports, signals.body.agents], [1, 1]);
        // The old idempotency record still recognises a replay; new tickets continue the numbering.
        const replay = await postTicket(server.url, ticket, [{ name: 'shot.png', type: 'image/png', data: PNG }]);
        assert.equal(replay.status, 200);
        assert.equal((await replay.json()).reference, 'TK-000001');
        const next = await postTicket(server.url, makeTicket());
        assert.equal((await next.json()).reference, 'TK-000002');
      } finally {
        await server.stop();
      }
      const upgraded = new Database(join(dataDir, 'intake.sqlite'), { readonly: true });
      try {
        assert.equal(upgraded.pragma('user_version', { simple: true }), SCHEMA_VERSION);
        assert.deepEqual(upgraded.prepare('SELECT queue, agent FROM tickets WHERE id = ?').get(ticket.id), { queue: 'ABC', agent: 'acct-7' });
        assert.equal(upgraded.pragma('journal_mode', { simple: true }), 'wal');
      } finally {
        upgraded.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to open a database written by a newer release', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'triage-migrate-'));
    try {
      const db = new Database(join(dataDir, 'intake.sqlite'));
      db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      db.close();
      assert.throws(() => openDatabase(join(dataDir, 'intake.sqlite')), /newer than this service/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('migrations (PostgreSQL)', { skip: ENGINE !== 'postgres' && 'needs TRIAGE_TEST_ENGINE=postgres' }, () => {
  it('brings an empty database to the latest schema once when two instances start together', async () => {
    const database = await createTestDatabase();
    const pools = [new pg.Pool({ connectionString: database.url }), new pg.Pool({ connectionString: database.url })];
    try {
      const versions = await Promise.all(pools.map((pool) => migratePostgres(pool)));
      assert.deepEqual(versions, [PG_SCHEMA_VERSION, PG_SCHEMA_VERSION]);
      const { rows } = await pools[0]!.query('SELECT version FROM triage_schema');
      assert.deepEqual(rows, [{ version: PG_SCHEMA_VERSION }], 'one version row, at the latest step');
      assert.equal(PG_SCHEMA_VERSION, PG_MIGRATIONS.length);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
      await database.drop();
    }
  });

  it('refuses to open a database written by a newer release, naming both versions', async () => {
    const database = await createTestDatabase();
    const pool = new pg.Pool({ connectionString: database.url });
    try {
      await migratePostgres(pool);
      await pool.query('UPDATE triage_schema SET version = $1', [PG_SCHEMA_VERSION + 1]);
      await assert.rejects(
        PostgresTicketStore.open({ url: database.url }),
        new RegExp(`schema version ${PG_SCHEMA_VERSION + 1}, newer than this service \\(${PG_SCHEMA_VERSION}\\)`),
      );
    } finally {
      await pool.end();
      await database.drop();
    }
  });
});
