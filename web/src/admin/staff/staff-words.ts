import type { Location, Role, StaffMember } from '../../api/types';

/** How the staff screens name roles, states and places. */

export const roles: { value: Role; label: string; hint: string }[] = [
  { value: 'frontline', label: 'Frontline', hint: 'looks customers up and logs what happens' },
  { value: 'manager', label: 'Manager', hint: 'also deletes records logged in error and sees private facts at their locations' },
  { value: 'admin', label: 'Admin', hint: 'also manages staff, tokens, locations and the audit trail' },
];

export const roleLabel = (role: Role) => roles.find((r) => r.value === role)?.label ?? role;

export function statusOf(staff: StaffMember): string {
  if (!staff.active) return 'Disabled';
  if (staff.kind === 'person' && !staff.hasPassword) return 'Waiting for a password';
  return 'Active';
}

export function placesOf(staff: StaffMember, locations: Location[]): string {
  if (staff.locationIds.length === 0) return 'None';
  const names = new Map(locations.map((l) => [l.id, l.name]));
  return staff.locationIds.map((id) => names.get(id) ?? 'Unknown location').join(', ');
}

/** "Fri 12 Dec, 14:00": when a link stops working. */
export const until = (iso: string) => new Date(iso).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
