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
  const parsed = parsePhoneNumberFromString(number.trim(), { defaultCountry: defaultRegion as CountryCode, extract: false });
  if (!parsed || !parsed.isPossible()) return null;
  return parsed.number;
}

/** "+1 555 123 4567" for display. Falls back to what was typed. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
