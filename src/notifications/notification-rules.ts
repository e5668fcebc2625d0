import type { Reminder } from './reminders.js';

/**
 * What a reminder must look like to become a notification, and the email about one: pure functions,
 * unit-tested in notification-rules.test.ts.
 */

export const notificationLimits = { key: 500, title: 200, body: 2000, link: 1000 } as const;

const controls = /[\u0000-\u001f\u007f]/;

/**
 * Why a reminder from a source cannot be notified (a bug in that source), or null when it can. Checked
 * before anything is written, so that one bad reminder never stops the others.
 */
export function reminderProblem(reminder: Reminder): string | null {
  const { key, staffId, customerId, title, body, link } = reminder;
  if (typeof key !== 'string' || key.length === 0 || key.length > notificationLimits.key || controls.test(key)) {
    return `key must be 1 to ${notificationLimits.key} characters on one line`;
  }
  if (typeof staffId !== 'string' || staffId.length === 0) return 'staffId is missing';
  if (customerId !== null && (typeof customerId !== 'string' || customerId.length === 0)) return 'customerId must be an id or null';
  if (typeof title !== 'string' || oneLine(title).length === 0) return 'title is empty';
  if (typeof body !== 'string') return 'body must be text';
  if (typeof link !== 'string' || !isAppPath(link)) return 'link must be a path in the web app, such as /customers/<id>';
  return null;
}

/** A path inside the web app: starts with one slash, no scheme or host, no spaces or control characters. */
export function isAppPath(link: string): boolean {
  return link.length <= notificationLimits.link && /^\/(?![/\\])/.test(link) && !/\s/.test(link) && !controls.test(link);
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The texts stored for a valid reminder: the title on one line, both within their limits. */
export function notificationText(reminder: Pick<Reminder, 'title' | 'body'>): { title: string; body: string } {
  return { title: clip(oneLine(reminder.title), notificationLimits.title), body: clip(reminder.body.trim(), notificationLimits.body) };
}

/** The absolute address of a path in the web app, for an email. */
export function absoluteLink(publicUrl: string, link: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${link}`;
}

/** The job key of the email about a notification: one waiting email per reminder. */
export const mailJobKey = (notificationKey: string): string => `mail:${notificationKey}`;

export interface ReminderEmail {
  subject: string;
  text: string;
}

/** The email about a notification: plain and short, its title, its body and the link to it. */
export function reminderEmail(notification: { title: string; body: string; link: string }, publicUrl: string): ReminderEmail {
  const lines = [notification.title, ''];
  if (notification.body) lines.push(notification.body, '');
  lines.push(`Open it in Rapport: ${absoluteLink(publicUrl, notification.link)}`, '', 'Rapport sends each reminder once. You also find it under Notifications in Rapport.');
  return { subject: notification.title, text: `${lines.join('\n')}\n` };
}
