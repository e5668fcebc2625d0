import { describe, expect, it } from 'vitest';
import { blockingKeys, soundOf } from './blocking.js';
import { sketch, type Sketch } from './match-fixtures.js';

const meet = (a: Sketch, b: Sketch) => {
  const keys = new Set(blockingKeys(sketch(a)));
  return blockingKeys(sketch(b)).filter((k) => keys.has(k));
};

describe('blocking keys', () => {
  it('keys a record by its phones, emails and ids, short and distinct', () => {
    const keys = blockingKeys(sketch({ name: 'Bob Smith', phone: ['(555) 123-4567', '555.123.4567'], email: 'Bob@Example.com', ids: [['POS', 'p-1']] }));
    expect(keys).toEqual(expect.arrayContaining(['p+15551234567', 'ebob@example.com', 'xpos:P-1']));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => k.length <= 64)).toBe(true);
  });

  it('brings one phone typed three ways together', () => {
    expect(meet({ phone: '(555) 123-4567' }, { phone: '+1 555 123 4567' })).toEqual(['p+15551234567']);
  });

  it('brings names that sound alike together by family sound and first letter', () => {
    expect(soundOf('smith')).toBe(soundOf('smyth'));
    expect(meet({ given: 'John', family: 'Smith' }, { given: 'J.', family: 'Smyth' })).not.toEqual([]);
  });

  it('brings a nickname and its full form together (Bob and Robert)', () => {
    expect(meet({ given: 'Bob', family: 'Smith' }, { given: 'Robert', family: 'Smith' })).not.toEqual([]);
  });

  it('brings given and family names swapped together (Chen Wei and Wei Chen)', () => {
    expect(meet({ given: 'Chen', family: 'Wei' }, { given: 'Wei', family: 'Chen' })).not.toEqual([]);
  });

  it('brings a family name at one postcode together, whatever the given name', () => {
    const shared = meet({ given: 'Ann', family: 'Okafor', address: { line1: '1 Main St', postalCode: '02139-4307' } }, { given: 'Nkechi', family: 'Okafor', address: { line1: '9 Elm Rd', postalCode: '02139' } });
    expect(shared).toContain(`a02139:${soundOf('okafor')}`);
  });

  it('keeps two strangers apart', () => {
    expect(meet({ given: 'Ann', family: 'Lee', phone: '555-201-0001' }, { given: 'Zoe', family: 'Garcia', phone: '555-201-0002' })).toEqual([]);
  });

  it('keys an organisation by its name without the legal form', () => {
    expect(meet({ kind: 'organization', name: 'Acme Plumbing LLC' }, { kind: 'organization', name: 'ACME Plumbing, Inc.' })).not.toEqual([]);
  });

  it('gives a record with no name and no contact no key', () => {
    expect(blockingKeys(sketch({}))).toEqual([]);
  });

  it('keys a name with what could corroborate it: the birth year, the birthday, a house number in a postcode or a city, either way round', () => {
    const wei = { given: 'Wei', family: 'Chen', birthday: { year: 1984, month: 3, day: 9 }, address: { line1: '12 Oak St', postalCode: '60614', city: 'Chicago' } };
    const keys = blockingKeys(sketch(wei)).filter((k) => /^[ybh]/.test(k));
    const sound = soundOf('chen');
    expect(keys).toEqual(expect.arrayContaining([`y${sound}:w:1984`, `b${sound}:w:3-9`, `h${sound}:w:12@p60614`, `h${sound}:w:12@cchicago`]));
    // Swapped, with the same birthday: found; another birthday and no address: not.
    expect(meet(wei, { given: 'Chen', family: 'Wei', birthday: { year: 1984 } }).filter((k) => k.startsWith('y'))).not.toEqual([]);
    expect(meet(wei, { given: 'Wei', family: 'Chen', birthday: { year: 1990 } }).filter((k) => /^[ybh]/.test(k))).toEqual([]);
    // The same house in the same city, the postcode missing on one side.
    expect(meet(wei, { given: 'W.', family: 'Chen', address: { line1: '12 Oak Street', city: 'Chicago' } }).filter((k) => k.startsWith('h'))).toEqual([`h${sound}:w:12@cchicago`]);
  });
});
