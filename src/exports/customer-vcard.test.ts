import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLabel } from '../imports/readers/contact-labels.js';
import { readVcards } from '../imports/readers/vcard.js';
import { anyExported, expectedEmployer, sampleCustomer, type Link } from '../test/customer-samples.js';
import { customersToVcard, customerToVcard } from './customer-vcard.js';
import type { ExportedCustomer } from './exported-customer.js';
import { escapeText, fold } from './vcard-writing.js';

const us = { phoneRegion: 'US' };
const label = (text: string | null) => readLabel(text).label ?? undefined;
const flag = (primary: boolean) => (primary ? { primary: true } : {});



/**
 * What reading a customer's card back must give. Pronunciation and gender have no vCard 4.0 property
 * and are not written; a person's card says KIND:individual only when it names their organisation.
 */
function expectedRecord(c: ExportedCustomer) {
  const text = (value: string | null) => value ?? undefined;
  const organization = expectedEmployer(c);
  return {
    sourceRecordId: c.id,
    organization,
    note: c.notes?.length ? c.notes.join('\n\n') : null,
    customer: {
      kind: c.kind === 'organization' ? 'organization' : organization ? 'person' : undefined,
      displayName: c.displayName,
      givenName: text(c.givenName),
      familyName: text(c.familyName),
      preferredName: text(c.preferredName),
      pronouns: text(c.pronouns),
      language: text(c.language),
      birthday: c.birthday ?? undefined,
      emails: c.emails.length ? c.emails.map((e) => ({ address: e.address, label: label(e.label), ...flag(e.primary) })) : undefined,
      phones: c.phones.length ? c.phones.map((p) => ({ number: p.number, label: label(p.label), ...flag(p.primary) })) : undefined,
      addresses: c.addresses.length
        ? c.addresses.map((a) => ({
            label: label(a.label),
            ...flag(a.primary),
            line1: text(a.line1),
            line2: text(a.line2),
            city: text(a.city),
            region: text(a.region),
            postalCode: text(a.postalCode),
            country: text(a.country),
          }))
        : undefined,
      externalIds: c.externalIds.length ? c.externalIds.map(({ source, externalId }) => ({ source, externalId })) : undefined,
    },
  };
}

describe('customers to vCard 4.0', () => {
  it('writes a card RFC 6350 reads: escapes, partial BDAY, TYPE and PREF, an Apple label, the UID and other ids', () => {
    expect(customerToVcard(sampleCustomer()).split('\r\n')).toEqual([
      'BEGIN:VCARD',
      'VERSION:4.0',
      'UID:urn:uuid:0190a2f0-1c2d-7e3f-8a4b-5c6d7e8f9a0b',
      'FN:José "Pepe" Müller\\; Jr.',
      'N:Müller\\, Jr.;José;;;',
      'NICKNAME:Pepe 🚲',
      'PRONOUNS:he/him',
      'LANG:es-MX',
      'BDAY:--0314',
      'EMAIL;TYPE=work:jose@example.com',
      'EMAIL;TYPE=home;PREF=1:pepe@example.org',
      'TEL;TYPE=cell;PREF=1:(312) 555-0177',
      'item1.ADR;PREF=1:;Suite 3\\, rear;88 N Wells St;Chicago;IL;60606;US',
      'item1.X-ABLabel:Shop',
      'X-RAPPORT-EXTERNAL-ID;X-SYSTEM=pos:C-1044',
      'END:VCARD',
      '',
    ]);
  });

  it('writes KIND:org for an organisation, quotes parameter values that need it, and writes UID as text when it is not a UUID', () => {
    const card = customerToVcard(
      sampleCustomer({ id: 'legacy-7', kind: 'organization', displayName: 'Lakeside Cycling Club', givenName: null, familyName: null, externalIds: [{ id: 'x', source: 'old: "crm"; v2', externalId: '7' }] }),
    );
    expect(card).toContain('\r\nKIND:org\r\n');
    expect(card).toContain('\r\nUID;VALUE=text:legacy-7\r\n');
    expect(card).not.toContain('\r\nN:');
    expect(card).toContain(`\r\nX-RAPPORT-EXTERNAL-ID;X-SYSTEM="old: ^'crm^'; v2":7\r\n`);
  });

  it("writes a person's employer as ORG and TITLE, each note as a NOTE, escaped; an organisation's card names no employer", () => {
    const link = (over: Partial<Link>): Link => ({ id: 'r', relatedCustomerId: 'o', relatedDisplayName: 'Lakeside Cycling Club', relatedKind: 'organization', label: 'member', relatedLabel: 'club', household: false, ...over });
    const person: ExportedCustomer = {
      ...sampleCustomer({
        emails: [],
        phones: [],
        addresses: [],
        externalIds: [],
        relationships: [link({ id: 'r1' }), link({ id: 'r2', relatedDisplayName: 'Northwind Traders; Ltd.', label: 'Buyer, Bikes\\Parts', relatedLabel: 'employer' }), link({ id: 'r3', relatedDisplayName: 'Harbor Bikes', relatedLabel: 'employer' })],
      }),
      notes: ['Prefers "Pepe"; call after 5.', 'Two lines:\nfirst, second'],
    };
    expect(customerToVcard(person).split('\r\n')).toEqual([
      'BEGIN:VCARD',
      'VERSION:4.0',
      'KIND:individual',
      'UID:urn:uuid:0190a2f0-1c2d-7e3f-8a4b-5c6d7e8f9a0b',
      'FN:José "Pepe" Müller\\; Jr.',
      'N:Müller\\, Jr.;José;;;',
      'NICKNAME:Pepe 🚲',
      'PRONOUNS:he/him',
      'LANG:es-MX',
      'BDAY:--0314',
      'ORG:Northwind Traders\\; Ltd.',
      'TITLE:Buyer\\, Bikes\\\\Parts',
      'NOTE:Prefers "Pepe"\\; call after 5.',
      'NOTE:Two lines:\\nfirst\\, second',
      'END:VCARD',
      '',
    ]);
    const read = readVcards(customerToVcard(person), us).items[0]!;
    expect(read.problems).toEqual([]);
    expect(read.record).toMatchObject({ customer: { kind: 'person' }, organization: { name: 'Northwind Traders; Ltd.', title: 'Buyer, Bikes\\Parts' }, note: 'Prefers "Pepe"; call after 5.\n\nTwo lines:\nfirst, second' });
    // No title on the link (the import's "works at"): ORG alone.
    const untitled = customerToVcard(sampleCustomer({ relationships: [link({ label: 'works at', relatedLabel: 'employer' })] }));
    expect(untitled).toContain('\r\nORG:Lakeside Cycling Club\r\n');
    expect(untitled).not.toContain('TITLE');
    expect(readVcards(untitled, us).items[0]!.record!.organization).toEqual({ name: 'Lakeside Cycling Club', title: null });
    const organization = customerToVcard(sampleCustomer({ kind: 'organization', displayName: 'Northwind Traders', relationships: [link({ relatedKind: 'person', label: 'employer', relatedLabel: 'Buyer' })] }));
    expect(organization).not.toMatch(/ORG|TITLE|individual/);
  });

  it('escapes backslashes, commas, semicolons and line breaks in text', () => {
    expect(escapeText('a\\b,c;d\r\ne\nf')).toBe('a\\\\b\\,c\\;d\\ne\\nf');
  });

  it('folds lines at 75 octets without cutting a UTF-8 character, and unfolding gives the line back', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'é', '€', '🚲', '👩‍🔧', ' ', 'ß'), minLength: 20, maxLength: 300, size: 'max' }), (value) => {
        const line = `NOTE:${value}`;
        const folded = fold(line);
        for (const physical of folded.split('\r\n')) {
          expect(Buffer.byteLength(physical, 'utf8')).toBeLessThanOrEqual(75);
          // Each physical line is whole UTF-8: encoding and decoding it changes nothing.
          expect(Buffer.from(physical, 'utf8').toString('utf8')).toBe(physical);
          expect(physical).not.toMatch(/[\uD800-\uDBFF]$/);
        }
        expect(folded.replace(/\r\n /g, '')).toBe(line);
      }),
    );
  });

  it('round trip: every card written reads back with the same names, contact points, birthday, ids, employer and notes', () => {
    fc.assert(
      fc.property(fc.array(anyExported, { minLength: 1, maxLength: 4 }), (customers) => {
        const read = readVcards(Buffer.from(customersToVcard(customers), 'utf8'), us);
        expect(read.items.map((i) => i.problems)).toEqual(customers.map(() => []));
        expect(read.items.map((i) => i.record)).toEqual(customers.map((c) => expect.objectContaining(expectedRecord(c))));
      }),
      { numRuns: 200 },
    );
  });
});
