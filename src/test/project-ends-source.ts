import type { Reminder, ReminderSource } from '../notifications/reminders.js';
import type { Db } from '../platform/database/connect.js';

/**
 * Reminder tests need a source over real rows, written through the real commands. This one: an
 * active project whose end date has come reminds whoever recorded it, once per end date (a new end
 * date is a new reminder, as the ReminderSource contract asks). `staffIds` keeps a test to its own
 * staff members when several tests share a database.
 */
export function projectEndsSource(staffIds?: readonly string[]): ReminderSource {
  return {
    kind: 'test.project-ends',
    async due(db: Db, now: Date): Promise<Reminder[]> {
      const today = now.toISOString().slice(0, 10);
      const rows = await db
        .selectFrom('projects as p')
        .innerJoin('customers as c', 'c.id', 'p.customerId')
        .select(['p.id', 'p.title', 'p.endedOn', 'p.createdBy', 'p.customerId', 'c.displayName'])
        .where('p.status', '=', 'active')
        .where('p.endedOn', '<=', today)
        .where('p.createdBy', 'is not', null)
        .$if(staffIds !== undefined, (q) => q.where('p.createdBy', 'in', staffIds!.length ? [...staffIds!] : ['-']))
        .orderBy('p.id')
        .execute();
      return rows.map((r) => ({
        key: `project-ends:${r.id}:${r.endedOn}`,
        staffId: r.createdBy!,
        customerId: r.customerId,
        title: `${r.displayName}: "${r.title}" was to end ${r.endedOn}`,
        body: `Ask ${r.displayName} how it went, or move the end date.`,
        link: `/customers/${r.customerId}`,
      }));
    },
  };
}
