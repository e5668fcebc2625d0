import { caseReminderSource } from '../cases/case-reminders.js';
import { keepInTouchReminders } from '../contact-state/contact-state-reminders.js';
import type { ReminderSource } from '../notifications/reminders.js';
import { promiseReminders } from '../promises/promise-reminders.js';

/**
 * Every feature's ReminderSource (src/notifications/reminders.ts): the composition root of
 * reminders, as jobs.ts is for background jobs. About every minute the reminder scan
 * (src/notifications/reminder-scan.ts) asks each source what is due, notifies each reminder once
 * (by its key) in the app, and, when SMTP is configured, emails it. A feature that has something to
 * remind people of (promises due, cases near a target, keep-in-touch) exports a source and adds it
 * here with one line. A source that throws is logged and the others are still notified.
 */
export const reminderSources: readonly ReminderSource[] = [promiseReminders, caseReminderSource, keepInTouchReminders];
