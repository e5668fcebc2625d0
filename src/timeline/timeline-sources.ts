import type { Db } from '../platform/database/connect.js';
import { interactionTitle, lifeEventTitle, noteTitle, transactionTitle, wholeText } from './timeline-rules.js';
import type { TimelineItem } from './timeline-schemas.js';
import { interactionRows, lifeEventRows, noteRows, transactionItemsOf, transactionRows, type SourceQuery } from './timeline-store.js';
import { promiseTimelineItems } from '../promises/promise-timeline.js';
import { caseTimelineItems } from '../cases/case-timeline.js';
import { handoffTimelineItems } from '../handoffs/handoff-timeline.js';

/**
 * What feeds the timeline. Each source gives, for one customer, its items newest first after the
 * cursor, at most `limit` of them. A source over a table that may hold private rows filters them
 * with `visibleRows(q.actor, table, alias)` (src/platform/auth/private-facts-sql.ts), the one
 * privacy rule; a test fails for a query of such a table without it.
 *
 * Extension point: to show promises or cases, write a query in timeline-store.ts, add an item
 * schema to the TimelineItem union in timeline-schemas.ts, and add a source here. Its `kind`
 * becomes a valid value of ?kinds= without further changes.
 */
export interface TimelineSource {
  kind: TimelineItem['kind'];
  items(db: Db, query: SourceQuery): Promise<TimelineItem[]>;
}

export const timelineSources: readonly TimelineSource[] = [
  {
    kind: 'interaction',
    items: async (db, q) =>
      (await interactionRows(db, q)).map((r) => ({
        kind: 'interaction' as const,
        id: r.id,
        at: r.at,
        title: interactionTitle(r),
        detail: wholeText(r.summary),
        channel: r.channel,
        direction: r.direction,
        mood: r.mood,
        outcome: r.outcome,
        staffId: r.staffId,
        staffName: r.staffName ?? null,
      })),
  },
  {
    kind: 'transaction',
    items: async (db, q) => {
      const rows = await transactionRows(db, q);
      const bought = await transactionItemsOf(db, rows.filter((r) => Number(r.itemCount ?? 0) > 0).map((r) => r.id));
      return rows.map((r) => {
        const itemCount = Number(r.itemCount ?? 0);
        return {
          kind: 'transaction' as const,
          id: r.id,
          at: r.at,
          title: transactionTitle({ ...r, amountMinor: Number(r.amountMinor), itemCount }),
          // The title never carries the note, so any note is more than the title.
          detail: r.note?.trim() || null,
          transactionKind: r.kind,
          amountMinor: Number(r.amountMinor),
          currency: r.currency,
          itemCount,
          items: bought.get(r.id) ?? [],
          reference: r.reference,
        };
      });
    },
  },
  {
    kind: 'life_event',
    items: async (db, q) =>
      (await lifeEventRows(db, q)).map((r) => {
        const date = r.year === null && r.month === null && r.day === null ? null : { year: r.year, month: r.month, day: r.day };
        return {
          kind: 'life_event' as const,
          id: r.id,
          at: r.at,
          title: lifeEventTitle({ title: r.title, date }),
          detail: null,
          lifeEventKind: r.kind,
          customerId: r.customerId,
          date,
          sensitivity: r.sensitivity,
          provenance: r.provenance,
        };
      }),
  },
  {
    kind: 'note',
    items: async (db, q) =>
      (await noteRows(db, q)).map((r) => ({
        kind: 'note' as const,
        id: r.id,
        at: r.at,
        title: noteTitle(r.body),
        detail: wholeText(r.body),
        pinned: Boolean(r.pinned),
        sensitivity: r.sensitivity,
        provenance: r.provenance,
      })),
  },
  { kind: 'promise', items: promiseTimelineItems },
  { kind: 'case', items: caseTimelineItems },
  { kind: 'handoff', items: handoffTimelineItems },
];

export const timelineKinds = timelineSources.map((s) => s.kind);
