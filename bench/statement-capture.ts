/**
 * The bare-database limit of a Rapport request: the SQL statements (text and parameters) the app sent
 * while it answered it, captured on a second handle of the same database (Kysely's query log), and
 * replayed through better-sqlite3 or pg directly.
 *
 * Ids the request minted (UUIDv7 whose time lies within the captured request) are given fresh ids at
 * each replay, so an insert replayed does not collide with the row the captured request committed.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { openDatabase, type ConnectOptions, type DatabaseHandle } from '../src/platform/database/connect.js';
import { newId } from '../src/platform/ids.js';

export interface Statement {
  sql: string;
  parameters: unknown[];
}

/** What one request ran, and the ids it minted. */
export interface Captured {
  statements: Statement[];
  minted: string[];
}

export interface Capturer {
  /** The same database on a handle of its own, its statements recorded while `capture` runs. Build a second app on it. */
  handle: DatabaseHandle;
  capture<T>(run: () => Promise<T>): Promise<{ result: T; captured: Captured }>;
}

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const v7Time = (id: string) => parseInt(id.slice(0, 8) + id.slice(9, 13), 16);

/** UUIDv7 values among the parameters whose time falls between `from` and `to` (ms since 1970). */
function mintedBetween(statements: Statement[], from: number, to: number): string[] {
  const minted = new Set<string>();
  for (const s of statements) for (const p of s.parameters) if (typeof p === 'string' && uuidV7.test(p) && v7Time(p) >= from && v7Time(p) <= to) minted.add(p);
  return [...minted];
}

/**
 * Opens the database a second time, told every statement as it is sent (built or prepared, see
 * src/platform/database/prepared-query.ts), and records them while `capture` runs.
 */
export function capturer(target: ConnectOptions): Capturer {
  let recording: Statement[] | null = null;
  // The replay opens and rolls back its own transaction around a write: the request's begin and commit are left out.
  const transactionControl = /^\s*(begin|commit|rollback)\b/i;
  const handle = openDatabase({ ...target, onQuery: (sql, parameters) => !transactionControl.test(sql) && recording?.push({ sql, parameters: [...parameters] }) });
  return {
    handle,
    async capture(run) {
      if (recording) throw new Error('one capture at a time');
      const statements: Statement[] = [];
      recording = statements;
      const from = Date.now() - 1;
      try {
        const result = await run();
        return { result, captured: { statements, minted: mintedBetween(statements, from, Date.now() + 1) } };
      } finally {
        recording = null;
      }
    },
  };
}

export interface BareDriver {
  engine: 'sqlite' | 'postgres';
  /** Runs the statements one after the other (a write between begin and rollback), minted ids fresh; their rows. */
  replay(captured: Captured, write: boolean): Promise<unknown[][]>;
  /**
   * Runs statements exactly as a run of the app sent them, its begins, savepoints and commits included, on one connection: nothing is rolled back.
   * With `costs`, adds each statement's time to its shape's (see shapeOf).
   */
  runAsSent(statements: readonly Statement[], costs?: Costs): Promise<void>;
  close(): Promise<void>;
}

/** Seconds and count per statement shape. */
export type Costs = Map<string, { count: number; seconds: number }>;

/**
 * A statement's shape: its text with placeholders as ?, a multi-row insert's rows as one, a long
 * in-list as one value and savepoint names as one: statements that differ only in how many rows
 * or values they carry are one shape.
 */
export function shapeOf(sql: string): string {
  return sql
    .replace(/\$\d+/g, '?')
    .replace(/\((\?(?:, \?)*)\)(?:, \(\1\))+/g, '($1) …')
    .replace(/\(\?(?:, \?)+\)/g, '(? …)')
    .replace(/^(savepoint|release savepoint|rollback to savepoint|release)\s+\S+/i, '$1 sp');
}

const addCost = (costs: Costs | undefined, sql: string, from: number) => {
  if (!costs) return;
  const shape = shapeOf(sql);
  const cost = costs.get(shape) ?? { count: 0, seconds: 0 };
  cost.count += 1;
  cost.seconds += (performance.now() - from) / 1000;
  costs.set(shape, cost);
};

/** Statements that open, mark or end a transaction (sent as text on PostgreSQL: they have no plan to keep). */
const transactionStatement = /^\s*(begin|commit|rollback|savepoint|release)\b/i;

const freshIds = (captured: Captured): ((parameters: unknown[]) => unknown[]) => {
  if (!captured.minted.length) return (parameters) => parameters;
  const fresh = new Map(captured.minted.map((id) => [id, newId()]));
  return (parameters) => parameters.map((p) => (typeof p === 'string' ? (fresh.get(p) ?? p) : p));
};

/** better-sqlite3 on the file, opened with the pragmas the server uses; statements prepared once. */
function sqliteDriver(file: string): BareDriver {
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('cache_size = -65536');
  database.pragma('secure_delete = ON');
  const prepared = new Map<string, SQLite.Statement>();
  const statement = (source: string) => {
    let s = prepared.get(source);
    if (!s) prepared.set(source, (s = database.prepare(source)));
    return s;
  };
  const bind = (v: unknown): unknown => (typeof v === 'boolean' ? (v ? 1 : 0) : v instanceof Date ? v.toISOString() : v);
  return {
    engine: 'sqlite',
    async replay(captured, write) {
      const ids = freshIds(captured);
      const rows: unknown[][] = [];
      if (write) database.exec('begin');
      try {
        for (const s of captured.statements) {
          const st = statement(s.sql);
          const values = ids(s.parameters).map(bind);
          if (st.reader) rows.push(st.all(values));
          else {
            st.run(values);
            rows.push([]);
          }
        }
      } finally {
        if (write) database.exec('rollback');
      }
      return rows;
    },
    async runAsSent(statements, costs) {
      for (const s of statements) {
        const from = performance.now();
        const st = statement(s.sql);
        const values = s.parameters.map(bind);
        if (st.reader) st.all(values);
        else st.run(values);
        addCost(costs, s.sql, from);
      }
    },
    async close() {
      database.close();
    },
  };
}

/**
 * A pg pool as large as the app's (10): under concurrent load the minimal server gets as many
 * connections as Rapport. A request's statements run on one connection taken from it, each as a
 * named statement (parsed once per connection), as the best use of the driver: the app names the
 * statements of its prepared queries and sends the others as text.
 */
async function postgresDriver(url: string, poolSize: number): Promise<BareDriver> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  (await pool.connect()).release();
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) names.set(text, (name = `bare_${names.size}`));
    return name;
  };
  return {
    engine: 'postgres',
    async replay(captured, write) {
      const ids = freshIds(captured);
      const rows: unknown[][] = [];
      const client = await pool.connect();
      try {
        if (write) await client.query('begin');
        try {
          for (const s of captured.statements) rows.push((await client.query({ name: nameOf(s.sql), text: s.sql, values: ids(s.parameters) })).rows);
        } finally {
          if (write) await client.query('rollback');
        }
      } finally {
        client.release();
      }
      return rows;
    },
    async runAsSent(statements, costs) {
      const client = await pool.connect();
      try {
        for (const s of statements) {
          const from = performance.now();
          await client.query(transactionStatement.test(s.sql) ? s.sql : { name: nameOf(s.sql), text: s.sql, values: [...s.parameters] });
          addCost(costs, s.sql, from);
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** A scale database: a SQLite file or a PostgreSQL URL. */
export type Target = { file: string } | { url: string };
export const isPostgres = (target: Target): target is { url: string } => 'url' in target;

/** The app's pool size on PostgreSQL (openDatabase's default), given to the bare driver's pool too. */
export const poolSize = 10;

export const openBareDriver = (target: Target): Promise<BareDriver> => (isPostgres(target) ? postgresDriver(target.url, poolSize) : Promise.resolve(sqliteDriver(target.file)));
