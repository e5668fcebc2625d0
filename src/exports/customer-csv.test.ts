import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLabel } from '../imports/readers/contact-labels.js';
import { readCustomerCsv } from '../imports/readers/csv-imports.js';
import { customerColumns } from '../imports/readers/column-mapping.js';
import { anyExported, expectedEmployer, sampleCustomer, type Link } from '../test/customer-samples.js';
import { csvHeader, csvLayout, customersToCsv } from './customer-csv.js';
import type { ExportedCustomer } from './exported-customer.js';

const us = { phoneRegion: 'US' };
const label = (text: string | null) => readLabel(text).label ?? undefined;
const primaryFirst = <T extends { primary: boolean }>(items: T[]) => [...items.filter((i) => i.primary), ...items.filter((i) => !i.primary)];



/** What reading a customer's row back must give: the same names, contact points (primary first), birthday, ids, employer and notes. */
function expectedRecord(c: ExportedCustomer) {
  const text = (value: string | null) => value ?? undefined;
  return {
    sourceRecordId: c.id,
    organization: expectedEmployer(c),
    note: c.notes?.length ? c.notes.join('\n\n') : null,
    customer: {
      kind: c.kind,
      displayName: c.displayName,
      givenName: text(c.givenName),
      familyName: text(c.familyName),
      preferredName: text(c.preferredName),
      pronunciation: text(c.pronunciation),
      pronouns: text(c.pronouns),
      gender: text(c.gender),
      language: text(c.language),
      birthday: c.birthday ?? undefined,
      emails: c.emails.length ? primaryFirst(c.emails).map((e) => ({ address: e.address, label: label(e.label) })) : undefined,
      phones: c.phones.length ? primaryFirst(c.phones).map((p) => ({ number: p.number, label: label(p.label) })) : undefined,
      addresses: c.addresses.length
        ? primaryFirst(c.addresses).map((a) => ({
            label: label(a.label),
            line1: text(a.line1),
            line2: text(a.line2),
            city: text(a.city),
            region: text(a.region),
            postalCode: text(a.postalCode),
            country: text(a.country),
          }))
        : undefined,
      // One column per system, the systems in sorted order.
      externalIds: c.externalIds.length ? c.externalIds.map(({ source, externalId }) => ({ source, externalId })).sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0)) : undefined,
    },
  };
}

describe('customers to CSV', () => {
  it('writes the documented header, a byte order mark and CRLF rows', () => {
    const csv = customersToCsv([sampleCustomer()]);
    expect(csv.startsWith('\uFEFFId,Kind,Display Name,Given Name,Family Name,Preferred Name,Pronunciation,Pronouns,Gender,Language,Birthday,')).toBe(true);
    const header = csvHeader(csvLayout([sampleCustomer()]));
    expect(header.slice(11)).toEqual([
      'Organization',
      'Job Title',
      'Notes',
      'Email 1',
      'Email 1 Label',
      'Email 2',
      'Email 2 Label',
      'Phone 1',
      'Phone 1 Label',
      'Address 1 Label',
      'Address 1 Street',
      'Address 1 Street 2',
      'Address 1 City',
      'Address 1 Region',
      'Address 1 Postal Code',
      'Address 1 Country',
      'External Id (pos)',
    ]);
    expect(csv.split('\r\n')[1]).toBe(
      '0190a2f0-1c2d-7e3f-8a4b-5c6d7e8f9a0b,person,"José ""Pepe"" Müller; Jr.",José,"Müller, Jr.",Pepe 🚲,ho-SAY MUE-ler,he/him,,es-MX,--03-14,,,,' +
        'pepe@example.org,home,jose@example.com,work,(312) 555-0177,mobile,Shop,88 N Wells St,"Suite 3, rear",Chicago,IL,60606,US,C-1044',
    );
  });

  it('writes a person\'s employer, their job title there and their notes; an organisation\'s row names none', () => {
    const link = (over: Partial<Link>): Link => ({ id: 'r', relatedCustomerId: 'o', relatedDisplayName: 'Lakeside Cycling Club', relatedKind: 'organization', label: 'member', relatedLabel: 'club', household: false, ...over });
    const person: ExportedCustomer = {
      ...sampleCustomer({
        relationships: [
          // A club's member is not employed there: the first employer link is written.
          link({ id: 'r1' }),
          link({ id: 'r2', relatedDisplayName: 'Northwind Traders; Ltd.', label: 'Buyer, Bikes', relatedLabel: 'employer' }),
          link({ id: 'r3', relatedDisplayName: 'Harbor Bikes', label: 'Mechanic', relatedLabel: 'employer' }),
        ],
      }),
      // A note a spreadsheet would run as a formula is guarded, and the guard taken off again.
      notes: ['=2 bikes on hold\nuntil Friday', 'Prefers "Pepe".'],
    };
    const organization: ExportedCustomer = sampleCustomer({ id: 'org', kind: 'organization', displayName: 'Northwind Traders; Ltd.', relationships: [link({ relatedKind: 'person', label: 'employer', relatedLabel: 'Buyer, Bikes' })] });
    const csv = customersToCsv([person, organization]);
    const [, first, second] = csv.split('\r\n');
    expect(first).toContain(',--03-14,Northwind Traders; Ltd.,"Buyer, Bikes","\'=2 bikes on hold\nuntil Friday\n\nPrefers ""Pepe"".",');
    expect(second).toContain(',--03-14,,,,');
    const read = readCustomerCsv(csv, us);
    expect(read.items.map((i) => i.problems)).toEqual([[], []]);
    expect(read.items[0]!.record).toMatchObject({ organization: { name: 'Northwind Traders; Ltd.', title: 'Buyer, Bikes' }, note: '=2 bikes on hold\nuntil Friday\n\nPrefers "Pepe".' });
    expect(read.items[1]!.record).toMatchObject({ customer: { kind: 'organization' }, organization: null, note: null });
    // The import's own word for a link with no title is no title.
    const untitled = customersToCsv([sampleCustomer({ relationships: [link({ label: 'works at', relatedLabel: 'employer' })] })]);
    expect(readCustomerCsv(untitled, us).items[0]!.record!.organization).toEqual({ name: 'Lakeside Cycling Club', title: null });
  });

  it('the generic import preset maps every column of the header, none left over', () => {
    const headers = csvHeader({ emails: 3, phones: 2, addresses: 2, externalSources: ['pos', 'old (2019) crm'] });
    const mapping = customerColumns(headers);
    expect(mapping.preset).toBe('generic');
    expect(mapping.unmapped).toEqual([]);
    expect(mapping.columns.slice(11, 14)).toEqual([{ field: 'organization' }, { field: 'title' }, { field: 'note' }]);
    expect(mapping.columns.filter((c) => c?.field === 'email').map((c) => c!.slot)).toEqual([1, 2, 3]);
    expect(mapping.columns.at(-1)).toEqual({ field: 'externalId', label: 'old (2019) crm' });
  });

  it('guards cells a spreadsheet would run as formulas, and the import takes the guard off', () => {
    const evil = sampleCustomer({ displayName: '=HYPERLINK("http://x.example","click")', givenName: '@SUM(A1)', familyName: "'=already quoted" });
    const csv = customersToCsv([evil]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x.example"",""click"")"`);
    expect(csv).toContain(",'@SUM(A1),");
    expect(csv).toContain(",''=already quoted,");
    // A phone number starting with + is a number, not a formula: left alone.
    expect(customersToCsv([sampleCustomer({ phones: [{ id: 'p', number: '+1 312 555 0177', e164: '+13125550177', label: null, primary: true }] })])).toContain(',+1 312 555 0177,');
    expect(readCustomerCsv(csv, us).items[0]!.record!.customer).toMatchObject({ displayName: evil.displayName, givenName: evil.givenName, familyName: evil.familyName });
    // Values that begin like another system's text marker ('0123, a postcode's 'H3B) come back as they were.
    const marked = sampleCustomer({ givenName: "'0123", addresses: [{ id: 'a', label: null, primary: true, line1: '1 Rue X', line2: null, city: 'Montréal', region: 'QC', postalCode: "'H3B", country: 'CA' }] });
    expect(readCustomerCsv(customersToCsv([marked]), us).items[0]!.record!.customer).toMatchObject({ givenName: "'0123", addresses: [expect.objectContaining({ postalCode: "'H3B" })] });
  });

  it('round trip: what the writer writes, the generic preset reads back the same', () => {
    fc.assert(
      fc.property(fc.array(anyExported, { minLength: 1, maxLength: 4 }), (customers) => {
        const read = readCustomerCsv(customersToCsv(customers), us);
        expect(read.mapping.preset).toBe('generic');
        expect(read.items.map((i) => i.problems)).toEqual(customers.map(() => []));
        expect(read.items.map((i) => i.record)).toEqual(customers.map((c) => expect.objectContaining(expectedRecord(c))));
      }),
      { numRuns: 200 },
    );
  });
});
