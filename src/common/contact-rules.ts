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
  const key = `${defaultRegion} ${number}`;
  let e164 = normalized.get(key);
  if (e164 === undefined) {
    const parsed = parsePhoneNumberFromString(number.trim(), { defaultCountry: defaultRegion as CountryCode, extract: false });
    e164 = parsed && parsed.isPossible() ? parsed.number : null;
    remember(normalized, key, e164);
  }
  return e164;
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
const normalized = new Map<string, string | null>();
const formatted = new Map<string, string>();
const kept = 10_000;
function remember<V>(answers: Map<string, V>, key: string, value: V): void {
  if (answers.size >= kept) answers.clear();
  answers.set(key, value);
}
