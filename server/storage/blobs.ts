/**
 * Attachment bytes on disk (SQLite's default, or a directory shared by several instances), stored
 * content-addressed (`blobs/ab/cdef...`) rather than in SQLite:
 * the database stays small so WAL checkpoints and backups stay quick, identical screenshots are
 * stored once, and a download streams a file instead of a row. Each blob is written to a temp
 * file, its size checked, fsync'd, then renamed into place, so a path that exists always holds
 * exactly the bytes its name promises. (It used to be re-read and hashed again: a read right after
 * the write comes from the page cache, so it proved no more than the size does, for a second
 * SHA-256 of every attachment.) Blobs are written before the ticket row commits; a crash in
 * between leaves an unreferenced blob, never a ticket pointing at a missing one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobStore } from './types.js';

export const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

export class DiskBlobStore implements BlobStore {
  /** Directories known to exist: creating them again is two system calls on every upload. */
  private readonly made = new Set<string>();

  constructor(private readonly root: string) {}

  pathOf(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('not a sha256 hex digest');
    return join(this.root, 'blobs', hash.slice(0, 2), hash.slice(2));
  }

  async has(hash: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(hash))).isFile();
    } catch {
      return false;
    }
  }

  async put(data: Buffer): Promise<string> {
    const hash = sha256(data);
    const target = this.pathOf(hash);
    if (await this.has(hash)) {
      // Known bytes stored again: a fresh mtime keeps a collection running now from taking them
      // from under the upload that is about to refer to them.
      const now = new Date();
      await utimes(target, now, now).catch(() => undefined);
      return hash;
    }
    const dir = join(this.root, 'blobs', hash.slice(0, 2));
    const tmpDir = join(this.root, 'tmp');
    await this.makeDirectory(dir);
    await this.makeDirectory(tmpDir);
    const temp = join(tmpDir, `${hash}.${randomBytes(8).toString('hex')}`);
    try {
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(data);
        if ((await handle.stat()).size !== data.length) throw new Error('attachment bytes were not all written to disk');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
      await syncDirectory(dir);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return hash;
  }

  private async makeDirectory(dir: string): Promise<void> {
    if (this.made.has(dir)) return;
    await mkdir(dir, { recursive: true });
    this.made.add(dir);
  }

  read(hash: string): Promise<Buffer> {
    return readFile(this.pathOf(hash));
  }

  /** Every stored blob's hash. */
  async list(): Promise<string[]> {
    const root = join(this.root, 'blobs');
    const prefixes = await readdir(root).catch(() => [] as string[]);
    const hashes: string[] = [];
    for (const prefix of prefixes) {
      if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
      for (const rest of await readdir(join(root, prefix))) if (/^[0-9a-f]{62}$/.test(rest)) hashes.push(prefix + rest);
    }
    return hashes;
  }

  async collect(referenced: ReadonlySet<string>, storedBefore: Date): Promise<number> {
    let removed = 0;
    for (const hash of await this.list()) {
      if (referenced.has(hash)) continue;
      const info = await stat(this.pathOf(hash)).catch(() => undefined);
      if (!info || info.mtimeMs >= storedBefore.getTime()) continue;
      await rm(this.pathOf(hash), { force: true });
      removed++;
    }
    return removed;
  }
}

/** Makes a rename durable: the directory entry itself must reach the disk. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
