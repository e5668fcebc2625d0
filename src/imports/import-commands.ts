import { createHash } from 'node:crypto';
import { recordAudit } from '../audit/audit-store.js';
import { updateCustomer } from '../customers/customer-commands.js';
import { loadCustomer } from '../customers/customer-store.js';
import type { Db } from '../platform/database/connect.js';
import { tableSpec, type TableName } from '../platform/database/customer-tables.js';
import { conflict, notFound, unprocessable } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { enqueue } from '../platform/jobs/job-queue.js';
import { nowIso } from '../platform/time.js';
import type { WriteContext } from '../platform/write-context.js';
import { moveToTrash } from '../trash/trash-commands.js';
import type { ImportOptions } from './import-reading.js';
import { findImport, insertImport, insertImportFile, updateImport, writesOf } from './import-store.js';

/** Starting an import (the check runs at once, in the background), committing it, and undoing it. */

export const checkJobKind = 'imports.check';
export const runJobKind = 'imports.run';

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
  if (row.status !== 'checked' && row.status !== 'failed') throw conflict(`This import is ${row.status}: there is nothing to commit.`);
  if (row.status === 'failed' && row.checkedAt === null) throw conflict(`The file could not be read: ${row.error ?? 'start again with a new upload'}.`);
  await updateImport(db, id, { status: 'importing', committedAt: row.committedAt ?? nowIso(), committedBy: row.committedBy ?? ctx.actor?.staffId ?? null, error: null });
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'import', entityId: id, before: { status: row.status }, after: { status: 'importing' } });
  if (!inProcess) await enqueue(db, { kind: runJobKind, payload: { importId: id }, key: `${runJobKind}:${id}` });
}

/**
 * Undoes an import as a whole: the customers it created go to the trash with everything recorded
 * about them since (restorable from there), the contact points, notes, links, purchases and contacts
 * it added to customers already there go to the trash, and the fields it filled in are emptied
 * again unless someone changed them since.
 */
export async function undoImport(db: Db, ctx: WriteContext, id: string): Promise<{ trashed: number; cleared: number }> {
  const row = await findImport(db, id);
  if (!row) throw notFound(`Import ${id}`);
  if (row.status !== 'done' && row.status !== 'failed') throw conflict(`This import is ${row.status}: only a finished (or failed) import can be undone.`);
  if (row.status === 'failed' && row.committedAt === null) throw conflict('Nothing was imported from this file.');
  const writes = await writesOf(db, id);
  const exists = async (table: TableName, rowId: string) => {
    const key = tableSpec(table).key[0]!;
    return (await db.selectFrom(table as 'customers').select(key as 'id').where(key as 'id', '=', rowId).executeTakeFirst()) !== undefined;
  };
  let trashed = 0;
  let cleared = 0;
  // Customers first (each takes what hangs from them), then what was added to others, newest first.
  const created = writes.filter((w) => w.action === 'created');
  for (const w of [...created.filter((c) => c.tableName === 'customers'), ...created.filter((c) => c.tableName !== 'customers')]) {
    const table = w.tableName as TableName;
    if (!(await exists(table, w.rowId))) continue;
    await moveToTrash(db, ctx, table, w.rowId);
    trashed += 1;
  }
  for (const w of writes.filter((x) => x.action === 'filled')) {
    const customer = await loadCustomer(db, w.rowId);
    if (!customer) continue;
    const before = JSON.parse(w.before ?? '{}') as Record<string, unknown>;
    const after = JSON.parse(w.after ?? '{}') as Record<string, unknown>;
    const patch = Object.fromEntries(Object.keys(after).filter((k) => JSON.stringify(customer[k as keyof typeof customer] ?? null) === JSON.stringify(after[k] ?? null)).map((k) => [k, before[k] ?? null]));
    if (Object.keys(patch).length === 0) continue;
    await updateCustomer(db, ctx, w.rowId, patch);
    cleared += Object.keys(patch).length;
  }
  const now = nowIso();
  await updateImport(db, id, { status: 'undone', undoneAt: now, undoneBy: ctx.actor?.staffId ?? null });
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'import', entityId: id, before: { status: row.status }, after: { status: 'undone', trashed, cleared } });
  return { trashed, cleared };
}
