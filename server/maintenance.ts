/**
 * Keeping data: retention (old tickets go, with their attachments, events, idempotency records
 * and webhook rows), collection of blobs no attachment refers to, and an online backup with a
 * verified restore.
 *
 * Backups: SQLite is copied with `VACUUM INTO` (a consistent snapshot while the service keeps
 * taking tickets) and the content-addressed blobs are copied after it, so every blob the snapshot
 * refers to is in the backup (blobs are written before their ticket commits). PostgreSQL is backed
 * up with `pg_dump` (server/README.md); this copies its shared attachments directory, if any.
 */
import Database from 'better-sqlite3';
import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DiskBlobStore, sha256 } from './storage/blobs.js';
import type { BlobStore, TicketStore } from './storage/types.js';

/** An upload's bytes wait this long for their ticket to commit before they count as unreferenced. */
export const BLOB_GRACE_MS = 60 * 60_000;

export interface MaintenanceResult {
  ticketsDeleted: number;
  blobsCollected: number;
}

/** Applies the retention (when `retentionDays` is set) and collects unreferenced blobs. */
export async function maintain(store: TicketStore, blobs: BlobStore, now: Date, retentionDays?: number): Promise<MaintenanceResult> {
  const ticketsDeleted = retentionDays ? await store.deleteReceivedBefore(new Date(now.getTime() - retentionDays * 86_400_000).toISOString()) : 0;
  const blobsCollected = await blobs.collect(await store.referencedBlobs(), new Date(now.getTime() - BLOB_GRACE_MS));
  return { ticketsDeleted, blobsCollected };
}

export interface BackupSource {
  dataDir: string;
  databaseUrl?: string;
  attachmentsDir?: string;
}

export interface BackupResult {
  /** The SQLite copy, or undefined with PostgreSQL (pg_dump backs that up). */
  database?: string;
  blobs: number;
}

const DATABASE_FILE = 'intake.sqlite';

/** Writes a backup into `target` (created; must be empty or new). */
export async function backup(source: BackupSource, target: string): Promise<BackupResult> {
  await mkdir(target, { recursive: true, mode: 0o700 });
  if ((await readdir(target)).length) throw new Error(`The backup directory ${target} is not empty; give a new or empty one.`);
  let database: string | undefined;
  if (!source.databaseUrl) {
    const file = join(source.dataDir, DATABASE_FILE);
    if (!existsSync(file)) throw new Error(`There is no database at ${file} to back up.`);
    database = join(target, DATABASE_FILE);
    const db = new Database(file, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      db.prepare('VACUUM INTO ?').run(database);
    } finally {
      db.close();
    }
  }
  const blobRoot = source.databaseUrl ? source.attachmentsDir : (source.attachmentsDir ?? source.dataDir);
  let count = 0;
  if (blobRoot) {
    const from = new DiskBlobStore(blobRoot);
    const to = new DiskBlobStore(target);
    for (const hash of await from.list()) {
      await mkdir(join(target, 'blobs', hash.slice(0, 2)), { recursive: true });
      await copyFile(from.pathOf(hash), to.pathOf(hash));
      count++;
    }
  }
  await writeFile(join(target, 'backup.json'), `${JSON.stringify({ format: 'triage-intake-backup', version: 1, engine: source.databaseUrl ? 'postgres' : 'sqlite', blobs: count }, null, 2)}\n`, { mode: 0o600 });
  return { database, blobs: count };
}

/**
 * Restores a SQLite backup into `dataDir` (which must not hold a database yet), then checks it:
 * the database passes SQLite's integrity check and every attachment's bytes are there and hash
 * to their name. Resolves with what was restored.
 */
export async function restore(source: string, dataDir: string): Promise<{ tickets: number; blobs: number }> {
  const backupFile = join(source, DATABASE_FILE);
  if (!existsSync(backupFile)) throw new Error(`${source} holds no ${DATABASE_FILE}: not a SQLite backup of the intake service (PostgreSQL restores with pg_restore).`);
  const target = join(dataDir, DATABASE_FILE);
  if (existsSync(target)) throw new Error(`${target} already exists; restore into a new data directory, or move the old database away first.`);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const from = new DiskBlobStore(source);
  const to = new DiskBlobStore(dataDir);
  let blobs = 0;
  for (const hash of await from.list()) {
    await mkdir(join(dataDir, 'blobs', hash.slice(0, 2)), { recursive: true });
    await copyFile(from.pathOf(hash), to.pathOf(hash));
    blobs++;
  }
  await copyFile(backupFile, target);
  const db = new Database(target, { fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`The restored database fails SQLite's integrity check: ${String(integrity)}.`);
    const attachments = db.prepare('SELECT ticket_id, idx, sha256 FROM attachments').all() as Array<{ ticket_id: string; idx: number; sha256: string }>;
    for (const a of attachments) {
      const bytes = await readFile(to.pathOf(a.sha256)).catch(() => undefined);
      if (!bytes || sha256(bytes) !== a.sha256) throw new Error(`Attachment ${a.idx} of ticket ${a.ticket_id} is missing or damaged in the backup (${a.sha256}).`);
    }
    const { n } = db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number };
    return { tickets: n, blobs };
  } finally {
    db.close();
  }
}
