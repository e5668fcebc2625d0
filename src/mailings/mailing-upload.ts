import { actorOfStaff } from '../auth/actor-store.js';
import { readCsvText } from '../imports/readers/csv-text.js';
import type { Db } from '../platform/database/connect.js';
import { withBulkWrites } from '../platform/database/bulk-writes.js';
import { DomainError } from '../platform/errors.js';
import { nowIso } from '../platform/time.js';
import { logRecipients, type UploadOptions } from './mailing-commands.js';
import { recipientColumns, rowOf } from './mailing-columns.js';
import { findMailing, findUpload, insertProblems, lockUpload, nextProblemSeq, updateUpload, uploadFile, type UploadRow } from './mailing-store.js';

/**
 * Going through an upload's file in batches of `batchSize` rows, each batch one transaction: its
 * recipients logged, its problems kept, and how far the upload got, together. A batch that fails
 * leaves nothing of itself; a run after a crash (or on another server) resumes after the last whole
 * batch, and a customer is never logged twice (they are looked up first, and the database's unique
 * index on mailing and customer stands behind that).
 */

export const batchSize = 500;

export interface UploadProgress {
  (done: number, total: number): void;
}

async function fail(db: Db, id: string, error: string): Promise<never> {
  await updateUpload(db, id, { status: 'failed', error, finishedAt: nowIso() });
  throw new DomainError('invalid', 'The file could not be gone through', error);
}

/** Logs an upload's recipients (or finishes doing so); returns the upload as it ends. */
export async function runUpload(db: Db, uploadId: string, progress?: UploadProgress): Promise<UploadRow> {
  const upload = await findUpload(db, uploadId);
  if (!upload) throw new Error(`mailing upload ${uploadId} does not exist`);
  if (upload.status === 'done' || upload.status === 'failed') return upload;
  const mailing = await findMailing(db, upload.mailingId);
  const content = await uploadFile(db, uploadId);
  if (!mailing || !content) return fail(db, uploadId, 'The file is no longer kept: upload it again.');
  const actor = upload.createdBy ? await actorOfStaff(db, upload.createdBy) : null;
  if (upload.createdBy && !actor) return fail(db, uploadId, 'The staff member who uploaded this file can no longer sign in.');
  const options = JSON.parse(upload.options) as UploadOptions;
  const ctx = { actor, phoneRegion: options.phoneRegion };
  const table = readCsvText(content, options.delimiter ? { delimiter: options.delimiter } : {});
  let columns;
  try {
    columns = recipientColumns(table.headers, { source: options.source, ...(options.mapping ? { mapping: options.mapping } : {}) }).columns;
  } catch (error) {
    if (error instanceof DomainError) return fail(db, uploadId, error.errors?.map((e) => e.message).join(' ') || (error.detail ?? error.title));
    throw error;
  }
  const total = table.rows.length;
  await updateUpload(db, uploadId, { status: 'logging', totalRows: total });

  let from = upload.processedRows;
  await withBulkWrites(db, async () => {
    while (from < total) {
      const next = await db.transaction().execute(async (trx) => {
        await lockUpload(trx, uploadId);
        const now = (await findUpload(trx, uploadId))!;
        // Another run took this batch while this one waited: go on after it.
        if (now.processedRows > from || now.status !== 'logging') return now.status === 'logging' ? now.processedRows : total;
        const slice = table.rows.slice(from, from + batchSize);
        const done = await logRecipients(trx, ctx, mailing, slice.map((row) => rowOf(row, table.headers, columns, options.source)));
        const seq = await nextProblemSeq(trx, uploadId);
        await insertProblems(trx, done.problems.map((p, i) => ({ uploadId, seq: seq + i, line: p.place, field: p.field, message: p.message })));
        await updateUpload(trx, uploadId, {
          processedRows: from + slice.length,
          logged: now.logged + done.logged,
          already: now.already + done.already,
          problemRows: now.problemRows + done.problems.length,
        });
        return from + slice.length;
      });
      from = next;
      progress?.(Math.min(from, total), total);
    }
  });
  await db.transaction().execute(async (trx) => {
    await lockUpload(trx, uploadId);
    const now = (await findUpload(trx, uploadId))!;
    if (now.status !== 'logging') return;
    // The file has served: every recipient it named is logged, every row it could not place is kept with its line.
    await updateUpload(trx, uploadId, { status: 'done', finishedAt: nowIso(), content: null });
  });
  return (await findUpload(db, uploadId))!;
}
