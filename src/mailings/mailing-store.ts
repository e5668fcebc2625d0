import type { Db } from '../platform/database/connect.js';
import { chunks } from '../platform/database/customer-rows.js';
import type { MailingChannel, NewRow, Row, RowUpdate } from '../platform/database/schema.js';
import { externalKey, type Lookups, type RecipientRow } from './mailing-rules.js';
import type { MailingOut } from './mailing-schemas.js';

/**
 * The only place mailings, their uploads and problems are read and written, and where a mailing's
 * interactions are written many at a time (one statement per few hundred; the rows are the same as
 * interaction-commands.ts writes one by one). Callers pass the database or a transaction.
 */

export const insertMailing = (db: Db, row: NewRow<'mailings'>) => db.insertInto('mailings').values(row).execute();
export const findMailing = (db: Db, id: string) => db.selectFrom('mailings').selectAll().where('id', '=', id).executeTakeFirst();
export const updateMailingRow = (db: Db, id: string, values: RowUpdate<'mailings'>) => db.updateTable('mailings').set(values).where('id', '=', id).execute();

/** The mailing with the same name, channel and time (a campaign logged twice is one campaign). */
export const sameMailing = (db: Db, name: string, channel: MailingChannel, sentAt: string) =>
  db.selectFrom('mailings').select('id').where('name', '=', name).where('channel', '=', channel).where('sentAt', '=', sentAt).executeTakeFirst();

/** Mailings with their recipient count (from the interactions, through their unique index) and who logged them. */
const presented = (db: Db) =>
  db
    .selectFrom('mailings as m')
    .leftJoin('staff as s', 's.id', 'm.createdBy')
    .select((eb) => [
      'm.id',
      'm.name',
      'm.channel',
      'm.sentAt',
      'm.note',
      's.name as createdByName',
      'm.createdAt',
      'm.updatedAt',
      'm.createdBy',
      'm.updatedBy',
      eb.selectFrom('interactions as i').select((c) => c.fn.countAll<number>().as('n')).whereRef('i.mailingId', '=', 'm.id').as('recipients'),
    ]);

const out = (row: Awaited<ReturnType<ReturnType<typeof presented>['executeTakeFirstOrThrow']>>): MailingOut => ({
  ...row,
  createdByName: row.createdByName ?? null,
  recipients: Number(row.recipients ?? 0),
});

export async function loadMailing(db: Db, id: string): Promise<MailingOut | null> {
  const row = await presented(db).where('m.id', '=', id).executeTakeFirst();
  return row ? out(row) : null;
}

/** Newest first: by when it went out, then by id, so that equal times still page in a fixed order. */
export async function listMailings(db: Db, after: { sentAt: string; id: string } | null, limit: number): Promise<MailingOut[]> {
  let select = presented(db);
  if (after) select = select.where((eb) => eb.or([eb('m.sentAt', '<', after.sentAt), eb.and([eb('m.sentAt', '=', after.sentAt), eb('m.id', '<', after.id)])]));
  return (await select.orderBy('m.sentAt', 'desc').orderBy('m.id', 'desc').limit(limit).execute()).map(out);
}

/** A mailing's recipients in the order they were logged (interaction ids are time-ordered). */
export const recipientsOf = (db: Db, mailingId: string, afterId: string | null, limit: number) =>
  db
    .selectFrom('interactions as i')
    .innerJoin('customers as c', 'c.id', 'i.customerId')
    .select(['i.id as interactionId', 'i.customerId', 'c.displayName', 'i.createdAt as loggedAt'])
    .where('i.mailingId', '=', mailingId)
    .$if(afterId !== null, (q) => q.where('i.id', '>', afterId!))
    .orderBy('i.id')
    .limit(limit)
    .execute();

/**
 * What the database holds for a batch's keys, in a few queries: which customer ids are live
 * customers, who has each email (several people may share one), and who has each id of another
 * system (one each: they are unique).
 */
export async function lookupsFor(db: Db, rows: readonly RecipientRow[]): Promise<Lookups> {
  const ids = new Set<string>();
  const emails = new Set<string>();
  const external = new Map<string, Set<string>>();
  for (const row of rows) {
    for (const key of row.keys) {
      if (key.kind === 'customerId') ids.add(key.value);
      else if (key.kind === 'email') emails.add(key.value);
      else external.set(key.source, (external.get(key.source) ?? new Set()).add(key.value));
    }
  }
  const found: { customerIds: Set<string>; emails: Map<string, string[]>; externalIds: Map<string, string> } = { customerIds: new Set(), emails: new Map(), externalIds: new Map() };
  for (const part of chunks([...ids])) {
    const rows = await db.selectFrom('customers').select('id').where('id', 'in', part).where('erasedAt', 'is', null).execute();
    for (const r of rows) found.customerIds.add(r.id);
  }
  for (const part of chunks([...emails])) {
    const rows = await db
      .selectFrom('emails as e')
      .innerJoin('customers as c', 'c.id', 'e.customerId')
      .select(['e.normalized', 'e.customerId'])
      .where('e.normalized', 'in', part)
      .where('c.erasedAt', 'is', null)
      .distinct()
      .orderBy('e.customerId')
      .execute();
    for (const r of rows) found.emails.set(r.normalized, [...(found.emails.get(r.normalized) ?? []), r.customerId]);
  }
  for (const [source, values] of external) {
    for (const part of chunks([...values])) {
      const rows = await db
        .selectFrom('externalIds as x')
        .innerJoin('customers as c', 'c.id', 'x.customerId')
        .select(['x.externalId', 'x.customerId'])
        .where('x.source', '=', source)
        .where('x.externalId', 'in', part)
        .where('c.erasedAt', 'is', null)
        .execute();
      for (const r of rows) found.externalIds.set(externalKey(source, r.externalId), r.customerId);
    }
  }
  return found;
}

/** Which of these customers the mailing is already logged for. */
export async function alreadyReceived(db: Db, mailingId: string, customerIds: readonly string[]): Promise<Set<string>> {
  const got = new Set<string>();
  for (const part of chunks([...new Set(customerIds)])) {
    const rows = await db.selectFrom('interactions').select('customerId').where('mailingId', '=', mailingId).where('customerId', 'in', part).execute();
    for (const r of rows) got.add(r.customerId);
  }
  return got;
}

/**
 * A mailing's interactions, a few hundred rows a statement (SQLite takes at most 32,766 bound values).
 * A customer who got it meanwhile (another request for the same mailing, at the same moment) is left
 * as they are, by the unique index on mailing and customer: returns the ids actually written.
 */
export async function insertInteractions(db: Db, rows: NewRow<'interactions'>[]): Promise<Set<string>> {
  const written = new Set<string>();
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await db
      .insertInto('interactions')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['mailingId', 'customerId']).where('mailingId', 'is not', null).doNothing())
      .returning('id')
      .execute();
    for (const r of inserted) written.add(r.id);
  }
  return written;
}

// --- Uploads -----------------------------------------------------------------------------------

export const insertUpload = (db: Db, row: NewRow<'mailingUploads'>) => db.insertInto('mailingUploads').values(row).execute();
export const updateUpload = (db: Db, id: string, values: RowUpdate<'mailingUploads'>) => db.updateTable('mailingUploads').set(values).where('id', '=', id).execute();

const uploadColumns = [
  'u.id',
  'u.mailingId',
  'u.fileName',
  'u.options',
  'u.status',
  'u.totalRows',
  'u.processedRows',
  'u.logged',
  'u.already',
  'u.problemRows',
  'u.error',
  'u.createdAt',
  'u.createdBy',
  'u.finishedAt',
] as const;

export type UploadRow = Omit<Row<'mailingUploads'>, 'content' | 'fileSha256'> & { createdByName: string | null };

/** An upload without its file. */
export async function findUpload(db: Db, id: string): Promise<UploadRow | undefined> {
  const row = await db.selectFrom('mailingUploads as u').leftJoin('staff as s', 's.id', 'u.createdBy').select(uploadColumns).select('s.name as createdByName').where('u.id', '=', id).executeTakeFirst();
  return row ? { ...row, createdByName: row.createdByName ?? null } : undefined;
}

export async function uploadsOf(db: Db, mailingId: string, limit: number): Promise<UploadRow[]> {
  const rows = await db
    .selectFrom('mailingUploads as u')
    .leftJoin('staff as s', 's.id', 'u.createdBy')
    .select(uploadColumns)
    .select('s.name as createdByName')
    .where('u.mailingId', '=', mailingId)
    .orderBy('u.createdAt', 'desc')
    .orderBy('u.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, createdByName: r.createdByName ?? null }));
}

export async function uploadFile(db: Db, id: string): Promise<Buffer | null> {
  const row = await db.selectFrom('mailingUploads').select('content').where('id', '=', id).executeTakeFirst();
  return row?.content ? Buffer.from(row.content) : null;
}

/**
 * Writes to the upload's row first thing in a transaction, so that two runs of one upload (a worker
 * and the command line, say) take turns batch by batch and each reads where the other left off.
 */
export const lockUpload = (db: Db, id: string) =>
  db
    .updateTable('mailingUploads')
    .set((eb) => ({ processedRows: eb.ref('processedRows') }))
    .where('id', '=', id)
    .execute();

export async function nextProblemSeq(db: Db, uploadId: string): Promise<number> {
  const row = await db.selectFrom('mailingUploadProblems').select((eb) => eb.fn.max('seq').as('n')).where('uploadId', '=', uploadId).executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function insertProblems(db: Db, rows: NewRow<'mailingUploadProblems'>[]): Promise<void> {
  for (const part of chunks(rows)) if (part.length) await db.insertInto('mailingUploadProblems').values(part).execute();
}

export const problemsOf = (db: Db, uploadId: string, afterSeq: number, limit: number) =>
  db.selectFrom('mailingUploadProblems').select(['seq', 'line', 'field', 'message']).where('uploadId', '=', uploadId).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
