import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addressWords,
  domainTypo,
  domainTypos,
  emailProblem,
  findingKinds,
  findingsOf,
  kindInfo,
  nameLetters,
  phoneIsValid,
  staleCutoff,
  type QualityFacts,
} from './quality-rules.js';

const now = new Date('2026-11-30T12:00:00.000Z');
const options = { now, phoneRegion: 'US' };
const recent = '2026-10-01T09:00:00.000Z';

/** A customer with nothing wrong: a name, a valid phone and email, a full address, consent recorded. */
const fine: QualityFacts = {
  kind: 'person',
  givenName: 'Ana',
  preferredName: null,
  emails: [{ id: 'e1', address: 'Ana.Lopez@Example.com', normalized: 'ana.lopez@example.com', updatedAt: recent }],
  phones: [{ id: 'p1', number: '(217) 555-0101', e164: '+12175550101', updatedAt: recent }],
  addresses: [{ id: 'a1', line1: '5 Oak Street', line2: null, city: 'Bloomington', postalCode: '61704', updatedAt: recent }],
  consentRecorded: true,
  lastContactAt: recent,
  suspicions: [],
};
const kindsOf = (facts: Partial<QualityFacts>) => findingsOf({ ...fine, ...facts }, options).map((f) => f.kind);

describe('findingsOf', () => {
  it('finds nothing on a record that has what the relationship needs', () => {
    expect(findingsOf(fine, options)).toEqual([]);
  });

  it('asks for a name to greet a person by, in a sentence with the field to fix', () => {
    expect(findingsOf({ ...fine, givenName: null }, options)).toEqual([
      { kind: 'no_name', severity: 'high', field: 'givenName', itemId: null, otherCustomer: null, sentence: 'No way to greet them: add a given name or the name they go by.' },
    ]);
    expect(kindsOf({ givenName: '  ', preferredName: '.' })).toEqual(['no_name']);
    expect(kindsOf({ givenName: null, preferredName: 'Jimmy' })).toEqual([]);
    expect(kindsOf({ kind: 'organization', givenName: null })).toEqual([]);
  });

  it('asks for more than an initial, quoting it', () => {
    expect(findingsOf({ ...fine, givenName: 'J.' }, options).map((f) => f.sentence)).toEqual([
      'Only an initial to greet them by (“J.”): add their given name or the name they go by.',
    ]);
    expect(kindsOf({ givenName: null, preferredName: 'J' })).toEqual(['initial_only']);
    expect(kindsOf({ givenName: 'J', preferredName: 'Jim' })).toEqual([]);
    expect(kindsOf({ givenName: 'Jo' })).toEqual([]);
    expect(kindsOf({ givenName: '王' })).toEqual(['initial_only']);
    expect(kindsOf({ givenName: '王小明' })).toEqual([]);
  });

  it('counts letters as code points, without dots and spaces, as the SQL twin does', () => {
    expect([null, '', ' ', '.', ' . ', 'J', 'J.', ' J ', 'J. R.', 'Zoë', '😀', '😀.'].map(nameLetters)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 2, 3, 1, 1]);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite' }), (name) => {
        const n = nameLetters(name);
        expect(n).toBe([...name].filter((ch) => ch !== '.' && ch !== ' ').length);
      }),
    );
  });

  it('finds no way to reach them only when there is neither a phone nor an email', () => {
    expect(findingsOf({ ...fine, emails: [], phones: [] }, options)).toEqual([
      { kind: 'no_contact', severity: 'high', field: 'contact', itemId: null, otherCustomer: null, sentence: 'No way to reach them: add a phone number or an email.' },
    ]);
    expect(kindsOf({ emails: [] })).toEqual([]);
    expect(kindsOf({ phones: [] })).toEqual([]);
  });

  it('asks for consent when no channel has a choice recorded', () => {
    expect(findingsOf({ ...fine, consentRecorded: false }, options)).toEqual([
      expect.objectContaining({ kind: 'no_consent', severity: 'low', field: 'consent', sentence: expect.stringMatching(/^No consent recorded for any channel: ask how they like to be contacted/) }),
    ]);
  });

  it('names an email that cannot work and why, by its id', () => {
    const email = (address: string) => [{ id: 'e9', address, normalized: address.toLowerCase(), updatedAt: recent }];
    expect(findingsOf({ ...fine, emails: email('ana@example') }, options)).toEqual([
      { kind: 'email_invalid', severity: 'medium', field: 'emails', itemId: 'e9', otherCustomer: null, sentence: 'The email ana@example cannot work: its domain has no dot. Check it with them.' },
    ]);
    expect(findingsOf({ ...fine, emails: email('ana') }, options)[0]!.sentence).toBe('The email ana cannot work: it has no @. Check it with them.');
    expect(findingsOf({ ...fine, emails: email('a@b@c.com') }, options)[0]!.sentence).toBe('The email a@b@c.com cannot work: it has more than one @. Check it with them.');
    expect(findingsOf({ ...fine, emails: email('ana@') }, options)[0]!.sentence).toBe('The email ana@ cannot work: it has no domain after the @. Check it with them.');
  });

  it('suggests the domain a misspelt one was meant to be, keeping what they typed before it', () => {
    const typo = { id: 'e2', address: 'Anna.K@GMIAL.com', normalized: 'anna.k@gmial.com', updatedAt: recent };
    expect(findingsOf({ ...fine, emails: [typo] }, options)).toEqual([
      { kind: 'email_typo', severity: 'medium', field: 'emails', itemId: 'e2', otherCustomer: null, sentence: 'The email Anna.K@GMIAL.com looks misspelt: did they mean Anna.K@gmail.com?' },
    ]);
    expect(domainTypo('x@hotmial.com')).toEqual({ typo: 'hotmial.com', meant: 'hotmail.com' });
    expect(domainTypo('x@yaho.com')).toEqual({ typo: 'yaho.com', meant: 'yahoo.com' });
    // The real domains, and longer ones that end like a typo, are not typos.
    for (const address of ['x@gmail.com', 'x@hotmail.co.uk', 'x@mygmial.com', 'x@yahoo.com', 'gmial.com']) expect(domainTypo(address)).toBeNull();
  });

  it('agrees with the SQL patterns on any text: one @ and a dot after it; a typo is the end of the text after an @', () => {
    // A reference reading of the SQL: `not like '%@%.%' or like '%@%@%'`, and `like '%@<typo>'`.
    const sqlInvalid = (s: string) => !/@.*\./s.test(s) || /@.*@/s.test(s);
    const sqlTypo = (s: string) => Object.keys(domainTypos).some((t) => s.endsWith(`@${t}`));
    const text = fc.oneof(
      fc.string(),
      fc.tuple(fc.string(), fc.constantFrom('@', '@@', '.', '@.'), fc.string(), fc.constantFrom('', ...Object.keys(domainTypos).map((t) => `@${t}`))).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, (s) => {
        const lower = s.toLowerCase();
        expect(emailProblem(lower) !== null).toBe(sqlInvalid(lower));
        expect(domainTypo(lower) !== null).toBe(sqlTypo(lower));
      }),
    );
  });

  it('takes libphonenumber’s word on whether a phone number is valid', () => {
    expect(phoneIsValid({ number: '(217) 555-0101', e164: '+12175550101' }, 'US')).toBe(true);
    expect(phoneIsValid({ number: '(555) 010-2030', e164: '+15550102030' }, 'US')).toBe(false);
    expect(phoneIsValid({ number: '020 7183 8750', e164: '02071838750' }, 'GB')).toBe(true);
    const bad = { id: 'p9', number: '(555) 010-2030', e164: '+15550102030', updatedAt: recent };
    expect(findingsOf({ ...fine, phones: [bad] }, options)).toEqual([
      { kind: 'phone_invalid', severity: 'medium', field: 'phones', itemId: 'p9', otherCustomer: null, sentence: 'The phone number (555) 010-2030 is not a valid number: check it with them.' },
    ]);
    fc.assert(fc.property(fc.string(), fc.string(), (number, e164) => {
        expect(typeof phoneIsValid({ number, e164 }, 'US')).toBe('boolean');
      }),
    );
  });

  it('names an address without its city or postcode by its first line', () => {
    const address = (a: Partial<QualityFacts['addresses'][number]>) => [{ ...fine.addresses[0]!, ...a }];
    const sentences = (a: Partial<QualityFacts['addresses'][number]>) => findingsOf({ ...fine, addresses: address(a) }, options).map((f) => `${f.kind} ${f.itemId}: ${f.sentence}`);
    expect(sentences({ postalCode: null })).toEqual(['address_incomplete a1: The address 5 Oak Street has no postcode: ask them for the full address.']);
    expect(sentences({ city: '  ' })).toEqual(['address_incomplete a1: The address 5 Oak Street has no city: ask them for the full address.']);
    expect(sentences({ line1: null, city: null, postalCode: null })).toEqual(['address_incomplete a1: The address (no street, city or postcode) has no city and no postcode: ask them for the full address.']);
    expect(addressWords({ line1: null, line2: null, city: 'Springfield', postalCode: null })).toBe('Springfield');
  });

  it('asks to confirm details older than 3 years only when the customer was in touch within them', () => {
    const old = '2023-06-01T10:00:00.000Z';
    expect(staleCutoff(now)).toBe('2023-11-30T12:00:00.000Z');
    const stale = {
      emails: [{ ...fine.emails[0]!, updatedAt: old }],
      phones: [{ ...fine.phones[0]!, updatedAt: old }],
      addresses: [{ ...fine.addresses[0]!, updatedAt: '2023-11-30T11:59:59.999Z' }],
    };
    expect(findingsOf({ ...fine, ...stale }, options).map((f) => `${f.field} ${f.itemId}: ${f.sentence}`)).toEqual([
      'emails e1: The email Ana.Lopez@Example.com was not confirmed or changed since June 2023, and they have been in touch since: check it is still right.',
      'phones p1: The phone number (217) 555-0101 was not confirmed or changed since June 2023, and they have been in touch since: check it is still right.',
      'addresses a1: The address 5 Oak Street was not confirmed or changed since November 2023, and they have been in touch since: check it is still right.',
    ]);
    // Not in touch in those 3 years: nothing to ask them (yet). Exactly 3 years old: not old yet.
    expect(kindsOf({ ...stale, lastContactAt: null })).toEqual([]);
    expect(kindsOf({ ...stale, lastContactAt: '2023-11-30T11:59:59.999Z' })).toEqual([]);
    expect(kindsOf({ ...stale, lastContactAt: '2023-11-30T12:00:00.000Z' })).toEqual(['stale_contact', 'stale_contact', 'stale_contact']);
    expect(kindsOf({ emails: [{ ...fine.emails[0]!, updatedAt: '2023-11-30T12:00:00.000Z' }] })).toEqual([]);
  });

  it('names the other record of a possible duplicate', () => {
    const facts = { ...fine, suspicions: [{ id: 's1', otherCustomerId: 'c2', otherDisplayName: 'Robert Smith' }] };
    expect(findingsOf(facts, options)).toEqual([
      {
        kind: 'duplicate_suspected',
        severity: 'medium',
        field: 'duplicates',
        itemId: 's1',
        otherCustomer: { id: 'c2', displayName: 'Robert Smith' },
        sentence: 'May be the same person as Robert Smith: compare the two records and merge them, or say they are two people.',
      },
    ]);
  });

  it('puts the most serious first, then the kinds in their order', () => {
    const worst: QualityFacts = {
      ...fine,
      givenName: null,
      emails: [],
      phones: [],
      consentRecorded: false,
      addresses: [{ ...fine.addresses[0]!, city: null }],
      suspicions: [{ id: 's1', otherCustomerId: 'c2', otherDisplayName: 'Robert Smith' }],
    };
    expect(findingsOf(worst, options).map((f) => `${f.severity} ${f.kind}`)).toEqual(['high no_name', 'high no_contact', 'medium duplicate_suspected', 'low no_consent', 'low address_incomplete']);
  });

  it('never fails on any text, and says every finding in a sentence with a known kind and severity', () => {
    const text = fc.option(fc.string(), { nil: null });
    const stamp = fc.date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    const facts = fc.record({
      kind: fc.constantFrom('person' as const, 'organization' as const),
      givenName: text,
      preferredName: text,
      emails: fc.array(fc.record({ id: fc.uuid(), address: fc.string(), normalized: fc.string(), updatedAt: stamp }), { maxLength: 3 }),
      phones: fc.array(fc.record({ id: fc.uuid(), number: fc.string(), e164: fc.string(), updatedAt: stamp }), { maxLength: 3 }),
      addresses: fc.array(fc.record({ id: fc.uuid(), line1: text, line2: text, city: text, postalCode: text, updatedAt: stamp }), { maxLength: 2 }),
      consentRecorded: fc.boolean(),
      lastContactAt: fc.option(stamp, { nil: null }),
      suspicions: fc.array(fc.record({ id: fc.uuid(), otherCustomerId: fc.uuid(), otherDisplayName: fc.string({ minLength: 1 }) }), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(facts, (f) => {
        const found = findingsOf(f, options);
        for (const x of found) {
          expect(findingKinds).toContain(x.kind);
          expect(x.severity).toBe(kindInfo[x.kind].severity);
          expect(x.sentence).toMatch(/[.?]$/);
        }
        expect(found.filter((x) => x.kind === 'no_name' || x.kind === 'initial_only').length).toBeLessThanOrEqual(f.kind === 'person' ? 1 : 0);
        expect(found.some((x) => x.kind === 'no_contact')).toBe(f.emails.length + f.phones.length === 0);
      }),
    );
  });
});
