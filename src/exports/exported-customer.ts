import type { CustomerOut } from '../customers/customer-schemas.js';

/**
 * What the export writes of a customer beyond the fields of their profile, in the form the import
 * reads back (src/imports/import-customers.ts): the organisation a person works at, named by its name,
 * with their job title there; and the notes that leave with them (none private, and only those the
 * person exporting may see: customer-export.ts).
 *
 * An employer link is the kind the import makes: a person's link to an organisation customer that is,
 * seen from the person's side, their "employer" (whichever side the link was written from), the
 * person's label being their job title. Other links to an organisation (a club's member, a shop's
 * owner) are not employment: the import could only bring them back as employment, so they are not
 * written as one.
 */

/** A customer as the writers take them: the profile, and the notes that leave with them, oldest first. */
export type ExportedCustomer = CustomerOut & { notes?: readonly string[] };

type Link = CustomerOut['relationships'][number];

/** What an organisation is to the person who works there, on the links the import makes. */
const employerLabel = 'employer';

/** The label the import gives a person's link when the file names no job title (employmentOf in import-customers.ts). */
const untitled = 'works at';

/** A person's links to their employers, oldest first (as loadRelationships orders them); an organisation has none. */
export function employerLinks(customer: Pick<CustomerOut, 'kind' | 'relationships'>): Link[] {
  if (customer.kind !== 'person') return [];
  return customer.relationships.filter((r) => r.relatedKind === 'organization' && !r.household && r.relatedLabel?.trim().toLowerCase() === employerLabel);
}

/** The job title a link gives the person: their label on it, unless it is the import's word for none. */
export const jobTitleOf = (link: Link): string | null => (link.label.trim().toLowerCase() === untitled ? null : link.label);

/**
 * The employer a CSV row and a vCard write: the first (oldest) link. The import links a person to
 * one organisation (ImportedCustomer.organization), so a file with one organisation per person is
 * what it reads back; the JSON lines write every link.
 */
export function employerOf(customer: ExportedCustomer): { name: string; title: string | null } | null {
  const link = employerLinks(customer)[0];
  return link ? { name: link.relatedDisplayName, title: jobTitleOf(link) } : null;
}

/**
 * Several notes in one text, as the import puts the notes of one record together (CustomerDraft in
 * src/imports/readers/customer-draft.ts): a blank line between them. Null when there are none.
 */
export const notesText = (notes: readonly string[] | undefined): string | null => {
  const kept = (notes ?? []).map((n) => n.trim()).filter(Boolean);
  return kept.length ? kept.join('\n\n') : null;
};
