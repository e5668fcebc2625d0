import type { MatchContext } from './match-context.js';
import { nothing, reason, shown, type FieldOutcome, type MatchReason } from './match-reason.js';
import { fieldOdds, nameWeight, similarNameWeight, similarity, soundAlikeShare, weights } from './match-rules.js';
import { compareFamilyWords, compareGivenNames, givenWordAgreement, type FamilyAgreement, type GivenAgreement, type PersonName } from './name-rules.js';

/** What comparing two people's names found: the reasons, and what the band rules need to know. */
export interface NameOutcome {
  reasons: MatchReason[];
  weight: number;
  given: GivenAgreement | null;
  family: FamilyAgreement | null;
  swapped: boolean;
  /** Swapped names that are the same names or nicknames crossed: as sure as a straight reading. */
  swappedConfirms: boolean;
  contradiction: string | null;
}

function givenOutcome(given: GivenAgreement | null, context: MatchContext): FieldOutcome {
  if (!given) return nothing;
  const full = (word: string) => nameWeight(fieldOdds.givenName.m, context.givenNameShare(word));
  const a = shown(given.a);
  const b = shown(given.b);
  switch (given.level) {
    case 'same':
      return { reason: reason('givenName', full(given.a), `same given name ${a}`), contradiction: null };
    case 'typo': {
      const weight = similarNameWeight(Math.min(full(given.a), full(given.b)), given.similarity);
      return { reason: reason('givenName', weight, `given names ${a} and ${b} ${similarity(given.similarity)} similar`), contradiction: null };
    }
    case 'sound': {
      const weight = Math.min(full(given.a), full(given.b)) * soundAlikeShare;
      return { reason: reason('givenName', weight, `given names ${a} and ${b} sound the same`), contradiction: null };
    }
    case 'nickname': {
      // Name the short form first whichever side it is on: "Bob is a nickname of Robert".
      const [short, long] = given.a.length <= given.b.length ? [a, b] : [b, a];
      return { reason: reason('givenName', weights.nickname, `${short} is a nickname of ${long}`), contradiction: null };
    }
    case 'initial': {
      const [short, long] = given.a.length <= given.b.length ? [a, b] : [b, a];
      const words = short === long ? `same initial ${short}` : `${short} is the initial of ${long}`;
      return { reason: reason('givenName', weights.initial, words), contradiction: null };
    }
    case 'different':
      return { reason: reason('givenName', weights.differentGivenName, `different given names ${a} and ${b}`), contradiction: 'different given names' };
  }
}

function familyOutcome(family: FamilyAgreement | null, context: MatchContext): FieldOutcome {
  if (!family) return nothing;
  const full = (words: string) => nameWeight(fieldOdds.familyName.m, context.familyNameShare(words));
  switch (family.level) {
    case 'same':
      return { reason: reason('familyName', full(family.a), `same family name ${shown(family.a)}`), contradiction: null };
    case 'shared':
      return { reason: reason('familyName', full(family.word) - 1, `both have the family name ${shown(family.word)}`), contradiction: null };
    case 'similar': {
      const weight = similarNameWeight(Math.min(full(family.a), full(family.b)), family.similarity);
      return { reason: reason('familyName', weight, `family names ${shown(family.a)} and ${shown(family.b)} ${similarity(family.similarity)} similar`), contradiction: null };
    }
    case 'sound': {
      const weight = Math.min(full(family.a), full(family.b)) * soundAlikeShare;
      return { reason: reason('familyName', weight, `family names ${shown(family.a)} and ${shown(family.b)} sound the same`), contradiction: null };
    }
    case 'different':
      return { reason: reason('familyName', weights.differentFamilyName, `different family names ${shown(family.a)} and ${shown(family.b)}`), contradiction: null };
  }
}

/** How one crossed pair of name parts agrees, and its weight. */
interface CrossedPair {
  level: 'same' | 'typo' | 'nickname' | 'sound' | 'initial';
  weight: number;
}

/**
 * How one crossed pair of name parts agrees. Each crossed pair holds one record's given name, so it
 * must agree as given names do (the same word, a typo within an edit or two, a nickname, the same
 * sound, an initial): a looser family-name likeness would let Michael pass for Michelle.
 */
function crossedPair(left: string[], right: string[], context: MatchContext): CrossedPair | null {
  const asFamily = compareFamilyWords(left, right);
  const asGiven = givenWordAgreement(left[0]!, right[0]!);
  const share = Math.max(context.givenNameShare(left[0]!), context.familyNameShare(left.join(' ')), context.givenNameShare(right[0]!), context.familyNameShare(right.join(' ')));
  const full = nameWeight((fieldOdds.givenName.m + fieldOdds.familyName.m) / 2, share);
  if (asFamily?.level === 'same' || asGiven.level === 'same') return { level: 'same', weight: full };
  if (asGiven.level === 'typo') return { level: 'typo', weight: similarNameWeight(full, asGiven.similarity) };
  if (asGiven.level === 'nickname') return { level: 'nickname', weight: weights.nickname };
  if (asGiven.level === 'sound') return { level: 'sound', weight: full * soundAlikeShare };
  if (asGiven.level === 'initial') return { level: 'initial', weight: weights.initial };
  return null;
}

/**
 * Given and family names crossed ("Chen Wei" typed as given Chen, family Wei; "R Smith" and given
 * Smith, family Robert): each crossed pair must agree as given names do, and is weighted as the mean
 * of a given and a family name, so that the result does not depend on which record is first. Null
 * unless both crossed pairs agree and one is more than a nickname or an initial. `confirms` when both
 * are the same name or a nickname, as an email match needs for auto.
 */
function crossedOutcome(a: PersonName, b: PersonName, context: MatchContext): { reason: MatchReason; weight: number; confirms: boolean } | null {
  if (a.given.length === 0 || a.family.length === 0 || b.given.length === 0 || b.family.length === 0) return null;
  const first = crossedPair(a.given, b.family, context);
  const second = crossedPair(a.family, b.given, context);
  if (first === null || second === null || Math.max(first.weight, second.weight) <= weights.nickname) return null;
  const weight = first.weight + second.weight - weights.swappedNames;
  const left = shown([...a.given, ...a.family].join(' '));
  const right = shown([...b.given, ...b.family].join(' '));
  const confirms = [first, second].every((pair) => pair.level === 'same' || pair.level === 'nickname');
  return { reason: reason('name', weight, `given and family names swapped (${left}, ${right})`), weight, confirms };
}

/** How much more often a word is a given name than a family name, each against its typical share. */
const givenLean = (word: string, context: MatchContext) =>
  context.givenNameShare(word) / fieldOdds.givenName.u / (context.familyNameShare(word) / fieldOdds.familyName.u);

/** How strongly both words must lean the wrong way before a name is read the other way round. */
const turnLean = 3;

/**
 * A name typed the wrong way round ("Smith" as the given name, "Mary" as the family name) read the
 * right way, when the name counts say so clearly: the given word is far more often a family name
 * and the family word far more often a given name. Depends on one record only, so compare stays
 * symmetric; with typical (uncounted) names nothing is ever turned.
 */
export function orientedName(name: PersonName, context: MatchContext): { name: PersonName; turned: boolean } {
  const given = name.given[0];
  const family = name.family.join(' ');
  if (!given || given.length < 2 || name.family.length !== 1 || name.given.length !== 1) return { name, turned: false };
  const turned = givenLean(given, context) * turnLean < 1 && givenLean(family, context) > turnLean;
  return turned ? { name: { ...name, given: name.family, family: name.given }, turned } : { name, turned };
}

/**
 * Compares two people's names, straight or crossed, whichever agrees better, after reading a name
 * typed the wrong way round the right way (orientedName).
 */
export function comparePersonNames(first: PersonName, second: PersonName, context: MatchContext): NameOutcome {
  const left = orientedName(first, context);
  const right = orientedName(second, context);
  const turned = [left, right].filter((o) => o.turned).map((o) => turnedReason(o.name));
  const { reasons, ...outcome } = compareOriented(left.name, right.name, context);
  return { reasons: [...turned, ...reasons], ...outcome };
}

/** Says that a name was read the other way round (no weight: the comparison that follows has it). */
const turnedReason = (name: PersonName): MatchReason =>
  reason('name', 0, `${shown(name.family.join(' '))} ${shown(name.given.join(' '))} read as given name ${shown(name.given.join(' '))}, family name ${shown(name.family.join(' '))}`);

function compareOriented(a: PersonName, b: PersonName, context: MatchContext): NameOutcome {
  const given = compareGivenNames(a, b);
  const family = compareFamilyWords(a.family, b.family);
  const straight = [givenOutcome(given, context), familyOutcome(family, context)];
  const straightReasons = straight.flatMap((o) => (o.reason ? [o.reason] : []));
  const straightWeight = straightReasons.reduce((sum, r) => sum + r.weight, 0);
  // Crossed names can only do better when the straight reading is poor: skip the work otherwise.
  const straightAgrees = given !== null && given.level !== 'different' && given.level !== 'initial' && family !== null && family.level !== 'different';
  const crossed = straightAgrees ? null : crossedOutcome(a, b, context);
  const swapped = crossed !== null && crossed.weight > straightWeight;
  const generation = generationOutcome(a, b);
  const reasons = [...(swapped ? [crossed.reason] : straightReasons), ...(generation.reason ? [generation.reason] : [])];
  const contradiction = generation.contradiction ?? (swapped ? null : (straight.find((o) => o.contradiction)?.contradiction ?? null));
  const swappedConfirms = swapped && crossed.confirms;
  return { reasons, weight: reasons.reduce((sum, r) => sum + r.weight, 0), given, family, swapped, swappedConfirms, contradiction };
}

/** Jr and Sr (or II and III) on the two records: two people of one family. */
function generationOutcome(a: PersonName, b: PersonName): FieldOutcome {
  if (a.generation === null || b.generation === null || a.generation === b.generation) return nothing;
  const words = `${shown(a.generation)} and ${shown(b.generation)}`;
  return { reason: reason('generation', weights.differentGeneration, `${words} are two people`), contradiction: words };
}
