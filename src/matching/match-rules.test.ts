import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler, nameWeight, signed, similarNameWeight, weights } from './match-rules.js';

const letters = fc.constantFrom(...'abcdeijlmnorstuyéøñ'.split(''));
const word = (min = 0, max = 12) => fc.array(letters, { minLength: min, maxLength: max }).map((a) => a.join(''));

describe('Jaro-Winkler similarity', () => {
  it('gives the published values for the classic pairs', () => {
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.944, 3);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('jonathon', 'jonathan')).toBeCloseTo(0.95, 2);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });

  it('is symmetric, within [0, 1], and 1 exactly for equal strings', () => {
    fc.assert(
      fc.property(word(), word(), (a, b) => {
        const s = jaroWinkler(a, b);
        return s === jaroWinkler(b, a) && s >= 0 && s <= 1 && (s === 1) === (a === b);
      }),
      { numRuns: 2000 },
    );
  });

  it('scores a word against itself with one letter changed below 1 and above 0 when long enough', () => {
    fc.assert(
      fc.property(word(4, 12), fc.nat(), (w, at) => {
        const i = at % w.length;
        const changed = w.slice(0, i) + (w[i] === 'z' ? 'q' : 'z') + w.slice(i + 1);
        const s = jaroWinkler(w, changed);
        return s < 1 && s > 0.7;
      }),
    );
  });

  it('never rises when a common prefix is broken', () => {
    expect(jaroWinkler('jonathan', 'jonathon')).toBeGreaterThan(jaroWinkler('xonathan', 'jonathon'));
  });
});

describe('weights', () => {
  it('adds for agreement, subtracts for disagreement', () => {
    for (const key of ['samePhone', 'sameEmail', 'sameExternalId', 'sameAddress', 'sameBirthday', 'nickname', 'initial'] as const) expect(weights[key]).toBeGreaterThan(0);
    for (const key of ['differentPhone', 'differentEmail', 'differentBirthday', 'differentGivenName', 'differentGeneration', 'differentKind'] as const) {
      expect(weights[key]).toBeLessThan(0);
    }
  });

  it('counts a rare name for more than a common one, within bounds', () => {
    expect(nameWeight(0.9, 0.0001)).toBeGreaterThan(nameWeight(0.9, 0.01));
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (share) => nameWeight(0.9, share) >= 2.5 && nameWeight(0.9, share) <= 12));
  });

  it('gives a partial name agreement a share of the full weight that grows with similarity', () => {
    expect(similarNameWeight(8, 1)).toBe(8);
    expect(similarNameWeight(8, 0.8)).toBe(0);
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, y) => (x <= y ? similarNameWeight(8, x) <= similarNameWeight(8, y) : true)));
  });

  it('writes weights as people read them', () => {
    expect(signed(9.14)).toBe('+9.1');
    expect(signed(-6)).toBe('-6.0');
  });
});
