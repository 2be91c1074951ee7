// Shared by the storage tests that talk to a TicketStore directly, without HTTP: the storage of the
// engine under test (SQLite by default, PostgreSQL with TRIAGE_TEST_ENGINE=postgres) and new rows.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ENGINE, createTestDatabase } from './server-harness.js';
import { SqliteTicketStore } from '../../server/storage/sqlite.js';
import { PostgresTicketStore } from '../../server/storage/postgres.js';
import type { NewTicket, TicketStore } from '../../server/storage/types.js';

/** A fresh storage; `reopen()` opens another instance on the same data; `dispose()` removes it (close them first). */
export async function openStore(): Promise<{ store: TicketStore; reopen(): Promise<TicketStore>; dispose(): Promise<void> }> {
  if (ENGINE === 'postgres') {
    const database = await createTestDatabase();
    return {
      store: await PostgresTicketStore.open({ url: database.url }),
      reopen: () => PostgresTicketStore.open({ url: database.url }),
      dispose: () => database.drop(),
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'triage-store-'));
  const file = join(dir, 'intake.sqlite');
  return {
    store: new SqliteTicketStore(file),
    reopen: async () => new SqliteTicketStore(file),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A ticket row as the intake route would hand it to the storage. */
export function newTicket(overrides: Partial<NewTicket> = {}): NewTicket {
  const id = randomUUID();
  return {
    id,
    document: JSON.stringify({ id }),
    contentHash: `hash-${id}`,
    category: 'chat-routing',
    severity: 2,
    createdAt: '2026-12-01T20:30:00.000Z',
    receivedAt: new Date().toISOString(),
    queue: 'ABC',
    agent: 'agent-1',
    attachments: [],
    by: 'test',
    receiptHash: `receipt-${id}`,
    receiptSealed: `sealed-${id}`,
    correlationMinutes: 60,
    ...overrides,
  };
}

/** The answer the intake route builds, reduced to what the storage tests look at. */
export const respond = (row: { id: string; reference: string }) => ({ id: row.id, reference: row.reference });
