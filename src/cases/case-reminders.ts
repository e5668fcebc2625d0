import type { Db } from '../platform/database/connect.js';
import type { Reminder, ReminderSource } from '../notifications/reminders.js';
import type { Clock } from './case-clock-rules.js';
import { caseStates, type CaseState } from './case-read.js';
import { managersOf, remindableCaseRows } from './case-store.js';
import { businessDuration, localTime, targetPhrase, targetWords } from './case-words.js';

/**
 * Reminders about cases: the owner when 80% of a target is used and when it is breached; the
 * location's managers when it is breached; the manager a case is escalated to. Each reminder's key
 * names the case, the target, the moment it falls due and the person, so a new due moment (the
 * case paused and resumed, the priority changed) gives a new reminder and nothing is sent twice.
 */

/** How far back a passed 80% mark, breach or escalation is still worth a reminder (the scan runs every minute). */
const lookBackMs = 7 * 86_400_000;

function owedClocks(state: CaseState): Clock[] {
  const { clocks } = state.clocks;
  return clocks.filter((c) => (c.state === 'running' || c.state === 'paused') && c.dueAt !== null && c.targetMinutes !== null);
}

export async function caseReminders(db: Db, now: Date): Promise<Reminder[]> {
  const at = now.getTime();
  const since = at - lookBackMs;
  const rows = await remindableCaseRows(db, new Date(since).toISOString(), now.toISOString());
  if (!rows.length) return [];
  const reminders: Reminder[] = [];
  const managers = new Map<string | null, string[]>();
  const managersAt = async (locationId: string | null) => {
    if (!managers.has(locationId)) managers.set(locationId, await managersOf(db, locationId));
    return managers.get(locationId)!;
  };
  for (const state of await caseStates(db, rows, at)) {
    const { row, calendar } = state;
    const about = `${row.subject} (${row.customerName})`;
    const link = `/cases/${row.id}`;
    const base = { customerId: row.customerId, link };
    for (const c of owedClocks(state)) {
      const due = c.dueAt!;
      const phrase = targetPhrase(c.kind, c.targetMinutes!);
      if (due <= at && due > since) {
        const late = businessDuration(Math.max(0, -(c.leftMs ?? 0)));
        const body = `It passed ${phrase} at ${localTime(due, calendar.timezone)} and is ${late} past it. Answer the customer, explain and apologise.`;
        const to = new Set([...(row.ownerId ? [row.ownerId] : []), ...(await managersAt(row.locationId))]);
        for (const staffId of to) {
          reminders.push({ ...base, key: `case-breach:${row.id}:${c.kind}:${new Date(due).toISOString()}:${staffId}`, staffId, title: `Case past its ${targetWords[c.kind]} target: ${about}`, body });
        }
      } else if (c.state === 'running' && c.warnAt !== null && c.warnAt <= at && c.warnAt > since && due > at && row.ownerId) {
        reminders.push({
          ...base,
          key: `case-near:${row.id}:${c.kind}:${new Date(due).toISOString()}:${row.ownerId}`,
          staffId: row.ownerId,
          title: `Case near its ${targetWords[c.kind]} target: ${about}`,
          body: `80% of ${phrase} is used: ${businessDuration(c.leftMs ?? 0)} left, until ${localTime(due, calendar.timezone)}.`,
        });
      }
    }
    if (row.escalatedTo && row.escalatedAt && Date.parse(row.escalatedAt) > since && Date.parse(row.escalatedAt) <= at) {
      reminders.push({
        ...base,
        key: `case-escalated:${row.id}:${row.escalatedAt}:${row.escalatedTo}`,
        staffId: row.escalatedTo,
        title: `Case escalated to you: ${about}`,
        body: row.escalationReason ? `Why: ${row.escalationReason}` : 'It is on your list of escalated cases.',
      });
    }
  }
  return reminders;
}

/** For src/app/reminders.ts. */
export const caseReminderSource: ReminderSource = { kind: 'cases.targets', due: caseReminders };
