import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareFamilyWords, givenWordAgreement, heardVowels, soundTheSame } from './name-rules.js';

describe('names that sound the same', () => {
  it('reads the vowels as they are heard: a y as an i, a silent e, h or gh, a doubled consonant', () => {
    expect(heardVowels('gayle')).toEqual(['ai']);
    expect(heardVowels('gale')).toEqual(['ai']);
    expect(heardVowels('jane')).toEqual(['ai']);
    expect(heardVowels('jan')).toEqual(['a']);
    expect(heardVowels('smyth')).toEqual(['i']);
    expect(heardVowels('rebekah')).toEqual(['e', 'e', 'a']);
    expect(heardVowels('ashleigh')).toEqual(heardVowels('ashley'));
    expect(heardVowels('anne')).toEqual(heardVowels('ann'));
  });

  it('hears one name in spellings of the same sound', () => {
    for (const [a, b] of [['gail', 'gayle'], ['gail', 'gale'], ['smyth', 'smith'], ['bryan', 'brian'], ['marc', 'mark'], ['carl', 'karl'], ['rebecca', 'rebekah'], ['ashley', 'ashleigh']] as const) {
      expect(soundTheSame(a, b), `${a} and ${b}`).toBe(true);
    }
  });

  it('hears different names where only the consonants agree (Double Metaphone has John, Joan, Jean and Jane all as JN)', () => {
    for (const [a, b] of [['john', 'joan'], ['jon', 'joan'], ['jean', 'joan'], ['jan', 'jane'], ['dean', 'diane'], ['donna', 'dana'], ['leo', 'leah'], ['aaron', 'erin'], ['mary', 'moira'], ['eva', 'ava'], ['gail', 'gary']] as const) {
      expect(soundTheSame(a, b), `${a} and ${b}`).toBe(false);
    }
  });

  it('is symmetric and never says it of one word, nor of words outside the Latin letters', () => {
    const letters = fc.constantFrom(...'aeiouybcdghklmnrst'.split(''));
    const word = fc.array(letters, { minLength: 1, maxLength: 9 }).map((a) => a.join(''));
    fc.assert(fc.property(word, word, (a, b) => soundTheSame(a, b) === soundTheSame(b, a) && !soundTheSame(a, a)), { numRuns: 3000 });
    expect(soundTheSame('王芳', '王方')).toBe(false);
  });

  it('is a level of its own for given and family names, below a typo and a nickname', () => {
    expect(givenWordAgreement('gail', 'gayle').level).toBe('sound');
    expect(givenWordAgreement('jonathon', 'jonathan').level).toBe('typo');
    expect(givenWordAgreement('steven', 'stephen').level).toBe('nickname');
    expect(givenWordAgreement('john', 'joan').level).toBe('different');
    expect(compareFamilyWords(['smyth'], ['smith'])?.level).toBe('sound');
    expect(compareFamilyWords(['garcia', 'smyth'], ['smith'])?.level).toBe('sound');
    expect(compareFamilyWords(['smith'], ['jones'])?.level).toBe('different');
  });
});
