import { knownLabel } from '../imports/readers/contact-labels.js';
import { externalIdProperty } from '../imports/readers/vcard.js';
import { employerOf, type ExportedCustomer } from './exported-customer.js';
import { partialDateText } from './partial-date-text.js';
import { contentLine, escapeText, type Param } from './vcard-writing.js';

/**
 * Customers as vCard 4.0 (RFC 6350), for phones and address books. A label every address book knows
 * (home, work; cell, fax, pager for phones) is a TYPE; any other ("shop", "main") goes in an Apple-style
 * grouped X-ABLabel, which Apple, Google and Rapport's reader all understand. The primary email, phone
 * and address carry PREF=1. The customer's id is the UID (urn:uuid:...), and ids in other systems are
 * X-RAPPORT-EXTERNAL-ID lines with the system in X-SYSTEM, so importing the file into Rapport again
 * finds the same customers.
 *
 * A person's employer is ORG (the organisation's name, one component) with their job title in TITLE
 * (exported-customer.ts: the oldest employer link, the one organisation the import links a person
 * to), and such a card says KIND:individual, so that no reader takes it for the company's own card.
 * Each note that leaves with them (customer-export.ts) is a NOTE line of its own, oldest first (the import keeps
 * them as one note, a blank line between two).
 */

type Kind = 'email' | 'tel' | 'adr';

/** The TYPE words each property takes, by Rapport label. */
const vcardTypes: Record<Kind, Record<string, string>> = {
  email: { home: 'home', work: 'work' },
  tel: { home: 'home', work: 'work', mobile: 'cell', fax: 'fax', pager: 'pager' },
  adr: { home: 'home', work: 'work' },
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Writes one contact property, numbering groups for labels that are not TYPE words. */
class CardLines {
  lines: string[] = [];
  private groups = 0;

  add(name: string, params: Param[], value: string): void {
    this.lines.push(contentLine(name, params, value));
  }

  contact(kind: Kind, label: string | null, primary: boolean, value: string): void {
    const pref: Param[] = primary ? [{ name: 'PREF', values: ['1'] }] : [];
    const type = label ? vcardTypes[kind][knownLabel(label) ?? ''] : undefined;
    if (!label || type) {
      this.add(kind.toUpperCase(), [...(type ? [{ name: 'TYPE', values: [type] }] : []), ...pref], value);
      return;
    }
    const group = `item${++this.groups}`;
    this.lines.push(contentLine(kind.toUpperCase(), pref, value, group), contentLine('X-ABLabel', [], escapeText(label), group));
  }
}

/** One customer's card, with CRLF line ends. */
export function customerToVcard(customer: ExportedCustomer): string {
  const card = new CardLines();
  const employer = employerOf(customer);
  card.add('VERSION', [], '4.0');
  if (customer.kind === 'organization') card.add('KIND', [], 'org');
  else if (employer) card.add('KIND', [], 'individual');
  card.add('UID', uuid.test(customer.id) ? [] : [{ name: 'VALUE', values: ['text'] }], uuid.test(customer.id) ? `urn:uuid:${customer.id}` : escapeText(customer.id));
  card.add('FN', [], escapeText(customer.displayName));
  if (customer.givenName || customer.familyName) card.add('N', [], [customer.familyName, customer.givenName, '', '', ''].map((p) => escapeText(p ?? '')).join(';'));
  if (customer.preferredName) card.add('NICKNAME', [], escapeText(customer.preferredName));
  if (customer.pronouns) card.add('PRONOUNS', [], escapeText(customer.pronouns));
  if (customer.language) card.add('LANG', [], customer.language);
  if (customer.birthday && (customer.birthday.year !== null || customer.birthday.month !== null)) card.add('BDAY', [], partialDateText(customer.birthday, true));
  for (const e of customer.emails) card.contact('email', e.label, e.primary, escapeText(e.address));
  for (const p of customer.phones) card.contact('tel', p.label, p.primary, escapeText(p.number));
  for (const a of customer.addresses) {
    // ADR: post office box; extended address (our second line); street; locality; region; postal code; country.
    card.contact('adr', a.label, a.primary, ['', a.line2, a.line1, a.city, a.region, a.postalCode, a.country].map((p) => escapeText(p ?? '')).join(';'));
  }
  if (employer) {
    // ORG's value is structured (the name, then units): a semicolon in the name is escaped like the rest of its text.
    card.add('ORG', [], escapeText(employer.name));
    if (employer.title) card.add('TITLE', [], escapeText(employer.title));
  }
  for (const note of customer.notes ?? []) if (note.trim()) card.add('NOTE', [], escapeText(note.trim()));
  for (const id of customer.externalIds) card.add(externalIdProperty, [{ name: 'X-SYSTEM', values: [id.source] }], escapeText(id.externalId));
  return `BEGIN:VCARD\r\n${card.lines.join('')}END:VCARD\r\n`;
}

/** Many customers in one file: the cards one after another. */
export const customersToVcard = (customers: readonly ExportedCustomer[]): string => customers.map(customerToVcard).join('');
