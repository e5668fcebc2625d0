import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockingKeys } from './blocking.js';
import { compare } from './compare.js';
import { contextOf, countValues, typicalContext } from './match-context.js';
import { sketch, type Sketch } from './match-fixtures.js';
import type { MatchRecord } from './match-record.js';

/**
 * Properties of compare over open-ended records: names drawn from a small pool (so that nicknames,
 * initials, typos, swaps and households come up often), contacts from a small pool (so they are shared).
 */
const givenNames = ['Robert', 'Bob', 'R.', 'Jane', 'John', 'Jon', 'Jonathan', 'Jonathon', 'María José', 'Maria', 'Chen', 'Wei', 'Elizabeth', 'Liz', 'Al', 'Zoë', 'Gail', 'Gayle', 'Joan'];
const familyNames = ['Smith', 'Smyth', 'García', 'Garcia López', 'Wei', 'Chen', 'Kowalczyk', 'Kowalcyzk', 'Doe', 'Smith Jr', 'Smith Sr'];
const phones = ['(555) 201-1000', '555.201.1000', '+1 555 201 2000', '555-201-3000'];
const emails = ['a@example.com', 'A@Example.com', 'b@example.com', 'family@example.net'];
const addresses = [{ line1: '12 Oak St', postalCode: '02139' }, { line1: '12 Oak Street', postalCode: '02139-1234' }, { line1: '4 Elm Rd Apt 2', postalCode: '10001' }];
const organizations = ['Acme Plumbing LLC', 'ACME Plumbing Inc.', 'Oak Dental'];

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const birthday = fc.record({ year: maybe(fc.constantFrom(1950, 1980, 1981, 2005)), month: maybe(fc.constantFrom(3, 7)), day: maybe(fc.constantFrom(1, 14)) });

const sketchArb: fc.Arbitrary<Sketch> = fc.oneof(
  { weight: 9, arbitrary: fc.record({ given: maybe(fc.constantFrom(...givenNames)), family: maybe(fc.constantFrom(...familyNames)), preferred: maybe(fc.constantFrom('Bob', 'Liz', 'Robert', 'Jon')), birthday: maybe(birthday) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('organization' as const), name: fc.constantFrom(...organizations) }) },
).chain((base) =>
  fc.record({
    phone: fc.subarray(phones, { maxLength: 2 }),
    email: fc.subarray(emails, { maxLength: 2 }),
    address: maybe(fc.constantFrom(...addresses)),
    ids: fc.subarray<[string, string]>([['pos', '1'], ['pos', '2'], ['newsletter', '1']], { maxLength: 2 }),
  }).map((contacts) => ({ ...base, ...contacts })),
);
const recordArb: fc.Arbitrary<MatchRecord> = sketchArb.map(sketch);

/** A context with counts, as a store would give: each name as common as its place in the pool says, some contacts shared. */
const counted = contextOf(
  countValues([
    ...givenNames.flatMap((given, i) => Array.from({ length: i + 1 }, () => sketch({ given, family: familyNames[i % familyNames.length], phone: phones[i % 2] }))),
    sketch({ given: 'Chen', family: 'Wei', email: emails[3] }),
    sketch({ given: 'Wei', family: 'Chen', email: emails[3] }),
  ]),
);

const hasName = (r: MatchRecord) => r.name.given.length + r.name.family.length + r.organization.length > 0;
const hasContact = (r: MatchRecord) => r.phones.length + r.emails.length > 0;

describe('compare: properties', () => {
  it('is symmetric: compare(a, b) and compare(b, a) have the same score and band', () => {
    fc.assert(
      fc.property(recordArb, recordArb, fc.boolean(), (a, b, withCounts) => {
        const context = withCounts ? counted : typicalContext;
        const ab = compare(a, b, context);
        const ba = compare(b, a, context);
        expect(ba.score).toBe(ab.score);
        expect(ba.band).toBe(ab.band);
      }),
      { numRuns: 3000 },
    );
  });

  it('puts a record with a name and a contact, compared with itself, in auto or review, never distinct', () => {
    fc.assert(
      fc.property(recordArb, (a) => {
        fc.pre(hasName(a) && hasContact(a));
        expect(compare(a, a).band).not.toBe('distinct');
      }),
      { numRuns: 2000 },
    );
  });

  it('never raises the score or the band when the two records gain disagreeing birthdays', () => {
    const order = { distinct: 0, review: 1, auto: 2 };
    fc.assert(
      fc.property(sketchArb, sketchArb, fc.constantFrom(1950, 1980, 2005), fc.integer({ min: 1, max: 30 }), fc.boolean(), (x, y, year, gap, withCounts) => {
        const context = withCounts ? counted : typicalContext;
        const before = compare(sketch({ ...x, birthday: undefined }), sketch({ ...y, birthday: undefined }), context);
        const after = compare(sketch({ ...x, birthday: { year, month: 3, day: 1 } }), sketch({ ...y, birthday: { year: year + gap, month: 3, day: 1 } }), context);
        expect(after.score).toBeLessThanOrEqual(before.score);
        expect(order[after.band]).toBeLessThanOrEqual(order[before.band]);
      }),
      { numRuns: 2000 },
    );
  });

  it('adds up its reasons: the score is the sum of the weights, and every reason says its weight', () => {
    fc.assert(
      fc.property(recordArb, recordArb, (a, b) => {
        const result = compare(a, b);
        expect(result.score).toBeCloseTo(result.reasons.reduce((sum, r) => sum + r.weight, 0), 9);
        for (const r of result.reasons) expect(r.words).toMatch(/ [+-]\d+\.\d$/);
      }),
    );
  });

  it('never joins two records that blocking would never bring together through a contact or an id', () => {
    // Auto needs a shared id or email, both of which are blocking keys.
    fc.assert(
      fc.property(recordArb, recordArb, (a, b) => {
        if (compare(a, b).band !== 'auto') return;
        const keys = new Set(blockingKeys(a));
        expect(blockingKeys(b).some((k) => keys.has(k))).toBe(true);
      }),
    );
  });
});
