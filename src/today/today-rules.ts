import type { Actor } from '../platform/auth/actor.js';
import { hasRole } from '../platform/auth/roles.js';
import type { TodayItem, TodaySection } from './today-section.js';

/** Pure rules of the Today page: whose customers it covers, how sections are put together. */

/**
 * Whose customers a staff member's Today covers. Everyone: the customers of their locations and
 * the customers they have dealt with themselves. A manager (or admin) with no locations looks
 * after every location, so their Today covers every customer.
 */
export interface TodayScope {
  kind: 'all' | 'locations' | 'mine';
  staffId: string;
  /** Empty when kind is 'all'. */
  locationIds: string[];
}

export function todayScope(actor: Actor): TodayScope {
  const manages = hasRole(actor.role, 'manager');
  if (manages && actor.locationIds.length === 0) return { kind: 'all', staffId: actor.staffId, locationIds: [] };
  return { kind: manages ? 'locations' : 'mine', staffId: actor.staffId, locationIds: [...actor.locationIds] };
}

/** The figures (the on-time rate of promises) are for those who look after a location. */
export const getsFigures = (actor: Actor): boolean => hasRole(actor.role, 'manager');

/** What a section is called when it can say nothing else (its provider failed). */
export const sectionHeadings: Record<TodaySection['key'], string> = {
  promises: 'Promises due',
  waiting: 'Waiting for an answer',
  cases: 'Cases near or past a target',
  keep_in_touch: 'Time to keep in touch',
  life_events: 'News worth acknowledging',
  fill_in_later: 'To fill in later',
};

export const sectionProblem = 'This list could not be loaded just now. Try again in a moment.';

/** The most pressing first: items marked for attention before the rest, each group in the provider's order. */
export function pressingFirst(items: readonly TodayItem[]): TodayItem[] {
  return [...items.filter((i) => i.attention), ...items.filter((i) => !i.attention)];
}

/** Whose customers the page covers, in words: "Customers of your location and those you have dealt with". */
export function scopeWords(scope: TodayScope): string {
  if (scope.kind === 'all') return 'Customers of every location';
  const where = scope.locationIds.length === 1 ? 'your location' : `your ${scope.locationIds.length} locations`;
  if (scope.kind === 'locations') return `Customers of ${where}`;
  return scope.locationIds.length ? `Customers of ${where} and those you have dealt with` : 'Customers you have dealt with';
}
