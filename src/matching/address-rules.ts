import { tokenize } from '../search/search-rules.js';

/**
 * Addresses as matching reads them: the house number, the street in full words ("St" and "Street"
 * become one word), the flat, the postcode without spaces. Two systems that typed "12 Oak St Apt 3"
 * and "12 Oak Street, #3" then hold the same address.
 */
export interface MatchAddress {
  /** "12", "12b"; null when the line has no number. */
  number: string | null;
  /** Folded street words with abbreviations spelt out: "north oak street". */
  street: string;
  /** The flat, apartment, unit or suite: "3"; null when none. */
  unit: string | null;
  /** Upper case without spaces; a US ZIP+4 cut to its 5 digits. */
  postcode: string | null;
  /** Folded city words. */
  city: string | null;
}

/** The plain fields of an address, as the API and the store carry them. */
export interface AddressFields {
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  postalCode?: string | null;
}

/** Common street abbreviations (US, UK, Canada), folded, to the full word. */
const streetWords: Record<string, string> = {
  st: 'street', str: 'street', ave: 'avenue', av: 'avenue', avn: 'avenue', rd: 'road', dr: 'drive', ln: 'lane',
  ct: 'court', crt: 'court', pl: 'place', blvd: 'boulevard', bd: 'boulevard', hwy: 'highway', pkwy: 'parkway',
  sq: 'square', ter: 'terrace', terr: 'terrace', cres: 'crescent', cir: 'circle', trl: 'trail', cl: 'close',
  mt: 'mount', ft: 'fort', n: 'north', s: 'south', e: 'east', w: 'west', ne: 'northeast', nw: 'northwest',
  se: 'southeast', sw: 'southwest',
};

/** Words that announce a flat number. */
const unitWords = new Set(['apt', 'apartment', 'unit', 'suite', 'ste', 'flat', 'no', 'room', 'rm', 'fl', 'floor']);

const isHouseNumber = (word: string) => /^\d+[a-z]?$/.test(word);

/** "sw1a 1aa" → "SW1A1AA", "12345-6789" → "12345". */
export function normalizePostcode(text: string | null | undefined): string | null {
  if (!text) return null;
  const compact = text.toUpperCase().replace(/[\s.]+/g, '');
  const zipPlusFour = /^(\d{5})-?\d{4}$/.exec(compact);
  if (zipPlusFour) return zipPlusFour[1]!;
  return compact.length > 0 ? compact : null;
}

/**
 * Reads lines 1 and 2 into number, street and unit. "St" at the end of a street is Street, before
 * it is Saint ("St Johns Road"). Null when nothing is left to compare.
 */
export function normalizeAddress(fields: AddressFields): MatchAddress | null {
  const text = [fields.line1, fields.line2].filter(Boolean).join(' , ').replace(/#\s*/g, ' unit ');
  const words = tokenize(text);
  let number: string | null = null;
  let unit: string | null = null;
  const street: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (unitWords.has(word) && i + 1 < words.length && /\d/.test(words[i + 1]!)) {
      unit = words[++i]!;
      continue;
    }
    if (number === null && street.length === 0 && isHouseNumber(word)) {
      number = word;
      continue;
    }
    street.push(word);
  }
  const spelt = street.map((word, i) => (word === 'st' && i < street.length - 1 ? 'saint' : (streetWords[word] ?? word)));
  const postcode = normalizePostcode(fields.postalCode);
  const city = tokenize(fields.city).join(' ') || null;
  if (spelt.length === 0 && number === null && postcode === null) return null;
  return { number, street: spelt.join(' '), unit, postcode, city };
}

/**
 * One address however it was typed ("12 Elm St, Apt 4" on one line or "12 Elm St" and "Apt 4" on two;
 * "Street" or "St"): the same text for the same place, by which a customer's addresses are told apart
 * (an import adds only one they do not have, a merge keeps one of two). The postcode, else the city,
 * says where; null for an address with no street or number.
 */
export function addressKeyOf(fields: AddressFields): string | null {
  const address = normalizeAddress(fields);
  if (!address || (address.number === null && address.street === '')) return null;
  return [address.number ?? '', address.street, address.unit ?? '', address.postcode ?? address.city ?? ''].join('|');
}
