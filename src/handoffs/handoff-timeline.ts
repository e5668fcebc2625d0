import type { Db } from '../platform/database/connect.js';
import { isAfterCursor, newestFirst, type TimelineKey } from '../timeline/timeline-rules.js';
import type { TimelineItem } from '../timeline/timeline-schemas.js';
import type { SourceQuery } from '../timeline/timeline-store.js';
import { customerParts } from './handoff-read.js';
import { addresseeWords, count, noteLine } from './handoff-rules.js';
import { customerHandoffRows, namesOf } from './handoff-store.js';

/**
 * The timeline's source for hand-offs (src/timeline/timeline-sources.ts lists it): each hand-off of
 * the customer written, and accepted or withdrawn. Its lines are the reader's to see by the one privacy rule:
 * a private line the reader may not see is left out of the detail. A customer has few hand-offs,
 * so they are read whole (the latest 200) and cut to the page here.
 */

type HandoffItem = Extract<TimelineItem, { kind: 'handoff' }>;

export async function handoffTimelineItems(db: Db, q: SourceQuery): Promise<TimelineItem[]> {
  const rows = await customerHandoffRows(db, q.customerId, 200);
  if (!rows.length) return [];
  const [parts, staff, locations] = await Promise.all([
    customerParts(
      db,
      q.actor,
      rows.map((r) => ({ id: r.itemId, customerId: q.customerId, handoff: r })),
    ),
    namesOf(
      db,
      'staff',
      rows.flatMap((r) => [r.fromStaffId, r.toStaffId, r.acceptedBy, r.withdrawnBy]),
    ),
    namesOf(
      db,
      'locations',
      rows.map((r) => r.toLocationId),
    ),
  ]);
  const name = (map: Map<string, string>, id: string | null) => (id ? (map.get(id) ?? null) : null);
  const items: HandoffItem[] = [];
  for (const r of rows) {
    const part = parts.get(r.itemId);
    const from = name(staff, r.fromStaffId);
    const to = addresseeWords({ toStaffName: name(staff, r.toStaffId), toLocationName: name(locations, r.toLocationId) });
    const lines = (part?.notes ?? []).map(noteLine);
    items.push({
      kind: 'handoff',
      id: r.itemId,
      at: r.createdAt,
      title: `Handed over${from ? ` by ${from}` : ''} to ${to}`,
      detail: lines.length ? lines.join('\n') : null,
      event: 'written',
      handoffId: r.id,
      status: r.status,
      staffName: from,
    });
    if (r.acceptedAt) {
      const by = name(staff, r.acceptedBy);
      const moved = [part?.promises.length ? count(part.promises.length, 'promise') : null, part?.cases.length ? count(part.cases.length, 'case') : null].filter(Boolean);
      items.push({
        kind: 'handoff',
        id: `${r.itemId}:accepted`,
        at: r.acceptedAt,
        title: `Hand-off accepted${by ? ` by ${by}` : ''}${moved.length ? `: ${moved.join(' and ')} now ${by ? `${by}'s` : 'theirs'}` : ''}`,
        detail: part?.promises.length ? part.promises.map((p) => `Promise: ${p.what}`).join('\n') : null,
        event: 'accepted',
        handoffId: r.id,
        status: r.status,
        staffName: by,
      });
    }
    if (r.withdrawnAt) {
      const by = name(staff, r.withdrawnBy);
      items.push({
        kind: 'handoff',
        id: `${r.itemId}:withdrawn`,
        at: r.withdrawnAt,
        title: `Hand-off withdrawn${by ? ` by ${by}` : ''}: nothing moved${from ? `, it stays with ${from}` : ''}`,
        detail: null,
        event: 'withdrawn',
        handoffId: r.id,
        status: r.status,
        staffName: by,
      });
    }
  }
  return items.filter((i) => isAfterCursor(i, q.before as TimelineKey | null)).sort(newestFirst).slice(0, q.limit);
}
