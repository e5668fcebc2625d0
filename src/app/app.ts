import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Config } from '../platform/config.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import { actorFromSession, actorFromToken } from '../auth/actor-store.js';
import { enforceAccess, type RouteAccess } from '../platform/http/access.js';
import { clientErrorHandler, errorHandler, frameworkErrors, notFoundHandler } from '../platform/http/error-handler.js';
import { parseJsonWithDepthLimit } from '../platform/http/json-body.js';
import { limitRefusals, rateLimitOptions } from '../platform/http/rate-limit.js';
import { apiRoutes } from './api-routes.js';
import type { App } from '../platform/http/types.js';
import { validatorCompiler } from '../platform/http/validation.js';
import { lazySerializers } from '../platform/http/serialization.js';
import { refuseNul } from '../platform/http/nul-guard.js';
import { defaultWebRoot, webApp } from '../platform/http/web-app.js';
import { StaffEventHub } from '../platform/events/staff-events.js';

export interface AppOptions {
  config: Config;
  database: DatabaseHandle;
  logger?: FastifyServerOptions['logger'];
  /** Requests per minute per caller (see platform/http/rate-limit.ts); config.rateLimitPerMinute unless given (tests raise it). */
  rateLimitPerMinute?: number;
  /** The built web app (web/dist); null serves the API only. */
  webRoot?: string | null;
}

/** Redact anything secret before it reaches a log line. */
export const logRedactions = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

export async function buildApp(options: AppOptions): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? { level: options.config.logLevel, redact: logRedactions },
    bodyLimit: 1024 * 1024,
    trustProxy: options.config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    // Errors written by the router and by Node's HTTP parser are problem+json too.
    frameworkErrors,
    clientErrorHandler,
    // Response serializers are compiled on first use (platform/http/serialization.ts), as validators are.
    schemaController: { compilersFactory: { buildSerializer: lazySerializers } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('database', options.database);
  app.decorate('db', options.database.db);
  app.decorate('config', options.config);
  app.decorate('events', new StaffEventHub(options.database, app.log));
  // Open event streams end before the server waits for requests in flight to finish.
  app.addHook('preClose', async () => app.events.close());
  app.setValidatorCompiler(validatorCompiler);
  // The API speaks JSON only: anything else is 415, not a string to validate.
  app.removeContentTypeParser('text/plain');
  parseJsonWithDepthLimit(app);
  app.addHook('preValidation', refuseNul);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        // Only behind HTTPS: on a plain-http address in a shop's own network it would break every asset.
        upgradeInsecureRequests: options.config.secureCookies ? [] : null,
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, rateLimitOptions(options.rateLimitPerMinute ?? options.config.rateLimitPerMinute));
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Rapport API',
        version: '1',
        description: 'A relationship-first CRM. Sign in with a session cookie or send `Authorization: Bearer <token>`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'rapport_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
  });

  await app.register(async (docs) => {
    docs.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    await docs.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  });

  const routeAccess: RouteAccess[] = [];
  app.decorate('routeAccess', routeAccess);
  await app.register(
    async (api) => {
      enforceAccess(api, routeAccess, { fromSession: actorFromSession, fromToken: actorFromToken }, limitRefusals(app));
      await api.register(apiRoutes);
    },
    { prefix: '/api/v1' },
  );

  // The web app, in its own scope outside /api/v1: static files and the single-page fallback.
  if (options.webRoot !== null) await app.register(webApp, { root: options.webRoot ?? defaultWebRoot });

  return app;
}
