import { Check } from 'typebox/value';
import { recordAudit } from '../audit/audit-store.js';
import { actorOfStaff } from '../auth/actor-store.js';
import { updateCustomer } from '../customers/customer-commands.js';
import { CustomerPatch } from '../customers/customer-schemas.js';
import { loadCustomer } from '../customers/customer-store.js';
import type { Db } from '../platform/database/connect.js';
import type { TableName } from '../platform/database/customer-tables.js';
import { inSavepoint } from '../platform/database/savepoint.js';
import { DomainError } from '../platform/errors.js';
import { nowIso } from '../platform/time.js';
import type { WriteContext } from '../platform/write-context.js';
import { moveToTrash } from '../trash/trash-commands.js';
import { findImport, lockImport, rowExists, updateImport, writesToUndo } from './import-store.js';
import { isUndoing, nextPhase, revertPatch, undoStart, undoStateOf, withUndoState, type UndoCounts, type UndoState } from './import-undo-rules.js';

/**
 * Running an import's undo (asked for with `undoImport`, import-commands.ts) in batches of
 * `batchSize` writes, each batch one transaction that also records how far the undo got: a crash or a
 * kill loses nothing committed, and the next run (the job again, or `rapport import --undo`) goes on
 * from there. Running it again once it is done changes nothing.
 */

export const undoBatchSize = 100;

type Json = Record<string, unknown>;
const parsed = (text: string | null): Json => {
  const value: unknown = JSON.parse(text ?? '{}');
  return typeof value === 'object' && value !== null ? (value as Json) : {};
};

export interface UndoOptions {
  /** Called after each batch is committed: writes undone so far, and in all. */
  progress?: (done: number, total: number) => void;
  batchSize?: number;
}

/** Puts back one field-filling write; returns how many fields went back (none when someone changed them since). */
async function refill(db: Db, ctx: WriteContext, customerId: string, before: string | null, after: string | null): Promise<number> {
  const customer = await loadCustomer(db, customerId);
  if (!customer) return 0;
  const patch = revertPatch(customer, parsed(before), parsed(after));
  if (Object.keys(patch).length === 0 || !Check(CustomerPatch, patch)) return 0;
  try {
    await inSavepoint(db, () => updateCustomer(db, ctx, customerId, patch));
    return Object.keys(patch).length;
  } catch (error) {
    // A value the customer's rules no longer take is left as it is, like one changed since.
    if (error instanceof DomainError) return 0;
    throw error;
  }
}

/** Undoes the next batch of writes from `state`; null when there are none left. */
async function undoBatch(db: Db, ctx: WriteContext, importId: string, state: UndoState, size: number): Promise<{ state: UndoState; done: number } | null> {
  let { phase, lastSeq } = state;
  for (;;) {
    const writes = await writesToUndo(db, importId, phase, lastSeq, size);
    if (writes.length > 0) {
      const next = { ...state, phase, lastSeq: writes.at(-1)!.seq };
      for (const w of writes) {
        if (phase === 'filled') next.cleared += await refill(db, ctx, w.rowId, w.before, w.after);
        else if (await rowExists(db, w.tableName as TableName, w.rowId)) {
          await moveToTrash(db, ctx, w.tableName as TableName, w.rowId);
          next.trashed += 1;
        }
      }
      return { state: next, done: writes.length };
    }
    const following = nextPhase(phase);
    if (!following) return null;
    phase = following;
    lastSeq = null;
  }
}

/** Undoes an import that is being undone, to the end; returns what it did (in all, across runs). */
export async function runUndo(db: Db, importId: string, options: UndoOptions = {}): Promise<UndoCounts> {
  const row = await findImport(db, importId);
  if (!row) throw new Error(`import ${importId} does not exist`);
  if (!isUndoing(row)) {
    const state = undoStateOf(row.importCounts);
    return { trashed: state?.trashed ?? 0, cleared: state?.cleared ?? 0 };
  }
  const { phoneRegion } = parsed(row.options);
  // As the staff member who asked; Rapport itself if they can no longer sign in (the undo was allowed when asked).
  const actor = row.undoneBy ? await actorOfStaff(db, row.undoneBy) : null;
  // The region the file's phone numbers were read in (nothing an undo writes reads one).
  const ctx: WriteContext = { actor, phoneRegion: typeof phoneRegion === 'string' ? phoneRegion : 'US' };
  const size = options.batchSize ?? undoBatchSize;
  for (;;) {
    const step = await db.transaction().execute(async (trx) => {
      await lockImport(trx, importId);
      const current = await findImport(trx, importId);
      if (!current || !isUndoing(current)) return { finished: true as const, state: undoStateOf(current?.importCounts ?? null) ?? undoStart };
      const state = undoStateOf(current.importCounts) ?? undoStart;
      const batch = await undoBatch(trx, ctx, importId, state, size);
      if (!batch) {
        await updateImport(trx, importId, { undoneAt: nowIso(), processedRows: current.totalRows });
        await recordAudit(trx, ctx.actor, { action: 'update', entityType: 'import', entityId: importId, before: { status: 'undoing' }, after: { status: 'undone', trashed: state.trashed, cleared: state.cleared } });
        return { finished: true as const, state };
      }
      const processed = Math.min(Number(current.processedRows) + batch.done, Number(current.totalRows));
      await updateImport(trx, importId, { processedRows: processed, importCounts: withUndoState(current.importCounts, batch.state) });
      return { finished: false as const, processed, total: Number(current.totalRows) };
    });
    if (step.finished) return { trashed: step.state.trashed, cleared: step.state.cleared };
    options.progress?.(step.processed, step.total);
  }
}
