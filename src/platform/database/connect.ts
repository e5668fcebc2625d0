import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Client, Pool, PoolClient, QueryResult } from 'pg';
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type LogEvent, type PostgresPool, type PostgresPoolClient } from 'kysely';
import { isPreparedText } from './prepared-query.js';
import type { Engine } from './engine.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  engine: Engine;
  /** Where the data lives, for logs: a file path or the PostgreSQL host and database. */
  describe: string;
  /** PostgreSQL schema holding the tables, when not the default (tests use one each). */
  schema?: string;
  /**
   * PostgreSQL only: LISTEN on a channel over a connection of its own (outside the pool), calling
   * `onMessage` with each NOTIFY's payload and `onLost` once if the connection fails. For events that
   * cross server processes (src/platform/events/).
   */
  listen?(channel: string, onMessage: (payload: string) => void, onLost: (error: Error) => void): Promise<Listening>;
  close(): Promise<void>;
}

/** A LISTEN connection; `stop` ends it. */
export interface Listening {
  stop(): Promise<void>;
}

export interface ConnectOptions {
  /** A PostgreSQL URL; without one the embedded SQLite file under dataDir is used. */
  databaseUrl?: string | undefined;
  dataDir?: string;
  /** SQLite only: ':memory:' for throwaway databases in tests. */
  sqliteFile?: string;
  /** PostgreSQL only: put every table in this schema (tests use one schema per file). */
  pgSchema?: string;
  poolSize?: number;
  /** Told every statement run, as sent (bench/statement-capture.ts replays them through the bare driver). */
  onQuery?: (sql: string, parameters: readonly unknown[]) => void;
}

/**
 * Each engine's driver loads when a database of its kind is first opened: a SQLite server does not
 * load pg, nor a PostgreSQL one better-sqlite3 (both are CommonJS, so `require` keeps `openDatabase`
 * synchronous).
 */
const load = createRequire(import.meta.url);
let pgDriver: typeof import('pg') | undefined;
/** pg, with Rapport's type parsers installed (they are global to pg: any client made after this gets them). */
export function postgresDriver(): typeof import('pg') {
  if (pgDriver) return pgDriver;
  const driver = load('pg') as typeof import('pg');
  // PostgreSQL hands int8 (bigint, count) back as strings and timestamptz as Date objects.
  // Rapport keeps money in integer minor units well inside 2^53, and times as ISO strings.
  driver.types.setTypeParser(driver.types.builtins.INT8, (value) => Number(value));
  driver.types.setTypeParser(driver.types.builtins.TIMESTAMPTZ, (value) => new Date(value).toISOString());
  return (pgDriver = driver);
}
/** better-sqlite3. */
export const sqliteDriver = (): typeof SQLite => load('better-sqlite3') as typeof SQLite;

/**
 * Wraps better-sqlite3 for Kysely:
 * - it binds numbers, strings, bigints, buffers and null, not booleans: booleans become 0/1 on the
 *   way in, so the stores write one kind of code for both engines;
 * - Kysely prepares every query afresh, and preparing was a sixth of a brief's time (measured in
 *   bench/): statements are kept by their SQL text and reused, unless one is still busy iterating.
 */
const statementCacheSize = 500;

function sqliteForKysely(database: SQLite.Database): SQLite.Database {
  const bind = (v: unknown): unknown => (typeof v === 'boolean' ? (v ? 1 : 0) : Array.isArray(v) ? v.map(bind) : v);
  const toSqlite = (values: unknown[]) => values.map(bind);
  const prepare = database.prepare.bind(database);
  const cache = new Map<string, SQLite.Statement>();
  const prepared = (source: string): SQLite.Statement => {
    const cached = cache.get(source);
    if (cached && !cached.busy) return cached;
    const statement = prepare(source);
    if (!cached) {
      if (cache.size >= statementCacheSize) cache.delete(cache.keys().next().value as string);
      cache.set(source, statement);
    }
    return statement;
  };
  return new Proxy(database, {
    get(target, property, receiver) {
      if (property !== 'prepare') return Reflect.get(target, property, receiver);
      return (source: string) => {
        const statement = prepared(source);
        return new Proxy(statement, {
          get(st, name, rcv) {
            const member = Reflect.get(st, name, rcv);
            if (name === 'all' || name === 'run' || name === 'get' || name === 'iterate') {
              return (...args: unknown[]) => (member as (...a: unknown[]) => unknown).apply(st, toSqlite(args));
            }
            return typeof member === 'function' ? member.bind(st) : member;
          },
        });
      };
    },
  });
}

/**
 * PostgreSQL parses and plans every statement it is sent: for the brief at a million customers that
 * was three quarters of its time (13 ms of statements sent as text against 3 ms named, bench/). The
 * statements of prepared queries (prepared-query.ts, a bounded set) go as named statements, parsed
 * once per connection. Should one's result type change under it (a migration on a live connection),
 * PostgreSQL refuses the stale plan: that connection sends that statement as text from then on (in a
 * transaction the refusal has already ended it, so that one write fails and may be tried again).
 */
function namingPool(pool: Pool): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) names.set(text, (name = `rapport_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`));
    return name;
  };
  const stale = new WeakMap<PoolClient, Set<string>>();
  const named = async (client: PoolClient, text: string, values: unknown[]): Promise<QueryResult> => {
    const name = nameOf(text);
    if (stale.get(client)?.has(name)) return client.query(text, values);
    try {
      return await client.query({ name, text, values });
    } catch (error) {
      if ((error as { code?: string }).code !== '0A000') throw error;
      stale.set(client, (stale.get(client) ?? new Set()).add(name));
      return client.query(text, values);
    }
  };
  return {
    async connect() {
      const client = await pool.connect();
      return new Proxy(client, {
        get(target, property, receiver) {
          if (property !== 'query') return Reflect.get(target, property, receiver);
          return (...args: unknown[]) =>
            typeof args[0] === 'string' && isPreparedText(args[0]) ? named(target, args[0], (args[1] as unknown[] | undefined) ?? []) : Reflect.apply(target.query, target, args);
        },
      }) as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

/** The embedded database's file in a data directory (DATA_DIR). */
export const sqliteFileIn = (dataDir: string): string => path.join(dataDir, 'rapport.sqlite');

export function openDatabase(options: ConnectOptions): DatabaseHandle {
  const plugins = [new CamelCasePlugin()];
  const { onQuery } = options;
  const log = onQuery
    ? (event: LogEvent) => {
        if (event.level === 'query') onQuery(event.query.sql, event.query.parameters);
      }
    : undefined;
  if (options.databaseUrl) {
    const url = new URL(options.databaseUrl);
    const pool: Pool = new (postgresDriver().Pool)({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    // A connection waiting in the pool can be ended by the server (a restart, a failover, an administrator,
    // a database dropped WITH (FORCE)): the pool drops it and the next query opens another. Without a
    // listener the pool's 'error' event would end the process.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: namingPool(pool) }), plugins, ...(log ? { log } : {}) });
    return {
      db,
      engine: 'postgres',
      describe: `postgres ${url.hostname}${url.pathname}${options.pgSchema ? ` (schema ${options.pgSchema})` : ''}`,
      ...(options.pgSchema ? { schema: options.pgSchema } : {}),
      listen: (channel, onMessage, onLost) => listenOn(options.databaseUrl!, channel, onMessage, onLost),
      close: () => db.destroy(),
    };
  }
  let file = options.sqliteFile;
  if (!file) {
    const dir = options.dataDir ?? './data';
    fs.mkdirSync(dir, { recursive: true });
    file = sqliteFileIn(dir);
  }
  const sqlite = new (sqliteDriver())(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MiB of pages in memory instead of SQLite's 2 MiB: lists that check a few thousand rows (Today at
  // a million customers) read them from here rather than through the operating system.
  sqlite.pragma('cache_size = -65536');
  // The write-ahead log may grow to 200 MB during an import (bulk-writes.ts); once it has been copied
  // back, the file is cut down to 64 MB rather than kept at its largest.
  sqlite.pragma('journal_size_limit = 67108864');
  // Deleted content is overwritten with zeros rather than left in free space: an erased customer's
  // name must not stay readable in the file (data-rights/erasure-commands.ts).
  sqlite.pragma('secure_delete = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqliteForKysely(sqlite) }), plugins, ...(log ? { log } : {}) });
  return { db, engine: 'sqlite', describe: `sqlite ${file}`, close: () => db.destroy() };
}

/** A connection of its own that LISTENs on one channel (a quoted identifier: any name is safe). */
async function listenOn(connectionString: string, channel: string, onMessage: (payload: string) => void, onLost: (error: Error) => void): Promise<Listening> {
  const client: Client = new (postgresDriver().Client)({ connectionString });
  let listening = false;
  let stopped = false;
  let lost = false;
  // Until it listens, a failure is the rejection below; once it does, a failure is told once.
  const fail = (error: Error) => {
    if (!listening || stopped || lost) return;
    lost = true;
    client.end().catch(() => undefined);
    onLost(error);
  };
  client.on('notification', (message) => {
    if (message.channel === channel) onMessage(message.payload ?? '');
  });
  client.on('error', fail);
  client.on('end', () => fail(new Error('the LISTEN connection closed')));
  try {
    await client.connect();
    await client.query(`listen "${channel.replace(/"/g, '""')}"`);
  } catch (error) {
    stopped = true;
    await client.end().catch(() => undefined);
    throw error;
  }
  listening = true;
  return {
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await client.end().catch(() => undefined);
    },
  };
}

/** Brings the schema up to date; safe to run from several processes at once (Kysely takes a lock). */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  // The migrator keeps its own bookkeeping tables; the camel-case plugin must not rename them.
  const plain = handle.db.withoutPlugins();
  // Kysely looks for its bookkeeping tables in any schema unless told which one is ours: on a
  // PostgreSQL server that holds other Rapport schemas (tests, several installs) it would find theirs.
  const schema =
    handle.schema ??
    (handle.engine === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(plain)).rows[0]?.schema : undefined);
  const migrator = new Migrator({
    db: plain,
    provider: migrationProvider(handle.engine),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    if (attempt < 4 && otherSchemaDropped(error, schema)) continue;
    throw error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * Kysely's introspector reads every schema's tables to find its own bookkeeping table; a schema
 * dropped by someone else at that moment (another install, another test file) fails the read with
 * "schema … does not exist" (3F000), "relation "other.table" does not exist" (42P01) when its
 * tables go first, or "column … of relation … does not exist" (42703) when its tables change while
 * read, although nothing is wrong with ours. Reading again is safe: a failure of our own comes back
 * on every attempt and is thrown after the last.
 */
function otherSchemaDropped(error: unknown, ours: string | undefined): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if ((code !== '3F000' && code !== '42P01' && code !== '42703') || typeof message !== 'string') return false;
  return ours === undefined || !(message.includes(`"${ours}"`) || message.includes(`"${ours}.`));
}
