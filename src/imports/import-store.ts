import type { Db } from '../platform/database/connect.js';
import { chunks } from '../platform/database/customer-rows.js';
import { tableSpec, type TableName } from '../platform/database/customer-tables.js';
import type { NewRow, RowUpdate } from '../platform/database/schema.js';
import type { UndoPhase } from './import-undo-rules.js';

/** The only place imports, their files, problems and writes are read and written. */

export const insertImport = (db: Db, row: NewRow<'imports'>) => db.insertInto('imports').values(row).execute();
export const findImport = (db: Db, id: string) => db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
export const updateImport = (db: Db, id: string, values: RowUpdate<'imports'>) => db.updateTable('imports').set(values).where('id', '=', id).execute();

export const insertImportFile = (db: Db, importId: string, content: Buffer) => db.insertInto('importFiles').values({ importId, content }).execute();
export async function importFile(db: Db, importId: string): Promise<Buffer | null> {
  const row = await db.selectFrom('importFiles').select('content').where('importId', '=', importId).executeTakeFirst();
  return row ? Buffer.from(row.content) : null;
}

/** Imports of a file from a source done before (the same bytes): a re-import changes nothing, and says so. */
export const earlierImportsOf = (db: Db, source: string, sha256: string, except: string) =>
  db.selectFrom('imports').select(['id', 'finishedAt']).where('source', '=', source).where('fileSha256', '=', sha256).where('status', '=', 'done').where('id', '!=', except).execute();

export const listImports = (db: Db, after: { createdAt: string; id: string } | null, limit: number) =>
  db
    .selectFrom('imports as i')
    .leftJoin('staff as s', 's.id', 'i.createdBy')
    .selectAll('i')
    .select('s.name as createdByName')
    .$if(after !== null, (q) => q.where((eb) => eb.or([eb('i.createdAt', '<', after!.createdAt), eb.and([eb('i.createdAt', '=', after!.createdAt), eb('i.id', '<', after!.id)])])))
    .orderBy('i.createdAt', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute();

/** The next sequence numbers of an import's problems and writes (a resumed run goes on after the last committed). */
export async function nextSeqs(db: Db, importId: string): Promise<{ problem: number; write: number }> {
  const [p, w] = await Promise.all([
    db.selectFrom('importProblems').select((eb) => eb.fn.max('seq').as('n')).where('importId', '=', importId).executeTakeFirst(),
    db.selectFrom('importWrites').select((eb) => eb.fn.max('seq').as('n')).where('importId', '=', importId).executeTakeFirst(),
  ]);
  return { problem: Number(p?.n ?? 0) + 1, write: Number(w?.n ?? 0) + 1 };
}

export async function insertProblems(db: Db, rows: NewRow<'importProblems'>[]): Promise<void> {
  for (const part of chunks(rows)) if (part.length) await db.insertInto('importProblems').values(part).execute();
}
export async function insertWrites(db: Db, rows: NewRow<'importWrites'>[]): Promise<void> {
  for (const part of chunks(rows)) if (part.length) await db.insertInto('importWrites').values(part).execute();
}

export const problemsOf = (db: Db, importId: string, limit: number, afterSeq = 0) =>
  db.selectFrom('importProblems').select(['seq', 'line', 'field', 'message']).where('importId', '=', importId).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();

export const deleteProblems = (db: Db, importId: string) => db.deleteFrom('importProblems').where('importId', '=', importId).execute();

/** How many rows an import wrote or filled in: the work of its undo. */
export async function countWrites(db: Db, importId: string): Promise<number> {
  const row = await db.selectFrom('importWrites').select((eb) => eb.fn.countAll<number>().as('n')).where('importId', '=', importId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The next writes of one phase of an undo (see import-undo-rules.ts), newest first, below `beforeSeq`. */
export const writesToUndo = (db: Db, importId: string, phase: UndoPhase, beforeSeq: number | null, limit: number) =>
  db
    .selectFrom('importWrites')
    .select(['seq', 'tableName', 'rowId', 'before', 'after'])
    .where('importId', '=', importId)
    .where('action', '=', phase === 'filled' ? 'filled' : 'created')
    .$if(phase === 'customers', (q) => q.where('tableName', '=', 'customers'))
    .$if(phase === 'added', (q) => q.where('tableName', '!=', 'customers'))
    .$if(beforeSeq !== null, (q) => q.where('seq', '<', beforeSeq!))
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();

/**
 * Writes to the import's row first thing in a transaction, so that two runs of one import's work
 * (a worker and the command line, say) take turns batch by batch and each reads where the other left off.
 */
export const lockImport = (db: Db, id: string) =>
  db
    .updateTable('imports')
    .set((eb) => ({ status: eb.ref('status') }))
    .where('id', '=', id)
    .execute();

/** Whether a row an import wrote is still there (not already in the trash, merged away or erased). */
export async function rowExists(db: Db, table: TableName, id: string): Promise<boolean> {
  const key = tableSpec(table).key[0]!;
  return (await db.selectFrom(table as 'customers').select(key as 'id').where(key as 'id', '=', id).executeTakeFirst()) !== undefined;
}

/** Where a row came from: the imports that wrote or filled it, with their source and the source's record id. */
export const provenanceOf = (db: Db, table: string, rowId: string) =>
  db
    .selectFrom('importWrites as w')
    .innerJoin('imports as i', 'i.id', 'w.importId')
    .select(['w.importId', 'i.source', 'i.fileName', 'w.sourceRecordId', 'w.line', 'w.action', 'i.finishedAt'])
    .where('w.tableName', '=', table)
    .where('w.rowId', '=', rowId)
    .orderBy('w.importId')
    .execute();

/** A customer found by how an activity names them, in this order: an id in the source system, an email, a phone. */
export async function customerByKey(db: Db, source: string, key: { externalId: string | null; email: string | null; phone: string | null }): Promise<string | null> {
  if (key.externalId) {
    const row = await db.selectFrom('externalIds').select('customerId').where('source', '=', source).where('externalId', '=', key.externalId).executeTakeFirst();
    if (row) return row.customerId;
  }
  if (key.email) {
    const row = await db.selectFrom('emails').select('customerId').where('normalized', '=', key.email).orderBy('createdAt').limit(1).executeTakeFirst();
    if (row) return row.customerId;
  }
  if (key.phone) {
    const row = await db.selectFrom('phones').select('customerId').where('e164', '=', key.phone).orderBy('createdAt').limit(1).executeTakeFirst();
    if (row) return row.customerId;
  }
  return null;
}

/** Whether a source's record was imported already into a table (the same purchase, the same newsletter). */
export async function sourceRecordExists(db: Db, table: 'transactions' | 'interactions', source: string, sourceRecordId: string): Promise<boolean> {
  const row = await db.selectFrom(table).select('id').where('source', '=', source).where('sourceRecordId', '=', sourceRecordId).executeTakeFirst();
  return row !== undefined;
}
