// Keeping data: retention deletes old tickets with everything of theirs, unreferenced blobs are
// collected (shared bytes stay), and an online backup restores into a service that serves it all.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backup, restore } from '../../server/index.js';
import { DiskBlobStore } from '../../server/storage/blobs.js';
import {
  ENGINE, PNG, SUPPORT_KEY, expectError, getJson, makeTicket, postTicket, startTestServer, withFiles, type TestServer,
} from '../support/server-harness.js';

const DAY = 86_400_000;
const sha = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

describe('retention and blob collection', () => {
  let server: TestServer;
  const realNow = Date.now();
  let clock = realNow;
  const png = { name: 'screen.png', type: 'image/png', data: PNG, kind: 'screenshot' as const };
  const oldLog = { name: 'old.log', type: 'text/plain', data: `only the old ticket has this ${realNow}\n`, kind: 'logs' as const };
  const old = withFiles(makeTicket({ summary: 'Old' }), [png, oldLog]);
  const recent = withFiles(makeTicket({ summary: 'Recent' }), [png]);

  const blobExists = async (hash: string) =>
    server.engine === 'postgres'
      ? (await server.sql('SELECT 1 FROM blobs WHERE sha256 = ?', hash)).length === 1
      : existsSync(new DiskBlobStore(server.dataDir).pathOf(hash));

  before(async () => {
    server = await startTestServer({ now: () => new Date(clock), retentionDays: 30, maintenanceIntervalMs: 0 });
    clock = realNow - 40 * DAY;
    assert.equal((await postTicket(server.url, old, [png, oldLog])).status, 201);
    const change = await fetch(`${server.url}/api/tickets/${old.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${SUPPORT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'resolved', reason: 'Fixed' }),
    });
    assert.equal(change.status, 200);
    clock = realNow - 20 * DAY;
    assert.equal((await postTicket(server.url, recent, [png])).status, 201);
  });
  after(() => server.close());

  it('keeps every ticket and byte inside the retention', async () => {
    // 15 days ago the old ticket was 25 days old: inside the 30 days.
    clock = realNow - 15 * DAY;
    assert.deepEqual(await server.maintain(), { ticketsDeleted: 0, blobsCollected: 0 });
    assert.equal((await getJson(`${server.url}/api/tickets/${old.id}`)).status, 200);
  });

  it('deletes tickets past the retention with their attachments, events and idempotency record, and their own bytes', async () => {
    // Two hours after the real now: the uploads' bytes are past the one-hour grace.
    clock = realNow + 2 * 60 * 60_000;
    assert.deepEqual(await server.maintain(), { ticketsDeleted: 1, blobsCollected: 1 });
    await expectError(await fetch(`${server.url}/api/tickets/${old.id}`, { headers: { authorization: `Bearer ${SUPPORT_KEY}` } }), 404, 'not_found');
    for (const table of ['attachments', 'events', 'idempotency']) {
      assert.deepEqual(await server.sql(`SELECT * FROM ${table} WHERE ticket_id = ?`, old.id), [], `${table} rows of the old ticket`);
    }
    assert.equal(await blobExists(sha(oldLog.data)), false, 'the old ticket\'s own log is gone');
    assert.equal(await blobExists(sha(PNG)), true, 'the screenshot the recent ticket shares stays');
    const kept = await getJson(`${server.url}/api/tickets/${recent.id}`);
    assert.equal(kept.status, 200);
    const download = await fetch(`${server.url}${kept.body.attachments[0].href}`, { headers: { authorization: `Bearer ${SUPPORT_KEY}` } });
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), PNG);
    assert.deepEqual(await server.maintain(), { ticketsDeleted: 0, blobsCollected: 0 }, 'a second run finds nothing');
  });

  it('collects the bytes of an upload whose ticket never committed, but only after the grace', async () => {
    const orphan = Buffer.from(`bytes of an upload cut off before its ticket committed ${Date.now()}`);
    if (server.engine === 'postgres') await server.sql('INSERT INTO blobs (sha256, data) VALUES (?, ?)', sha(orphan), orphan);
    else await new DiskBlobStore(server.dataDir).put(orphan);
    clock = Date.now() + 30 * 60_000; // half an hour later: its ticket may still be on its way
    assert.deepEqual(await server.maintain(), { ticketsDeleted: 0, blobsCollected: 0 });
    assert.equal(await blobExists(sha(orphan)), true);
    clock = Date.now() + 2 * 60 * 60_000;
    assert.deepEqual(await server.maintain(), { ticketsDeleted: 0, blobsCollected: 1 });
    assert.equal(await blobExists(sha(orphan)), false);
    assert.equal(await blobExists(sha(PNG)), true);
  });
});

describe('backup and restore (SQLite)', { skip: ENGINE === 'postgres' ? 'PostgreSQL is backed up with pg_dump (server/README.md)' : false }, () => {
  let server: TestServer;
  let target = '';
  let restoredDir = '';
  const files = (n: number) => [
    { name: 'screen.png', type: 'image/png', data: PNG, kind: 'screenshot' as const },
    { name: `console-${n}.log`, type: 'text/plain', data: `log of ticket ${n}\n`.repeat(100), kind: 'logs' as const },
  ];
  const tickets = Array.from({ length: 5 }, (_, n) => withFiles(makeTicket({ summary: `Ticket ${n}` }), files(n)));

  before(async () => {
    server = await startTestServer();
    target = await mkdtemp(join(tmpdir(), 'triage-backup-'));
    restoredDir = await mkdtemp(join(tmpdir(), 'triage-restored-'));
    for (const [n, ticket] of tickets.entries()) assert.equal((await postTicket(server.url, ticket, files(n))).status, 201);
  });
  after(async () => {
    await server.close();
    await rm(target, { recursive: true, force: true });
    await rm(restoredDir, { recursive: true, force: true });
  });

  it('backs up while the service takes tickets, and the restore serves every backed-up ticket and byte', async () => {
    const during = withFiles(makeTicket({ summary: 'Arrives during the backup' }), files(9));
    const [result, answer] = await Promise.all([backup({ dataDir: server.dataDir }, join(target, 'b1')), postTicket(server.url, during, files(9))]);
    assert.equal(answer.status, 201, 'the service kept answering during the backup');
    assert.ok(result.database && result.blobs >= 6, JSON.stringify(result));

    const restored = await restore(join(target, 'b1'), join(restoredDir, 'data'));
    assert.ok(restored.tickets === 5 || restored.tickets === 6, `the snapshot holds the five, maybe the sixth: ${restored.tickets}`);
    const again = await startTestServer({ dataDir: join(restoredDir, 'data') });
    try {
      for (const [n, ticket] of tickets.entries()) {
        const stored = await getJson(`${again.url}/api/tickets/${ticket.id}`);
        assert.equal(stored.body.summary, `Ticket ${n}`);
        for (const [index, file] of files(n).entries()) {
          const bytes = await fetch(`${again.url}${stored.body.attachments[index].href}`, { headers: { authorization: `Bearer ${SUPPORT_KEY}` } });
          assert.equal(sha(new Uint8Array(await bytes.arrayBuffer())), sha(file.data));
        }
      }
    } finally {
      await again.stop();
    }
  });

  it('refuses to restore over a database, and a backup with damaged bytes, naming the problem', async () => {
    await assert.rejects(restore(join(target, 'b1'), join(restoredDir, 'data')), /already exists/);
    await backup({ dataDir: server.dataDir }, join(target, 'b2'));
    await assert.rejects(backup({ dataDir: server.dataDir }, join(target, 'b2')), /not empty/);
    const damaged = new DiskBlobStore(join(target, 'b2')).pathOf(sha(files(3)[1]!.data));
    await writeFile(damaged, 'not the bytes');
    await assert.rejects(restore(join(target, 'b2'), join(restoredDir, 'other')), new RegExp(`ticket ${tickets[3]!.id} is missing or damaged`));
    assert.match(await readFile(join(target, 'b2', 'backup.json'), 'utf8'), /"engine": "sqlite"/);
  });
});
