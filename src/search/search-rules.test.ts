import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { areNicknames, nicknamesOf } from './nicknames.js';
import { searchEntries } from './search-entries.js';
import {
  allowedEdits, deletionVariants, editDistance, fold, indexVariants, parseQuery, prefixUpperBound, splitJoined, tokenize, twoLetterNeighbours, typoDistance,
} from './search-rules.js';
import { matchWord, rank, scoreCandidate, spreadTies, type Scored } from './search-scoring.js';

const letters = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzéüøñ'.split(''));
const word = (min = 1, max = 12) => fc.array(letters, { minLength: min, maxLength: max }).map((a) => a.join(''));
/** One typing mistake: a letter dropped, added, changed, or two neighbours swapped. */
const mistake = (w: string) =>
  fc.tuple(fc.nat(w.length), letters, fc.constantFrom('delete', 'insert', 'substitute', 'swap')).map(([i, ch, kind]) => {
    const at = Math.min(i, w.length - 1);
    if (kind === 'delete') return w.slice(0, at) + w.slice(at + 1);
    if (kind === 'insert') return w.slice(0, i) + ch + w.slice(i);
    if (kind === 'substitute') return w.slice(0, at) + ch + w.slice(at + 1);
    return at + 1 < w.length ? w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2) : w;
  });
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe('folding and words', () => {
  it('folds accents and case away, and folding twice changes nothing', () => {
    expect(fold('Müller ZOË Søren Łukasz Straße')).toBe('muller zoe soren lukasz strasse');
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => fold(fold(s)) === fold(s) && !/\p{M}/u.test(fold(s))));
  });

  it('splits names into letter-and-digit words, dropping apostrophes and capping the length', () => {
    expect(tokenize("Siobhán O'Brien-Ní Dhomhnaill")).toEqual(['siobhan', 'obrien', 'ni', 'dhomhnaill']);
    expect(tokenize('王小明')).toEqual(['王小明']);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) =>
        tokenize(s).every((t) => /^[\p{L}\p{N}]+$/u.test(t) && Array.from(t).length <= 32 && t === fold(t)),
      ),
    );
  });
});

describe('edit distance', () => {
  it('counts insertions, deletions, substitutions and swaps as one edit each', () => {
    expect(editDistance('jmi', 'jim')).toBe(1);
    expect(editDistance('alvrez', 'alvarez')).toBe(1);
    expect(editDistance('alvrz', 'alvarez')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('is symmetric, zero only for equal words, and never more than the longer length', () => {
    fc.assert(
      fc.property(word(0), word(0), (a, b) => {
        const d = editDistance(a, b);
        return d === editDistance(b, a) && (d === 0) === (a === b) && d <= Math.max(a.length, b.length);
      }),
    );
  });

  it('stops early at max + 1 and agrees with the full distance below it', () => {
    fc.assert(
      fc.property(word(0), word(0), fc.nat(4), (a, b, max) => {
        const full = editDistance(a, b);
        return editDistance(a, b, max) === Math.min(full, max + 1);
      }),
    );
  });

  it('puts one typing mistake at distance one at most', () => {
    fc.assert(fc.property(word(2).chain((w) => fc.tuple(fc.constant(w), mistake(w))), ([w, m]) => editDistance(w, m) <= 1));
  });
});

describe('deletion variants (symmetric deletion)', () => {
  it('holds the word and only strings shorter by up to the allowed edits', () => {
    fc.assert(
      fc.property(word(1, 10), fc.nat(2), (w, edits) =>
        deletionVariants(w, edits).every((v) => v.length <= w.length && w.length - v.length <= edits) && deletionVariants(w, edits).includes(w),
      ),
    );
  });

  it('lets every word within the allowed edits share a variant with the query', () => {
    const pair = word(3, 10).chain((w) => fc.tuple(fc.constant(w), mistake(w).chain((m) => fc.tuple(fc.constant(m), mistake(m)))));
    fc.assert(
      fc.property(pair, ([w, [one, two]]) => {
        for (const typed of [one, two]) {
          const d = editDistance(typed, w);
          if (d > Math.min(allowedEdits(typed), allowedEdits(w))) continue;
          const stored = new Set(indexVariants(w));
          if (!deletionVariants(typed, allowedEdits(typed)).some((v) => stored.has(v))) return false;
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });
});

describe('prefix ranges', () => {
  it('bounds every word that starts with the prefix, in byte order', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 6 }), fc.string({ maxLength: 6 }), (p, rest) => {
        const prefix = fold(p);
        fc.pre(prefix.length > 0);
        const upper = prefixUpperBound(prefix);
        return byteOrder(prefix + rest, prefix) >= 0 && byteOrder(prefix + fold(rest), upper) < 0;
      }),
    );
    expect(prefixUpperBound('ji')).toBe('jj');
  });
});

describe('nicknames', () => {
  it('are symmetric and never a name of itself', () => {
    expect(nicknamesOf('bob')).toContain('robert');
    expect(areNicknames('liz', 'elizabeth')).toBe(true);
    for (const name of ['bob', 'jim', 'bill', 'al', 'chris', 'liz']) {
      for (const other of nicknamesOf(name)) expect(areNicknames(other, name)).toBe(true);
      expect(areNicknames(name, name)).toBe(false);
    }
  });
});

describe('queries', () => {
  const read = (q: string) => parseQuery(q, (t) => (t.replace(/\D/g, '').length >= 10 ? `+1${t.replace(/\D/g, '').slice(-10)}` : null));

  it('reads phone numbers, emails and names apart', () => {
    expect(read('+1-555-123-4567')).toMatchObject({ phone: '+15551234567', words: [] });
    expect(read('Jim@Example.com')).toMatchObject({ email: 'jim@example.com', words: [] });
    expect(read('Jmi Alvrez')).toMatchObject({ words: ['jmi', 'alvrez'], lastIsPrefix: true, phone: null });
    expect(read('jim ').lastIsPrefix).toBe(false);
  });

  it('never fails on any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (q) => read(q).words.length <= 5));
  });
});

describe('scoring', () => {
  const doc = (names: string, preferred: string | null = null, organizations: string | null = null) => ({ customerId: 'c', names, preferred, organizations });
  const score = (q: string, d = doc('Jim Alvarez')) => scoreCandidate(parseQuery(q, () => null), d, []);

  it('ranks exact words above nicknames, nicknames above prefixes, prefixes above misspellings', () => {
    const w = { word: 'jim', original: 'Jim', field: 'name' as const };
    const q = (typed: string, target = w) => matchWord(typed, target)!.quality;
    expect(q('jim')).toBeGreaterThan(q('james', { ...w, word: 'jimmy' }));
    expect(q('jimmy', { ...w, word: 'james' })).toBeGreaterThan(q('ji'));
    expect(q('ji')).toBeGreaterThan(q('jmi'));
    expect(score('jim alvarez')!.tier).toBe(2);
    expect(score('jim alv')!.tier).toBe(2);
    expect(score('jmi alvrez')!.tier).toBe(1);
    expect(score('xavier')).toBeNull();
  });

  it('gives the same score whatever the word order', () => {
    const names = fc.constantFrom('Jim Alvarez', 'Anna Müller', 'María García López', 'Robert Smith');
    fc.assert(
      fc.property(names, (n) => {
        const words = tokenize(n);
        return score(words.join(' '), doc(n))!.score === score([...words].reverse().join(' '), doc(n))!.score;
      }),
    );
  });

  it('puts an exact phone above the best name match', () => {
    const phone = scoreCandidate(parseQuery('x', () => null), doc('Zed'), [{ customerId: 'c', field: 'phone', match: 'exact', text: 'Phone' }]);
    expect(phone!.score).toBeGreaterThan(score('jim alvarez')!.score);
  });
});

describe('index entries', () => {
  it('holds every distinct name word and every ordered pair of them', () => {
    const entries = searchEntries({ id: 'c', displayName: 'Jim Alvarez', givenName: 'Jim', familyName: 'Alvarez', preferredName: 'Jimmy', organizations: ['Alvarez Builders'] });
    expect(entries.document).toEqual({ customerId: 'c', names: 'Jim Alvarez', preferred: 'Jimmy', organizations: 'Alvarez Builders' });
    expect(entries.words).toEqual(['jim', 'alvarez', 'jimmy', 'builders']);
    expect(entries.pairs).toHaveLength(12);
    expect(entries.pairs).toContainEqual(['alvarez', 'jim']);
  });
});

describe('where people really type (issue 13)', () => {
  const w = (word: string) => ({ word, original: word, field: 'name' as const });

  it('lets a two-letter word have one letter wrong or swapped, only beside another word and only for another two-letter word', () => {
    expect(typoDistance('li', 'lu', true)).toBe(1);
    expect(typoDistance('ng', 'gn', true)).toBe(1);
    expect(typoDistance('li', 'lu', false)).toBeNull();
    expect(typoDistance('li', 'lim', true)).toBeNull();
    expect(typoDistance('jmi', 'jim', false)).toBe(1);
    expect(typoDistance('alvrz', 'alvarez', false)).toBe(2);
    expect(twoLetterNeighbours('li')).toEqual(expect.arrayContaining(['lu', 'la', 'ai', 'il']));
    expect(twoLetterNeighbours('li')).not.toContain('li');
    expect(twoLetterNeighbours('lim')).toEqual([]);
    fc.assert(fc.property(word(2, 2), (x) => twoLetterNeighbours(x).every((n) => Array.from(n).length === 2 && typoDistance(x, n, true) === 1)));
  });

  it('reads a word typed without its space or hyphen as two stored words, the most even cut first', () => {
    const stored = new Set(['wicki', 'sapan', 'ann', 'anne', 'emarie', 'marie', 'garcia', 'lopez']);
    const has = (x: string) => stored.has(x);
    expect(splitJoined('wickisapan', has)).toEqual(['wicki', 'sapan']);
    expect(splitJoined('annemarie', has)).toEqual(['anne', 'marie']);
    expect(splitJoined('garcialopez', has)).toEqual(['garcia', 'lopez']);
    expect(splitJoined('wickisapn', has)).toBeNull();
    expect(splitJoined('anne', has)).toBeNull();
  });

  it('ranks a mistyped whole word the index does not hold above the longer words it starts', () => {
    const quality = (typed: string, stored: string, unknown: boolean) => matchWord(typed, w(stored), { unknown })!.quality;
    expect(quality('jonson', 'johnson', true)).toBeGreaterThan(quality('jonson', 'jonsonbury', true));
    expect(quality('jonson', 'johnson', false)).toBeLessThan(quality('jonson', 'jonsonbury', false));
    expect(matchWord('jonson', w('johnson'), { unknown: true })!.strong).toBe(true);
    // A short start stays a start: "joh" is being typed.
    expect(quality('joh', 'johnson', true)).toBeGreaterThan(quality('joh', 'jon', true));
    // Every word a start may become is as likely as another.
    expect(quality('chr', 'chris', false)).toBe(quality('chr', 'christopher', false));
  });

  it('shows each of several equally good names once, the commonest first, before namesakes repeat', () => {
    const item = (customerId: string, sortName: string, score = 2.8): Scored => ({ customerId, sortName, score, tier: 2, reasons: [] });
    const ranked = rank([item('1', 'Mark Davis'), item('2', 'Mark Davis'), item('3', 'Mark Davis'), item('4', 'Mary Davis'), item('5', 'Mary Davis', 2.9)]);
    expect(ranked.map((s) => s.customerId)).toEqual(['5', '1', '4', '2', '3']);
    const common = new Map([['4', 40]]);
    expect(rank([item('1', 'Mark Davis'), item('2', 'Mark Davis'), item('4', 'Mary Davis')], new Map(), common).map((s) => s.customerId)).toEqual(['4', '1', '2']);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), fc.constantFrom('a', 'b', 'c')), { maxLength: 30 }), (rows) => {
        const sorted = rows.map(([score, key], i) => ({ score: -score, key, i })).sort((a, b) => b.score - a.score || a.i - b.i);
        const spread = spreadTies(sorted, (x) => x.score, (x) => x.key);
        // The same items, scores still in order, and each key's items in their order.
        return spread.length === sorted.length && spread.every((x, j) => j === 0 || spread[j - 1]!.score >= x.score)
          && ['a', 'b', 'c'].every((k) => spread.filter((x) => x.key === k).map((x) => x.i).join() === sorted.filter((x) => x.key === k).map((x) => x.i).join());
      }),
    );
  });
});
