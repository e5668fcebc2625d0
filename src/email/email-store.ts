import type { Db } from '../platform/database/connect.js';
import type { NewRow, RowUpdate, UnfiledEmailStatus } from '../platform/database/schema.js';
import { normalizeEmail } from '../common/contact-rules.js';

/** The only place email rows (email_messages, email_attachments, unfiled_emails) are read and written. */

/** Live customers by the email addresses on their record (emails.normalized), for each address asked. */
export async function customersByAddress(db: Db, addresses: readonly string[]): Promise<Map<string, string[]>> {
  const wanted = [...new Set(addresses.map(normalizeEmail))];
  const found = new Map<string, string[]>(wanted.map((a) => [a, []]));
  if (wanted.length === 0) return found;
  const rows = await db
    .selectFrom('emails as e')
    .innerJoin('customers as c', 'c.id', 'e.customerId')
    .select(['e.normalized', 'e.customerId'])
    .where('e.normalized', 'in', wanted)
    .where('c.erasedAt', 'is', null)
    .orderBy('e.customerId')
    .execute();
  for (const r of rows) {
    const list = found.get(r.normalized)!;
    if (!list.includes(r.customerId)) list.push(r.customerId);
  }
  return found;
}

export const findLoggedMessage = (db: Db, customerId: string, messageId: string) =>
  db.selectFrom('emailMessages').select(['id', 'interactionId', 'threadId']).where('customerId', '=', customerId).where('messageId', '=', messageId).executeTakeFirst();

/** The first of these messages already logged for the customer (nearest first): its thread, and the case its contact is in. */
export async function threadParent(db: Db, customerId: string, messageIds: readonly string[]): Promise<{ threadId: string; caseId: string | null } | null> {
  if (messageIds.length === 0) return null;
  const rows = await db
    .selectFrom('emailMessages as m')
    .innerJoin('interactions as i', 'i.id', 'm.interactionId')
    .select(['m.messageId', 'm.threadId', 'i.caseId'])
    .where('m.customerId', '=', customerId)
    .where('m.messageId', 'in', [...messageIds])
    .execute();
  for (const id of messageIds) {
    const row = rows.find((r) => r.messageId === id);
    if (row) return { threadId: row.threadId, caseId: row.caseId ?? null };
  }
  return null;
}

export const insertEmailMessage = (db: Db, row: NewRow<'emailMessages'>) => db.insertInto('emailMessages').values(row).execute();
export const insertEmailAttachment = (db: Db, row: NewRow<'emailAttachments'>) => db.insertInto('emailAttachments').values(row).execute();

/** The email behind an interaction, without its files' content. */
export async function emailOfInteraction(db: Db, interactionId: string) {
  const message = await db.selectFrom('emailMessages').selectAll().where('interactionId', '=', interactionId).executeTakeFirst();
  if (!message) return null;
  const attachments = await db
    .selectFrom('emailAttachments')
    .select(['id', 'position', 'fileName', 'contentType', 'sizeBytes'])
    .where('interactionId', '=', interactionId)
    .orderBy('position')
    .execute();
  return { message, attachments };
}

export const findAttachment = (db: Db, interactionId: string, attachmentId: string) =>
  db.selectFrom('emailAttachments').selectAll().where('interactionId', '=', interactionId).where('id', '=', attachmentId).executeTakeFirst();

export const customerIsLive = async (db: Db, id: string): Promise<boolean> =>
  (await db.selectFrom('customers').select('id').where('id', '=', id).where('erasedAt', 'is', null).executeTakeFirst()) !== undefined;

/** A customer's email threads, the latest first: each with its first subject, how many messages, and when. */
export async function threadsOfCustomer(db: Db, customerId: string, limit: number) {
  const rows = await db
    .selectFrom('emailMessages as m')
    .innerJoin('interactions as i', 'i.id', 'm.interactionId')
    .select(['m.threadId', 'm.subject', 'm.interactionId', 'i.occurredAt', 'i.direction', 'i.caseId'])
    .where('m.customerId', '=', customerId)
    .orderBy('i.occurredAt')
    .orderBy('i.id')
    .execute();
  const threads = new Map<string, { threadId: string; subject: string | null; messageCount: number; firstAt: string; lastAt: string; lastDirection: 'inbound' | 'outbound'; caseId: string | null; interactionIds: string[] }>();
  for (const r of rows) {
    const t = threads.get(r.threadId);
    if (!t) {
      threads.set(r.threadId, { threadId: r.threadId, subject: r.subject, messageCount: 1, firstAt: r.occurredAt, lastAt: r.occurredAt, lastDirection: r.direction, caseId: r.caseId ?? null, interactionIds: [r.interactionId] });
    } else {
      t.messageCount += 1;
      t.lastAt = r.occurredAt;
      t.lastDirection = r.direction;
      t.caseId = t.caseId ?? r.caseId ?? null;
      t.interactionIds.push(r.interactionId);
    }
  }
  return [...threads.values()].sort((a, b) => b.lastAt.localeCompare(a.lastAt) || b.threadId.localeCompare(a.threadId)).slice(0, limit);
}

// Mail waiting to be filed by hand.

export const findUnfiled = (db: Db, id: string) => db.selectFrom('unfiledEmails').selectAll().where('id', '=', id).executeTakeFirst();

export const findUnfiledByMessageId = (db: Db, messageId: string) =>
  db.selectFrom('unfiledEmails').selectAll().where('messageId', '=', messageId).executeTakeFirst();

export const insertUnfiled = (db: Db, row: NewRow<'unfiledEmails'>) => db.insertInto('unfiledEmails').values(row).execute();

export const updateUnfiled = (db: Db, id: string, values: RowUpdate<'unfiledEmails'>) => db.updateTable('unfiledEmails').set(values).where('id', '=', id).execute();

const unfiledColumns = ['id', 'messageId', 'fromAddress', 'toAddresses', 'subject', 'preview', 'receivedAt', 'receivedVia', 'reason', 'status', 'filedInteractionIds', 'handledBy', 'handledAt'] as const;

/** Mail in one state, the latest first, a page at a time (after: the last item of the previous page). */
export async function listUnfiled(db: Db, query: { status: UnfiledEmailStatus; after: { receivedAt: string; id: string } | null; limit: number }) {
  let select = db
    .selectFrom('unfiledEmails as u')
    .leftJoin('staff as s', 's.id', 'u.handledBy')
    .select([...unfiledColumns.map((c) => `u.${c}` as const), 's.name as handledByName'])
    .where('u.status', '=', query.status);
  if (query.after) {
    const { receivedAt, id } = query.after;
    select = select.where((eb) => eb.or([eb('u.receivedAt', '<', receivedAt), eb.and([eb('u.receivedAt', '=', receivedAt), eb('u.id', '<', id)])]));
  }
  return select.orderBy('u.receivedAt', 'desc').orderBy('u.id', 'desc').limit(query.limit).execute();
}

export const loadUnfiled = (db: Db, id: string) =>
  db
    .selectFrom('unfiledEmails as u')
    .leftJoin('staff as s', 's.id', 'u.handledBy')
    .select([...unfiledColumns.map((c) => `u.${c}` as const), 's.name as handledByName'])
    .where('u.id', '=', id)
    .executeTakeFirst();
