/** Pure checks for locations; no database here. */

/** Whether the runtime knows this IANA time zone (so times can be shown in it). */
export function isKnownTimezone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Two locations may not share a name, whatever the case or spacing. */
export const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();
