import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateToLatest, openDatabase, type ConnectOptions, type DatabaseHandle } from '../platform/database/connect.js';
import type { Engine } from '../platform/database/engine.js';

/**
 * One database that a test opens several times, at once or one after another: what two server
 * processes, or one process restarted, would see. A temporary SQLite file, or, when TEST_DATABASE_URL
 * is set, a PostgreSQL schema of its own (each `open` is a pool of its own). `drop` removes it.
 */
export interface SharedTestDatabase {
  engine: Engine;
  /** How to open it, for a process of its own (openDatabase(connection)). */
  connection: ConnectOptions;
  /** A new handle on the same data, migrated. */
  open(): Promise<DatabaseHandle>;
  drop(): Promise<void>;
}

export async function sharedTestDatabase(): Promise<SharedTestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-shared-'));
    const file = path.join(dir, 'rapport.sqlite');
    return {
      engine: 'sqlite',
      connection: { sqliteFile: file },
      open: async () => migrated(openDatabase({ sqliteFile: file })),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `shared_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `create schema ${schema}`);
  return {
    engine: 'postgres',
    connection: { databaseUrl: url, pgSchema: schema, poolSize: 4 },
    open: async () => migrated(openDatabase({ databaseUrl: url, pgSchema: schema, poolSize: 4 })),
    drop: () => adminQuery(url, `drop schema if exists ${schema} cascade`),
  };
}

async function migrated(handle: DatabaseHandle): Promise<DatabaseHandle> {
  try {
    await migrateToLatest(handle);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** One statement on its own connection (create or drop a database or schema). */
export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
