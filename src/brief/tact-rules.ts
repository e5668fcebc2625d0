import type { Provenance } from '../platform/database/schema.js';

/**
 * Tact: what is fine to bring up, and what to let the customer raise. A bank that greets a customer
 * with "I see you have a new Buick, financed by our loan department" knows her only as a record. What
 * the customer told us themselves is theirs to hear again ("How is Daniel finding college?"); what we
 * know only from our records or from another system is marked, so staff let the customer mention it.
 * Pure: no database, no clock.
 */

export type { Provenance };

export const provenances: readonly Provenance[] = ['told_us', 'our_records', 'other_system'];

/** Whether staff may bring the fact up themselves. */
export const fineToMention = (provenance: Provenance): boolean => provenance === 'told_us';

const whence: Record<Provenance, string> = {
  told_us: 'they told us',
  our_records: 'from our records',
  other_system: 'from another system',
};

/** Where we have it from, in words: "from our records". */
export const howWeKnow = (provenance: Provenance): string => whence[provenance];

/** The mark after a fact we did not hear from the customer ("from our records, let them mention it"); null when it is fine to mention. */
export function tactMark(provenance: Provenance): string | null {
  return fineToMention(provenance) ? null : `${whence[provenance]}, let them mention it`;
}

/**
 * One fact as a sentence of the brief: "Son started college (September 2025)." when they told us,
 * "Financed a car through our loan department: from our records, let them mention it." otherwise.
 * A full stop, colon or comma closing the fact is replaced (a question or exclamation mark is kept),
 * and a blank fact stays blank.
 */
export function tactfully(fact: string, provenance: Provenance): string {
  const text = fact.trim().replace(/[\s.;:,]+$/u, '');
  if (!text) return '';
  const mark = tactMark(provenance);
  if (mark) return `${text}: ${mark}.`;
  return /[?!]$/u.test(text) ? text : `${text}.`;
}

/** An item of a list in the brief ("appointments: mornings"), with the mark in brackets when needed. */
export function tactfulItem(item: string, provenance: Provenance): string {
  const mark = tactMark(provenance);
  return mark ? `${item} (${mark})` : item;
}
