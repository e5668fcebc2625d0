import { editDistance, fold } from '../src/search/search-rules.js';

/**
 * Typing mistakes for the lookup benchmarks (bench/search.ts, bench/lookup-classes.ts), drawn from the
 * script's own seeded random numbers so that a run can be repeated.
 */
export function typist(random: () => number) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

  /** One typing mistake on a letter of the word (never the first: people rarely get that wrong). */
  const misspell = (word: string): string => {
    const chars = Array.from(word);
    const i = 1 + Math.floor(random() * (chars.length - 1));
    const letter = pick('abcdefghijklmnopqrstuvwxyz'.split(''));
    const kind = pick(['delete', 'insert', 'substitute', 'swap']);
    if (kind === 'delete') chars.splice(i, 1);
    else if (kind === 'insert') chars.splice(i, 0, letter);
    else if (kind === 'substitute') chars[i] = letter;
    else if (i + 1 < chars.length) [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
    else chars[i] = letter;
    return chars.join('');
  };

  /** The word with exactly `edits` mistakes (a second can undo the first: tried again), or null. */
  const misspelt = (word: string, edits = 1): string | null => {
    for (let attempt = 0; attempt < 20; attempt++) {
      let out = word;
      for (let e = 0; e < edits; e++) out = misspell(out);
      if (editDistance(fold(out), fold(word)) === edits) return out;
    }
    return null;
  };

  return { misspell, misspelt };
}
