import type { Reminder, ReminderSource } from '../notifications/reminders.js';
import { openDueBetween, managersOf } from './promise-store.js';
import { dueWords } from './promise-words.js';

/**
 * Reminders of promises (src/notifications/reminders.ts): the owner when one is due within a day,
 * and the owner and their managers (managers at the owner's locations, and managers of every
 * location) when it is overdue. Each key names the promise, the moment it is due by and who is
 * reminded, so a new date (or a new owner) reminds again and nothing is said twice.
 *
 * Overdue reminders look back 30 days: a promise overdue for longer was reminded of when it became
 * overdue (or before reminders were running, and is on Today's list anyway).
 */

const hour = 3_600_000;
const lookBack = 30 * 24 * hour;

export const promiseReminders: ReminderSource = {
  kind: 'promises.due',
  async due(db, now) {
    const at = now.getTime();
    const [soon, overdue] = await Promise.all([
      openDueBetween(db, new Date(at).toISOString(), new Date(at + 24 * hour).toISOString()),
      openDueBetween(db, new Date(at - lookBack).toISOString(), new Date(at).toISOString()),
    ]);
    const managers = await managersOf(db, [...new Set(overdue.map((p) => p.ownerId))]);
    const reminders: Reminder[] = [];
    for (const p of soon) {
      const when = dueWords({ dueOn: p.dueOn, dueAt: p.dueAt }, p.timezone, { year: 'when-other', now });
      reminders.push({
        key: `promise-due:${p.id}:${p.dueBy}:${p.ownerId}`,
        staffId: p.ownerId,
        customerId: p.customerId,
        title: `Your promise to ${p.customerName} is due by ${when}`,
        body: `You promised ${p.customerName} ${p.what}, by ${when}. If it will slip, tell them now, say why and give a date you can keep.`,
        link: `/customers/${p.customerId}`,
      });
    }
    for (const p of overdue) {
      const when = dueWords({ dueOn: p.dueOn, dueAt: p.dueAt }, p.timezone, { year: 'when-other', now });
      reminders.push({
        key: `promise-overdue:${p.id}:${p.dueBy}:${p.ownerId}`,
        staffId: p.ownerId,
        customerId: p.customerId,
        title: `Your promise to ${p.customerName} is overdue`,
        body: `You promised ${p.customerName} ${p.what}, by ${when}. Call them: explain, apologise, and give a date you can keep (or mark it kept).`,
        link: `/customers/${p.customerId}`,
      });
      for (const managerId of managers.get(p.ownerId) ?? []) {
        reminders.push({
          key: `promise-overdue:${p.id}:${p.dueBy}:${managerId}`,
          staffId: managerId,
          customerId: p.customerId,
          title: `A promise to ${p.customerName} is overdue`,
          body: `${p.what}, promised by ${when}, is not kept yet. Its owner${p.ownerName ? `, ${p.ownerName},` : ''} has been reminded.`,
          link: `/customers/${p.customerId}`,
        });
      }
    }
    return reminders;
  },
};
