import { createHash } from 'node:crypto';
import { recordAudit, recordAudits, type AuditEntry } from '../audit/audit-store.js';
import { refreshContactStates } from '../contact-state/contact-state-store.js';
import { readCsvText, type CsvOptions } from '../imports/readers/csv-text.js';
import type { Db } from '../platform/database/connect.js';
import type { NewRow, Row } from '../platform/database/schema.js';
import { conflict, notFound, unprocessable } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { enqueue } from '../platform/jobs/job-queue.js';
import { nowIso } from '../platform/time.js';
import { authored, touched, type WriteContext } from '../platform/write-context.js';
import { clean } from '../common/text-rules.js';
import { recipientColumns, rowsOfItems, type RecipientInput } from './mailing-columns.js';
import { mailingName, placeRow, planBatch, sentAtOf, type RecipientRow, type RowNote } from './mailing-rules.js';
import type { MailingCreate, MailingPatch } from './mailing-schemas.js';
import { alreadyReceived, findMailing, insertInteractions, insertMailing, insertUpload, lookupsFor, sameMailing, updateMailingRow } from './mailing-store.js';

/** Writes to mailings. Each runs inside the caller's transaction and audits itself. */

export const uploadJobKind = 'mailings.upload';

export async function createMailing(db: Db, ctx: WriteContext, input: MailingCreate): Promise<string> {
  const name = mailingName(input.name, '/body/name');
  const sentAt = sentAtOf(input.sentAt, '/body/sentAt');
  const same = await sameMailing(db, name, input.channel, sentAt);
  if (same) throw conflict(`"${name}" sent then by ${input.channel.replace('_', ' ')} is logged already: mailing ${same.id}. Add recipients to it.`, [{ path: '/body/name', message: `is mailing ${same.id} already` }]);
  const id = newId();
  const row = { id, name, channel: input.channel, sentAt, note: clean(input.note), ...authored(ctx) };
  await insertMailing(db, row);
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'mailing', entityId: id, after: row });
  return id;
}

/**
 * Renames a mailing or changes its note. The brief names a recipient's copy by the mailing's name as
 * it is now; each copy keeps the summary it was logged with, like any logged contact.
 */
export async function updateMailing(db: Db, ctx: WriteContext, id: string, patch: MailingPatch): Promise<void> {
  const before = await findMailing(db, id);
  if (!before) throw notFound(`Mailing ${id}`);
  const changes: { name?: string; note?: string | null } = {};
  if (patch.name !== undefined) changes.name = mailingName(patch.name, '/body/name');
  if (patch.note !== undefined) changes.note = clean(patch.note);
  if (changes.name !== undefined && changes.name !== before.name) {
    const same = await sameMailing(db, changes.name, before.channel, before.sentAt);
    if (same) throw conflict(`Mailing ${same.id} has that name, channel and day already.`, [{ path: '/body/name', message: `is mailing ${same.id} already` }]);
  }
  await updateMailingRow(db, id, { ...changes, ...touched(ctx) });
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'mailing', entityId: id, before, after: { ...before, ...changes } });
}

/** What logging a list of recipients did. */
export interface Logged {
  logged: number;
  already: number;
  problems: (RowNote & { place: number })[];
}

/**
 * Logs the mailing for the customers these rows name, set-based: the rows' keys are looked up in a
 * few queries, each customer named gets one interaction (the mailing's channel, outbound, when it
 * went out, the campaign's name as its summary), written a few hundred a statement and audited in
 * batches. A customer who already got it is counted, not logged again; a row naming no one, or
 * several, is returned with why. Runs in the caller's transaction: all of it is written, or none.
 */
export async function logRecipients(db: Db, ctx: WriteContext, mailing: Row<'mailings'>, rows: readonly RecipientRow[]): Promise<Logged> {
  const found = await lookupsFor(db, rows);
  const placements = rows.map((row) => placeRow(row, found));
  const named = placements.flatMap((p) => ('customerId' in p ? [p.customerId] : []));
  const plan = planBatch(rows, placements, await alreadyReceived(db, mailing.id, named));
  let logged = 0;
  let lost = 0;
  if (plan.add.length) {
    const now = nowIso();
    const stamp = authored(ctx, now);
    const rowsToWrite: NewRow<'interactions'>[] = plan.add.map((customerId) => ({
      id: newId(),
      customerId,
      channel: mailing.channel,
      direction: 'outbound',
      occurredAt: mailing.sentAt,
      summary: mailing.name,
      // Sent by another system, not handed over by anyone at the counter.
      staffId: null,
      locationId: null,
      mood: null,
      outcome: null,
      mailingId: mailing.id,
      ...stamp,
    }));
    const ids = await insertInteractions(db, rowsToWrite);
    const written = rowsToWrite.filter((row) => ids.has(row.id));
    logged = written.length;
    lost = rowsToWrite.length - written.length;
    const entries: AuditEntry[] = written.map((row) => ({ action: 'create', entityType: 'interaction', entityId: row.id, customerId: row.customerId, after: row }));
    await recordAudits(db, ctx.actor, entries);
    // Mass mail answers no one and keeps no one in touch (contact-state-store.ts); recomputed all the same, as every writer of interactions does.
    await refreshContactStates(db, written.map((row) => row.customerId));
  }
  return { logged, already: plan.already + lost, problems: plan.problems };
}

/** Recipients sent as JSON (at most maxRecipientsPerRequest): logged at once, in the caller's transaction. */
export async function addRecipients(db: Db, ctx: WriteContext, mailingId: string, items: readonly RecipientInput[]): Promise<Logged> {
  const mailing = await findMailing(db, mailingId);
  if (!mailing) throw notFound(`Mailing ${mailingId}`);
  return logRecipients(db, ctx, mailing, rowsOfItems(items));
}

/** How an upload's file is read, kept with it (mailing_uploads.options). */
export interface UploadOptions {
  source: string | null;
  /** The uploader's region (the write context of the background run). */
  phoneRegion: string;
  mapping?: Record<string, unknown>;
  delimiter?: CsvOptions['delimiter'];
}

/** The largest recipient file taken (a million rows of an email and an id is about 60 MB). */
export const maxUploadBytes = 64 * 1024 * 1024;

/**
 * Keeps a CSV of recipients and asks for it to be logged in the background (mailing-upload.ts does
 * it, in batches). Its columns are checked now, from the header alone: a file that names no customer,
 * or a mapping that does not fit it, is refused before anything is kept. `inProcess` when the caller
 * runs it itself (the command line), so no worker also does.
 */
export async function startUpload(db: Db, ctx: WriteContext, mailingId: string, file: { name: string; content: Buffer }, options: Omit<UploadOptions, 'phoneRegion'>, inProcess = false): Promise<string> {
  const mailing = await findMailing(db, mailingId);
  if (!mailing) throw notFound(`Mailing ${mailingId}`);
  if (file.content.length === 0) throw unprocessable('/body', 'the file is empty');
  const source = options.source?.trim().toLowerCase() || null;
  const head = readCsvText(firstLines(file.content), options.delimiter ? { delimiter: options.delimiter } : {});
  recipientColumns(head.headers, { source, ...(options.mapping ? { mapping: options.mapping } : {}) });
  const id = newId();
  const kept: UploadOptions = { source, phoneRegion: ctx.phoneRegion, ...(options.mapping ? { mapping: options.mapping } : {}), ...(options.delimiter ? { delimiter: options.delimiter } : {}) };
  await insertUpload(db, {
    id,
    mailingId,
    fileName: file.name,
    fileSha256: createHash('sha256').update(file.content).digest('hex'),
    options: JSON.stringify(kept),
    content: file.content,
    status: 'queued',
    error: null,
    createdAt: nowIso(),
    createdBy: ctx.actor?.staffId ?? null,
    finishedAt: null,
  });
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'mailing_upload', entityId: id, after: { mailingId, fileName: file.name, source } });
  if (!inProcess) await enqueue(db, { kind: uploadJobKind, payload: { uploadId: id }, key: `${uploadJobKind}:${id}` });
  return id;
}

/** The start of a file, enough for its header and the guess of its separator. */
function firstLines(content: Buffer): Buffer {
  const head = content.subarray(0, 64 * 1024);
  const lastBreak = head.lastIndexOf(0x0a);
  return lastBreak > 0 && head.length < content.length ? head.subarray(0, lastBreak + 1) : head;
}
