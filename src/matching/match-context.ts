import type { MatchRecord } from './match-record.js';
import { fieldOdds } from './match-rules.js';

/**
 * What the whole customer base says about a value: how common a name is, how many customers share
 * a phone or an email. Fellegi-Sunter's u per value: agreeing on a rare name says more than agreeing
 * on "Smith", and a household's landline, held by four customers, says less than a mobile.
 */
export interface MatchContext {
  /** Share of customers (0 to 1) whose first given name is this folded word. */
  givenNameShare(word: string): number;
  /** Share of customers whose family name is these folded words ("garcia lopez"). */
  familyNameShare(words: string): number;
  /** How many customers hold this phone (E.164) or email (normalised); at least 1. */
  contactHolders(contact: string): number;
}

/** Without counts: every name typical, every contact one customer's. */
export const typicalContext: MatchContext = {
  givenNameShare: () => fieldOdds.givenName.u,
  familyNameShare: () => fieldOdds.familyName.u,
  contactHolders: () => 1,
};

/**
 * Counts are blended with the typical share as if this many typical customers had been seen too,
 * so that a small database (ten customers, each name "one in ten") does not make every name look
 * common, while a large one speaks for itself.
 */
export const priorCustomers = 200;

/** The counts a store or a scan gathers: first given word, whole family name, each phone and email, folded. */
export interface ValueCounts {
  customers: number;
  given: ReadonlyMap<string, number>;
  family: ReadonlyMap<string, number>;
  contacts: ReadonlyMap<string, number>;
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/** Counts over customers (one record each: count the store's customers, not imported rows). */
export function countValues(customers: Iterable<MatchRecord>): ValueCounts {
  const given = new Map<string, number>();
  const family = new Map<string, number>();
  const contacts = new Map<string, number>();
  let total = 0;
  for (const record of customers) {
    total++;
    for (const contact of [...record.phones, ...record.emails]) bump(contacts, contact);
    if (record.kind !== 'person') continue;
    const first = record.name.given[0];
    if (first && first.length > 1) bump(given, first);
    if (record.name.family.length > 0) bump(family, record.name.family.join(' '));
  }
  return { customers: total, given, family, contacts };
}

/** A MatchContext from counts. */
export function contextOf(counts: ValueCounts): MatchContext {
  const share = (count: number, typical: number) => (count + priorCustomers * typical) / (counts.customers + priorCustomers);
  return {
    givenNameShare: (word) => share(counts.given.get(word) ?? 0, fieldOdds.givenName.u),
    familyNameShare: (words) => share(counts.family.get(words) ?? 0, fieldOdds.familyName.u),
    contactHolders: (contact) => Math.max(1, counts.contacts.get(contact) ?? 1),
  };
}
