import { Type, type Static } from 'typebox';
import { DateTime, Nullable } from '../common/schema.js';
import type { TodayAction, TodayFigure, TodayItem, TodaySection } from './today-section.js';

/** The Today page as the API answers it: today-section.ts's contract as TypeBox, plus how each section fared. */

export const sectionKeys = ['promises', 'waiting', 'cases', 'keep_in_touch', 'life_events', 'fill_in_later'] as const;

export const TodayActionOut = Type.Object(
  {
    label: Type.String({ description: 'The button’s words: "Mark kept", "Noted"' }),
    method: Type.Enum(['POST', 'PATCH', 'PUT']),
    path: Type.String({ description: 'Under /api/v1, e.g. /life-events/<id>/acknowledge' }),
    body: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'The JSON body to send, if any' })),
  },
  { description: 'The one action that deals with the item: the API call its button makes' },
);

export const TodayItemOut = Type.Object({
  id: Type.String({ description: 'Unique within the section (the promise’s, case’s, event’s or customer’s id)' }),
  customerId: Type.String({ description: 'Opens the customer’s brief' }),
  customerName: Type.String(),
  title: Type.String({ description: 'One line a person reads: "TV delivery, promised for 12 March: 3 days overdue"' }),
  detail: Nullable(Type.String()),
  at: DateTime,
  attention: Type.Boolean({ description: 'Past due, breached, waiting long: listed first and marked' }),
  action: Nullable(TodayActionOut),
});

export const TodaySectionOut = Type.Object({
  key: Type.Enum(sectionKeys),
  heading: Type.String(),
  items: Type.Array(TodayItemOut, { description: 'The most pressing first' }),
  more: Type.Integer({ minimum: 0, description: 'Items beyond those listed' }),
  moreAtLeast: Type.Optional(Type.Boolean({ description: 'more is a floor ("4 or more"): the section stopped counting there' })),
  status: Type.Enum(['ok', 'failed'], { description: 'failed: the section could not be loaded (and says so); the others are unaffected' }),
  problem: Nullable(Type.String({ description: 'Why the section is empty when it failed' })),
});

export const TodayFigureOut = Type.Object({
  key: Type.String(),
  label: Type.String({ description: '"Promises kept on time"' }),
  value: Type.String({ description: 'As a person reads it: "92%"' }),
  detail: Nullable(Type.String()),
  attention: Type.Boolean(),
});

export const TodayOut = Type.Object({
  at: DateTime,
  scope: Type.Object({
    kind: Type.Enum(['all', 'locations', 'mine'], {
      description: 'mine: customers of the staff member’s locations and those they dealt with; locations: a manager’s locations; all: a manager with no locations',
    }),
    locationIds: Type.Array(Type.String()),
    description: Type.String({ description: 'The same in words' }),
  }),
  figures: Type.Array(TodayFigureOut, { description: 'For managers: the on-time rate of promises at their locations, when offered' }),
  sections: Type.Array(TodaySectionOut, { description: 'In a fixed order; each lists its most pressing items first' }),
});
export type TodayOut = Static<typeof TodayOut>;

/** The contract (today-section.ts) and these schemas say the same, both ways: a change to one alone is a type error. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type ContractHolds = [
  Holds<Same<TodayAction, Static<typeof TodayActionOut>>>,
  Holds<Same<TodayItem, Static<typeof TodayItemOut>>>,
  Holds<Same<TodaySection, Omit<Static<typeof TodaySectionOut>, 'status' | 'problem'>>>,
  Holds<Same<TodayFigure, Static<typeof TodayFigureOut>>>,
];
