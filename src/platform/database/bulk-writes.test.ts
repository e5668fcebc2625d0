import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withBulkWrites } from './bulk-writes.js';
import { openDatabase, type DatabaseHandle } from './connect.js';

/** The setting belongs to a SQLite file's connection: a file of its own, in WAL mode as the server opens it. */
let dir: string;
let handle: DatabaseHandle;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bulk-'));
  handle = openDatabase({ sqliteFile: path.join(dir, 'bulk.sqlite') });
});
afterAll(async () => {
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const pages = async () => Number(Object.values((await sql<Record<string, number>>`pragma wal_autocheckpoint`.execute(handle.db)).rows[0]!)[0]);

describe('bulk writes on SQLite', () => {
  it('let the log grow while any of them runs, and checkpoint at the default again after the last', async () => {
    expect(await pages()).toBe(1000);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const outer = withBulkWrites(handle.db, async () => {
      expect(await pages()).toBe(50_000);
      await held;
    });
    // A second run begins while the first goes on and ends before it: the first still has the larger log.
    await withBulkWrites(handle.db, async () => expect(await pages()).toBe(50_000));
    expect(await pages()).toBe(50_000);
    release();
    await outer;
    expect(await pages()).toBe(1000);
  });

  it('leave the log file no larger than 64 MB once it is copied back and written again', async () => {
    const wal = path.join(dir, 'bulk.sqlite-wal');
    await sql`create table if not exists filler (id integer primary key, body text)`.execute(handle.db);
    // About 80 MB through the log in one series of bulk writes, then a checkpoint, then one more write (the log starts over).
    await withBulkWrites(handle.db, async () => {
      for (let batch = 0; batch < 20; batch++) {
        await handle.db.transaction().execute(async (trx) => {
          for (let i = 0; i < 100; i++) await sql`insert into filler (body) values (${'x'.repeat(40_000)})`.execute(trx);
        });
      }
      expect(fs.statSync(wal).size).toBeGreaterThan(70 * 1024 * 1024);
    });
    await sql`insert into filler (body) values ('after')`.execute(handle.db);
    expect(fs.statSync(wal).size).toBeLessThanOrEqual(64 * 1024 * 1024);
  });

  it('put the default back when the run fails', async () => {
    const failure = new Error('the import stopped');
    await expect(withBulkWrites(handle.db, async () => { throw failure; })).rejects.toBe(failure);
    expect(await pages()).toBe(1000);
  });
});
