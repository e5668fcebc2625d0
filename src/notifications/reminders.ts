import type { Db } from '../platform/database/connect.js';

/**
 * A reminder a staff member should get: a promise due tomorrow, a case about to miss its target, a
 * customer past their keep-in-touch cadence. Each feature that has something to remind people of
 * exports a ReminderSource; src/app/reminders.ts lists them, and the reminder job turns what they
 * return into in-app notifications and, when SMTP is configured, emails.
 *
 * `key` identifies the reminder for good: the same key is never notified or sent twice, however
 * often the sources are asked and however many server processes ask. Make it say what the reminder
 * is about and the moment it is about, so that a new due date gives a new reminder
 * (`promise-due:<promiseId>:<dueAt>`).
 */
export interface Reminder {
  key: string;
  staffId: string;
  customerId: string | null;
  /** One line: "Your promise to Jim Alvarez is due tomorrow". */
  title: string;
  /** A sentence or two more, plain text. */
  body: string;
  /** Where it opens in the web app, e.g. /customers/<id>. */
  link: string;
}

export interface ReminderSource {
  /** A dotted name: 'promises.due', 'cases.targets', 'keep-in-touch.due'. */
  kind: string;
  /** Reminders due at `now`; returning one already sent is fine (its key makes it a no-op). */
  due(db: Db, now: Date): Promise<Reminder[]>;
}
