import { csvLine, utf8Bom } from './csv-writing.js';
import { employerOf, notesText, type ExportedCustomer } from './exported-customer.js';
import { partialDateText } from './partial-date-text.js';

/**
 * Customers as a CSV file, one row per customer, for a spreadsheet or another system. The header,
 * which the generic preset of the CSV import reads back exactly (src/imports/readers/customer-presets.ts):
 *
 *   Id, Kind, Display Name, Given Name, Family Name, Preferred Name, Pronunciation, Pronouns, Gender,
 *   Language, Birthday, Organization, Job Title, Notes,
 *   Email 1, Email 1 Label, ... Email N, Email N Label,
 *   Phone 1, Phone 1 Label, ...,
 *   Address 1 Label, Address 1 Street, Address 1 Street 2, Address 1 City, Address 1 Region,
 *   Address 1 Postal Code, Address 1 Country, ...,
 *   External Id (<system>), one column per other system
 *
 * N is the most emails (phones, addresses) any customer in the file has, at least 1. The primary email,
 * phone and address come first, so an import makes them primary again. Birthday is ISO 8601 with
 * "--" for an unknown year (--03-14); Country is the ISO 3166 code. A label or an address part
 * containing " ::: " reads back as two values (the separator Google Contacts uses).
 *
 * Organization and Job Title are a person's employer and their title there (exported-customer.ts:
 * the oldest employer link; the import links a person to one organisation, made or found by that
 * name). Notes holds the notes that leave with the customer (customer-export.ts: none private),
 * oldest first, a blank line between two, which the import keeps as one note.
 */

export interface CustomerCsvLayout {
  emails: number;
  phones: number;
  addresses: number;
  /** The other systems' names, one External Id column each. */
  externalSources: string[];
}

const addressColumns = ['Label', 'Street', 'Street 2', 'City', 'Region', 'Postal Code', 'Country'] as const;

/** Primary first, the rest in their order. */
const primaryFirst = <T extends { primary: boolean }>(items: readonly T[]): T[] => [...items.filter((i) => i.primary), ...items.filter((i) => !i.primary)];

/** The columns needed for these customers. */
export function csvLayout(customers: readonly ExportedCustomer[]): CustomerCsvLayout {
  const most = (count: (c: ExportedCustomer) => number) => Math.max(1, ...customers.map(count));
  return {
    emails: most((c) => c.emails.length),
    phones: most((c) => c.phones.length),
    addresses: most((c) => c.addresses.length),
    externalSources: [...new Set(customers.flatMap((c) => c.externalIds.map((e) => e.source)))].sort(),
  };
}

const numbered = (count: number, make: (n: number) => string[]): string[] => Array.from({ length: count }, (_, i) => make(i + 1)).flat();

/** The header row (without its line end). */
export function csvHeader(layout: CustomerCsvLayout): string[] {
  return [
    'Id',
    'Kind',
    'Display Name',
    'Given Name',
    'Family Name',
    'Preferred Name',
    'Pronunciation',
    'Pronouns',
    'Gender',
    'Language',
    'Birthday',
    'Organization',
    'Job Title',
    'Notes',
    ...numbered(layout.emails, (n) => [`Email ${n}`, `Email ${n} Label`]),
    ...numbered(layout.phones, (n) => [`Phone ${n}`, `Phone ${n} Label`]),
    ...numbered(layout.addresses, (n) => addressColumns.map((part) => `Address ${n} ${part}`)),
    ...layout.externalSources.map((source) => `External Id (${source})`),
  ];
}

/** One customer's cells, in the header's order. Emails, phones or addresses beyond the layout are left out. */
export function csvCells(customer: ExportedCustomer, layout: CustomerCsvLayout): (string | null)[] {
  const employer = employerOf(customer);
  const emails = primaryFirst(customer.emails);
  const phones = primaryFirst(customer.phones);
  const addresses = primaryFirst(customer.addresses);
  return [
    customer.id,
    customer.kind,
    customer.displayName,
    customer.givenName,
    customer.familyName,
    customer.preferredName,
    customer.pronunciation,
    customer.pronouns,
    customer.gender,
    customer.language,
    customer.birthday ? partialDateText(customer.birthday) : null,
    employer?.name ?? null,
    employer?.title ?? null,
    notesText(customer.notes),
    ...numbered(layout.emails, (n) => [emails[n - 1]?.address ?? '', emails[n - 1]?.label ?? '']),
    ...numbered(layout.phones, (n) => [phones[n - 1]?.number ?? '', phones[n - 1]?.label ?? '']),
    ...numbered(layout.addresses, (n) => {
      const a = addresses[n - 1];
      // The import takes a postcode's leading apostrophe for another system's text marker ('H3B 1A7): one that has one is written with two.
      const postcode = a?.postalCode?.startsWith("'") ? `'${a.postalCode}` : a?.postalCode;
      return a ? [a.label, a.line1, a.line2, a.city, a.region, postcode, a.country].map((v) => v ?? '') : addressColumns.map(() => '');
    }),
    ...layout.externalSources.map((source) =>
      customer.externalIds
        .filter((e) => e.source === source)
        .map((e) => e.externalId)
        .join(' ::: '),
    ),
  ];
}

/** A whole file: byte order mark (so Excel reads UTF-8), header, one row per customer, CRLF line ends. */
export function customersToCsv(customers: readonly ExportedCustomer[]): string {
  const layout = csvLayout(customers);
  return utf8Bom + csvLine(csvHeader(layout)) + customers.map((c) => csvLine(csvCells(c, layout))).join('');
}
