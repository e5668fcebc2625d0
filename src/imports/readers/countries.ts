/**
 * A country as a source wrote it ("Germany", "Deutschland", "USA", "de") to the ISO 3166-1 alpha-2
 * code Rapport stores. The names come from the runtime's own region data (Intl.DisplayNames) in the
 * languages below, so no list of countries is kept here by hand; only the short
 * forms people type that no dictionary lists as a name.
 */

/** Every language a European or a large market's address book may write a country in ("Norge", "Danmark", "Polska"); the first listed wins a name two share. */
const languages = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'da', 'sv', 'nb', 'nn', 'fi', 'is', 'pl', 'cs', 'sk', 'hu', 'ro', 'sl', 'hr', 'sr', 'bs', 'bg', 'el', 'tr', 'et', 'lv', 'lt', 'ga', 'cy', 'ca', 'eu', 'gl', 'mt', 'ru', 'uk', 'be', 'ja', 'zh', 'ko', 'ar', 'he', 'hi', 'id', 'ms', 'vi', 'th', 'af'];

/** Region codes that are not countries: unknown, the EU, the euro area, the UN, outlying Oceania. */
const notCountries = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO']);

const typed: Record<string, string> = {
  usa: 'US',
  'u.s.a.': 'US',
  'u.s.': 'US',
  america: 'US',
  'united states of america': 'US',
  uk: 'GB',
  'u.k.': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'great britain': 'GB',
  britain: 'GB',
  holland: 'NL',
};

let byName: Map<string, string> | null = null;

const key = (text: string): string => text.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * The current code for a region code, or null when the runtime knows no such region. Old codes
 * name their successor ("DD" is now "DE", "UK" is "GB"), so they are never stored.
 */
function canonical(code: string): string | null {
  let current: string;
  try {
    current = Intl.getCanonicalLocales(`und-${code}`)[0]!.slice(4);
  } catch {
    return null;
  }
  if (notCountries.has(current)) return null;
  return new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }).of(current) === undefined ? null : current;
}

function names(): Map<string, string> {
  if (byName) return byName;
  byName = new Map(Object.entries(typed));
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const displays = languages.map((language) => new Intl.DisplayNames([language], { type: 'region', fallback: 'none' }));
  for (const a of letters) {
    for (const b of letters) {
      const code = a + b;
      if (canonical(code) !== code) continue;
      for (const display of displays) {
        const name = display.of(code);
        if (name && !byName.has(key(name))) byName.set(key(name), code);
      }
    }
  }
  return byName;
}

/** The ISO code of a country name or code, or null when it is not one we recognise. */
export function countryCode(text: string): string | null {
  const trimmed = text.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) return canonical(trimmed.toUpperCase());
  return names().get(key(trimmed)) ?? null;
}
