import type { Actor } from './actor.js';

/**
 * The one privacy rule. A fact marked private (a note, a life event, an entry of the audit trail
 * about one, a deleted one waiting in the trash) may be read by its author, by admins, and by
 * managers of its audience location: the customer's home location when the fact was written (or
 * made private). A manager with no locations assigned looks after every location, and so does any
 * manager for a fact whose audience is no location.
 *
 * The audience is fixed when the fact is written: moving the customer to another location, or
 * clearing their location, changes nothing about who may read what was already written. Only
 * someone who may already read a fact can change it, its audience included.
 *
 * Every read path uses this rule or its SQL form (private-facts-sql.ts), which a test checks agree.
 */
export type Sensitivity = 'normal' | 'private';

export interface FactPrivacy {
  sensitivity: Sensitivity;
  createdBy: string | null;
  audienceLocationId: string | null;
}

export function canSeeFact(actor: Actor, fact: FactPrivacy): boolean {
  if (fact.sensitivity === 'normal') return true;
  if (fact.createdBy !== null && fact.createdBy === actor.staffId) return true;
  if (actor.role === 'admin') return true;
  if (actor.role !== 'manager') return false;
  return fact.audienceLocationId === null || actor.locationIds.length === 0 || actor.locationIds.includes(fact.audienceLocationId);
}

/** Whether the actor reads every private fact whose audience is this location (admins, its managers). */
export const readsAllPrivateFactsAt = (actor: Actor, audienceLocationId: string | null): boolean =>
  canSeeFact(actor, { sensitivity: 'private', createdBy: null, audienceLocationId });

type Snapshot = Record<string, unknown> | undefined;

const privateIn = (s: Snapshot): boolean => s?.sensitivity === 'private';
const stringOr = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The privacy of an audit entry, from the snapshots it keeps. An entry is private when either side
 * was private (the before of "made public" still shows what the private fact said), to the audience
 * of the private side (the before, when both are: the older content is what needs guarding).
 */
export function privacyOfChange(before: Snapshot, after: Snapshot): FactPrivacy {
  const side = privateIn(before) ? before : privateIn(after) ? after : undefined;
  if (!side) return { sensitivity: 'normal', createdBy: null, audienceLocationId: null };
  return {
    sensitivity: 'private',
    createdBy: stringOr(side.createdBy) ?? stringOr(before?.createdBy) ?? stringOr(after?.createdBy),
    audienceLocationId: stringOr(side.audienceLocationId),
  };
}
