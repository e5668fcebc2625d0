import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/database.js';
import type { DatabaseHandle } from './connect.js';

const url = process.env.TEST_DATABASE_URL;

describe.runIf(url)('a PostgreSQL connection ended by the server', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await testDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('is dropped from the pool while it waits there, and the next query gets another (the process goes on)', async () => {
    const pidOf = async () => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db)).rows[0]!.pid;
    const before = await pidOf();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      // What a restart or an administrator does to a connection the pool holds idle.
      expect((await admin.query('select pg_terminate_backend($1) as done', [before])).rows[0].done).toBe(true);
    } finally {
      await admin.end();
    }
    // The server's notice reaches the idle connection; unheard, it would be an uncaught error.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = await pidOf();
    expect(after).not.toBe(before);
    expect((await sql<{ n: number }>`select 1 as n`.execute(handle.db)).rows).toEqual([{ n: 1 }]);
  });
});
