import type { Db } from '../platform/database/connect.js';
import { notFound, unauthorized } from '../platform/errors.js';
import { nowIso } from '../platform/time.js';
import type { WriteContext } from '../platform/write-context.js';
import type { NotificationOut, ReadAllOut } from './notification-schemas.js';
import { findOwnNotification, markAllRead, markRead, presentNotification, unreadCount } from './notification-store.js';

/**
 * Reading one's notifications. Each staff member reaches only their own: another's answers 404 as if
 * it did not exist. Not audited: whether someone has read a reminder is the state of their own inbox,
 * not a change to any record (as the lookup's index is not audited either).
 */

const staffOf = (ctx: WriteContext): string => {
  if (!ctx.actor) throw unauthorized();
  return ctx.actor.staffId;
};

/** Marks a notification read (again is fine: the first time read is kept); answers it as it is now. */
export async function markNotificationRead(db: Db, ctx: WriteContext, id: string): Promise<NotificationOut> {
  const staffId = staffOf(ctx);
  await markRead(db, staffId, id, nowIso());
  const row = await findOwnNotification(db, staffId, id);
  if (!row) throw notFound(`Notification ${id}`);
  return presentNotification(row);
}

export async function markAllNotificationsRead(db: Db, ctx: WriteContext): Promise<ReadAllOut> {
  const staffId = staffOf(ctx);
  const marked = await markAllRead(db, staffId, nowIso());
  return { marked, unread: await unreadCount(db, staffId) };
}
