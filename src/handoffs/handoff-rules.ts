import type { Actor } from '../platform/auth/actor.js';
import { unprocessable } from '../platform/errors.js';
import type { HandoffStatus } from '../platform/database/schema.js';

/**
 * Pure rules of hand-offs: who it goes to, who may accept or reassign it, where its shift view is,
 * whether the brief still shows its banner, and its words.
 */

export interface HandoffFacts {
  status: HandoffStatus;
  fromStaffId: string;
  toStaffId: string | null;
  toLocationId: string | null;
  locationId: string | null;
}

/** Exactly one addressee: a colleague or a location's next shift. */
export function checkAddressee(input: { toStaffId?: string | undefined; toLocationId?: string | undefined }, fromStaffId: string | null): { toStaffId: string | null; toLocationId: string | null } {
  const toStaffId = input.toStaffId ?? null;
  const toLocationId = input.toLocationId ?? null;
  if (toStaffId && toLocationId) throw unprocessable('/body/toLocationId', 'give a colleague (toStaffId) or a location (toLocationId), not both');
  if (!toStaffId && !toLocationId) throw unprocessable('/body/toStaffId', "say who takes it over: a colleague (toStaffId) or a location's next shift (toLocationId)");
  if (toStaffId && toStaffId === fromStaffId) throw unprocessable('/body/toStaffId', 'is you: hand it to a colleague');
  return { toStaffId, toLocationId };
}

/** The location whose shift view shows a hand-off: the one it goes to, one named, one both work at, the writer's, the colleague's. */
export function shiftLocationOf(input: { toLocationId: string | null; named: string | null }, fromLocations: readonly string[], toLocations: readonly string[]): string | null {
  if (input.toLocationId) return input.toLocationId;
  if (input.named) return input.named;
  return fromLocations.find((l) => toLocations.includes(l)) ?? fromLocations[0] ?? toLocations[0] ?? null;
}

/**
 * The staff members told of a hand-off written or reassigned to them: the colleague it is addressed
 * to, or the active staff of the location whose next shift takes it; never the one handing off, nor
 * the one who just reassigned it.
 */
export function addresseesToTell(to: { toStaffId: string | null; toLocationId: string | null }, locationStaff: readonly string[], notTold: readonly (string | null)[]): string[] {
  const wanted = to.toStaffId ? [to.toStaffId] : to.toLocationId ? [...locationStaff] : [];
  return [...new Set(wanted)].filter((id) => !notTold.includes(id));
}

/** The addressee, or a member of the location it goes to; admins may take any. Never the one handing off. */
export function mayAccept(actor: Actor, h: HandoffFacts): boolean {
  if (h.status !== 'pending' || actor.staffId === h.fromStaffId) return false;
  if (actor.role === 'admin') return true;
  if (h.toStaffId) return h.toStaffId === actor.staffId;
  return h.toLocationId !== null && actor.locationIds.includes(h.toLocationId);
}

/** Whether the actor looks after a location's shift: admins, and its managers (a manager of no location looks after every one). */
export function managesLocation(actor: Actor, locationId: string | null): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'manager') return false;
  return locationId === null || actor.locationIds.length === 0 || actor.locationIds.includes(locationId);
}

export const mayReassign = (actor: Actor, h: HandoffFacts): boolean => h.status === 'pending' && managesLocation(actor, h.locationId);

/** A pending hand-off is withdrawn by its writer, a manager of its location, or an admin. */
export const mayWithdraw = (actor: Actor, h: HandoffFacts): boolean => h.status === 'pending' && (h.fromStaffId === actor.staffId || managesLocation(actor, h.locationId));

/**
 * The brief's banner: shown to a reader until the hand-off's new owner has read it (its acceptor;
 * while pending there is none yet), and never again to a reader who has read it.
 */
export function showsBanner(h: { acceptedBy: string | null }, readers: readonly string[], readerId: string): boolean {
  if (readers.includes(readerId)) return false;
  return h.acceptedBy === null || !readers.includes(h.acceptedBy);
}

export const topicWords: Record<string, string> = { told: 'Told', worries: 'Worries', sensitivities: 'Sensitivities', next_step: 'Next step' };

/** "Luis Ortega", or "the next shift at Ward 6". */
export const addresseeWords = (h: { toStaffName: string | null; toLocationName: string | null }): string =>
  h.toStaffName ?? (h.toLocationName ? `the next shift at ${h.toLocationName}` : 'the next shift');

/** One line of a hand-off as the timeline reads it: "Worries: the sedation [private]". */
export const noteLine = (n: { topic: string; body: string; sensitivity: string }): string =>
  `${topicWords[n.topic] ?? n.topic}: ${n.body.trim()}${n.sensitivity === 'private' ? ' [private]' : ''}`;

/** Audit snapshots of what a person reads as authorship: not the derived joins. */
export const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
