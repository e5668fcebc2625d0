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
