/**
 * The numbers matching runs on: string similarity (Jaro-Winkler), the weight of each kind of
 * agreement or disagreement, and the score thresholds of the bands. Pure; no database.
 *
 * Weights follow Fellegi and Sunter: for a field, m is the chance that two records of the SAME person
 * agree on it and u the chance that two records of DIFFERENT people do. Agreement adds log2(m/u),
 * disagreement adds log2((1-m)/(1-u)) (negative), a field missing on either side adds 0. The m and u
 * below were set from what the fields are (a mobile is one person's, a landline a household's;
 * people have several emails and move house); names and contacts are then weighed by how common
 * each value is (MatchContext). The thresholds were chosen on the quality bench
 * (bench/matching-quality.ts, 20,000 people, seed 1) and checked, unchanged, on seeds 2 and 3.
 */

/** How two records compare overall. */
export type MatchBand = 'auto' | 'review' | 'distinct';

/**
 * Score at or above which a corroborated pair goes to review, when nothing contradicts it.
 * Chosen on the bench, seed 1 (auto+review precision / recall of all pairs): 9 gave 0.989 / 0.806,
 * 10 gave 0.992 / 0.804, 11 gave 0.991 / 0.751, 14 gave 0.991 / 0.745. 10 is the lowest with
 * precision of 0.99 or more. What it separates: a bare email (a newsletter subscriber with no name,
 * +10.5) reaches it; the same email held by two customers (a family's, +9.5) does not, nor does a
 * shared phone alone (+9.6).
 */
export const reviewThreshold = 10;

/**
 * A pair reaches review only when a field other than the names agrees with at least this weight (a
 * contact, an id, an address, a birthday; not a postcode). On the bench, two records agreeing on
 * given and family name and nothing else were another person four times in five: names repeat.
 */
export const minimumCorroboration = 3;

/**
 * Auto (merge without asking) is decided by rules, not by score alone (see compare.ts): the same
 * external id from the same source, or the same email with the same or nickname given name and a
 * family name at least this similar, and nothing contradicting.
 */
export const autoFamilySimilarity = 0.9;

/**
 * Score an auto pair must also reach: the rule's evidence and no heavy disagreement elsewhere (a
 * shared email, a nickname, a common family name, different phones and addresses stays in review).
 * A guard more than a tuned value: on the bench 0 and 16 gave the same auto band, 20 lost 2% of it.
 */
export const autoThreshold = 16;

/** Two given names at least this similar (and within a typo or two) are the same name mistyped. */
export const typoSimilarity = 0.9;

/**
 * Names that sound the same (see soundTheSame in name-rules.ts: Gail and Gayle, Smyth and Smith)
 * must also be more similar than this: the point below which similarNameWeight gives nothing.
 */
export const soundAlikeSimilarity = 0.8;

/**
 * Share of a name's full weight earned by a name spelt differently that sounds the same ("given
 * names Gail and Gayle sound the same +3.2"). No more than a typo earns (similarNameWeight gives a
 * typo, 0.9 similar or more, at least half): a person's name is usually spelt one way, and names that
 * sound alike are also shared by strangers. Unlike a different name, it contradicts nothing, so a
 * pair with a contact in common reaches review; it never confirms an email for auto (compare.ts).
 */
export const soundAlikeShare = 0.5;

/** Birth years this far apart are a parent and a child (or a grandparent), never one person. */
export const generationGapYears = 20;

const log2 = Math.log2;
/** Weight of agreement: log2(m / u). */
const agree = (m: number, u: number) => log2(m / u);
/** Weight of disagreement: log2((1 - m) / (1 - u)), negative. */
const disagree = (m: number, u: number) => log2((1 - m) / (1 - u));

/**
 * m and u of each field. u is for two records chosen at random among different people, with
 * households in mind: a landline or a family email is shared by everyone at home, so u of a phone is
 * far above 1 / (numbers in use).
 */
export const fieldOdds = {
  /** Any shared number. m: a person keeps at least one number across systems most of the time. */
  phone: { m: 0.8, u: 0.001 },
  /** Any shared email. m is lower: people have several and change them. */
  email: { m: 0.7, u: 0.0005 },
  externalId: { m: 0.98, u: 0.000001 },
  /** Same number, street and postcode (or city). m is lower: people move. */
  address: { m: 0.7, u: 0.001 },
  /** The full date. */
  birthday: { m: 0.97, u: 0.00005 },
  /** u here is the typical share of one name, used when the caller has no counts (see match-context.ts). */
  givenName: { m: 0.9, u: 0.01 },
  familyName: { m: 0.9, u: 0.005 },
  organizationName: { m: 0.9, u: 0.0005 },
} as const;

/** Every weight compare.ts uses, in bits. */
export const weights = {
  samePhone: agree(fieldOdds.phone.m, fieldOdds.phone.u),
  differentPhone: disagree(fieldOdds.phone.m, fieldOdds.phone.u),
  sameEmail: agree(fieldOdds.email.m, fieldOdds.email.u),
  differentEmail: disagree(fieldOdds.email.m, fieldOdds.email.u),
  /** Organisations only, and small: many people write from one company's domain. */
  sameEmailDomain: 2,
  sameExternalId: agree(fieldOdds.externalId.m, fieldOdds.externalId.u),
  /** Two ids from one system: usually two people, sometimes a duplicate account there. */
  differentExternalId: -3,
  sameAddress: agree(fieldOdds.address.m, fieldOdds.address.u),
  /** Same street and number, different flat: neighbours or the same person. */
  sameBuilding: 3,
  samePostcode: 1.5,
  differentAddress: disagree(fieldOdds.address.m, fieldOdds.address.u),
  sameBirthday: agree(fieldOdds.birthday.m, fieldOdds.birthday.u),
  /** Day and month agree, the year is known on one side only (u = 1/365). */
  sameBirthdayNoYear: agree(fieldOdds.birthday.m, 1 / 365),
  /** Only the year is known on both sides, and agrees (u = 1/70). */
  sameBirthYear: agree(fieldOdds.birthday.m, 1 / 70),
  differentBirthday: -6,
  /** Jr and Sr, II and III: two people of one family. */
  differentGeneration: -10,
  nickname: 3,
  initial: 1,
  differentGivenName: -5,
  differentFamilyName: -4,
  /** Subtracted from a crossed name match: "Chen Wei" / "Wei Chen" is a little less sure than the same order. */
  swappedNames: 1,
  differentOrganizationName: -6,
  /** A person and an organisation are never one customer. */
  differentKind: -20,
} as const;

/** The most a name's rarity may add: a name held by one record in a million is not proof. */
const maxNameWeight = 12;
/**
 * The least a name's agreement adds, however common ("Smith" still says something): enough that
 * the same given name and the same phone (+9.6) reach the review band.
 */
const minNameWeight = 2.5;

/**
 * Weight of agreeing on a name held by `share` of all records (its frequency): log2(m / share),
 * kept within [minNameWeight, maxNameWeight]. A rare family name says more than "Smith".
 */
export function nameWeight(m: number, share: number): number {
  const weight = log2(m / Math.max(share, 1e-9));
  return Math.min(maxNameWeight, Math.max(minNameWeight, weight));
}

/**
 * Partial agreement of a name: between nothing (similarity 0.8 or less) and the full weight
 * (similarity 1). "Jonathon" and "Jonathan" (0.95) earn three quarters of the full weight.
 */
export function similarNameWeight(full: number, similarity: number): number {
  const floor = 0.8;
  if (similarity <= floor) return 0;
  return full * ((similarity - floor) / (1 - floor));
}

/** Two reusable arrays of match flags (jaro runs millions of times in a scan; no allocation per call). */
let flagBuffers = [new Uint8Array(64), new Uint8Array(64)];
function flags(which: 0 | 1, length: number): Uint8Array {
  if (flagBuffers[which]!.length < length) flagBuffers = flagBuffers.map((b, i) => (i === which ? new Uint8Array(length * 2) : b));
  const buffer = flagBuffers[which]!;
  buffer.fill(0, 0, length);
  return buffer;
}

/**
 * Jaro similarity: the share of characters the two strings have in common within a window, less
 * half the transpositions. Symmetric (a property test holds it to that).
 */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = flags(0, a.length);
  const bMatched = flags(1, b.length);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (bMatched[j] || a.charCodeAt(i) !== b.charCodeAt(j)) continue;
      aMatched[i] = 1;
      bMatched[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transposed = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transposed++;
    k++;
  }
  return (matches / a.length + matches / b.length + (matches - transposed / 2) / matches) / 3;
}

/**
 * Jaro-Winkler similarity in [0, 1], 1 only for equal strings: Jaro, raised for a common prefix of
 * up to four characters (typing mistakes are rarer at the start of a name).
 */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return Math.min(1, j + prefix * 0.1 * (1 - j));
}

/** A weight as people read it: "+4.2", "-6.0". */
export const signed = (weight: number): string => `${weight >= 0 ? '+' : '-'}${Math.abs(weight).toFixed(1)}`;

/** A similarity as people read it: "0.96". */
export const similarity = (value: number): string => value.toFixed(2);
