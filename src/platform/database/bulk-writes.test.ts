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

  it('put the default back when the run fails', async () => {
    const failure = new Error('the import stopped');
    await expect(withBulkWrites(handle.db, async () => { throw failure; })).rejects.toBe(failure);
    expect(await pages()).toBe(1000);
  });
});
