import type { Actor } from '../platform/auth/actor.js';
import type { TodayFigureProvider, TodayItem, TodayProvider } from '../today/today-section.js';
import { isDueToday, isOverdue } from './promise-rules.js';
import { dueCount, dueDetails, dueKeys, onTimeCounts, type DueScope } from './promise-store.js';
import { endOfLocalDay, localDate } from './promise-time.js';
import { dueWords } from './promise-words.js';

/**
 * Today's promises (src/today/today-section.ts): "my promises overdue or due today"; for a manager
 * (or an admin), those at their locations too (every location when they have none). Due today
 * means due before the end of today where the promise belongs (in its location's time zone). Each
 * item can be marked kept in one click; the brief it opens says how to explain a slip.
 *
 * Overdue ones are read and counted in the indexes on (owner or location, status, due by), one
 * range per location; those due later today are among the few due in the next 26 hours (today
 * ends within 25 hours in any zone), read as keys (id, due by, time zone) and checked one by one,
 * so the count is exact. Only the promises shown are read in full.
 */

const shown = 10;
const day = 86_400_000;
const upcomingWindow = 26 * 3_600_000;

const scopeOf = (actor: Actor): DueScope =>
  actor.role === 'frontline' ? { ownerId: actor.staffId } : actor.locationIds.length ? { ownerId: actor.staffId, locationIds: actor.locationIds } : { ownerId: actor.staffId, all: true };

function lateness(dueBy: string, now: Date): string {
  const days = Math.floor((now.getTime() - Date.parse(dueBy)) / day);
  return days < 1 ? 'overdue' : `${days} ${days === 1 ? 'day' : 'days'} overdue`;
}

export const promisesToday: TodayProvider = async (db, actor, now) => {
  const scope = scopeOf(actor);
  const nowIso = now.toISOString();
  const [overdue, overdueTotal, upcoming] = await Promise.all([
    dueKeys(db, scope, { to: nowIso }, shown),
    dueCount(db, scope, { to: nowIso }),
    dueKeys(db, scope, { from: nowIso, to: new Date(now.getTime() + upcomingWindow).toISOString() }, null),
  ]);
  const endOfToday = new Map<string, number>();
  const endIn = (timezone: string) => {
    if (!endOfToday.has(timezone)) endOfToday.set(timezone, endOfLocalDay(localDate(now, timezone), timezone));
    return endOfToday.get(timezone)!;
  };
  const dueToday = upcoming.filter((p) => isDueToday({ status: 'open', dueBy: p.dueBy }, endIn(p.timezone)));
  const total = overdueTotal + dueToday.length;
  const listed = [...overdue, ...dueToday].slice(0, shown);
  const details = new Map((await dueDetails(db, listed.map((p) => p.id))).map((p) => [p.id, p]));
  const items: TodayItem[] = listed
    .map((k) => details.get(k.id))
    .filter((p) => p !== undefined)
    .map((p) => {
      const overdue = isOverdue(p, now);
      const when = dueWords({ dueOn: p.dueOn, dueAt: p.dueAt }, p.timezone, { year: 'when-other', now });
      return {
        id: p.id,
        customerId: p.customerId,
        customerName: p.customerName,
        title: `${p.what}, promised for ${when}: ${overdue ? lateness(p.dueBy, now) : 'due today'}`,
        detail: p.ownerId === actor.staffId ? null : `${p.ownerName ?? 'A colleague'}'s promise`,
        at: p.dueBy,
        attention: overdue,
        action: { label: 'Mark kept', method: 'POST', path: `/promises/${p.id}/keep`, body: {} },
      };
    });
  return {
    key: 'promises',
    heading: actor.role === 'frontline' ? 'My promises overdue or due today' : 'Promises overdue or due today (yours and your locations’)',
    items,
    more: Math.max(0, total - items.length),
  };
};

const window = 90 * day;

/** A manager's on-time rate: promises made in the last 90 days at their locations, kept by the date first promised. */
export const promisesOnTime: TodayFigureProvider = async (db, actor, now) => {
  if (actor.role === 'frontline') return null;
  const scope = actor.locationIds.length ? { locationIds: actor.locationIds, ownerId: actor.staffId } : { all: true as const };
  const figures = await onTimeCounts(db, scope, new Date(now.getTime() - window).toISOString(), now.toISOString());
  const { onTime, judged } = figures.byFirstDate;
  if (judged === 0) return null;
  const rate = onTime / judged;
  const inForce = figures.byDateInForce;
  return {
    key: 'promises_on_time',
    label: 'Promises kept on time',
    value: `${Math.round(rate * 100)}%`,
    detail: `${onTime} of ${judged} promises made in the last 90 days kept by the date first promised; ${inForce.onTime} of ${inForce.judged} by the date in force. ${figures.slips} ${figures.slips === 1 ? 'slip' : 'slips'}.`,
    attention: rate < 0.9,
  };
};
