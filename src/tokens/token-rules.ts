import { randomSecret } from '../auth/secrets.js';

/** Tokens start with a fixed prefix so that secret scanners and people can tell what a leaked string is. */
export const tokenPrefix = 'rpt_';

export const newTokenSecret = (): string => `${tokenPrefix}${randomSecret()}`;

/**
 * A token acts only as the person who creates it, or as an integration account an admin made for a
 * system. The reason it may not, or null when it may. `target` is the account asked for (undefined: none).
 */
export function tokenOwnerProblem(creatorId: string, target: { id: string; kind: string; active: unknown; name: string } | undefined, askedId: string): string | null {
  if (!target) return `staff member ${askedId} does not exist`;
  if (target.id !== creatorId && target.kind !== 'integration') {
    return `a token acts only as the person who creates it, or as an integration account; ${target.name} is a person, so leave staffId out to make one for yourself, or add an integration for the system that needs it`;
  }
  if (!target.active) return `${target.name}'s account is disabled`;
  return null;
}
