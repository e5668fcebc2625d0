import { createHash } from 'node:crypto';
import { recordAudit } from '../audit/audit-store.js';
import type { Db } from '../platform/database/connect.js';
import { conflict, notFound, unprocessable } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { enqueue } from '../platform/jobs/job-queue.js';
import { nowIso } from '../platform/time.js';
import type { WriteContext } from '../platform/write-context.js';
import type { ImportOptions } from './import-reading.js';
import { countWrites, findImport, insertImport, insertImportFile, updateImport } from './import-store.js';
import { isUndoing, stateOf, undoStart, withUndoState } from './import-undo-rules.js';

/** Starting an import (the check runs at once, in the background), committing it, and undoing it. */

export const checkJobKind = 'imports.check';
export const runJobKind = 'imports.run';
export const undoJobKind = 'imports.undo';

export interface ImportStart {
  source: string;
  kind: 'customers' | 'transactions' | 'interactions';
  format: 'csv' | 'vcard' | 'jsonl';
  fileName: string;
  options: ImportOptions;
}

/** The format a file's name says, when the person importing did not. */
export function formatOfName(fileName: string): 'csv' | 'vcard' | 'jsonl' | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return 'csv';
  if (ext === 'vcf' || ext === 'vcard') return 'vcard';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  return null;
}

/**
 * Keeps the file, and asks for its check: what would be created, updated, matched, and every row's
 * problem. `inProcess` when the caller runs the check itself (the command line), so no worker also does.
 */
export async function startImport(db: Db, ctx: WriteContext, start: ImportStart, content: Buffer, inProcess = false): Promise<string> {
  const source = start.source.trim().toLowerCase();
  if (!source) throw unprocessable('/query/source', 'name the system the file comes from: pos, newsletter, service desk');
  if (content.length === 0) throw unprocessable('/body', 'the file is empty');
  if (start.kind !== 'customers' && start.format !== 'csv') throw unprocessable('/query/format', `${start.kind} are imported from CSV files`);
  const id = newId();
  const now = nowIso();
  const row = {
    id,
    source,
    kind: start.kind,
    format: start.format,
    fileName: start.fileName,
    fileSha256: createHash('sha256').update(content).digest('hex'),
    options: JSON.stringify(start.options),
    status: 'checking' as const,
    checkCounts: null,
    importCounts: null,
    error: null,
    createdAt: now,
    createdBy: ctx.actor?.staffId ?? null,
    checkedAt: null,
    committedAt: null,
    committedBy: null,
    finishedAt: null,
    undoneAt: null,
    undoneBy: null,
  };
  await insertImport(db, row);
  await insertImportFile(db, id, content);
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'import', entityId: id, after: { source, kind: start.kind, format: start.format, fileName: start.fileName } });
  if (!inProcess) await enqueue(db, { kind: checkJobKind, payload: { importId: id }, key: `${checkJobKind}:${id}` });
  return id;
}

/**
 * After the check: import it, in the background (a failed import can be committed again and
 * resumes); `inProcess` when the caller runs it itself (the command line), so no worker also does.
 */
export async function commitImport(db: Db, ctx: WriteContext, id: string, inProcess = false): Promise<void> {
  const row = await findImport(db, id);
  if (!row) throw notFound(`Import ${id}`);
  if (row.status === 'checking') throw conflict('The file is still being checked: commit it once the check is done.');
  if (row.status !== 'checked' && row.status !== 'failed') throw conflict(`This import is ${stateOf(row)}: there is nothing to commit.`);
  if (row.status === 'failed' && row.checkedAt === null) throw conflict(`The file could not be read: ${row.error ?? 'start again with a new upload'}.`);
  await updateImport(db, id, { status: 'importing', committedAt: row.committedAt ?? nowIso(), committedBy: row.committedBy ?? ctx.actor?.staffId ?? null, error: null });
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'import', entityId: id, before: { status: row.status }, after: { status: 'importing' } });
  if (!inProcess) await enqueue(db, { kind: runJobKind, payload: { importId: id }, key: `${runJobKind}:${id}` });
}

/**
 * Asks for an import to be undone as a whole, in the background (import-undo.ts does it): the
 * customers it created go to the trash with everything recorded about them since (restorable from
 * there), the contact points, notes, links, purchases and contacts it added to customers already
 * there go to the trash, and the fields it filled in are emptied again unless someone changed them
 * since. Asked again while under way (after a crash, or a job that gave up), it goes on where it
 * stopped. `inProcess` when the caller runs it itself (the command line), so no worker also does.
 */
export async function undoImport(db: Db, ctx: WriteContext, id: string, inProcess = false): Promise<void> {
  const row = await findImport(db, id);
  if (!row) throw notFound(`Import ${id}`);
  if (isUndoing(row)) {
    if (!inProcess) await enqueue(db, { kind: undoJobKind, payload: { importId: id }, key: `${undoJobKind}:${id}` });
    return;
  }
  if (row.status !== 'done' && row.status !== 'failed') throw conflict(`This import is ${row.status}: only a finished (or failed) import can be undone.`);
  if (row.status === 'failed' && row.committedAt === null) throw conflict('Nothing was imported from this file.');
  // Its progress from now on counts the rows it wrote or filled in, undone one by one.
  const total = await countWrites(db, id);
  await updateImport(db, id, { status: 'undone', undoneAt: null, undoneBy: ctx.actor?.staffId ?? null, totalRows: total, processedRows: 0, importCounts: withUndoState(row.importCounts, undoStart) });
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'import', entityId: id, before: { status: row.status }, after: { status: 'undoing' } });
  if (!inProcess) await enqueue(db, { kind: undoJobKind, payload: { importId: id }, key: `${undoJobKind}:${id}` });
}
