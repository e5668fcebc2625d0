import SQLite from 'better-sqlite3';
import pg from 'pg';

/**
 * The bulk path of the generators (bench/generate.ts, bench/today.ts, bench/scale-data.ts): rows go
 * straight to the driver, bypassing Kysely, the audit trail and the app's own upkeep of derived rows
 * (the generators write the lookup index, match keys and case clocks themselves, by the app's rules).
 *
 * Generic over the table's columns: a row is an object of snake_case column names, and the first row
 * of a table fixes its columns (every later row of that table must name the same ones). On SQLite a
 * prepared insert per table, in large transactions with the journal off; on PostgreSQL multi-row
 * `insert … select * from unnest(…)` of 5,000 rows, typed from the catalogue, sent without waiting
 * for the previous one (the driver queues them) so generating and storing overlap.
 *
 * With `dropIndexes`, the secondary indexes (those the migrations made with CREATE INDEX, not the
 * primary keys and unique constraints) are read from sqlite_master / pg_indexes, dropped before the
 * load and made again from their own definitions after it, then ANALYZE: the load pays no per-row
 * index cost. Foreign keys are not checked during the load (the generators write parents first).
 * On PostgreSQL that is a replica session, which also skips triggers: `close` recomputes what the
 * migrations' triggers keep (promise_tallies), set-based, as migration 0013 backfilled it.
 */

export type Value = string | number | boolean | null;
export type Row = Record<string, Value>;

export interface SinkOptions {
  /** Drop the secondary indexes now and make them again at `close` (then ANALYZE). */
  dropIndexes?: boolean;
  log?: (line: string) => void;
}

/** What `close` did after the rows were in, in seconds. */
export interface SinkClosed {
  indexes: number;
  indexSeconds: number;
  analyzeSeconds: number;
  derivedSeconds: number;
}

export interface Sink {
  readonly engine: 'sqlite' | 'postgres';
  add(table: string, row: Row): void | Promise<void>;
  /** Ends a batch (a transaction on SQLite); rows before it are durable. */
  commit(): Promise<void>;
  close(): Promise<SinkClosed>;
  /** Rows written so far, per table. */
  readonly rows: Record<string, number>;
}

interface IndexDefinition {
  name: string;
  sql: string;
}

const columnsOf = (table: string, row: Row): string[] => {
  const columns = Object.keys(row);
  if (columns.length === 0) throw new Error(`${table}: a row with no columns`);
  return columns;
};

const valuesOf = (table: string, columns: readonly string[], row: Row): Value[] => {
  if (Object.keys(row).length !== columns.length) throw new Error(`${table}: a row names ${Object.keys(row).join(', ')}, the table's first row ${columns.join(', ')}`);
  const values = new Array<Value>(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const value = row[columns[i]!];
    if (value === undefined) throw new Error(`${table}: a row without ${columns[i]}`);
    values[i] = value;
  }
  return values;
};

/** Rows a SQLite insert statement. */
const perStatement = 50;

const seconds = (since: number) => +((performance.now() - since) / 1000).toFixed(2);

export function sqliteSink(file: string, options: SinkOptions = {}): Sink {
  const db = new SQLite(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -1500000');
  db.pragma('temp_store = MEMORY');
  const dropped: IndexDefinition[] = [];
  if (options.dropIndexes) {
    // Indexes with SQL are the CREATE INDEX ones; those of primary keys and UNIQUE constraints have none.
    const indexes = db.prepare("select name, sql from sqlite_master where type = 'index' and sql is not null order by name").all() as IndexDefinition[];
    for (const index of indexes) {
      db.exec(`drop index "${index.name}"`);
      dropped.push(index);
    }
  }
  // Rows go in by statements of `perStatement` rows (fewer calls into the driver), the rest one by one.
  const tables = new Map<string, { columns: string[]; one: SQLite.Statement; many: SQLite.Statement; buffer: Value[] }>();
  const rows: Record<string, number> = {};
  let pending = 0;
  const flush = (t: { one: SQLite.Statement; columns: string[]; buffer: Value[] }) => {
    const width = t.columns.length;
    for (let i = 0; i < t.buffer.length; i += width) t.one.run(t.buffer.slice(i, i + width));
    t.buffer.length = 0;
  };
  const flushAll = () => {
    for (const t of tables.values()) flush(t);
  };
  db.exec('begin');
  return {
    engine: 'sqlite',
    rows,
    add(table, row) {
      let t = tables.get(table);
      if (!t) {
        const columns = columnsOf(table, row);
        const one = `(${columns.map(() => '?').join(', ')})`;
        const insert = `insert into ${table} (${columns.join(', ')}) values `;
        t = { columns, one: db.prepare(insert + one), many: db.prepare(insert + Array.from({ length: perStatement }, () => one).join(', ')), buffer: [] };
        tables.set(table, t);
        rows[table] = 0;
      }
      const values = valuesOf(table, t.columns, row);
      for (const value of values) t.buffer.push(typeof value === 'boolean' ? (value ? 1 : 0) : value);
      rows[table]!++;
      if (t.buffer.length === perStatement * t.columns.length) {
        t.many.run(t.buffer);
        t.buffer.length = 0;
      }
      if (++pending >= 500_000) {
        pending = 0;
        flushAll();
        db.exec('commit; begin');
      }
    },
    async commit() {
      pending = 0;
      flushAll();
      db.exec('commit; begin');
    },
    async close() {
      flushAll();
      db.exec('commit');
      let t0 = performance.now();
      for (const index of dropped) {
        const t1 = performance.now();
        db.exec(index.sql);
        if (seconds(t1) >= 1) options.log?.(`  index ${index.name}: ${seconds(t1)} s`);
      }
      const indexSeconds = seconds(t0);
      t0 = performance.now();
      db.exec('analyze');
      const analyzeSeconds = seconds(t0);
      db.pragma('journal_mode = WAL');
      db.close();
      return { indexes: dropped.length, indexSeconds, analyzeSeconds, derivedSeconds: 0 };
    },
  };
}

/** Rows a statement; enough to amortise a round trip, small enough to keep the arrays cheap. */
const batchRows = 5000;
/** Statements sent and not yet answered before generating waits for PostgreSQL. */
const inFlight = 6;
/** Connections the rows go through (each table always through the same one), each in long transactions. */
const connections = 2;
/** Statements a transaction. */
const perTransaction = 40;

export async function postgresSink(url: string, options: SinkOptions = {}): Promise<Sink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Foreign keys are checked by triggers; a replica session skips them (the generator writes parents first).
  await client.query('set session_replication_role = replica');
  await client.query("set maintenance_work_mem = '1GB'");
  const schema = ((await client.query<{ s: string }>('select current_schema() as s')).rows[0]!).s;
  const types = new Map<string, Map<string, string>>();
  const typed = await client.query<{ table_name: string; column_name: string; type: string }>(
    `select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, a.atttypmod) as type
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped`,
    [schema],
  );
  for (const r of typed.rows) {
    const t = types.get(r.table_name) ?? new Map<string, string>();
    t.set(r.column_name, r.type);
    types.set(r.table_name, t);
  }
  const dropped: IndexDefinition[] = [];
  if (options.dropIndexes) {
    // Not those behind a primary key or a unique constraint (the constraint owns them).
    const indexes = await client.query<{ name: string; sql: string }>(
      `select i.indexname as name, i.indexdef as sql from pg_indexes i
        where i.schemaname = $1
          and not exists (select 1 from pg_constraint c join pg_class x on x.oid = c.conindid join pg_namespace n on n.oid = x.relnamespace
                           where x.relname = i.indexname and n.nspname = i.schemaname)
        order by i.indexname`,
      [schema],
    );
    for (const index of indexes.rows) {
      await client.query(`drop index "${schema}"."${index.name}"`);
      dropped.push(index);
    }
  }
  // The loading connections: no waiting for the WAL at commit, no foreign-key or trigger work.
  // Each connection's statements are chained (`tail`): sent one after the other, without waiting here.
  const writers: { client: pg.Client; statements: number; tail: Promise<unknown> }[] = [];
  for (let i = 0; i < connections; i++) {
    const writer = new pg.Client({ connectionString: url });
    await writer.connect();
    await writer.query('set session_replication_role = replica');
    await writer.query('set synchronous_commit = off');
    await writer.query('begin');
    writers.push({ client: writer, statements: 0, tail: Promise.resolve() });
  }
  const tables = new Map<string, { columns: string[]; insert: string; buffer: Value[][]; writer: (typeof writers)[number] }>();
  const rows: Record<string, number> = {};
  const sent = new Set<Promise<void>>();
  let failure: unknown = null;
  /** Time generating waited for PostgreSQL, ms. */
  let waited = 0;
  const send = async (table: string) => {
    const t = tables.get(table)!;
    if (t.buffer.length === 0) return;
    const batch = t.buffer;
    t.buffer = [];
    const arrays = t.columns.map((_, i) => batch.map((r) => r[i] ?? null));
    const writer = t.writer;
    const transactionEnds = ++writer.statements % perTransaction === 0;
    const inserted = writer.tail.then(() => writer.client.query(t.insert, arrays)).then(() => (transactionEnds ? writer.client.query('commit; begin') : undefined));
    writer.tail = inserted.catch(() => undefined);
    const query: Promise<void> = inserted.then(
      () => {
        sent.delete(query);
      },
      (error: unknown) => {
        failure ??= new Error(`${table}: ${error instanceof Error ? error.message : String(error)}`);
        sent.delete(query);
      },
    );
    sent.add(query);
    if (sent.size >= inFlight) {
      const t0 = performance.now();
      while (sent.size >= inFlight) await Promise.race(sent);
      waited += performance.now() - t0;
    }
    if (failure) throw failure;
  };
  const drain = async () => {
    for (const table of tables.keys()) await send(table);
    await Promise.all(sent);
    if (failure) throw failure;
    for (const writer of writers) {
      await writer.tail;
      await writer.client.query('commit; begin');
    }
  };
  return {
    engine: 'postgres',
    rows,
    async add(table, row) {
      let t = tables.get(table);
      if (!t) {
        const columns = columnsOf(table, row);
        const known = types.get(table);
        if (!known) throw new Error(`${table}: no such table in schema ${schema}`);
        const casts = columns.map((c, i) => {
          const type = known.get(c);
          if (!type) throw new Error(`${table}: no column ${c}`);
          return `$${i + 1}::${type}[]`;
        });
        t = { columns, insert: `insert into ${table} (${columns.join(', ')}) select * from unnest(${casts.join(', ')})`, buffer: [], writer: writers[tables.size % writers.length]! };
        tables.set(table, t);
        rows[table] = 0;
      }
      t.buffer.push(valuesOf(table, t.columns, row));
      rows[table]!++;
      if (t.buffer.length >= batchRows) await send(table);
    },
    commit: drain,
    async close() {
      await drain();
      for (const writer of writers) {
        await writer.client.query('commit');
        await writer.client.end();
      }
      options.log?.(`  waited ${(waited / 1000).toFixed(1)} s for PostgreSQL while generating`);
      let t0 = performance.now();
      for (const index of dropped) {
        const t1 = performance.now();
        await client.query(index.sql);
        if (seconds(t1) >= 1) options.log?.(`  index ${index.name}: ${seconds(t1)} s`);
      }
      const indexSeconds = seconds(t0);
      // What the migrations' triggers keep, skipped by the replica session: as migration 0013 backfilled it.
      t0 = performance.now();
      if (rows.promises) {
        await client.query('delete from promise_tallies');
        await client.query(
          `insert into promise_tallies (location_key, made_on, closed, first_on_time, on_time, slips)
           select coalesce(p.location_id, ''), to_char(p.made_at at time zone 'UTC', 'YYYY-MM-DD'),
                  sum(case when p.status in ('kept', 'broken') then 1 else 0 end),
                  sum(case when p.status = 'kept' and p.kept_at <= p.original_due_by then 1 else 0 end),
                  sum(case when p.status = 'kept' and p.kept_at <= p.due_by then 1 else 0 end),
                  sum(p.slips)
             from promises p group by 1, 2`,
        );
      }
      const derivedSeconds = seconds(t0);
      t0 = performance.now();
      // VACUUM as autovacuum soon would: statistics, and the visibility map that index-only scans read.
      await client.query('set session_replication_role = origin');
      await client.query('vacuum (analyze)');
      const analyzeSeconds = seconds(t0);
      await client.end();
      return { indexes: dropped.length, indexSeconds, analyzeSeconds, derivedSeconds };
    },
  };
}

export const openSink = (target: { file?: string | undefined; url?: string | undefined }, options: SinkOptions = {}): Promise<Sink> | Sink =>
  target.url ? postgresSink(target.url, options) : sqliteSink(target.file!, options);
