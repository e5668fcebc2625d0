import { Type, type Static } from 'typebox';
import { DateTime, Nullable, PageQuery } from '../common/schema.js';

/** A staff member's notifications: reminders (promises due, cases near a target, keep-in-touch) to look at. */

export const NotificationOut = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: "The source of the reminder: 'promises.due', 'cases.targets', 'keep-in-touch.due'" }),
  title: Type.String({ description: 'One line: "Your promise to Jim Alvarez is due tomorrow"' }),
  body: Type.String({ description: 'A sentence or two more, plain text' }),
  link: Type.String({ description: 'Where it opens in the web app, a path such as /customers/<id>' }),
  customerId: Nullable(Type.String({ description: 'The customer it is about' })),
  createdAt: DateTime,
  readAt: Nullable(DateTime),
  emailedAt: Nullable(Type.String({ format: 'date-time', description: 'When the email about it was sent; null when none was (SMTP not configured, or not yet)' })),
});
export type NotificationOut = Static<typeof NotificationOut>;

export const NotificationPage = Type.Object({
  items: Type.Array(NotificationOut),
  nextCursor: Nullable(Type.String()),
  unread: Type.Integer({ minimum: 0, description: 'How many of all your notifications are unread' }),
});
export type NotificationPage = Static<typeof NotificationPage>;

export const NotificationListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const ReadAllOut = Type.Object({
  marked: Type.Integer({ minimum: 0, description: 'How many were unread and are now read' }),
  unread: Type.Integer({ minimum: 0 }),
});
export type ReadAllOut = Static<typeof ReadAllOut>;
