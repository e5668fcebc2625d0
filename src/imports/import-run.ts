import { actorOfStaff } from '../auth/actor-store.js';
import type { Db } from '../platform/database/connect.js';
import { DomainError } from '../platform/errors.js';
import { nowIso } from '../platform/time.js';
import { withBulkWrites } from '../platform/database/bulk-writes.js';
import { inSavepoint } from '../platform/database/savepoint.js';
import { applyInteraction, applyTransaction, NoCustomer, type ImportRun, type Settled } from './import-apply.js';
import { applyCustomers } from './import-customers.js';
import { readImport, type ImportOptions, type ImportRecords } from './import-reading.js';
import type { RowProblem } from './import-records.js';
import { deleteProblems, findImport, importFile, insertProblems, insertWrites, nextSeqs, updateImport } from './import-store.js';

/**
 * Running an import's file through its records, in batches of `batchSize`, each batch one
 * transaction: the check (nothing written but its findings) and the import itself. The import
 * records how far it got in the same transaction as the batch, so a crash or a kill loses nothing
 * committed and the next run resumes after the last whole batch.
 */

export const batchSize = 200;

export interface ImportCounts {
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Created, but may be someone already there: waiting in the duplicates queue. */
  review: number;
  /** Records with a problem (left out, or taken in part: see the problems). */
  problems: number;
  notes: string[];
}

const zero = (): ImportCounts => ({ records: 0, created: 0, updated: 0, unchanged: 0, review: 0, problems: 0, notes: [] });

/** A record's problem from an error thrown while applying it (the commands' validation names a field). */
export function problemOf(line: number, error: unknown): RowProblem | null {
  if (error instanceof NoCustomer) return { line, field: null, message: error.message };
  if (!(error instanceof DomainError)) return null;
  const first = error.errors?.[0];
  const field = first?.path.split('/').filter(Boolean).filter((p) => p !== 'body')[0] ?? null;
  return { line, field, message: first ? `${first.path.replace(/^\/body\//, '')} ${first.message}` : (error.detail ?? error.title) };
}

/** Applies the records of one batch (those that have one: a row with problems may not) in order, each settled. */
async function applyBatch(db: Db, run: ImportRun, records: ImportRecords, from: number, to: number): Promise<Map<number, Settled>> {
  const indexes = [];
  for (let i = from; i < to; i++) if (records.items[i]!.record) indexes.push(i);
  const settled = new Map<number, Settled>();
  if (records.kind === 'customers') {
    const results = await applyCustomers(db, run, indexes.map((i) => ({ line: records.items[i]!.line, record: records.items[i]!.record! })));
    indexes.forEach((i, n) => settled.set(i, results[n]!));
    return settled;
  }
  for (const i of indexes) {
    try {
      const applied = await inSavepoint(db, () => (records.kind === 'transactions' ? applyTransaction(db, run, records.items[i]!.record!) : applyInteraction(db, run, records.items[i]!.record!)));
      settled.set(i, { applied });
    } catch (error) {
      settled.set(i, { error });
    }
  }
  return settled;
}

export interface RunProgress {
  (done: number, total: number): void;
}

/**
 * Checks (mode 'check') or imports (mode 'import') an import's file. Returns its counts; the import
 * row says where it stands (checked, done, or failed with why).
 */
export async function runImport(db: Db, importId: string, mode: 'check' | 'import', progress?: RunProgress): Promise<ImportCounts> {
  const row = await findImport(db, importId);
  if (!row) throw new Error(`import ${importId} does not exist`);
  if ((mode === 'check' && row.status !== 'checking') || (mode === 'import' && row.status !== 'importing')) {
    return JSON.parse((mode === 'check' ? row.checkCounts : row.importCounts) ?? 'null') ?? zero();
  }
  const bytes = await importFile(db, importId);
  const options = JSON.parse(row.options) as ImportOptions;
  const by = mode === 'import' ? row.committedBy : row.createdBy;
  const actor = by ? await actorOfStaff(db, by) : null;
  const fail = async (error: string) => {
    await updateImport(db, importId, { status: 'failed', error, finishedAt: nowIso() });
    throw new DomainError('invalid', 'The import could not be read', error);
  };
  if (!bytes) return fail('The file is no longer kept: upload it again.');
  if (by && !actor) return fail('The staff member who started this import can no longer sign in.');

  let records;
  try {
    records = readImport(row, bytes, options);
  } catch (error) {
    if (error instanceof DomainError) return fail(error.errors?.map((e) => `${e.path}: ${e.message}`).join('; ') || (error.detail ?? error.title));
    throw error;
  }
  const total = records.items.length;
  const resumed = mode === 'import' && row.processedRows > 0;
  if (!resumed) await deleteProblems(db, importId);
  const counts: ImportCounts = resumed ? (JSON.parse(row.importCounts ?? 'null') ?? zero()) : { ...zero(), notes: records.notes };
  await updateImport(db, importId, { totalRows: total });
  const run: ImportRun = { importId, source: row.source, mode, ctx: { actor, phoneRegion: options.phoneRegion }, writes: [], pending: new Map(), organizationsMade: new Map() };
  const start = mode === 'import' ? row.processedRows : 0;
  // A check writes nothing but its findings; it reads in one go (a long transaction of reads only).
  const batches = async () => {
    for (let from = start; from < total; from += batchSize) {
      const slice = records.items.slice(from, from + batchSize);
      await db.transaction().execute(async (trx) => {
        const seq = await nextSeqs(trx, importId);
        const problems: RowProblem[] = [];
        run.writes = [];
        const settled = await applyBatch(trx, run, records, from, from + slice.length);
        for (const [offset, item] of slice.entries()) {
          counts.records += 1;
          problems.push(...item.problems);
          let failed = item.problems.length > 0;
          const result = settled.get(from + offset);
          if (result && 'applied' in result) {
            counts[result.applied.outcome] += 1;
            if (result.applied.review) counts.review += 1;
          } else if (result) {
            const problem = problemOf(item.line, result.error);
            if (!problem) throw result.error;
            problems.push(problem);
            failed = true;
          }
          if (failed) counts.problems += 1;
        }
        await insertProblems(trx, problems.map((p, i) => ({ importId, seq: seq.problem + i, line: p.line, field: p.field, message: p.message })));
        await insertWrites(trx, run.writes.map((w, i) => ({ ...w, importId, seq: seq.write + i })));
        await updateImport(trx, importId, mode === 'import' ? { processedRows: from + slice.length, importCounts: JSON.stringify(counts) } : { checkCounts: JSON.stringify(counts) });
      });
      progress?.(Math.min(from + batchSize, total), total);
    }
  };
  await (mode === 'import' ? withBulkWrites(db, batches) : batches());
  const now = nowIso();
  if (mode === 'check') await updateImport(db, importId, { status: 'checked', checkedAt: now, checkCounts: JSON.stringify(counts) });
  else {
    await db.transaction().execute(async (trx) => {
      await updateImport(trx, importId, { status: 'done', finishedAt: now, importCounts: JSON.stringify(counts) });
      // The file has served: its records are in, each traced to its line and source id.
      await trx.deleteFrom('importFiles').where('importId', '=', importId).execute();
    });
  }
  return counts;
}
