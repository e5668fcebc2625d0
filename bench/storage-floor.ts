/**
 * The storage floor of an import (bench/import-speed.ts step 4c): the rows an import wrote for the
 * customers it created, written again by the database alone, every table in one transaction, committed
 * (SQLite: with its log as an import sets it and checkpointed at the end, as withBulkWrites does).
 *
 * On the copy the import left, the created customers' rows in every table of the registry of customer
 * tables (customer, facts, children, the lookup and matching indexes, the audit trail, the import's
 * own record of what it wrote) are copied to temporary tables and deleted; then, on the clock, each
 * table gets its rows back with one `insert … select` from its temporary copy. No statement crosses
 * from the application, nothing is read to match, nothing is built: what storing these rows in these
 * indexes costs on this machine, the least any import of this file could take while it writes them.
 * Not counted: the customers it filled in, the words the lookup learnt (search_words and their
 * variants), the possible duplicates it queued.
 */
import { sql, type Kysely } from 'kysely';
import { bulkPages, defaultPages } from '../src/platform/database/bulk-writes.js';
import type { DatabaseHandle } from '../src/platform/database/connect.js';
import { customerTables } from '../src/platform/database/customer-tables.js';
import type { Database } from '../src/platform/database/schema.js';

export interface StorageFloor {
  customers: number;
  /** Rows written back, by table (snake_case, as in SQL). */
  rows: Record<string, number>;
  /** From the first insert to the commit (SQLite: and the checkpoint, which the commit itself runs when the log is past its limit). */
  seconds: number;
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const elapsed = (from: number) => (performance.now() - from) / 1000;

/** Sets aside and writes back the rows of the customers `importId` created (see above). The copy keeps them. */
export async function storageFloor(handle: DatabaseHandle, importId: string): Promise<StorageFloor> {
  const sqlite = handle.engine === 'sqlite';
  // Temporary tables live on one connection: everything below runs on the same one.
  return handle.db.connection().execute(async (db: Kysely<Database>) => {
    await sql`create temp table floor_customers as select distinct customer_id as id from import_writes where import_id = ${importId} and action = 'created' and table_name = 'customers'`.execute(db);
    const customers = Number((await sql<{ n: number | string }>`select count(*) as n from floor_customers`.execute(db)).rows[0]!.n);
    const tables = customerTables
      .filter((spec) => spec.role !== 'trash' && spec.role !== 'tombstone')
      .map((spec, i) => ({ name: snake(spec.table), copy: `floor_${i}`, owners: spec.customerColumns.map(snake) }));
    const rows: Record<string, number> = {};
    for (const t of tables) {
      const owned = sql.join(t.owners.map((c) => sql`${sql.ref(c)} in (select id from floor_customers)`), sql` or `);
      await sql`create temp table ${sql.table(t.copy)} as select * from ${sql.table(t.name)} where ${owned}`.execute(db);
      const n = Number((await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t.copy)}`.execute(db)).rows[0]!.n);
      if (n > 0) rows[t.name] = n;
    }
    const written = tables.filter((t) => rows[t.name]);
    // Set aside: children before what they belong to, the customers last.
    await sql`begin`.execute(db);
    for (const t of [...written].reverse()) {
      const owned = sql.join(t.owners.map((c) => sql`${sql.ref(c)} in (select id from floor_customers)`), sql` or `);
      await sql`delete from ${sql.table(t.name)} where ${owned}`.execute(db);
    }
    await sql`commit`.execute(db);
    if (sqlite) await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    else await sql`checkpoint`.execute(db);

    // On the clock: the registry's order puts every table after the ones its rows point at.
    const t0 = performance.now();
    if (sqlite) await sql`pragma wal_autocheckpoint = ${sql.raw(String(bulkPages))}`.execute(db);
    await sql`begin`.execute(db);
    for (const t of written) await sql`insert into ${sql.table(t.name)} select * from ${sql.table(t.copy)}`.execute(db);
    await sql`commit`.execute(db);
    if (sqlite) {
      await sql`pragma wal_autocheckpoint = ${sql.raw(String(defaultPages))}`.execute(db);
      await sql`pragma wal_checkpoint(PASSIVE)`.execute(db);
    }
    const seconds = elapsed(t0);
    for (const t of tables) await sql`drop table ${sql.table(t.copy)}`.execute(db);
    await sql`drop table floor_customers`.execute(db);
    return { customers, rows, seconds };
  });
}
