/** Pure checks for locations; no database here. The calendar's rules are in location-calendar-rules.ts. */

/** Whether this is an IANA time zone Rapport accepts (so times can be shown and counted in it). */
export { isKnownTimezone } from './location-calendar-rules.js';

/** Two locations may not share a name, whatever the case or spacing. */
export const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();
