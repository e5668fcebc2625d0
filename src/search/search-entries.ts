import { distinctWords } from './search-rules.js';

/**
 * What the search index holds for one customer, as plain data. The live index (search-indexer.ts)
 * and the bulk loader (bench/) both write exactly this, so a bulk-built index equals a live one.
 */

export interface SearchSource {
  id: string;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  preferredName: string | null;
  /** Names of the organisations this customer is linked to (for a person: where they work). */
  organizations: string[];
}

export interface SearchEntries {
  document: { customerId: string; names: string; preferred: string | null; organizations: string | null };
  /** Distinct folded words under which the customer is found. */
  words: string[];
  /** Ordered pairs of distinct words (both orders), for two-word queries in one index probe. */
  pairs: [string, string][];
}

/** Most distinct words that take part in pairs: 8 words give 56 ordered pairs. */
export const maxPairWords = 8;
/** Most distinct words indexed for one customer. */
export const maxWords = 40;

/** Joins names without repeating one ("Jim Alvarez" from display, given and family names). */
function joinNames(parts: (string | null)[]): string {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const part of parts) {
    const text = part?.trim();
    if (!text || seen.has(text.toLowerCase())) continue;
    const covered = kept.some((k) => k.toLowerCase().includes(text.toLowerCase()));
    seen.add(text.toLowerCase());
    if (!covered) kept.push(text);
  }
  return kept.join(' ');
}

export const organizationSeparator = ' | ';

export function searchEntries(source: SearchSource): SearchEntries {
  const names = joinNames([source.displayName, source.givenName, source.familyName]);
  const preferred = source.preferredName?.trim() || null;
  const organizations = source.organizations.length > 0 ? source.organizations.join(organizationSeparator) : null;
  const words = distinctWords(names, preferred, ...source.organizations).slice(0, maxWords);
  const pairWords = words.slice(0, maxPairWords);
  const pairs: [string, string][] = [];
  for (const a of pairWords) for (const b of pairWords) if (a !== b) pairs.push([a, b]);
  return { document: { customerId: source.id, names, preferred, organizations }, words, pairs };
}
