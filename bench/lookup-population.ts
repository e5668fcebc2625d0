/**
 * The populations the lookup's hard query classes are measured on (bench/lookup-classes.ts's 30,000
 * build and bench/generate.ts's `--mix dev|eval` at 1,000,000): one place for the material of every
 * class, so both sizes draw the same kinds of names.
 *
 * `dev` (tuned on) and `eval` (reported) share no particle names, two-letter names, near-word crowds
 * or suffixes, and take different slices of bench/names.ts's real names. Family names: half real
 * (Zipf 0.9), a quarter made up (drawn evenly: the long tail), 8 % from crowds of stored near words
 * around 40 bases (one or two edits each, as real pools have around Hansen), 3 % "prefix" names (a
 * one-edit neighbour of a common name plus a suffix: "Jonsonbury" beside Johnson), 4 % particle
 * names (de la Cruz), 4 % hyphenated pairs of real names, 3 % two-letter names (Li, Ng), 3 % real again.
 * Given names: real (Zipf 1), 3 % two-letter, 3 % hyphenated pairs (Jean-Pierre).
 */
import { fold } from '../src/search/search-rules.js';
import type { NamePools } from './customer-data.js';
import { cities, familyNames, givenNames, lookupDevNames, lookupEvalNames, madeUpNames, zipf } from './names.js';

export type LookupMix = 'dev' | 'eval';

export interface LookupPopulationOptions {
  mix: LookupMix;
  /** Every draw of the population (and of its made-up names and crowds). */
  draw: () => number;
  /** Draws the suffix of each "prefix" name (lookup-classes.ts passes its own generator: its 30,000 build stays as published). */
  pickSuffix?: () => number;
  /** Made-up family names in the pool (30,000 build: count × 0.12). */
  madeFamilies?: number;
  /** Or: the family-name pool's size in all (real + class material + made up to reach it), e.g. 150,000. */
  familyNames?: number;
}

export interface LookupPopulation extends NamePools {
  /** The distinct family names the pool can draw from (hyphenated pairs aside). */
  familyPoolSize: number;
}

/** Names a crowd of stored near words around a base (one or two edits each), as real name pools have around Hansen. */
function crowd(base: string, size: number, draw: () => number): string[] {
  const out = new Set<string>();
  const letters = 'aeiouynrstlmkhd';
  for (let tries = 0; out.size < size && tries < size * 50; tries++) {
    const chars = Array.from(base.toLowerCase());
    const edits = draw() < 0.6 ? 1 : 2;
    for (let e = 0; e < edits; e++) {
      const i = 1 + Math.floor(draw() * (chars.length - 1));
      const kind = Math.floor(draw() * 3);
      const letter = letters[Math.floor(draw() * letters.length)]!;
      if (kind === 0 && chars.length > 4) chars.splice(i, 1);
      else if (kind === 1) chars.splice(i, 0, letter);
      else chars[i] = letter;
    }
    const word = chars.join('');
    if (word !== base.toLowerCase()) out.add(word.charAt(0).toUpperCase() + word.slice(1));
  }
  return [...out];
}

export function lookupPopulation(options: LookupPopulationOptions): LookupPopulation {
  const { mix, draw } = options;
  const pickSuffix = options.pickSuffix ?? draw;
  const names = mix === 'dev' ? lookupDevNames : lookupEvalNames;
  // Different slices of the real names (and different made-up tails) for the two mixes.
  const realFamily = [...new Set(familyNames)].filter((_, i) => (mix === 'dev' ? i % 3 !== 0 : i % 3 !== 1));
  const realGiven = [...new Set(givenNames)].filter((_, i) => (mix === 'dev' ? i % 4 !== 0 : i % 4 !== 2));
  const known = new Set([...realGiven, ...realFamily].map((n) => n.toLowerCase()));
  // The made-up tail first (as the 30,000 build always drew it), sized so that with the class
  // material (at most 40 crowds of 24, 60 prefix names) the pool reaches `familyNames`.
  const fixed = realFamily.length + names.particleFamilies.length + names.twoLetter.length + 40 * 24 + 60;
  const madeCount = options.familyNames !== undefined ? Math.max(0, options.familyNames - fixed) : (options.madeFamilies ?? 0);
  const madeFamily = madeUpNames(madeCount, draw, known);
  const bases = realFamily.filter((n) => fold(n).length >= 6).filter((_, i) => i % 5 === (mix === 'dev' ? 0 : 3)).slice(0, 40);
  const crowds = bases.flatMap((b) => crowd(b, 24, draw));
  // Longer words that a one-edit misspelling of a common name is the start of ("Jonsonbury" beside "Johnson").
  const suffixes = mix === 'dev' ? ['bury', 'ley', 'stad'] : ['ton', 'field', 'berg', 'by'];
  const extended = realFamily.slice(0, 60).flatMap((n) => {
    const chars = Array.from(n);
    const i = 1 + Math.floor(draw() * (chars.length - 1));
    chars.splice(i, 1);
    return chars.length >= 4 ? [chars.join('') + suffixes[Math.floor(pickSuffix() * suffixes.length)]!] : [];
  });
  const pool = new Set([...realFamily, ...madeFamily, ...crowds, ...extended, ...names.particleFamilies, ...names.twoLetter].map((n) => n.toLowerCase()));
  // Crowds and prefix names overlap a little: topped up with made-up names to the exact size asked for.
  if (options.familyNames !== undefined && pool.size < options.familyNames) {
    for (const name of madeUpNames(options.familyNames - pool.size, draw, new Set([...known, ...pool]))) {
      madeFamily.push(name);
      pool.add(name.toLowerCase());
    }
  }
  const drawFamily = zipf(realFamily.length, 0.9, draw);
  const drawGiven = zipf(realGiven.length, 1, draw);
  const family = (): string => {
    const r = draw();
    if (r < 0.5) return realFamily[drawFamily()]!;
    if (r < 0.75) return madeFamily[Math.floor(draw() * madeFamily.length)]!;
    if (r < 0.83) return crowds[Math.floor(draw() * crowds.length)]!;
    if (r < 0.86) return extended[Math.floor(draw() * extended.length)]!;
    if (r < 0.9) return names.particleFamilies[Math.floor(draw() * names.particleFamilies.length)]!;
    if (r < 0.94) return `${realFamily[drawFamily()]!}-${realFamily[drawFamily()]!}`;
    if (r < 0.97) return names.twoLetter[Math.floor(draw() * names.twoLetter.length)]!;
    return realFamily[drawFamily()]!;
  };
  const given = (): string => {
    const r = draw();
    if (r < 0.03) return names.twoLetter[Math.floor(draw() * names.twoLetter.length)]!;
    if (r < 0.06) return `${realGiven[drawGiven()]!}-${realGiven[drawGiven()]!}`;
    return realGiven[drawGiven()]!;
  };
  return { given, family, cities, familyPoolSize: pool.size };
}
