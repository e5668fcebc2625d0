import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** Emails match case-insensitively and without surrounding spaces; the original is kept for display. */
export function normalizeEmail(address: string): string {
  return address.trim().toLowerCase();
}

// Deliberately plain: one @, something before it, a dotted domain after it, no spaces.
const emailShape = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
export const isEmail = (address: string): boolean => emailShape.test(address.trim());

/**
 * A phone number in E.164 (+15551234567), read with the region's conventions when it has no
 * country code. Null when the text cannot be a phone number.
 */
export function normalizePhone(number: string, defaultRegion: string): string | null {
  return readPhone(number, defaultRegion).e164;
}

/**
 * Whether a number that can be a phone number (normalizePhone) is one its country uses: "030 9876543"
 * read in the United States is +1 030 987 6543, the right length but no area code there. (The
 * commands take any possible number; an import says so of one that is not in use.)
 */
export function isPhoneInUse(number: string, defaultRegion: string): boolean {
  return readPhone(number, defaultRegion).inUse;
}

function readPhone(number: string, defaultRegion: string): { e164: string | null; inUse: boolean } {
  const key = `${defaultRegion} ${number}`;
  let read = normalized.get(key);
  if (read === undefined) {
    const parsed = parsePhoneNumberFromString(number.trim(), { defaultCountry: defaultRegion as CountryCode, extract: false });
    const possible = parsed?.isPossible() ?? false;
    read = { e164: possible ? parsed!.number : null, inUse: possible && parsed!.isValid() };
    remember(normalized, key, read);
  }
  return read;
}

/** "+1 555 123 4567" for display. Falls back to what was typed. */
export function formatPhone(e164: string): string {
  let shown = formatted.get(e164);
  if (shown === undefined) remember(formatted, e164, (shown = parsePhoneNumberFromString(e164)?.formatInternational() ?? e164));
  return shown;
}

/**
 * Parsing a number is the costly part of reading a phone (an import reads each one several times:
 * the file's reader, matching, the new customer's rows), and the answer depends on the text alone:
 * the latest answers are kept, a bounded number of them.
 */
const normalized = new Map<string, { e164: string | null; inUse: boolean }>();
const formatted = new Map<string, string>();
const kept = 10_000;
function remember<V>(answers: Map<string, V>, key: string, value: V): void {
  if (answers.size >= kept) answers.clear();
  answers.set(key, value);
}
