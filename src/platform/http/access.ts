import type { FastifyRequest } from 'fastify';
import { actorFromSession, actorFromToken } from '../../auth/actor-store.js';
import type { Actor } from '../auth/actor.js';
import { hasRole } from '../auth/roles.js';
import { forbidden, unauthorized } from './problem.js';
import type { App } from './types.js';

export const sessionCookie = 'rapport_session';
export const csrfHeader = 'x-csrf-token';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Makes every route in this scope declare who may call it, and enforces it.
 * A route without `config.access` fails at registration, so no endpoint is open by omission.
 */
export function enforceAccess(app: App): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRoute', (route) => {
    if (!route.config?.access) {
      throw new Error(`${String(route.method)} ${route.url} must declare config.access (public or a role)`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === 'public') return;
    if (!access) throw forbidden();
    const actor = await authenticate(app, request);
    if (!actor) throw unauthorized();
    if (!hasRole(actor.actor.role, access)) throw forbidden(`This needs the ${access} role or higher.`);
    if (!safeMethods.has(request.method) && !actor.actor.canWrite) throw forbidden('This API token is read-only.');
    request.actor = actor.actor;
    request.csrfToken = actor.csrfToken;
  });
}

async function authenticate(app: App, request: FastifyRequest): Promise<{ actor: Actor; csrfToken: string | null } | null> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const actor = match?.[1] ? await actorFromToken(app.db, match[1]) : null;
    return actor ? { actor, csrfToken: null } : null;
  }
  const cookie = request.cookies[sessionCookie];
  if (!cookie) return null;
  const found = await actorFromSession(app.db, cookie);
  if (!found) return null;
  // Cookies ride along with cross-site requests; a write must also prove it came from our own page.
  if (!safeMethods.has(request.method) && request.headers[csrfHeader] !== found.csrfToken) {
    throw forbidden(`Send the ${csrfHeader} header from /api/v1/auth/me with every change.`);
  }
  return { actor: found.actor, csrfToken: found.csrfToken };
}
