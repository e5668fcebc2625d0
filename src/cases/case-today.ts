import { hasRole } from '../platform/auth/roles.js';
import { sectionHeadings, todayScope } from '../today/today-rules.js';
import type { TodayAction, TodayItem, TodayProvider } from '../today/today-section.js';
import type { CaseClocks } from './case-clock-rules.js';
import { caseStates } from './case-read.js';
import { loadCaseRows, pressingCaseKeys, pressingCount, type PressingKey, type PressingScope } from './case-store.js';
import { businessDuration, statusWords, targetWords } from './case-words.js';

/** At most this many items are listed; the section counts the rest. */
const listed = 8;
/** Read beyond those listed, to be worked out in case a stored clock turns out out of date (see below). */
const spare = 4;

const owedClocks = (clocks: CaseClocks) => clocks.clocks.filter((c) => (c.state === 'running' || c.state === 'paused') && c.leftMs !== null);

/** Worked out afresh: past a target still owed, 80% of a running one used, or escalated to the reader. */
function isPressing(clocks: CaseClocks, escalatedToMe: boolean, at: number): boolean {
  const owed = owedClocks(clocks);
  return escalatedToMe || owed.some((c) => c.breached) || owed.some((c) => c.state === 'running' && c.warnAt !== null && c.warnAt <= at);
}

/** Past a target first, then escalated to the reader, then near a target; each by due moment. */
const rankOf = (breached: boolean, escalatedToMe: boolean) => (breached ? 0 : escalatedToMe ? 1 : 2);

/** The order of the stored clocks, the order the section shows (each case's `at` is its due moment). */
function storedOrder(keys: PressingKey[], me: string, now: string): PressingKey[] {
  const rank = (k: PressingKey) => rankOf(k.dueAt !== null && k.dueAt <= now, k.escalatedTo === me);
  const at = (k: PressingKey) => k.dueAt ?? k.escalatedAt ?? k.openedAt;
  return [...keys].sort((a, b) => rank(a) - rank(b) || Date.parse(at(a)) - Date.parse(at(b)) || a.id.localeCompare(b.id));
}

/**
 * Today's "Cases near or past a target": a staff member's own open cases with 80% or more of a
 * target used; a manager's also cover every case of their locations (all of them, for a manager of
 * no location in particular) and every open case escalated to them. Each has one action: take it
 * (someone else's case), or mark it waiting on the customer (one's own).
 *
 * Chosen, ordered and counted in the database from the clock stored on each case (warn_at: the
 * earliest 80% mark of the targets still owed; due_at: the soonest breach), which every change of a
 * case, its thread or its location's calendar works out again (case-clock.ts) and which does not
 * move as time passes. Only the cases shown have their clocks worked out afresh, for the words. A
 * case whose stored clock turns out out of date (its location's hours changed and the job has not
 * come round yet) is left out and not counted, and the next one is worked out in its place.
 */
export const casesToday: TodayProvider = async (db, actor, now) => {
  const scope = todayScope(actor);
  const manages = hasRole(actor.role, 'manager');
  const at = now.getTime();
  const nowIso = now.toISOString();
  const whose: PressingScope = {
    ownerId: actor.staffId,
    ...(manages ? { escalatedTo: actor.staffId, locationIds: scope.kind === 'all' ? ('all' as const) : scope.locationIds } : {}),
  };
  const [keys, total] = await Promise.all([pressingCaseKeys(db, whose, nowIso, listed + spare), pressingCount(db, whose, nowIso)]);
  const candidates = storedOrder(keys, actor.staffId, nowIso).slice(0, listed + spare);
  // The first 8 worked out; the next ones only for those that turned out not to be pressing.
  const states: Awaited<ReturnType<typeof caseStates>> = [];
  let kept = 0;
  for (let next = 0; kept < listed && next < candidates.length; ) {
    const batch = candidates.slice(next, next + listed - kept);
    next += batch.length;
    const byId = new Map((await loadCaseRows(db, batch.map((k) => k.id))).map((r) => [r.id, r]));
    const worked = await caseStates(db, batch.map((k) => byId.get(k.id)).filter((r) => r !== undefined), at);
    states.push(...worked);
    kept += worked.filter((s) => isPressing(s.clocks, s.row.escalatedTo === actor.staffId, at)).length;
  }
  const items: (TodayItem & { rank: number })[] = [];
  let outOfDate = 0;
  for (const { row, clocks } of states) {
    const owed = owedClocks(clocks);
    const worst = owed.sort((a, b) => a.leftMs! - b.leftMs!)[0];
    const breached = owed.some((c) => c.breached);
    const escalatedToMe = row.escalatedTo === actor.staffId;
    if (!isPressing(clocks, escalatedToMe, at)) {
      outOfDate++;
      continue;
    }
    const timing = worst
      ? worst.breached
        ? `${targetWords[worst.kind]} target passed ${businessDuration(-worst.leftMs!)} ago`
        : `${businessDuration(worst.leftMs!)} left to the ${targetWords[worst.kind]} target`
      : statusWords[row.status];
    const mine = row.ownerId === actor.staffId;
    const action: TodayAction | null = !mine
      ? { label: 'Take it', method: 'PATCH', path: `/cases/${row.id}`, body: { ownerId: actor.staffId } }
      : row.status !== 'waiting_on_customer'
        ? { label: 'Mark waiting on the customer', method: 'PATCH', path: `/cases/${row.id}`, body: { status: 'waiting_on_customer' } }
        : null;
    const who = mine ? 'yours' : row.ownerName ? `${row.ownerName}’s` : 'no owner';
    items.push({
      id: row.id,
      customerId: row.customerId,
      customerName: row.customerName,
      title: `${row.subject}: ${timing}`,
      detail: [escalatedToMe ? `Escalated to you${row.escalationReason ? `: ${row.escalationReason}` : ''}` : null, `${row.priority} priority, ${statusWords[row.status]}, ${who}`].filter(Boolean).join(' · '),
      at: worst?.dueAt ? new Date(worst.dueAt).toISOString() : (row.escalatedAt ?? row.openedAt),
      attention: breached || escalatedToMe,
      action,
      rank: rankOf(breached, escalatedToMe),
    });
  }
  items.sort((a, b) => a.rank - b.rank || a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const shown = items.slice(0, listed).map(({ rank: _rank, ...item }) => item);
  return {
    key: 'cases',
    heading: sectionHeadings.cases,
    items: shown,
    more: Math.max(0, total - outOfDate - shown.length),
  };
};
