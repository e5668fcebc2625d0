import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../platform/database/connect.js';

/**
 * A fresh, migrated database for one test file: SQLite in memory, or, when TEST_DATABASE_URL
 * is set, a schema of its own on that PostgreSQL server (dropped afterwards).
 */
export async function testDatabase(): Promise<DatabaseHandle> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const handle = openDatabase({ sqliteFile: ':memory:' });
    await migrateToLatest(handle);
    return handle;
  }
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle = openDatabase({ databaseUrl: url, pgSchema: schema, poolSize: 4 });
  const close = async () => {
    await handle.close();
    const cleanup = new pg.Client({ connectionString: url });
    await cleanup.connect();
    await cleanup.query(`drop schema if exists ${schema} cascade`);
    await cleanup.end();
  };
  try {
    await migrateToLatest(handle);
  } catch (error) {
    await close();
    throw error;
  }
  return { ...handle, close };
}
