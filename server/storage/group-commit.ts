/**
 * Group commit for SQLite: the new tickets that arrive while the event loop is busy are written in
 * one transaction, so they share one durable commit (one WAL fsync) instead of paying one each.
 *
 * Why: with `synchronous = FULL` every commit waits for the disk, and better-sqlite3 waits on the
 * event loop's thread. Profiled under 50 concurrent POSTs, that wait was most of a ticket's cost
 * (bench/NOTES.md, section 7). Durability is unchanged: `run()` resolves only after the COMMIT
 * that holds the work returned, so a 201 still means on disk.
 *
 * Each piece of work runs in a savepoint of its own: one that throws is rolled back alone and its
 * caller gets that error, while the others in the group commit. A failed COMMIT fails the whole
 * group, and then nothing of it was stored.
 *
 * A group collects what was submitted until the next `setImmediate`: the requests whose bodies
 * were read in the same turn of the loop. Nobody waits for a timer, so a lone request is committed
 * as quickly as before.
 */
import type { Database } from 'better-sqlite3';

interface Waiting {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** More than this many waiting rows are split over several commits, so no commit holds the loop long. */
const MAX_GROUP = 256;

export class GroupCommit {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(private readonly db: Database) {}

  /** Runs `work` (synchronous SQL) in the next group's transaction; resolves once it has committed. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Commits what is waiting now (before the database closes). */
  flush(): void {
    while (this.waiting.length && this.db.open && !this.db.inTransaction) this.commit();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.commit();
    });
  }

  private commit(): void {
    // Another transaction on this connection (the loop store's BEGIN ... COMMIT) is still open:
    // ours would nest inside it, so wait for the next turn.
    if (this.db.inTransaction || !this.db.open) {
      if (this.db.open) this.schedule();
      else for (const waiting of this.waiting.splice(0)) waiting.reject(new Error('The database is closed.'));
      return;
    }
    const group = this.waiting.splice(0, MAX_GROUP);
    if (this.waiting.length) this.schedule();
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.db.exec('BEGIN IMMEDIATE');
      for (const { work } of group) {
        this.db.exec('SAVEPOINT grouped_row');
        try {
          outcomes.push({ ok: true, value: work() });
          this.db.exec('RELEASE grouped_row');
        } catch (error) {
          this.db.exec('ROLLBACK TO grouped_row');
          this.db.exec('RELEASE grouped_row');
          outcomes.push({ ok: false, error });
        }
      }
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      for (const waiting of group) waiting.reject(error);
      return;
    }
    group.forEach((waiting, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) waiting.resolve(outcome.value);
      else waiting.reject(outcome.error);
    });
  }
}
