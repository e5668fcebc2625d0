import type { Db } from '../platform/database/connect.js';
import type { NewRow, Row } from '../platform/database/schema.js';
import type { NotificationOut } from './notification-schemas.js';

/** The only place notification rows are read and written. */

const chunk = 300;
const chunks = <T>(items: readonly T[], size = chunk): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** Which of these reminder keys have been notified already. */
export async function notifiedKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(keys)) {
    for (const row of await db.selectFrom('notifications').select('key').where('key', 'in', part).execute()) found.add(row.key);
  }
  return found;
}

export interface Recipient {
  id: string;
  name: string;
  email: string;
  kind: 'person' | 'integration';
  active: boolean;
}

/** The staff members these ids name (unknown ids are left out). */
export async function recipients(db: Db, staffIds: readonly string[]): Promise<Map<string, Recipient>> {
  const found = new Map<string, Recipient>();
  for (const part of chunks([...new Set(staffIds)])) {
    const rows = await db.selectFrom('staff').select(['id', 'name', 'email', 'kind', 'active']).where('id', 'in', part).execute();
    for (const row of rows) found.set(row.id, { ...row, active: Boolean(row.active) });
  }
  return found;
}

/** Of these customer ids, those of live customers (not in the trash, not erased). */
export async function liveCustomers(db: Db, customerIds: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(customerIds)])) {
    const rows = await db.selectFrom('customers').select('id').where('id', 'in', part).where('erasedAt', 'is', null).execute();
    for (const row of rows) found.add(row.id);
  }
  return found;
}

/**
 * Inserts notifications, skipping any whose key is already there (notified by an earlier scan or by
 * another process at the same moment: on PostgreSQL the insert waits for that transaction, then
 * skips). Returns the rows this call inserted. Rows are written in key order, so that two
 * concurrent scans take their locks in one order and never deadlock.
 */
export async function insertNewNotifications(db: Db, rows: readonly NewRow<'notifications'>[]): Promise<{ id: string; key: string; staffId: string }[]> {
  const inserted: { id: string; key: string; staffId: string }[] = [];
  const sorted = [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const part of chunks(sorted, 100)) {
    const out = await db
      .insertInto('notifications')
      .values(part)
      .onConflict((oc) => oc.column('key').doNothing())
      .returning(['id', 'key', 'staffId'])
      .execute();
    inserted.push(...out);
  }
  return inserted;
}

export interface MailableNotification {
  id: string;
  key: string;
  title: string;
  body: string;
  link: string;
  emailedAt: string | null;
  staffName: string;
  staffEmail: string;
  staffKind: 'person' | 'integration';
  staffActive: boolean;
}

/** A notification with the address of its staff member, for the email about it. */
export async function findForMail(db: Db, id: string): Promise<MailableNotification | undefined> {
  const row = await db
    .selectFrom('notifications as n')
    .innerJoin('staff as s', 's.id', 'n.staffId')
    .select([
      'n.id',
      'n.key',
      'n.title',
      'n.body',
      'n.link',
      'n.emailedAt',
      's.name as staffName',
      's.email as staffEmail',
      's.kind as staffKind',
      's.active as staffActive',
    ])
    .where('n.id', '=', id)
    .executeTakeFirst();
  return row ? { ...row, staffActive: Boolean(row.staffActive) } : undefined;
}

/** Records that the email was sent; false when it had been recorded already. */
export async function markEmailed(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db.updateTable('notifications').set({ emailedAt: at }).where('id', '=', id).where('emailedAt', 'is', null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export const presentNotification = (row: Row<'notifications'>): NotificationOut => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  body: row.body,
  link: row.link,
  customerId: row.customerId,
  createdAt: row.createdAt,
  readAt: row.readAt,
  emailedAt: row.emailedAt,
});

export interface NotificationListQuery {
  staffId: string;
  /** The last notification of the previous page. */
  before: { createdAt: string; id: string } | null;
  limit: number;
}

/** A staff member's notifications, newest first. */
export async function listNotifications(db: Db, query: NotificationListQuery): Promise<NotificationOut[]> {
  let select = db.selectFrom('notifications').selectAll().where('staffId', '=', query.staffId);
  if (query.before) {
    const { createdAt, id } = query.before;
    select = select.where((eb) => eb.or([eb('createdAt', '<', createdAt), eb.and([eb('createdAt', '=', createdAt), eb('id', '<', id)])]));
  }
  const rows = await select.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
  return rows.map(presentNotification);
}

export async function unreadCount(db: Db, staffId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('staffId', '=', staffId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** One of a staff member's notifications; another's is as good as missing. */
export const findOwnNotification = (db: Db, staffId: string, id: string) =>
  db.selectFrom('notifications').selectAll().where('id', '=', id).where('staffId', '=', staffId).executeTakeFirst();

/** Marks one read, keeping the first time it was read. */
export const markRead = (db: Db, staffId: string, id: string, at: string) =>
  db.updateTable('notifications').set({ readAt: at }).where('id', '=', id).where('staffId', '=', staffId).where('readAt', 'is', null).execute();

/** Marks all of a staff member's unread notifications read; says how many. */
export async function markAllRead(db: Db, staffId: string, at: string): Promise<number> {
  const result = await db.updateTable('notifications').set({ readAt: at }).where('staffId', '=', staffId).where('readAt', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
