export const roles = ['frontline', 'manager', 'admin'] as const;
export type Role = (typeof roles)[number];

const rank: Record<Role, number> = { frontline: 1, manager: 2, admin: 3 };

/** Roles are nested: a manager may do what frontline staff may, an admin what a manager may. */
export const hasRole = (role: Role, atLeast: Role): boolean => rank[role] >= rank[atLeast];
