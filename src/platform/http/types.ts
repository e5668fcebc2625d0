import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Actor } from '../auth/actor.js';
import type { Role } from '../auth/roles.js';
import type { Config } from '../config.js';
import type { DatabaseHandle, Db } from '../database/connect.js';
import type { RouteAccess } from './access.js';
import type { StaffEventHub } from '../events/staff-events.js';

/**
 * Who may call a route. Every route under /api/v1 declares one; registration fails without it.
 * 'public' needs no credentials; a role means a signed-in staff member (or token) with at least that role.
 */
export type Access = 'public' | Role;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    /** Set by the access hook for every route that is not public. */
    actor: Actor | null;
    /** The session's CSRF token when signed in with a cookie. */
    csrfToken: string | null;
  }
  interface FastifyInstance {
    db: Db;
    database: DatabaseHandle;
    config: Config;
    /** Every route under /api/v1 with the access it declared (filled in as routes register). */
    routeAccess: readonly RouteAccess[];
    /** Events for staff members' open web apps (server-sent events, src/platform/events/). */
    events: StaffEventHub;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
