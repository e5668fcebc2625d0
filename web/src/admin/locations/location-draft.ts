import type { FieldErrors } from '../../api/client';
import type { Holiday, Location, LocationCreate, Week } from '../../api/types';
import { dayNames, dayText, weekdays, type Weekday } from '../../ui/calendar';

/**
 * A location being written in the form, and how it becomes the request body. Times are what the
 * time inputs hold: "HH:MM", where a closing time of 00:00 means midnight at the end of the day
 * (sent as 24:00, which a time input cannot show).
 */

export interface IntervalDraft {
  opens: string;
  closes: string;
}
export type WeekDraft = Record<Weekday, IntervalDraft[]>;

export interface Draft {
  name: string;
  address: string;
  timezone: string;
  /** Whether the location keeps opening hours; when not, every hour counts. */
  hoursSet: boolean;
  week: WeekDraft;
  holidays: Holiday[];
}

const toInput = (closes: string) => (closes === '24:00' ? '00:00' : closes);
const fromInput = (closes: string) => (closes === '00:00' ? '24:00' : closes);

const mapWeek = <A, B>(week: Record<Weekday, A[]>, f: (a: A) => B): Record<Weekday, B[]> =>
  Object.fromEntries(weekdays.map((d) => [d, week[d].map(f)])) as Record<Weekday, B[]>;

/** Monday to Friday, nine to five: where a new week starts. */
export const officeHours = (): WeekDraft =>
  Object.fromEntries(weekdays.map((d) => [d, d === 'sat' || d === 'sun' ? [] : [{ opens: '09:00', closes: '17:00' }]])) as unknown as WeekDraft;

export function draftOf(location: Location | null): Draft {
  return {
    name: location?.name ?? '',
    address: location?.address ?? '',
    timezone: location?.timezone ?? '',
    hoursSet: Boolean(location?.openingHours),
    week: location?.openingHours ? mapWeek(location.openingHours, (i) => ({ opens: i.opens, closes: toInput(i.closes) })) : officeHours(),
    holidays: location?.holidays ?? [],
  };
}

export function bodyOf(draft: Draft): LocationCreate {
  return {
    name: draft.name.trim(),
    address: draft.address.trim() || null,
    timezone: draft.timezone.trim() || null,
    openingHours: draft.hoursSet ? (mapWeek(draft.week, (i) => ({ opens: i.opens, closes: fromInput(i.closes) })) as Week) : null,
    holidays: draft.holidays,
  };
}

/** What the browser can tell before asking the server: blanks. The server checks everything else. */
export function blanks(draft: Draft): FieldErrors {
  const errors: FieldErrors = {};
  if (!draft.name.trim()) errors.name = 'is needed';
  if (draft.hoursSet) {
    for (const day of weekdays) {
      draft.week[day].forEach((interval, index) => {
        if (!interval.opens) errors[`openingHours/${day}/${index}/opens`] = 'needs a time';
        if (!interval.closes) errors[`openingHours/${day}/${index}/closes`] = 'needs a time';
      });
    }
  }
  return errors;
}

/** Hours to add after a day's last interval: an hour after it closes, for two hours, within the day. */
export function nextInterval(intervals: IntervalDraft[]): IntervalDraft {
  const last = intervals.at(-1);
  if (!last?.closes) return { opens: '09:00', closes: '17:00' };
  const [h, m] = last.closes.split(':').map(Number);
  const start = Math.min((h ?? 0) * 60 + (m ?? 0) + 60, 22 * 60);
  const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return { opens: hhmm(start), closes: hhmm(Math.min(start + 120, 24 * 60)) };
}

/** A field's name in a sentence: "Monday, hours 2", "the holiday on 25 Dec 2026". */
export function fieldLabel(path: string, draft: Draft): string {
  const hours = /^openingHours\/(\w+)(?:\/(\d+))?/.exec(path);
  if (hours) {
    const day = dayNames[hours[1] as Weekday] ?? hours[1];
    return hours[2] === undefined ? `${day} hours` : `${day}, hours ${Number(hours[2]) + 1}`;
  }
  const holiday = /^holidays\/(\d+)/.exec(path);
  if (holiday) {
    const h = draft.holidays[Number(holiday[1])];
    return h ? `the holiday on ${dayText(h.date)}` : 'a holiday';
  }
  return { name: 'Name', address: 'Address', timezone: 'Time zone', openingHours: 'Opening hours', holidays: 'Holidays' }[path] ?? path;
}
