import { ago } from '../brief/brief-words.js';
import type { ReminderSource } from '../notifications/reminders.js';
import { remindersBetween } from './contact-lists-store.js';
import { cadenceWords } from './contact-state-rules.js';

const dayMs = 86_400_000;
/** Cadences that came due this long ago at most are reminded of (the scan runs every minute). */
export const reminderWindowDays = 7;

/**
 * Keep-in-touch due, for the staff member who keeps in touch: once per owner and due date (the key
 * names both), when it comes due, or at once when a cadence is set on someone already overdue; a
 * contact logged and a new due date later gives a new reminder. Customers without an owner are on
 * their location managers' keep-in-touch list instead. At most 1,000 a scan, the most recent first:
 * the scan runs every minute, so each is asked for as it comes due (within a week).
 */
export const keepInTouchReminders: ReminderSource = {
  kind: 'keep-in-touch.due',
  async due(db, now) {
    const rows = await remindersBetween(db, new Date(now.getTime() - reminderWindowDays * dayMs).toISOString(), now.toISOString(), 1000);
    return rows.map((r) => ({
      key: `keep-in-touch-due:${r.customerId}:${r.keepOwnerId}:${r.keepDueAt}`,
      staffId: r.keepOwnerId!,
      customerId: r.customerId,
      title: `Time to get in touch with ${r.displayName}`,
      body: `${r.lastContactAt ? `Last seen ${ago(r.lastContactAt, now)}` : 'Not seen yet'}; you keep in touch ${cadenceWords(Number(r.keepEveryDays))}.`,
      link: `/customers/${r.customerId}`,
    }));
  },
};
