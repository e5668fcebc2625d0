import { casesToday } from '../cases/case-today.js';
import { fillInLaterToday } from '../cases/fill-in-later-today.js';
import { keepInTouchDue, waitingOnMe } from '../contact-state/contact-state-today.js';
import { lifeEventsToday } from '../life-events/life-event-today.js';
import { promisesOnTime, promisesToday } from '../promises/promise-today.js';
import type { TodayComposition } from '../today/today-compose.js';

/**
 * The Today page's composition root, as api-routes.ts is for routes: each feature exports a
 * TodayProvider (src/today/today-section.ts) and is listed here, in the order its section shows:
 * what we owe people first (promises, people waiting, cases near their targets), then the people to
 * get back in touch with, then news to acknowledge. The features never import this file.
 */
export const today: TodayComposition = {
  sections: [
    { key: 'promises', provider: promisesToday },
    { key: 'waiting', provider: waitingOnMe },
    { key: 'cases', provider: casesToday },
    { key: 'fill_in_later', provider: fillInLaterToday },
    { key: 'keep_in_touch', provider: keepInTouchDue },
    { key: 'life_events', provider: lifeEventsToday },
  ],
  /** Figures managers see above the sections (TodayFigureProvider): the on-time rate of promises at their locations. */
  figures: [promisesOnTime],
};
