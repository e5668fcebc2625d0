/**
 * Pure text rules for the customer lookup: folding, tokenising, edit distance, deletion variants.
 * No database here; the index and the query are built from the same functions, so they always agree.
 */

/** Letters NFKD leaves whole; folded by hand so that "Søren", "Łukasz", "Straße" match plain typing. */
const extraFolds: Record<string, string> = {
  ø: 'o', ł: 'l', đ: 'd', ð: 'd', ħ: 'h', ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ŀ: 'l',
};
const extraFoldPattern = new RegExp(`[${Object.keys(extraFolds).join('')}]`, 'g');

/** Lowercase without accents: "Müller" → "muller", "ZOË" → "zoe", "Øst" → "ost". */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(extraFoldPattern, (ch) => extraFolds[ch] ?? ch);
}

/** Longest word kept in the index and in queries (longer ones are cut). */
export const maxWordLength = 32;

/**
 * Folded words of a text: letters and digits, with apostrophes dropped inside a word
 * ("O'Brien" → "obrien") and hyphens splitting ("Åkesson-Müller" → "akesson", "muller").
 */
export function tokenize(text: string | null | undefined): string[] {
  if (!text) return [];
  const words = fold(text).replace(/['’ʼ`]/g, '').match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.map((w) => (w.length > maxWordLength ? Array.from(w).slice(0, maxWordLength).join('') : w));
}

/** Distinct words in first-seen order. */
export function distinctWords(...texts: (string | null | undefined)[]): string[] {
  return [...new Set(texts.flatMap((t) => tokenize(t)))];
}

/** How many typing mistakes a word of this length may carry and still match. */
export function allowedEdits(word: string): number {
  const length = Array.from(word).length;
  if (length <= 2) return 0;
  if (length <= 5) return 1;
  return 2;
}

/**
 * Mistakes tolerated between a typed word and a stored one: as many as the longer of the two allows,
 * so that "tazlo" (a letter lost as well as one wrong) still reaches "taylor".
 */
export const editsBetween = (typed: string, stored: string): number => Math.max(allowedEdits(typed), allowedEdits(stored));

/** Shortest typed word that counts as a whole word when it is not one the index holds ("jonson", not "jon"). */
export const wholeWordLength = 5;

/**
 * The typing mistakes between a typed word and a stored one, or null when they are too far apart to
 * be the same name. A two-letter word ("Li", "Ng", "Jo") may have one letter wrong or the two swapped,
 * but only beside another word of the query: alone it would reach every two-letter name.
 */
export function typoDistance(typed: string, stored: string, besideOthers: boolean): number | null {
  const length = Array.from(typed).length;
  if (length === 2) {
    if (!besideOthers || Array.from(stored).length !== 2) return null;
    return editDistance(typed, stored, 1) === 1 ? 1 : null;
  }
  if (allowedEdits(typed) === 0) return null;
  const max = editsBetween(typed, stored);
  const distance = editDistance(typed, stored, max);
  return distance <= max ? distance : null;
}

/**
 * The two-letter words one mistake away from a two-letter typed word (a letter changed, or the two
 * swapped): the index stores such words under themselves only, so a query looks them up by name.
 */
export function twoLetterNeighbours(word: string): string[] {
  const chars = Array.from(word);
  if (chars.length !== 2) return [];
  const out = new Set<string>([chars[1]! + chars[0]!]);
  for (const letter of 'abcdefghijklmnopqrstuvwxyz') {
    out.add(letter + chars[1]!);
    out.add(chars[0]! + letter);
  }
  out.delete(word);
  return [...out];
}

/**
 * A word typed without its space or hyphen ("wickisapan", "maryjohnson") read as the two stored words
 * it is made of, or null. Of several readings, the most even one ("anne marie" over "ann emarie").
 */
export function splitJoined(word: string, isStored: (part: string) => boolean): [string, string] | null {
  const chars = Array.from(word);
  let best: [string, string] | null = null;
  let bestShorter = 0;
  for (const [left, right] of joinedSplits(word)) {
    const shorter = Math.min(Array.from(left).length, Array.from(right).length);
    if (shorter > bestShorter && isStored(left) && isStored(right)) [best, bestShorter] = [[left, right], shorter];
  }
  return chars.length >= wholeWordLength ? best : null;
}

/** Every way to cut a word in two parts of at least two letters. */
export function joinedSplits(word: string): [string, string][] {
  const chars = Array.from(word);
  const out: [string, string][] = [];
  for (let i = 2; i <= chars.length - 2; i++) out.push([chars.slice(0, i).join(''), chars.slice(i).join('')]);
  return out;
}

/**
 * Damerau-Levenshtein distance (optimal string alignment: insert, delete, substitute, swap two
 * neighbours), over code points. Returns max + 1 as soon as the distance must exceed max.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (Math.abs(s.length - t.length) > max) return max + 1;
  if (s.length === 0 || t.length === 0) return Math.min(Math.max(s.length, t.length), max + 1);
  let previous2: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) value = Math.min(value, previous2[j - 2]! + 1);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    previous2 = previous;
    previous = current;
  }
  const distance = previous[t.length]!;
  return distance > max ? max + 1 : distance;
}

/**
 * Every string made by deleting up to `edits` characters from the word (the word included).
 * Two words within `edits` typing mistakes of each other share at least one such variant
 * (symmetric deletion): the index stores the variants of every word, a query looks up its own.
 */
export function deletionVariants(word: string, edits: number): string[] {
  const seen = new Set<string>([word]);
  let frontier = [word];
  for (let step = 0; step < edits; step++) {
    const next: string[] = [];
    for (const current of frontier) {
      const chars = Array.from(current);
      if (chars.length <= 1) continue;
      for (let i = 0; i < chars.length; i++) {
        const variant = chars.slice(0, i).join('') + chars.slice(i + 1).join('');
        if (!seen.has(variant)) {
          seen.add(variant);
          next.push(variant);
        }
      }
    }
    frontier = next;
  }
  return [...seen];
}

/** The variants a word is stored under in the index. */
export const indexVariants = (word: string): string[] => deletionVariants(word, allowedEdits(word));

/**
 * The smallest string greater than every string that starts with the prefix, so that
 * `word >= prefix and word < upper` is an index range (binary collation, code-point order).
 */
export function prefixUpperBound(prefix: string): string {
  const chars = Array.from(prefix);
  const last = chars.pop();
  if (last === undefined) return '\u{10FFFF}';
  let code = last.codePointAt(0)! + 1;
  if (code >= 0xd800 && code <= 0xdfff) code = 0xe000;
  return chars.join('') + String.fromCodePoint(Math.min(code, 0x10ffff));
}

export interface ParsedQuery {
  /** Folded name words, in the order typed (at most maxQueryWords). */
  words: string[];
  /** The last word may be unfinished (the user is still typing). */
  lastIsPrefix: boolean;
  /** E.164 when the text reads as a phone number. */
  phone: string | null;
  /** A normalised email when the text holds an @. */
  email: string | null;
  /** The trimmed text, to compare with external ids from other systems. */
  externalId: string;
}

export const maxQueryWords = 5;

/**
 * What the user typed, read every way it could be meant. `readPhone` is normalizePhone bound to the
 * configured region (kept as a parameter so these rules stay free of configuration).
 */
export function parseQuery(q: string, readPhone: (text: string) => string | null): ParsedQuery {
  // Control characters (NUL above all, which PostgreSQL refuses in text) are never part of a name or number.
  const text = q.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  const digits = text.replace(/\D/g, '').length;
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  const phoneLike = digits >= 6 && letters === 0 && /^[\d\s()+\-./]+$/.test(text);
  const email = text.includes('@') ? text.toLowerCase() : null;
  const words = email || phoneLike ? [] : tokenize(text).slice(0, maxQueryWords);
  return {
    words,
    lastIsPrefix: words.length > 0 && !/\s$/.test(q),
    phone: phoneLike ? readPhone(text) : null,
    email,
    externalId: text,
  };
}
