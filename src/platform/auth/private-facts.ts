import type { Actor } from './actor.js';

/**
 * Who may see a fact marked private (a note, a life event): its author, admins, and managers
 * of the customer's home location. A manager with no locations assigned looks after every
 * location, and so does any manager for a customer with no home location.
 * One rule, used by every read path: the record itself, lists, the timeline, the brief, search, exports.
 */
export function seesAllPrivateFactsOf(actor: Actor, customer: { locationId: string | null }): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'manager') return false;
  return customer.locationId === null || actor.locationIds.length === 0 || actor.locationIds.includes(customer.locationId);
}

export function canSeeFact(
  actor: Actor,
  fact: { sensitivity: 'normal' | 'private'; createdBy: string | null },
  customer: { locationId: string | null },
): boolean {
  return fact.sensitivity === 'normal' || fact.createdBy === actor.staffId || seesAllPrivateFactsOf(actor, customer);
}
