import { describe, expect, it } from 'vitest';
import type { ImportedCustomer } from '../imports/import-records.js';
import { normalizeAddress, normalizePostcode } from './address-rules.js';
import { toMatchRecord, type StoredCustomer } from './match-record.js';
import { personName } from './name-rules.js';

const imported = (customer: ImportedCustomer['customer']) => toMatchRecord({ from: 'import', id: 'row-2', customer }, 'US');

const stored = (fields: Partial<StoredCustomer>): StoredCustomer => ({
  id: 'c1',
  kind: 'person',
  displayName: null,
  givenName: null,
  familyName: null,
  preferredName: null,
  birthYear: null,
  birthMonth: null,
  birthDay: null,
  emails: [],
  phones: [],
  addresses: [],
  externalIds: [],
  ...fields,
});

describe('names for matching', () => {
  it('folds accents and case with the search rules', () => {
    expect(personName({ givenName: 'María José', familyName: 'GARCÍA' })).toEqual({ given: ['maria', 'jose'], family: ['garcia'], preferred: [], generation: null });
  });

  it('reads a display name when given and family are missing: "Family, Given", titles, particles, Jr', () => {
    expect(personName({ displayName: 'SMITH, JOHN' })).toMatchObject({ given: ['john'], family: ['smith'] });
    expect(personName({ displayName: 'Dr John Smith Jr.' })).toMatchObject({ given: ['john'], family: ['smith'], generation: 'jr' });
    expect(personName({ displayName: 'Ludwig van Beethoven' })).toMatchObject({ given: ['ludwig'], family: ['van', 'beethoven'] });
    expect(personName({ displayName: 'Bob' })).toMatchObject({ given: ['bob'], family: [] });
  });

  it('takes Jr and Sr out of the family name', () => {
    expect(personName({ givenName: 'Robert', familyName: 'Smith Sr' })).toMatchObject({ family: ['smith'], generation: 'sr' });
  });
});

describe('addresses for matching', () => {
  it('spells out street abbreviations and reads the flat however it is written', () => {
    const a = normalizeAddress({ line1: '12 Oak St Apt 3', postalCode: '12345-6789' });
    const b = normalizeAddress({ line1: '12 Oak Street, #3', postalCode: '12345' });
    const c = normalizeAddress({ line1: 'Apt 3, 12 Oak Street', postalCode: '12345' });
    expect(a).toEqual({ number: '12', street: 'oak street', unit: '3', postcode: '12345', city: null });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it('reads St before a name as Saint', () => {
    expect(normalizeAddress({ line1: '4 St Johns Rd' })?.street).toBe('saint johns road');
  });

  it('writes postcodes without spaces, upper case, a ZIP+4 cut to five digits', () => {
    expect(normalizePostcode('sw1a 1aa')).toBe('SW1A1AA');
    expect(normalizePostcode('02139-4307')).toBe('02139');
    expect(normalizePostcode('  ')).toBeNull();
  });
});

describe('toMatchRecord', () => {
  it('reads one phone typed three ways as one E.164 number', () => {
    for (const number of ['(555) 123-4567', '555.123.4567', '+1 555 123 4567']) expect(imported({ phones: [{ number }] }).phones).toEqual(['+15551234567']);
  });

  it('normalises emails and drops what is not a phone or an email', () => {
    const record = imported({ emails: [{ address: ' Jane@Example.COM ' }, { address: 'jane@example.com' }], phones: [{ number: 'call me' }] });
    expect(record.emails).toEqual(['jane@example.com']);
    expect(record.phones).toEqual([]);
  });

  it('reads an imported record and a stored customer with the same facts alike', () => {
    const fromImport = toMatchRecord(
      {
        from: 'import',
        id: 'c1',
        customer: {
          givenName: 'Jane',
          familyName: 'Doe',
          birthday: { year: 1980, month: 3, day: 14 },
          emails: [{ address: 'jane@example.com' }],
          phones: [{ number: '555-123-4567' }],
          addresses: [{ line1: '1 Main St', postalCode: '02139' }],
          externalIds: [{ source: 'POS', externalId: 'pos-1' }],
        },
      },
      'US',
    );
    const fromStore = toMatchRecord(
      {
        from: 'store',
        customer: stored({
          givenName: 'Jane',
          familyName: 'Doe',
          birthYear: 1980,
          birthMonth: 3,
          birthDay: 14,
          emails: ['jane@example.com'],
          phones: ['+15551234567'],
          addresses: [{ line1: '1 Main Street', postalCode: '02139' }],
          externalIds: [{ source: 'pos', externalId: 'POS-1' }],
        }),
      },
      'US',
    );
    expect(fromImport).toEqual(fromStore);
    expect(fromStore.externalIds).toEqual([{ source: 'pos', externalId: 'POS-1' }]);
    expect(fromStore.birthday).toEqual({ year: 1980, month: 3, day: 14 });
  });

  it('keeps an organisation name without its legal form', () => {
    expect(toMatchRecord({ from: 'store', customer: stored({ kind: 'organization', displayName: 'The Acme Co., Ltd.' }) }, 'US').organization).toEqual(['acme']);
  });
});
