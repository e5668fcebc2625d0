import SQLite from 'better-sqlite3';
import pg from 'pg';

/**
 * Bulk writers for the generator: rows go straight to the driver, bypassing Kysely, the audit
 * trail and the per-row index maintenance (the generator writes the same index and match-key rows itself).
 */

type ColumnType = 'text' | 'int' | 'bool' | 'time';
const tables = {
  customers: { id: 'text', kind: 'text', display_name: 'text', given_name: 'text', family_name: 'text', preferred_name: 'text', created_at: 'time', updated_at: 'time' },
  phones: { id: 'text', customer_id: 'text', number: 'text', e164: 'text', is_primary: 'bool', created_at: 'time', updated_at: 'time' },
  emails: { id: 'text', customer_id: 'text', address: 'text', normalized: 'text', is_primary: 'bool', created_at: 'time', updated_at: 'time' },
  addresses: { id: 'text', customer_id: 'text', is_primary: 'bool', city: 'text', country: 'text', created_at: 'time', updated_at: 'time' },
  external_ids: { id: 'text', customer_id: 'text', source: 'text', external_id: 'text', created_at: 'time', updated_at: 'time' },
  relationships: { id: 'text', customer_id: 'text', related_customer_id: 'text', label: 'text', household: 'bool', created_at: 'time', updated_at: 'time' },
  interactions: { id: 'text', customer_id: 'text', channel: 'text', direction: 'text', occurred_at: 'time', summary: 'text', created_at: 'time', updated_at: 'time' },
  search_words: { word: 'text' },
  search_word_variants: { variant: 'text', word: 'text' },
  search_postings: { word: 'text', customer_id: 'text' },
  search_pairs: { word_a: 'text', word_b: 'text', customer_id: 'text' },
  search_documents: { customer_id: 'text', names: 'text', preferred: 'text', organizations: 'text' },
  match_keys: { key: 'text', customer_id: 'text' },
  match_profiles: { customer_id: 'text', profile: 'text' },
} satisfies Record<string, Record<string, ColumnType>>;

export type TableName = keyof typeof tables;
export type Value = string | number | boolean | null;

export interface Sink {
  add(table: TableName, row: Value[]): void | Promise<void>;
  /** Ends a batch (a transaction on SQLite); rows before it are durable. */
  commit(): Promise<void>;
  close(): Promise<void>;
}

export function sqliteSink(file: string): Sink {
  const db = new SQLite(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -1500000');
  const statements = new Map<TableName, SQLite.Statement>();
  for (const [name, columns] of Object.entries(tables)) {
    const cols = Object.keys(columns);
    statements.set(name as TableName, db.prepare(`insert into ${name} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`));
  }
  db.exec('begin');
  return {
    add(table, row) {
      statements.get(table)!.run(row.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)));
    },
    async commit() {
      db.exec('commit');
      db.exec('begin');
    },
    async close() {
      db.exec('commit');
      db.pragma('journal_mode = WAL');
      db.close();
    },
  };
}

const pgType: Record<ColumnType, string> = { text: 'text', int: 'int8', bool: 'bool', time: 'timestamptz' };

/** Multi-row inserts of column arrays (insert … select * from unnest(…)), 5,000 rows a statement. */
export async function postgresSink(url: string): Promise<Sink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Foreign keys are checked by triggers; a replica session skips them (the generator writes parents first).
  await client.query('set session_replication_role = replica');
  const buffers = new Map<TableName, Value[][]>();
  const flush = async (table: TableName) => {
    const rows = buffers.get(table);
    if (!rows || rows.length === 0) return;
    buffers.set(table, []);
    const columns = Object.entries(tables[table]) as [string, ColumnType][];
    const arrays = columns.map((_, i) => rows.map((r) => r[i] ?? null));
    const unnest = columns.map(([, type], i) => `$${i + 1}::${pgType[type]}[]`).join(', ');
    await client.query(`insert into ${table} (${columns.map(([c]) => c).join(', ')}) select * from unnest(${unnest})`, arrays);
  };
  return {
    async add(table, row) {
      const rows = buffers.get(table) ?? [];
      rows.push(row);
      buffers.set(table, rows);
      if (rows.length >= 5000) await flush(table);
    },
    async commit() {
      for (const table of Object.keys(tables) as TableName[]) await flush(table);
    },
    async close() {
      for (const table of Object.keys(tables) as TableName[]) await flush(table);
      await client.query('analyze');
      await client.end();
    },
  };
}
