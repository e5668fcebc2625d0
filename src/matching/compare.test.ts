import { describe, expect, it } from 'vitest';
import { compare, type MatchResult } from './compare.js';
import { contextOf, countValues } from './match-context.js';
import { sketch } from './match-fixtures.js';

const words = (result: MatchResult) => result.reasons.map((r) => r.words);
const household = { phone: '(555) 201-3344', email: 'thedoes@example.com', address: { line1: '12 Oak St', postalCode: '02139' } };

describe('compare: the S6 cases', () => {
  it('Bob Smith and Robert Smith with one phone: probable, for review, not merged on a phone alone', () => {
    const result = compare(sketch({ name: 'Bob Smith', phone: '(555) 123-4567' }), sketch({ given: 'Robert', family: 'Smith', phone: '+1 555 123 4567' }));
    expect(result.band).toBe('review');
    expect(words(result)).toContain('Bob is a nickname of Robert +3.0');
    expect(words(result)).toContain('same phone +9.6');
  });

  it('the same email with a nickname and the same family name: auto', () => {
    const result = compare(sketch({ given: 'Bob', family: 'Kowalczyk', email: 'bob.k@example.com' }), sketch({ given: 'Robert', family: 'Kowalczyk', email: 'Bob.K@Example.com' }));
    expect(result.band).toBe('auto');
  });

  it('the same email with only an initial: review, since James and Jane share one', () => {
    expect(compare(sketch({ given: 'J.', family: 'Doe', email: 'thedoes@example.com' }), sketch({ given: 'Jane', family: 'Doe', email: 'thedoes@example.com' })).band).toBe('review');
  });

  it('Jane Doe and John Doe sharing the household phone, email and address: distinct', () => {
    const result = compare(sketch({ given: 'Jane', family: 'Doe', ...household }), sketch({ given: 'John', family: 'Doe', ...household }));
    expect(result.band).toBe('distinct');
    expect(words(result)).toContain('different given names Jane and John -5.0');
  });

  it('María José García and Maria Jose Garcia are one name', () => {
    const result = compare(sketch({ given: 'María José', family: 'García', email: 'mj@example.com' }), sketch({ given: 'Maria Jose', family: 'Garcia', email: 'mj@example.com' }));
    expect(result.band).toBe('auto');
    expect(words(result)).toEqual(expect.arrayContaining([expect.stringMatching(/^same given name Maria/), expect.stringMatching(/^same family name Garcia/)]));
  });

  it('María José and María Luisa sharing a phone are two sisters', () => {
    expect(compare(sketch({ given: 'María José', family: 'García', phone: '555-201-3344' }), sketch({ given: 'María Luisa', family: 'García', phone: '555-201-3344' })).band).toBe('distinct');
  });

  it('Chen Wei and Wei Chen: given and family names swapped', () => {
    const result = compare(sketch({ given: 'Chen', family: 'Wei', phone: '555-201-9999' }), sketch({ given: 'Wei', family: 'Chen', phone: '555.201.9999' }));
    expect(result.band).toBe('review');
    expect(words(result).some((w) => w.startsWith('given and family names swapped'))).toBe(true);
  });

  it('a swapped record with an initial on the other side: "R Smith" and given Smith, family Robert', () => {
    expect(compare(sketch({ name: 'R Smith', phone: '555-201-9999' }), sketch({ given: 'Smith', family: 'Robert', phone: '555-201-9999' })).band).toBe('review');
  });

  it('swapped names with only an initial do not confirm an email: review, not auto', () => {
    expect(compare(sketch({ name: 'R Smith', email: 'rs@example.com' }), sketch({ given: 'Smith', family: 'Robert', email: 'rs@example.com' })).band).toBe('review');
    expect(compare(sketch({ given: 'Chen', family: 'Wei', email: 'cw@example.com' }), sketch({ given: 'Wei', family: 'Chen', email: 'cw@example.com' })).band).toBe('auto');
  });

  it('Jonathon and Jonathan: a typo, counted by its similarity', () => {
    const result = compare(sketch({ given: 'Jonathon', family: 'Reyes', phone: '555-201-7777' }), sketch({ given: 'Jonathan', family: 'Reyes', phone: '555-201-7777' }));
    expect(result.band).toBe('review');
    expect(words(result).find((w) => w.startsWith('given names'))).toMatch(/^given names Jonathon and Jonathan 0\.95 similar \+\d\.\d$/);
  });

  it('Gail Smyth and Gayle Smith with one phone and one email: names that sound the same, for review', () => {
    const contacts = { phone: '(555) 201-4455', email: 'gsmith@example.com' };
    const result = compare(sketch({ given: 'Gail', family: 'Smyth', ...contacts }), sketch({ given: 'Gayle', family: 'Smith', ...contacts }));
    expect(result.band).toBe('review');
    expect(words(result)).toEqual(expect.arrayContaining([expect.stringMatching(/^given names Gail and Gayle sound the same \+\d\.\d$/), expect.stringMatching(/^family names Smyth and Smith sound the same \+\d\.\d$/)]));
    expect(result.reasons.every((r) => r.weight > 0)).toBe(true);
  });

  it('a given name that sounds the same does not confirm an email: review, not auto', () => {
    const result = compare(sketch({ given: 'Gail', family: 'Smith', email: 'gsmith@example.com' }), sketch({ given: 'Gayle', family: 'Smith', email: 'gsmith@example.com' }));
    expect(result.band).toBe('review');
    expect(words(result)).toContain('given names Gail and Gayle sound the same +3.2');
  });

  it('one phone typed three ways is the same phone', () => {
    const [a, b, c] = ['(555) 123-4567', '555.123.4567', '+1 555 123 4567'].map((phone) => sketch({ given: 'Ann', family: 'Lee', phone }));
    for (const [x, y] of [[a!, b!], [b!, c!], [a!, c!]] as const) expect(words(compare(x, y))).toContain('same phone +9.6');
  });
});

describe('compare: families are not one person', () => {
  it('twins: one birthday, one address, one phone, two given names', () => {
    const twin = { family: 'Okafor', birthday: { year: 2001, month: 6, day: 2 }, ...household };
    expect(compare(sketch({ given: 'Chidi', ...twin }), sketch({ given: 'Emeka', ...twin })).band).toBe('distinct');
  });

  it('names that only sound alike to Double Metaphone are two people of one home: John and Joan, Jan and Jane, Dean and Diane', () => {
    for (const [a, b] of [['John', 'Joan'], ['Jan', 'Jane'], ['Dean', 'Diane'], ['Gail', 'Gary']] as const) {
      const result = compare(sketch({ given: a, family: 'Smith', ...household }), sketch({ given: b, family: 'Smith', ...household }));
      expect(result.band, `${a} and ${b}`).toBe('distinct');
      expect(words(result)).toContain(`different given names ${a} and ${b} -5.0`);
    }
  });

  it('father and son of one name: Jr and Sr', () => {
    const result = compare(sketch({ name: 'Robert Smith Jr', ...household }), sketch({ name: 'Smith, Robert Sr.', ...household }));
    expect(result.band).toBe('distinct');
    expect(words(result)).toContain('Jr and Sr are two people -10.0');
  });

  it('father and son of one name: birth years 20 or more apart', () => {
    const result = compare(sketch({ name: 'Robert Smith', birthday: { year: 1958 }, ...household }), sketch({ name: 'Robert Smith', birthday: { year: 1986 }, ...household }));
    expect(result.band).toBe('distinct');
    expect(words(result)).toContain('born 28 years apart -6.0');
  });

  it('a different birthday on a shared contact: distinct', () => {
    const result = compare(sketch({ name: 'Sam Lee', birthday: { month: 3, day: 1 }, ...household }), sketch({ name: 'Sam Lee', birthday: { month: 7, day: 9 }, ...household }));
    expect(result.band).toBe('distinct');
    expect(words(result)).toContain('different birthday -6.0');
  });

  it('a compatible partial birthday is no contradiction', () => {
    const result = compare(sketch({ name: 'Sam Lee', birthday: { year: 1980, month: 3, day: 1 }, phone: '555-201-1111' }), sketch({ name: 'Sam Lee', birthday: { month: 3, day: 1 }, phone: '555-201-1111' }));
    expect(result.band).toBe('review');
    expect(words(result).some((w) => w.startsWith('same birthday (day and month)'))).toBe(true);
  });
});

describe('compare: bands', () => {
  it('the same id from the same system is auto; the same id from two systems is not', () => {
    expect(compare(sketch({ name: 'Al Brown', ids: [['pos', 'P-1']] }), sketch({ name: 'Albert Brown', ids: [['POS', 'p-1']] })).band).toBe('auto');
    expect(compare(sketch({ name: 'Al Brown', ids: [['pos', '1']] }), sketch({ name: 'Albert Brown', ids: [['newsletter', '1']] })).band).toBe('distinct');
  });

  it('the same id with different given names goes to a person, not to a merge', () => {
    expect(compare(sketch({ name: 'Ann Brown', ids: [['pos', '7']] }), sketch({ name: 'Zoe Brown', ids: [['pos', '7']] })).band).toBe('review');
  });

  it('names alone never make a match, however rare', () => {
    const result = compare(sketch({ given: 'Zbigniew', family: 'Wiśniewski' }), sketch({ given: 'Zbigniew', family: 'Wisniewski' }));
    expect(result.score).toBeGreaterThan(10);
    expect(result.band).toBe('distinct');
  });

  it('an email alone, on a record without a name: review', () => {
    expect(compare(sketch({ email: 'sunny42@example.com' }), sketch({ given: 'Ann', family: 'Lee', email: 'sunny42@example.com' })).band).toBe('review');
  });

  it('an email held by two customers counts for less, and says so', () => {
    const a = sketch({ given: 'Jane', family: 'Doe', email: 'thedoes@example.com' });
    const b = sketch({ given: 'John', family: 'Doe', email: 'thedoes@example.com' });
    const subscriber = sketch({ email: 'thedoes@example.com' });
    const context = contextOf(countValues([a, b]));
    const shared = compare(subscriber, a, context);
    expect(shared.score).toBeCloseTo(compare(subscriber, a).score - 1, 5);
    expect(words(shared)).toContain('same email (held by 2 customers) +9.5');
    expect(shared.band).toBe('distinct');
  });

  it('a name typed the wrong way round is read the right way when the counts say so', () => {
    const customers = [
      ...Array.from({ length: 30 }, (_, i) => sketch({ given: i % 2 ? 'Mary' : 'John', family: `Family${i}` })),
      ...Array.from({ length: 30 }, (_, i) => sketch({ given: `Given${i}`, family: 'Smith' })),
    ];
    const context = contextOf(countValues(customers));
    const result = compare(sketch({ given: 'Smith', family: 'Mary', ...household }), sketch({ given: 'Smith', family: 'John', ...household }), context);
    expect(result.band).toBe('distinct');
    expect(words(result)).toContain('different given names Mary and John -5.0');
    expect(words(result)).toContain('Smith Mary read as given name Mary, family name Smith +0.0');
  });
});

describe('compare: organisations', () => {
  it('reads names without the legal form', () => {
    expect(compare(sketch({ kind: 'organization', name: 'Acme Plumbing LLC', phone: '555-201-5555' }), sketch({ kind: 'organization', name: 'ACME Plumbing, Inc.', phone: '555 201 5555' })).band).toBe('review');
  });

  it('an email domain is not enough on its own', () => {
    const result = compare(sketch({ kind: 'organization', name: 'Acme Plumbing', email: 'sales@acme.test' }), sketch({ kind: 'organization', name: 'Acme Plumbing', email: 'info@acme.test' }));
    expect(words(result)).toContain('same email domain acme.test +2.0');
    expect(result.band).toBe('distinct');
  });

  it('a person and an organisation are never one customer', () => {
    expect(compare(sketch({ name: 'Acme', phone: '555-201-5555' }), sketch({ kind: 'organization', name: 'Acme', phone: '555-201-5555' })).band).toBe('distinct');
  });
});
