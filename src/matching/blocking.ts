import { nicknamesOf } from '../search/nicknames.js';
import type { MatchRecord } from './match-record.js';
import { soundOf } from './name-rules.js';

export { soundOf };

/**
 * Blocking: matching compares only records that share a cheap key, never every pair (a million
 * customers are half a trillion pairs). A key is a short string; two records that share any key are
 * compared. Every key kind catches what the others miss: a phone or email in common, an id from the
 * same system, a name that sounds alike (with the given and family names either way round, and the
 * nickname's full form), or a family name at one postcode (a new phone, an old email).
 */

/**
 * Blocks larger than this are not compared within: only common names reach it ("Smith" and J at
 * a few thousand customers), or a switchboard's number. On the quality bench (20,000 people,
 * 48,000 records, seed 1) skipping them cut the pairs compared from 2.3 million to 0.8 million and
 * lost 3 of the 33,700 matches found: a name block finds almost nothing the phone, email, id and
 * postcode keys do not, because a name alone never makes a match (see minimumCorroboration). Name blocks grow with the square of the
 * customer count, so at a million customers this cap is what keeps a full scan linear.
 */
export const maxBlockSize = 100;

/** First letters a given name may appear under: its own, and those of its nicknames or full forms (Bob → b, r). */
function givenLetters(word: string): string[] {
  return [word, ...(word.length > 1 ? nicknamesOf(word) : [])].map((w) => w[0]!);
}

function personKeys(record: MatchRecord, keys: string[]): void {
  const { given, family, preferred } = record.name;
  if (family.length === 0) return;
  const familySound = soundOf(family.join(''));
  const firstNames = [given[0], preferred[0]].filter((w): w is string => Boolean(w));
  const names: string[] = [];
  for (const first of firstNames) {
    for (const letter of givenLetters(first)) names.push(`${familySound}:${letter}`);
    // Given and family swapped ("Chen Wei" / "Wei Chen"): this record as the other would key it.
    if (first.length > 1) names.push(`${soundOf(first)}:${family[0]![0]}`);
  }
  for (const name of names) keys.push(`n${name}`);
  for (const address of record.addresses) if (address.postcode) keys.push(`a${address.postcode}:${familySound}`);
  corroboratedNameKeys(record, names, keys);
}

/**
 * Each name key (a sound and a first letter) with what could corroborate it (see compare.ts: a name
 * alone never makes a match): the birth year, the birthday's month and day, a house number in a
 * postcode or a city. Two records share one exactly when they share a name key and could
 * corroborate it, so a record with a birthday or an address finds the few in its name block who
 * could be this person without reading the block ("Smith, J." at a million customers).
 */
function corroboratedNameKeys(record: MatchRecord, names: readonly string[], keys: string[]): void {
  const facts: string[] = [];
  const birthday = record.birthday;
  if (birthday?.year != null) facts.push(`y${birthday.year}`);
  if (birthday?.month != null && birthday.day != null) facts.push(`b${birthday.month}-${birthday.day}`);
  for (const address of record.addresses) {
    if (address.number === null || address.street.length === 0) continue;
    if (address.postcode) facts.push(`h${address.number}@p${address.postcode}`);
    if (address.city) facts.push(`h${address.number}@c${address.city}`);
  }
  for (const fact of facts) for (const name of names) keys.push(`${fact[0]}${name}:${fact.slice(1)}`);
}

function organizationKeys(record: MatchRecord, keys: string[]): void {
  if (record.organization.length === 0) return;
  keys.push(`o${soundOf(record.organization.join(''))}`);
  const first = record.organization[0]!;
  if (record.organization.length > 1 && first.length > 2) keys.push(`o${soundOf(first)}:${record.organization[1]![0]}`);
}

/** The record's blocking keys, distinct. A record with no name and no contact has none. */
export function blockingKeys(record: MatchRecord): string[] {
  const keys: string[] = [];
  for (const phone of record.phones) keys.push(`p${phone}`);
  for (const email of record.emails) keys.push(`e${email}`);
  for (const id of record.externalIds) keys.push(`x${id.source}:${id.externalId}`);
  if (record.kind === 'organization') organizationKeys(record, keys);
  else personKeys(record, keys);
  return [...new Set(keys)];
}
