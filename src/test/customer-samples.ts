import fc from 'fast-check';
import type { CustomerOut } from '../customers/customer-schemas.js';
import type { ExportedCustomer } from '../exports/exported-customer.js';

/**
 * Customers as the API hands them to the writers, for the writers' tests: one fixed customer, and
 * fast-check arbitraries for any customer Rapport could hold (names with commas, quotes, semicolons,
 * line breaks, accents and emoji; partial birthdays; several labelled emails, phones and addresses).
 */

const stamp = { createdAt: '2024-03-01T12:00:00.000Z', updatedAt: '2024-03-01T12:00:00.000Z', createdBy: null, updatedBy: null };

export function sampleCustomer(overrides: Partial<CustomerOut> = {}): CustomerOut {
  return {
    id: '0190a2f0-1c2d-7e3f-8a4b-5c6d7e8f9a0b',
    kind: 'person',
    displayName: 'José "Pepe" Müller; Jr.',
    givenName: 'José',
    familyName: 'Müller, Jr.',
    preferredName: 'Pepe 🚲',
    pronunciation: 'ho-SAY MUE-ler',
    pronouns: 'he/him',
    birthday: { year: null, month: 3, day: 14 },
    language: 'es-MX',
    gender: null,
    locationId: null,
    emails: [
      { id: 'e1', address: 'jose@example.com', normalized: 'jose@example.com', label: 'work', primary: false },
      { id: 'e2', address: 'pepe@example.org', normalized: 'pepe@example.org', label: 'home', primary: true },
    ],
    phones: [{ id: 'p1', number: '(312) 555-0177', e164: '+13125550177', label: 'mobile', primary: true }],
    addresses: [{ id: 'a1', label: 'Shop', primary: true, line1: '88 N Wells St', line2: 'Suite 3, rear', city: 'Chicago', region: 'IL', postalCode: '60606', country: 'US' }],
    externalIds: [{ id: 'x1', source: 'pos', externalId: 'C-1044' }],
    relationships: [],
    ...stamp,
    ...overrides,
  };
}

/** Text as Rapport stores it: trimmed, not empty, with the characters that break naive writers. */
const hardText = (maxLength: number, unit: fc.Arbitrary<string> = fc.constantFrom<string>('a', 'Z', 'é', 'ß', 'Ø', '🚲', '👩‍🔧', ' ', ',', ';', ':', '"', "'", '\\', '=', '+', '-', '@', '*', '\n', 'x', 'n')) =>
  fc
    .string({ unit, minLength: 1, maxLength, size: 'max' })
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** An address part or id: no line break and no " ::: " (the multi-value separator CSV readers split on). */
const lineText = (maxLength: number) => hardText(maxLength, fc.constantFrom<string>('a', 'Z', 'é', 'ß', '🚲', ' ', ',', ';', '"', "'", '\\', '=', '#', '1', '-', '.', '/')).filter((s) => !s.includes(' ::: '));

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const label = fc.constantFrom<string | null>(null, 'home', 'work', 'mobile', 'fax', 'main', 'Shop', 'Oma Käthe', 'other');

/** Exactly one primary in a non-empty list, as Rapport keeps it. */
const withPrimary = <T extends object>(items: T[], primaryAt: number): (T & { primary: boolean })[] => items.map((item, i) => ({ ...item, primary: i === primaryAt % Math.max(1, items.length) }));

const birthday = fc.oneof(
  fc.constant(null),
  fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true }).chain((d) =>
    fc.constantFrom(
      { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() },
      { year: null, month: d.getUTCMonth() + 1, day: d.getUTCDate() },
      { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: null },
      { year: d.getUTCFullYear(), month: null, day: null },
    ),
  ),
);

const emails = fc
  .uniqueArray(fc.tuple(fc.stringMatching(/^[a-z0-9][a-z0-9._+=-]{0,8}$/), fc.constantFrom('example.com', 'example.org', 'exämple.de')), {
    maxLength: 3,
    selector: ([local, domain]) => `${local}@${domain}`,
  })
  .chain((addresses) => fc.tuple(fc.constant(addresses), fc.array(label, { minLength: addresses.length, maxLength: addresses.length }), fc.nat()))
  .map(([addresses, labels, primaryAt]) =>
    withPrimary(
      addresses.map(([local, domain], i) => ({ id: `e${i}`, address: `${local}@${domain}`, normalized: `${local}@${domain}`, label: labels[i]! })),
      primaryAt,
    ),
  );

/** Chicago numbers 555-0100 to 555-0199, written the ways people write them. */
const phones = fc
  .uniqueArray(fc.integer({ min: 0, max: 99 }), { maxLength: 3 })
  .chain((ends) => fc.tuple(fc.constant(ends), fc.array(fc.tuple(label, fc.constantFrom('(312) 555-01', '312.555.01', '+1 312 555 01', '312-555-01')), { minLength: ends.length, maxLength: ends.length }), fc.nat()))
  .map(([ends, shapes, primaryAt]) =>
    withPrimary(
      ends.map((end, i) => {
        const digits = String(end).padStart(2, '0');
        return { id: `p${i}`, number: `${shapes[i]![1]}${digits}`, e164: `+131255501${digits}`, label: shapes[i]![0] };
      }),
      primaryAt,
    ),
  );

const addresses = fc
  .array(
    fc
      .record({ label, line1: maybe(lineText(30)), line2: maybe(lineText(20)), city: maybe(lineText(15)), region: maybe(lineText(10)), postalCode: maybe(lineText(10)), country: fc.constantFrom(null, 'US', 'DE', 'FR', 'GB') })
      .filter((a) => [a.line1, a.line2, a.city, a.region, a.postalCode, a.country].some((part) => part !== null)),
    { maxLength: 2 },
  )
  .chain((list) => fc.tuple(fc.constant(list), fc.nat()))
  .map(([list, primaryAt]) => withPrimary(list.map((a, i) => ({ id: `a${i}`, ...a })), primaryAt));

const externalIds = fc
  .uniqueArray(fc.record({ source: fc.constantFrom<string>('pos', 'newsletter', 'shop système', 'old (2019) crm'), externalId: lineText(12) }), {
    maxLength: 3,
    selector: (x) => `${x.source}\n${x.externalId}`,
  })
  .map((list) => list.map((x, i) => ({ id: `x${i}`, ...x })));

/** Any customer the API could hand a writer. */
export const anyCustomer: fc.Arbitrary<CustomerOut> = fc.record({
  id: fc.uuid(),
  kind: fc.constantFrom<CustomerOut['kind']>('person', 'organization'),
  displayName: hardText(30),
  givenName: maybe(hardText(20)),
  familyName: maybe(hardText(20)),
  preferredName: maybe(hardText(20)),
  pronunciation: maybe(hardText(20)),
  pronouns: maybe(fc.constantFrom<string>('she/her', 'he/him', 'they/them', 'elle; iel')),
  birthday,
  language: maybe(fc.constantFrom<string>('en', 'es-MX', 'de-DE', 'fr-CA')),
  gender: maybe(hardText(10)),
  locationId: fc.constant<string | null>(null),
  emails,
  phones,
  addresses,
  externalIds,
  relationships: fc.constant<CustomerOut['relationships']>([]),
  createdAt: fc.constant(stamp.createdAt),
  updatedAt: fc.constant(stamp.updatedAt),
  createdBy: fc.constant<string | null>(null),
  updatedBy: fc.constant<string | null>(null),
});

export type Link = CustomerOut['relationships'][number];

/** Text as names, titles and notes hold it: separators, quotes, backslashes, line breaks, emoji. */
const tricky = (maxLength: number) =>
  fc
    .string({ unit: fc.constantFrom<string>('a', 'Z', 'é', '🚲', ' ', ',', ';', ':', '"', '\\', '=', '-', '@', '\n', 'x'), minLength: 1, maxLength, size: 'max' })
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** A person's link to an organisation that employs them (from either side: seen from the person's, as loadRelationships gives it). */
const employment: fc.Arbitrary<Link> = fc.record({
  id: fc.uuid(),
  relatedCustomerId: fc.uuid(),
  relatedDisplayName: tricky(30),
  relatedKind: fc.constant<Link['relatedKind']>('organization'),
  label: fc.oneof(tricky(20), fc.constant('works at')),
  relatedLabel: fc.constantFrom<string | null>('employer', 'Employer'),
  household: fc.constant(false),
});
/** Any other link: a club's member, a spouse, a household. Not employment, never written as one. */
const otherLink: fc.Arbitrary<Link> = fc.record({
  id: fc.uuid(),
  relatedCustomerId: fc.uuid(),
  relatedDisplayName: tricky(30),
  relatedKind: fc.constantFrom<Link['relatedKind']>('person', 'organization'),
  label: tricky(20),
  relatedLabel: fc.constantFrom<string | null>(null, 'club', 'spouse', 'owner'),
  household: fc.boolean(),
});
/** Any customer, with links (employers among them or not) and the notes the person exporting may see. */
export const anyExported: fc.Arbitrary<ExportedCustomer> = fc
  .tuple(anyCustomer, fc.array(fc.oneof(employment, otherLink), { maxLength: 3 }), fc.array(tricky(60), { maxLength: 3 }))
  .map(([customer, relationships, notes]) => ({ ...customer, relationships, notes }));

/** The employer the import must read: a person's first employer link, the import's "works at" meaning no title. */
export function expectedEmployer(c: ExportedCustomer) {
  const link = c.kind === 'person' ? c.relationships.find((r) => r.relatedKind === 'organization' && !r.household && r.relatedLabel?.toLowerCase() === 'employer') : undefined;
  return link ? { name: link.relatedDisplayName, title: link.label === 'works at' ? null : link.label } : null;
}
