import type { Db } from '../platform/database/connect.js';
import { isAfterCursor, newestFirst, type TimelineKey } from '../timeline/timeline-rules.js';
import type { TimelineItem } from '../timeline/timeline-schemas.js';
import { caseStates } from './case-read.js';
import { customerCaseRows, namesOf } from './case-store.js';
import { statusWords, targetWords } from './case-words.js';

/**
 * The timeline's source for cases: each case opened, its changes of status, escalations, apologies,
 * and every response target it passed, at the moment it passed. A customer has few cases, so they
 * are read whole and cut to the page here.
 */

type CaseItem = Extract<TimelineItem, { kind: 'case' }>;

export async function caseTimelineItems(db: Db, q: { customerId: string; before: TimelineKey | null; limit: number }): Promise<TimelineItem[]> {
  const rows = await customerCaseRows(db, q.customerId);
  if (!rows.length) return [];
  const now = Date.now();
  const states = await caseStates(db, rows, now);
  const managers = await namesOf(
    db,
    'staff',
    states.flatMap((s) => s.events.filter((e) => e.kind === 'escalated' && e.toValue).map((e) => e.toValue!)),
  );
  const items: CaseItem[] = [];
  for (const { row, events, clocks } of states) {
    const base = { kind: 'case' as const, caseId: row.id };
    let status: string = 'new';
    for (const e of events) {
      if (e.kind === 'opened' || e.kind === 'status') status = e.toValue ?? status;
      const staffName = e.staffName ?? null;
      if (e.kind === 'opened') items.push({ ...base, id: e.id, at: e.at, event: 'opened', status, staffName, title: `Case opened: ${row.subject}`, detail: `${row.caseType}, ${row.priority} priority` });
      if (e.kind === 'status') items.push({ ...base, id: e.id, at: e.at, event: 'status', status, staffName, title: `Case ${statusWords[status as keyof typeof statusWords] ?? status}: ${row.subject}`, detail: null });
      if (e.kind === 'escalated') {
        const manager = (e.toValue && managers.get(e.toValue)) || 'a manager';
        items.push({ ...base, id: e.id, at: e.at, event: 'escalated', status, staffName, title: `Case escalated to ${manager}: ${row.subject}`, detail: e.note });
      }
      if (e.kind === 'apology') items.push({ ...base, id: e.id, at: e.at, event: 'apology', status, staffName, title: `Explained and apologised for a missed target: ${row.subject}`, detail: e.note });
    }
    const breached = [...clocks.clocks.filter((c) => c.kind !== 'next_response'), ...clocks.nextResponses].filter((c) => c.breached && c.dueAt !== null && c.dueAt <= now);
    for (const c of breached) {
      items.push({
        ...base,
        id: `${row.id}:${c.kind}:${c.startedAt}`,
        at: new Date(c.dueAt!).toISOString(),
        event: 'breach',
        status: row.status,
        staffName: null,
        title: `Case passed its ${targetWords[c.kind]} target: ${row.subject}`,
        detail: null,
      });
    }
  }
  return items.filter((i) => isAfterCursor(i, q.before)).sort(newestFirst).slice(0, q.limit);
}
