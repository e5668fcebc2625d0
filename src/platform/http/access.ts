import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';
import { hasRole } from '../auth/roles.js';
import { forbidden, unauthorized } from '../errors.js';
import type { Access, App } from './types.js';

export const sessionCookie = 'rapport_session';
export const csrfHeader = 'x-csrf-token';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** One row of the route table: what the access hook saw registered, for tests and reviews to walk. */
export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

/**
 * Makes every route in this scope declare who may call it, and enforces it.
 * A route without `config.access` fails at registration, so no endpoint is open by omission.
 * Every route seen is appended to `table` (HEAD routes that Fastify adds for GET are left out).
 */
/** How a request's credentials become an actor: given by the application (auth/actor-store.ts). */
export interface Authenticator {
  fromToken(db: App['db'], bearer: string): Promise<Actor | null>;
  fromSession(db: App['db'], cookie: string): Promise<{ actor: Actor; csrfToken: string } | null>;
}

const nobody: Authenticator = { fromToken: async () => null, fromSession: async () => null };

/**
 * Called when the access hook refuses a request (401 or 403), before the refusal is sent; it may throw
 * instead (the rate limit answers 429 to an address that keeps being refused).
 */
export type OnRefused = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export function enforceAccess(app: App, table: RouteAccess[] = [], authenticator: Authenticator = nobody, onRefused?: OnRefused): RouteAccess[] {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access) {
      throw new Error(`${String(route.method)} ${route.url} must declare config.access (public or a role)`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') table.push({ method, url: route.url, access });
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (access === 'public') return;
    try {
      if (!access) throw forbidden();
      const actor = await authenticate(app, authenticator, request);
      if (!actor) throw unauthorized();
      if (!hasRole(actor.actor.role, access)) throw forbidden(`This needs the ${access} role or higher.`);
      if (!safeMethods.has(request.method) && !actor.actor.canWrite) throw forbidden('This API token is read-only.');
      request.actor = actor.actor;
      request.csrfToken = actor.csrfToken;
    } catch (error) {
      await onRefused?.(request, reply);
      throw error;
    }
  });
  return table;
}

async function authenticate(app: App, authenticator: Authenticator, request: FastifyRequest): Promise<{ actor: Actor; csrfToken: string | null } | null> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const actor = match?.[1] ? await authenticator.fromToken(app.db, match[1]) : null;
    return actor ? { actor, csrfToken: null } : null;
  }
  const cookie = request.cookies[sessionCookie];
  if (!cookie) return null;
  const found = await authenticator.fromSession(app.db, cookie);
  if (!found) return null;
  // Cookies ride along with cross-site requests; a write must also prove it came from our own page.
  if (!safeMethods.has(request.method) && request.headers[csrfHeader] !== found.csrfToken) {
    throw forbidden(`Send the ${csrfHeader} header from /api/v1/auth/me with every change.`);
  }
  return { actor: found.actor, csrfToken: found.csrfToken };
}
