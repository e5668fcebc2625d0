import { Type, type Static, type TSchema } from 'typebox';
import { Authored, Day, limits, Nullable, PageQuery, Text } from '../common/schema.js';
import { maxHolidays, maxIntervalsPerDay } from './location-calendar-rules.js';

/** A branch, store, office or ward: where customers are looked after and staff work. */
const Timezone = Text(64, { description: 'IANA time zone, e.g. Europe/London (or UTC)' });

/** Checked by the rules (422 naming the field), so the message can say what a time looks like. */
const Time = Type.String({ minLength: 1, maxLength: 5, description: 'Local time HH:MM, 00:00 to 24:00 (24:00 ends the day)' });

export const Interval = Type.Object({ opens: Time, closes: Time }, { additionalProperties: false });

/** The seven weekdays, each with the same schema. */
const weekOf = <T extends TSchema>(day: T, description: string) =>
  Type.Object({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }, { additionalProperties: false, description });

const weekDescription = 'Opening hours for each weekday (mon to sun, all seven), local time in the location’s time zone; [] is closed that day';
export const Week = weekOf(Type.Array(Interval, { maxItems: maxIntervalsPerDay }), weekDescription);
const WeekOut = weekOf(Type.Array(Type.Object({ opens: Type.String(), closes: Type.String() })), weekDescription);

export const HolidayIn = Type.Object(
  { date: Day, name: Text(limits.shortText, { description: 'What the day is, e.g. Christmas Day' }) },
  { additionalProperties: false },
);
export const HolidayOut = Type.Object({ date: Type.String(), name: Type.String() });
export type HolidayOut = Static<typeof HolidayOut>;

const calendarFields = {
  /** null: no hours set, every hour counts. Hours and holidays need a time zone. */
  openingHours: Type.Optional(Nullable(Week)),
  holidays: Type.Optional(
    Type.Array(HolidayIn, { maxItems: maxHolidays, description: 'Every holiday of the location (a change replaces the list). Needs a time zone' }),
  ),
};

export const LocationCreate = Type.Object(
  {
    name: Text(limits.name),
    address: Type.Optional(Nullable(Text(limits.line))),
    timezone: Type.Optional(Nullable(Timezone)),
    ...calendarFields,
  },
  { additionalProperties: false },
);
export type LocationCreate = Static<typeof LocationCreate>;

export const LocationPatch = Type.Partial(LocationCreate, { additionalProperties: false });
export type LocationPatch = Static<typeof LocationPatch>;

export const LocationOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  address: Nullable(Type.String()),
  timezone: Nullable(Type.String()),
  openingHours: Nullable(WeekOut),
  holidays: Type.Array(HolidayOut, { description: 'Every holiday, by date' }),
  ...Authored,
});
export type LocationOut = Static<typeof LocationOut>;

export const HolidayQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date', description: 'Holidays on or after this date (YYYY-MM-DD)' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'Holidays on or before this date (YYYY-MM-DD)' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type HolidayQuery = Static<typeof HolidayQuery>;
