import { decodeCursor, pageOf } from '../common/cursor.js';
import { IdParams, ProblemSchema } from '../common/schema.js';
import { actorOf } from '../platform/http/actor-of.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf } from '../platform/write-context.js';
import { markAllNotificationsRead, markNotificationRead } from './notification-commands.js';
import { NotificationListQuery, NotificationOut, NotificationPage, ReadAllOut } from './notification-schemas.js';
import { listNotifications, unreadCount } from './notification-store.js';

const tags = ['notifications'];

/** The signed-in staff member's own notifications (every role; nobody reads another's). */
export async function notificationRoutes(app: App) {
  app.get(
    '/notifications',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'Your notifications (reminders), newest first, with how many are unread',
        querystring: NotificationListQuery,
        response: { 200: NotificationPage, 400: ProblemSchema },
      },
    },
    async (request) => {
      const staffId = actorOf(request).staffId;
      const limit = request.query.limit ?? 50;
      const before = decodeCursor(request.query.cursor, ['time', 'text']);
      const items = await listNotifications(app.db, {
        staffId,
        before: before ? { createdAt: String(before[0]), id: String(before[1]) } : null,
        limit: limit + 1,
      });
      return { ...pageOf(items, limit, (n) => [n.createdAt, n.id]), unread: await unreadCount(app.db, staffId) };
    },
  );

  app.post(
    '/notifications/:id/read',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Mark one of your notifications read', params: IdParams, response: { 200: NotificationOut, 400: ProblemSchema, 404: ProblemSchema } },
    },
    async (request) => app.db.transaction().execute((trx) => markNotificationRead(trx, writeContextOf(request), request.params.id)),
  );

  app.post(
    '/notifications/read-all',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Mark all your notifications read', response: { 200: ReadAllOut } },
    },
    async (request) => app.db.transaction().execute((trx) => markAllNotificationsRead(trx, writeContextOf(request))),
  );
}
