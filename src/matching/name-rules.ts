import { doubleMetaphone } from 'double-metaphone';
import { areNicknames } from '../search/nicknames.js';
import { editDistance, tokenize } from '../search/search-rules.js';
import { jaroWinkler, soundAlikeSimilarity, typoSimilarity } from './match-rules.js';

/**
 * Names as matching reads them, and how two given or two family names compare. Folding and words
 * come from the search rules (src/search/search-rules.ts), so "García" and "GARCIA" are one word
 * here as in the lookup.
 */

/** Jr, Sr, II...: says which of two same-named people of one family a record is. */
export type Generation = 'jr' | 'sr' | 'ii' | 'iii' | 'iv';

export interface PersonName {
  /** Folded given-name words: "Maria José" → ["maria", "jose"]; an initial is one letter. */
  given: string[];
  /** Folded family-name words: "García López" → ["garcia", "lopez"]. */
  family: string[];
  /** Folded words of the name they go by, when it was given. */
  preferred: string[];
  generation: Generation | null;
}

/** The name fields of a customer, as the API and the store carry them. */
export interface NameFields {
  givenName?: string | null;
  familyName?: string | null;
  displayName?: string | null;
  preferredName?: string | null;
}

const generationWords: Record<string, Generation> = { jr: 'jr', junior: 'jr', sr: 'sr', senior: 'sr', ii: 'ii', '2nd': 'ii', iii: 'iii', '3rd': 'iii', iv: 'iv', '4th': 'iv' };
const titles = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'rev', 'fr']);
/** Words that belong to the family name that follows them: "Ludwig van Beethoven", "Ana de la Cruz". */
const familyParticles = new Set(['de', 'del', 'della', 'der', 'den', 'van', 'von', 'da', 'das', 'dos', 'du', 'la', 'le', 'di', 'ter', 'ten', 'bin', 'ibn', 'al', 'el', 'o', 'mac', 'mc', 'st']);

/** Removes generation words (kept aside) from a list of name words; a lone word is kept as a name. */
function withoutGeneration(words: string[], found: Generation[]): string[] {
  if (words.length <= 1) return words;
  return words.filter((word) => {
    const generation = generationWords[word];
    if (generation) found.push(generation);
    return !generation;
  });
}

/** Drops leading titles ("Dr", "Mrs") from a list of name words, keeping at least one word. */
function withoutTitles(words: string[]): string[] {
  let from = 0;
  while (from < words.length - 1 && titles.has(words[from]!)) from++;
  return words.slice(from);
}

/** "Smith, John" or "Dr John Smith Jr" → given and family words. A lone word is taken as a given name. */
function splitDisplayName(display: string, found: Generation[]): { given: string[]; family: string[] } {
  const comma = display.indexOf(',');
  if (comma > 0) {
    const family = withoutGeneration(tokenize(display.slice(0, comma)), found);
    const given = withoutTitles(withoutGeneration(tokenize(display.slice(comma + 1)), found));
    if (family.length > 0 && given.length > 0) return { given, family };
  }
  const words = withoutTitles(withoutGeneration(tokenize(display), found));
  if (words.length <= 1) return { given: words, family: [] };
  let cut = words.length - 1;
  while (cut > 1 && familyParticles.has(words[cut - 1]!)) cut--;
  return { given: words.slice(0, cut), family: words.slice(cut) };
}

/** The folded parts of a person's name; the display name is read only when given and family are both missing. */
export function personName(fields: NameFields): PersonName {
  const found: Generation[] = [];
  let given = withoutTitles(withoutGeneration(tokenize(fields.givenName), found));
  let family = withoutGeneration(tokenize(fields.familyName), found);
  if (given.length === 0 && family.length === 0 && fields.displayName) ({ given, family } = splitDisplayName(fields.displayName, found));
  return { given, family, preferred: tokenize(fields.preferredName), generation: found[0] ?? null };
}

/** The sound of a word (Double Metaphone's primary code); the word itself when it has no code (not Latin script). */
export function soundOf(word: string): string {
  const [primary] = doubleMetaphone(word);
  return primary.length > 0 ? primary : word.slice(0, 8);
}

/**
 * A word's vowels as they are heard, read from its spelling: a y after the first letter is an i, a
 * silent e lengthens the vowel before it ("Gale" as "Gail", "Jane" as "Jain", never "Jan"), a silent
 * gh or h is dropped ("Leigh", "Sarah"), a doubled consonant is one, and a final -ie or -ey is the
 * -y it sounds like. "gayle" → ["ai"], "smyth" → ["i"], "rebekah" → ["e", "e", "a"].
 */
export function heardVowels(word: string): string[] {
  let w = word[0] + word.slice(1).replace(/y/g, 'i');
  w = w[0] + w.slice(1).replace(/gh/g, '').replace(/([aeiou])h(?![aeiou])/g, '$1');
  w = w.replace(/(^|[^aeiou])([aeiou])([^aeiou])e$/, (_, before: string, vowel: string, consonant: string) => `${before}${longVowel[vowel]}${consonant}`);
  w = w.replace(/([^aeiou])\1+/g, '$1').replace(/([^aeiou])e$/, '$1').replace(/([^aeiou])(ie|ei)$/, '$1i');
  return w.match(/[aeiou]+/g) ?? [];
}

/** A vowel lengthened by a silent e, spelt as it is spelt without one: "a_e" as "ai", "o_e" as "oa". */
const longVowel: Record<string, string> = { a: 'ai', e: 'ee', i: 'ie', o: 'oa', u: 'ue' };

const latinWord = /^[a-z]+$/;

/**
 * True when two names spelt differently sound the same and are spelt alike: Gail and Gayle, Smyth
 * and Smith, Bryan and Brian, Marc and Mark. The same consonants as Double Metaphone hears them
 * (soundOf) and the same vowels as heardVowels reads them: Double Metaphone does not hear vowels
 * (John, Joan, Jean and Jane are all "JN"), and those are different names of people who may share a
 * home. Spelt alike: Jaro-Winkler above soundAlikeSimilarity. Latin letters only.
 */
export function soundTheSame(a: string, b: string, similarity: number = jaroWinkler(a, b)): boolean {
  if (a === b || similarity <= soundAlikeSimilarity || !latinWord.test(a) || !latinWord.test(b)) return false;
  const x = heardVowels(a);
  const y = heardVowels(b);
  return x.length === y.length && x.every((v, i) => v === y[i]) && soundOf(a) === soundOf(b);
}

/** How two given names (first words, or a first word and a name someone goes by) relate. */
export type GivenAgreement =
  | { level: 'same'; a: string; b: string }
  | { level: 'typo'; a: string; b: string; similarity: number }
  | { level: 'nickname'; a: string; b: string }
  | { level: 'sound'; a: string; b: string; similarity: number }
  | { level: 'initial'; a: string; b: string }
  | { level: 'different'; a: string; b: string; similarity: number };

/**
 * Ranking of the levels, best first, to keep the best reading of a pair. A nickname before the same
 * sound: Steven and Stephen are both, and a nickname confirms an email (compare.ts), a sound does not.
 */
const rank: Record<GivenAgreement['level'], number> = { same: 5, typo: 4, nickname: 3, sound: 2, initial: 1, different: 0 };

const isInitial = (word: string) => word.length === 1;

/** Within a typo or two (one for names of five or six letters, none for shorter), and similar as Jaro-Winkler sees it. */
function isTypo(a: string, b: string, similarity: number): boolean {
  if (similarity < typoSimilarity) return false;
  const longest = Math.max(a.length, b.length);
  const allowed = longest >= 7 ? 2 : longest >= 5 ? 1 : 0;
  return editDistance(a, b, allowed) <= allowed;
}

/** How two single given-name words relate. */
export function givenWordAgreement(a: string, b: string): GivenAgreement {
  if (a === b) return isInitial(a) ? { level: 'initial', a, b } : { level: 'same', a, b };
  if (isInitial(a) || isInitial(b)) {
    return a[0] === b[0] ? { level: 'initial', a, b } : { level: 'different', a, b, similarity: 0 };
  }
  const similarity = jaroWinkler(a, b);
  if (isTypo(a, b, similarity)) return { level: 'typo', a, b, similarity };
  if (areNicknames(a, b)) return { level: 'nickname', a, b };
  if (soundTheSame(a, b, similarity)) return { level: 'sound', a, b, similarity };
  return { level: 'different', a, b, similarity };
}

/** True when the two given-name words may be one person's: same, a typo, a nickname, the same sound, an initial. */
export const givenWordsCompatible = (a: string, b: string): boolean => givenWordAgreement(a, b).level !== 'different';

const similarityOf = (g: GivenAgreement): number => ('similarity' in g ? g.similarity : 1);
/** The pair's words in a fixed order, so that ties are broken the same way whichever record is first. */
const canonical = (g: GivenAgreement): string => (g.a < g.b ? `${g.a}|${g.b}` : `${g.b}|${g.a}`);

/** Better level, then more similar, then the first pair in a fixed order: a choice that is the same both ways round. */
function better(x: GivenAgreement, y: GivenAgreement): boolean {
  if (rank[x.level] !== rank[y.level]) return rank[x.level] > rank[y.level];
  if (similarityOf(x) !== similarityOf(y)) return similarityOf(x) > similarityOf(y);
  return canonical(x) < canonical(y);
}

/** The words a person's first name may appear as: their first given word, and the name they go by. */
function firstNames(name: PersonName): string[] {
  const given = name.given[0];
  const preferred = name.preferred[0];
  if (!preferred || preferred === given) return given ? [given] : [];
  return given ? [given, preferred] : [preferred];
}

/**
 * How the given names of two people agree: the best reading among their first words and preferred
 * names (a nickname or an initial only between first words). When both have a second given word
 * and those disagree ("María José" and "María Luisa", often sisters), the names are different.
 * Null when either has no given name.
 */
export function compareGivenNames(a: PersonName, b: PersonName): GivenAgreement | null {
  const left = firstNames(a);
  const right = firstNames(b);
  if (left.length === 0 || right.length === 0) return null;
  let best: GivenAgreement | null = null;
  for (const x of left) {
    for (const y of right) {
      const agreement = givenWordAgreement(x, y);
      if (!best || better(agreement, best)) best = agreement;
    }
  }
  // Through a name someone goes by, only the same name counts: Robert "Bert" and Alex "Al" are not
  // one person because Bert and Al both shorten Albert.
  const direct = a.given[0] && b.given[0] ? givenWordAgreement(a.given[0], b.given[0]) : null;
  if (best && direct?.level === 'different' && (best.level === 'nickname' || best.level === 'initial')) return direct;
  const secondA = a.given[1];
  const secondB = b.given[1];
  if (best && best.level !== 'different' && secondA && secondB && !givenWordsCompatible(secondA, secondB)) {
    return { level: 'different', a: `${a.given[0]} ${secondA}`, b: `${b.given[0]} ${secondB}`, similarity: jaroWinkler(secondA, secondB) };
  }
  return best;
}

/** How two family names agree. */
export type FamilyAgreement =
  | { level: 'same'; a: string; b: string }
  | { level: 'shared'; a: string; b: string; word: string }
  | { level: 'similar'; a: string; b: string; similarity: number }
  | { level: 'sound'; a: string; b: string; similarity: number }
  | { level: 'different'; a: string; b: string; similarity: number };

/**
 * Family names compared as a whole ("garcia lopez"), then word by word: one word in common
 * ("García" and "García López") is a shared name; otherwise the Jaro-Winkler similarity of the
 * whole or of the best pair of words, and below typoSimilarity whether the whole or a pair of
 * words sound the same (soundTheSame: "Smyth" and "Smith"). Null when either is missing.
 */
export function compareFamilyWords(left: string[], right: string[]): FamilyAgreement | null {
  if (left.length === 0 || right.length === 0) return null;
  const a = left.join(' ');
  const b = right.join(' ');
  if (a === b) return { level: 'same', a, b };
  const shared = left.find((word) => word.length > 1 && right.includes(word));
  if (shared) return { level: 'shared', a, b, word: shared };
  const whole = jaroWinkler(left.join(''), right.join(''));
  let best = whole;
  let sound = soundTheSame(left.join(''), right.join(''), whole);
  if (left.length > 1 || right.length > 1) {
    for (const x of left) {
      for (const y of right) {
        const similarity = jaroWinkler(x, y);
        best = Math.max(best, similarity);
        sound ||= soundTheSame(x, y, similarity);
      }
    }
  }
  if (best >= typoSimilarity) return { level: 'similar', a, b, similarity: best };
  return sound ? { level: 'sound', a, b, similarity: best } : { level: 'different', a, b, similarity: best };
}

/** Legal forms and filler words that say nothing about which organisation it is. */
const legalWords = new Set([
  'inc', 'incorporated', 'ltd', 'limited', 'llc', 'llp', 'lp', 'plc', 'gmbh', 'ag', 'co', 'company', 'corp',
  'corporation', 'sa', 'sarl', 'sas', 'srl', 'spa', 'bv', 'nv', 'pty', 'oy', 'ab', 'as', 'kg', 'the', 'and', 'und', 'et',
]);

/** Folded words of an organisation's name without its legal form: "The Acme Co., Ltd." → ["acme"]. */
export function organizationWords(name: string | null | undefined): string[] {
  const words = tokenize(name);
  const kept = words.filter((word) => !legalWords.has(word));
  return kept.length > 0 ? kept : words;
}
