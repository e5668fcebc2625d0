import {
  compareAddresses,
  compareBirthdays,
  compareEmailDomains,
  compareEmails,
  compareExternalIds,
  comparePhones,
  sameEmail,
  sameExternalId,
} from './compare-contacts.js';
import { comparePersonNames, type NameOutcome } from './compare-names.js';
import { typicalContext, type MatchContext } from './match-context.js';
import { nothing, reason, shown, type FieldOutcome, type MatchReason } from './match-reason.js';
import type { MatchRecord } from './match-record.js';
import {
  autoFamilySimilarity,
  autoThreshold,
  fieldOdds,
  jaroWinkler,
  minimumCorroboration,
  nameWeight,
  reviewThreshold,
  similarNameWeight,
  similarity,
  weights,
  type MatchBand,
} from './match-rules.js';

/** Whether two customer records are one person (or organisation), how sure, and why. */
export interface MatchResult {
  /** Sum of the reasons' weights, in bits: above 0 the evidence leans towards one person. */
  score: number;
  band: MatchBand;
  reasons: MatchReason[];
}

/** Organisation names without their legal form: "Acme Ltd" and "ACME Inc." are one name. */
function compareOrganizations(a: MatchRecord, b: MatchRecord): FieldOutcome & { similarity: number } {
  if (a.organization.length === 0 || b.organization.length === 0) return { ...nothing, similarity: 0 };
  const left = a.organization.join(' ');
  const right = b.organization.join(' ');
  const full = nameWeight(fieldOdds.organizationName.m, fieldOdds.organizationName.u);
  if (left === right) return { reason: reason('organization', full, `same organisation name ${shown(left)}`), contradiction: null, similarity: 1 };
  const close = jaroWinkler(left, right);
  if (close >= 0.9) {
    return { reason: reason('organization', similarNameWeight(full, close), `organisation names ${shown(left)} and ${shown(right)} ${similarity(close)} similar`), contradiction: null, similarity: close };
  }
  return { reason: reason('organization', weights.differentOrganizationName, `different organisation names ${shown(left)} and ${shown(right)}`), contradiction: null, similarity: close };
}

/**
 * Given names that make an email match certain: the same name or a nickname (an initial is not:
 * James and Jane; nor a name that only sounds the same: Gail and Gayle go to review).
 */
function namesConfirmEmail(names: NameOutcome): boolean {
  if (names.swapped) return names.swappedConfirms;
  const given = names.given?.level === 'same' || names.given?.level === 'nickname';
  const family = names.family !== null && (names.family.level === 'same' || names.family.level === 'shared' || (names.family.level === 'similar' && names.family.similarity >= autoFamilySimilarity));
  return given && family;
}

/**
 * The band. Auto only when certain: the same id from the same system, or the same email with
 * confirming names; a contradiction (different given names, birthdays, Jr and Sr, a person and an
 * organisation) makes any pair distinct, however much they share (a household shares a phone, an
 * address, often an email), except a shared external id, which a person must then look at.
 */
function bandOf(score: number, a: MatchRecord, b: MatchRecord, contradicted: boolean, namesConfirm: boolean, corroborated: boolean): MatchBand {
  if (sameExternalId(a, b)) return contradicted ? 'review' : 'auto';
  if (contradicted) return 'distinct';
  if (sameEmail(a, b) && namesConfirm && score >= autoThreshold) return 'auto';
  return corroborated && score >= reviewThreshold ? 'review' : 'distinct';
}

/** Fields that are names: strangers share them (two Mary Smiths), so they never make a match on their own. */
const nameFields = new Set<MatchReason['field']>(['givenName', 'familyName', 'name', 'organization']);

/**
 * True when something other than the names agrees firmly: a contact, an id, an address, a
 * birthday. A postcode or an organisation's email domain is too weak to count.
 */
const corroborates = (r: MatchReason): boolean => !nameFields.has(r.field) && r.weight >= minimumCorroboration;

/**
 * Compares two customer records field by field. Symmetric: compare(a, b) and compare(b, a) give the
 * same score and band. `context` tells how common names and contacts are (see MatchContext); by
 * default every name is typical and every contact one customer's.
 */
export function compare(a: MatchRecord, b: MatchRecord, context: MatchContext = typicalContext): MatchResult {
  const outcomes: FieldOutcome[] = [compareExternalIds(a, b), compareEmails(a, b, context), comparePhones(a, b, context)];
  let namesConfirm = false;
  if (a.kind !== b.kind) {
    outcomes.push({ reason: reason('kind', weights.differentKind, 'a person and an organisation'), contradiction: 'a person and an organisation' });
  } else if (a.kind === 'organization') {
    const organization = compareOrganizations(a, b);
    outcomes.push(organization, compareEmailDomains(a, b));
    namesConfirm = organization.similarity >= autoFamilySimilarity;
  } else {
    const names = comparePersonNames(a.name, b.name, context);
    outcomes.push(...names.reasons.map((r) => ({ reason: r, contradiction: null })), { reason: null, contradiction: names.contradiction });
    outcomes.push(compareBirthdays(a.birthday, b.birthday));
    namesConfirm = namesConfirmEmail(names);
  }
  outcomes.push(compareAddresses(a, b));
  const reasons = outcomes.flatMap((o) => (o.reason ? [o.reason] : []));
  const score = reasons.reduce((sum, r) => sum + r.weight, 0);
  const contradicted = outcomes.some((o) => o.contradiction !== null);
  return { score, band: bandOf(score, a, b, contradicted, namesConfirm, reasons.some(corroborates)), reasons };
}
