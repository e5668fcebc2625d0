import type { TodayItem, TodayProvider } from '../today/today-section.js';
import { sectionHeadings, todayScope } from '../today/today-rules.js';
import { isRecent, suggestion, worthAcknowledging } from './life-event-today-rules.js';
import { eventsForToday } from './life-event-today-store.js';

/** At most this many suggestions are listed; the section counts the rest. */
const listed = 8;
/**
 * Events read from the database before the rules' final cut: enough to list 8 and count some more.
 * Beyond that the section says "4 or more" rather than read every event of the last two weeks
 * (thousands at a million customers; each checked against the reader's scope).
 */
const read = 12;

/**
 * Today's "News worth acknowledging": recent life events of the customers a staff member deals
 * with, as suggestions for a person to act on ("Maggie Chen's son started college: ask how it is
 * going"), each with one action, "Noted", that records the acknowledgement and takes it off the list.
 */
export const lifeEventsToday: TodayProvider = async (db, actor, now) => {
  const { events, complete } = await eventsForToday(db, actor, todayScope(actor), now, read);
  const items: TodayItem[] = events
    .filter((e) => worthAcknowledging(e) && isRecent(e, now))
    .map((e) => {
      const words = suggestion(e, now);
      return {
        id: e.id,
        customerId: e.customerId,
        customerName: e.customerName,
        title: words.title,
        detail: words.detail,
        at: words.at,
        attention: false,
        action: { label: 'Noted', method: 'POST' as const, path: `/life-events/${e.id}/acknowledge` },
      };
    })
    .sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id));
  return { key: 'life_events', heading: sectionHeadings.life_events, items: items.slice(0, listed), more: Math.max(0, items.length - listed), moreAtLeast: !complete };
};
