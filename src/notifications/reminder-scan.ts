import type { Db } from '../platform/database/connect.js';
import type { NewRow } from '../platform/database/schema.js';
import { newId } from '../platform/ids.js';
import { enqueue, type JobKind, type JobLog } from '../platform/jobs/job-queue.js';
import { toIso } from '../platform/time.js';
import { mailJobKey, notificationText, reminderProblem } from './notification-rules.js';
import { insertNewNotifications, liveCustomers, notifiedKeys, recipients, type Recipient } from './notification-store.js';
import { mailKind } from './reminder-mail.js';
import type { Reminder, ReminderSource } from './reminders.js';

/**
 * The reminder scan: asks every ReminderSource what is due and turns each reminder not notified yet
 * into a notification, and (SMTP configured) a mail job, in one transaction. Each reminder becomes
 * one notification however often this runs and however many processes run it at once: the key is
 * unique, the insert skips a key already there (on PostgreSQL a concurrent insert of the same key
 * waits for the other transaction, then skips), and only the transaction that inserted a row
 * enqueues its email.
 */

export const scanKind = 'notifications.scan';

export interface ScanOptions {
  now: Date;
  /** Queue an email for each new notification of a staff member who can receive one. */
  email: boolean;
  log: JobLog;
}

export interface ScanResult {
  /** Reminders the sources returned. */
  due: number;
  notified: number;
  emailsQueued: number;
  /** Reminders left out: malformed, or naming a staff member or customer that is not there. */
  skipped: number;
  /** Kinds of the sources that failed (the others were still notified). */
  failed: string[];
}

/** A staff member who gets reminders by email: a person with an active account. */
export const receivesEmail = (r: Recipient): boolean => r.kind === 'person' && r.active && r.email.includes('@');

export async function notifyDueReminders(db: Db, sources: readonly ReminderSource[], options: ScanOptions): Promise<ScanResult> {
  const result: ScanResult = { due: 0, notified: 0, emailsQueued: 0, skipped: 0, failed: [] };
  const byKey = new Map<string, { kind: string; reminder: Reminder }>();
  for (const source of sources) {
    let reminders: Reminder[];
    try {
      reminders = await source.due(db, options.now);
    } catch (error) {
      options.log.error({ err: error, source: source.kind }, 'a reminder source failed');
      result.failed.push(source.kind);
      continue;
    }
    result.due += reminders.length;
    for (const reminder of reminders) {
      const problem = reminderProblem(reminder);
      if (problem) {
        options.log.warn({ source: source.kind, key: typeof reminder.key === 'string' ? reminder.key.slice(0, 200) : null, problem }, 'reminder left out');
        result.skipped++;
      } else if (!byKey.has(reminder.key)) byKey.set(reminder.key, { kind: source.kind, reminder });
    }
  }

  // Most of what the sources return each minute was notified before: leave it out with a read.
  const known = await notifiedKeys(db, [...byKey.keys()]);
  const fresh = [...byKey.values()].filter(({ reminder }) => !known.has(reminder.key));
  if (fresh.length === 0) return result;

  const staff = await recipients(db, fresh.map((f) => f.reminder.staffId));
  const customers = await liveCustomers(db, fresh.flatMap((f) => (f.reminder.customerId ? [f.reminder.customerId] : [])));
  const createdAt = toIso(options.now);
  const rows: NewRow<'notifications'>[] = [];
  for (const { kind, reminder } of fresh) {
    if (!staff.has(reminder.staffId) || (reminder.customerId !== null && !customers.has(reminder.customerId))) {
      options.log.warn({ source: kind, key: reminder.key }, 'reminder left out: its staff member or customer is not there');
      result.skipped++;
      continue;
    }
    rows.push({ id: newId(), key: reminder.key, kind, staffId: reminder.staffId, customerId: reminder.customerId, ...notificationText(reminder), link: reminder.link, createdAt });
  }

  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200);
    await db.transaction().execute(async (trx) => {
      const inserted = await insertNewNotifications(trx, batch);
      result.notified += inserted.length;
      if (!options.email) return;
      for (const row of inserted) {
        const recipient = staff.get(row.staffId);
        if (!recipient || !receivesEmail(recipient)) continue;
        await enqueue(trx, { kind: mailKind, key: mailJobKey(row.key), payload: { notificationId: row.id } });
        result.emailsQueued++;
      }
    });
  }
  return result;
}

/** The recurring scan job: about every minute. A source that fails makes the run fail, after the others were notified. */
export function reminderScanJob(options: { sources: readonly ReminderSource[]; email: boolean }): JobKind {
  return {
    kind: scanKind,
    everyMs: 60_000,
    handler: async ({ db, log }) => {
      const result = await notifyDueReminders(db, options.sources, { now: new Date(), email: options.email, log });
      if (result.notified > 0 || result.skipped > 0) log.info({ ...result }, 'reminders notified');
      if (result.failed.length) throw new Error(`reminder sources failed: ${result.failed.join(', ')}`);
    },
  };
}
