/**
 * Chooses the storage from the configuration: SQLite in the data directory unless a PostgreSQL
 * URL is given; attachment bytes beside SQLite, and with PostgreSQL in the database unless a
 * (shared) attachments directory is given.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DiskBlobStore } from './blobs.js';
import { SqliteTicketStore } from './sqlite.js';
import { PostgresBlobStore, PostgresTicketStore } from './postgres.js';
import type { BlobStore, TicketStore } from './types.js';

export interface StorageOptions {
  /** SQLite database, attachment blobs (unless elsewhere) and temp files live here. */
  dataDir: string;
  /** `postgres://...`: tickets in PostgreSQL, shared by every instance that names it. */
  databaseUrl?: string;
  /** Attachment bytes in this directory (shared by the instances) instead of the database. */
  attachmentsDir?: string;
  log?: (line: string) => void;
}

export interface Storage {
  store: TicketStore;
  blobs: BlobStore;
}

export async function openStorage(options: StorageOptions): Promise<Storage> {
  // Tickets and screenshots may hold customer data: only this user may read them.
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const blobDir = options.attachmentsDir ?? options.dataDir;
  // Temp files in a private directory are only ever half-written blobs from a previous run that
  // stopped mid-upload. A shared directory's may be another instance's upload in flight: kept.
  if (!options.attachmentsDir) rmSync(join(options.dataDir, 'tmp'), { recursive: true, force: true });
  if (!options.databaseUrl) {
    return { store: new SqliteTicketStore(join(options.dataDir, 'intake.sqlite')), blobs: new DiskBlobStore(blobDir) };
  }
  if (!/^postgres(ql)?:\/\//.test(options.databaseUrl)) {
    throw new Error('The database URL must start with postgres:// (TRIAGE_DATABASE_URL).');
  }
  const store = await PostgresTicketStore.open({ url: options.databaseUrl, log: options.log });
  if (options.attachmentsDir) mkdirSync(options.attachmentsDir, { recursive: true, mode: 0o700 });
  return { store, blobs: options.attachmentsDir ? new DiskBlobStore(options.attachmentsDir) : new PostgresBlobStore(store.pool) };
}
