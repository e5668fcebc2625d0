import { signed } from './match-rules.js';

/** The part of the record a reason is about. */
export type MatchField =
  | 'kind'
  | 'externalId'
  | 'email'
  | 'phone'
  | 'givenName'
  | 'familyName'
  | 'name'
  | 'generation'
  | 'organization'
  | 'birthday'
  | 'address';

/** One contribution to a match score, in words a person can check: "same phone +9.6". */
export interface MatchReason {
  field: MatchField;
  /** Bits added to the score (negative: against the match). */
  weight: number;
  words: string;
}

/**
 * What comparing one field found: its reason (none when the field is missing on either side) and,
 * when the field proves two people, why (a different birthday, Jr and Sr).
 */
export interface FieldOutcome {
  reason: MatchReason | null;
  contradiction: string | null;
}

export const nothing: FieldOutcome = { reason: null, contradiction: null };

/** A reason whose words end with its weight. */
export const reason = (field: MatchField, weight: number, words: string): MatchReason => ({ field, weight, words: `${words} ${signed(weight)}` });

/** A folded name word for people to read: "garcia lopez" → "Garcia Lopez". */
export const shown = (words: string): string =>
  words
    .split(' ')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
