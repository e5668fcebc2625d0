import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomerOut } from '../customers/customer-schemas.js';
import { readLabel } from '../imports/readers/contact-labels.js';
import { readVcards } from '../imports/readers/vcard.js';
import { anyCustomer, sampleCustomer } from '../test/customer-samples.js';
import { customersToVcard, customerToVcard } from './customer-vcard.js';
import { escapeText, fold } from './vcard-writing.js';

const us = { phoneRegion: 'US' };
const label = (text: string | null) => readLabel(text).label ?? undefined;
const flag = (primary: boolean) => (primary ? { primary: true } : {});

/** What reading a customer's card back must give. Pronunciation and gender have no vCard 4.0 property and are not written. */
function expectedRecord(c: CustomerOut) {
  const text = (value: string | null) => value ?? undefined;
  return {
    sourceRecordId: c.id,
    organization: null,
    note: null,
    customer: {
      kind: c.kind === 'organization' ? 'organization' : undefined,
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

  it('round trip: every card written reads back with the same names, contact points, birthday and ids', () => {
    fc.assert(
      fc.property(fc.array(anyCustomer, { minLength: 1, maxLength: 4 }), (customers) => {
        const read = readVcards(Buffer.from(customersToVcard(customers), 'utf8'), us);
        expect(read.items.map((i) => i.problems)).toEqual(customers.map(() => []));
        expect(read.items.map((i) => i.record)).toEqual(customers.map((c) => expect.objectContaining(expectedRecord(c))));
      }),
      { numRuns: 200 },
    );
  });
});
