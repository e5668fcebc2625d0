import type { Db } from '../platform/database/connect.js';
import type { TimelineItem } from '../timeline/timeline-schemas.js';
import type { SourceQuery } from '../timeline/timeline-store.js';
import { mergePage } from '../timeline/timeline-rules.js';
import { promiseEvents } from './promise-store.js';
import { dueWords, sentenceEnd } from './promise-words.js';

/**
 * The timeline's promise source (src/timeline/timeline-sources.ts lists it): promises made, their
 * dates changed, the customer told, kept, broken or cancelled, handed to a colleague, and the
 * customer opening their own page of it.
 */

type PromiseTimelineItem = Extract<TimelineItem, { kind: 'promise' }>;

const channelWords: Record<string, string> = { call: 'by phone', email: 'by email', sms: 'by text message', letter: 'by letter', visit: 'in person', meeting: 'at a meeting', chat: 'by chat', other: '' };
const toldWords = (channel: string | null, apologised: boolean | number) =>
  `${['Told them', channel ? channelWords[channel] : ''].filter(Boolean).join(' ')}${apologised ? ', with an apology' : ''}`;

export async function promiseTimelineItems(db: Db, q: SourceQuery): Promise<TimelineItem[]> {
  const e = await promiseEvents(db, { customerId: q.customerId, before: q.before, limit: q.limit });
  const item = (i: Omit<PromiseTimelineItem, 'kind'>): PromiseTimelineItem => ({ kind: 'promise', ...i });
  const lists: PromiseTimelineItem[][] = [
    e.made.map((r) =>
      item({
        id: r.id,
        at: r.at,
        title: `Promise made: ${r.what}, by ${dueWords({ dueOn: r.originalDueOn, dueAt: r.originalDueAt }, r.timezone)}`,
        detail: null,
        event: 'made',
        promiseId: r.promiseId,
        staffName: r.staffName ?? null,
      }),
    ),
    e.revised.map((r) => {
      const to = dueWords({ dueOn: r.toDueOn, dueAt: r.toDueAt }, r.timezone);
      const from = dueWords({ dueOn: r.fromDueOn, dueAt: r.fromDueAt }, r.timezone);
      const told = r.toldAt !== null && r.toldAt === r.at ? `${toldWords(r.toldChannel, r.apologised)}.` : 'The customer was not told.';
      return item({
        id: r.id,
        at: r.at,
        title: `Promise date moved to ${to} (was ${from}): ${r.what}`,
        detail: `Why: ${sentenceEnd(r.reason)} ${told}`,
        event: 'revised',
        promiseId: r.promiseId,
        staffName: r.staffName ?? null,
      });
    }),
    e.told.map((r) =>
      item({ id: r.id, at: r.at, title: `${toldWords(r.toldChannel, r.apologised)} of the new date: ${r.what}`, detail: null, event: 'told', promiseId: r.promiseId, staffName: r.staffName ?? null }),
    ),
    e.closed.map((r) =>
      item({
        id: r.id,
        at: r.at,
        title: `Promise ${r.status}: ${r.what}`,
        detail: r.closedReason ? `Why: ${sentenceEnd(r.closedReason)}` : null,
        event: r.status as 'kept' | 'broken' | 'cancelled',
        promiseId: r.promiseId,
        staffName: r.staffName ?? null,
      }),
    ),
    e.handedOver.map((r) =>
      item({
        id: r.id,
        at: r.at,
        title: `Promise handed to ${r.toName ?? 'a colleague'}${r.fromName ? ` by ${r.fromName}` : ''}: ${r.what}`,
        detail: `Why: ${sentenceEnd(r.reason)}`,
        event: 'handed_over',
        promiseId: r.promiseId,
        staffName: r.staffName ?? null,
      }),
    ),
    e.opened.map((r) => item({ id: r.id, at: r.at, title: `Opened their promise page: ${r.what}`, detail: null, event: 'opened', promiseId: r.promiseId, staffName: null })),
  ];
  return mergePage(lists, q.limit).items;
}
