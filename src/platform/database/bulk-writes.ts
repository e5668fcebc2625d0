import { SqliteAdapter, sql } from 'kysely';
import type { Db } from './connect.js';

/**
 * A long run of large write transactions on SQLite (an import, a mailing list of recipients to log).
 *
 * SQLite copies the write-ahead log back into the database file (a checkpoint) at the first commit
 * after the log passes `wal_autocheckpoint` pages, 1,000 by default. A batch of an import touches
 * several thousand pages (each new customer lands on random pages of the lookup's and matching's
 * indexes), so every batch's commit also ran a checkpoint of that batch's pages: 40 % of an import's
 * time at a million customers. While bulk writes run the log may grow to `bulkPages` first, so that a
 * page written by several batches is copied back once; the default comes back after the last of them,
 * with one checkpoint that waits for no reader (PASSIVE). Other writes meanwhile are unaffected but for
 * that; PostgreSQL manages its own log, so nothing changes there.
 */
export const bulkPages = 50_000;
export const defaultPages = 1_000;
const running = new WeakMap<object, number>();

export async function withBulkWrites<T>(db: Db, run: () => Promise<T>): Promise<T> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return run();
  // One SQLite connection per handle: the setting is the handle's, so count the runs on it.
  const key = db.getExecutor();
  const before = running.get(key) ?? 0;
  running.set(key, before + 1);
  if (before === 0) await sql`pragma wal_autocheckpoint = ${sql.raw(String(bulkPages))}`.execute(db);
  try {
    return await run();
  } finally {
    const left = running.get(key)! - 1;
    running.set(key, left);
    if (left === 0) {
      await sql`pragma wal_autocheckpoint = ${sql.raw(String(defaultPages))}`.execute(db);
      await sql`pragma wal_checkpoint(PASSIVE)`.execute(db);
    }
  }
}
