import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../errors.js';

/**
 * The API's rate limit: at most `RAPPORT_RATE_LIMIT` requests a minute (config.rateLimitPerMinute)
 * for each caller. A signed-in caller is counted by account (every session of one staff member
 * shares a budget) and an API token by token, so an integration syncing a till never eats the
 * budget of the shop floor behind the same NAT address; anyone else is counted by address
 * (request.ip, which honours RAPPORT_TRUST_PROXY). The health check is never limited
 * (`config: { rateLimit: false }`), so a load balancer never takes a busy but healthy server out.
 *
 * The counters live in this process's memory: the limit is per server process, and N processes
 * behind a load balancer allow a caller up to N times the budget. By design for now.
 */
export function rateLimitKey(request: FastifyRequest): string {
  // Outside /api/v1 the access hook never runs and request.actor is not even decorated.
  const actor = request.actor as FastifyRequest['actor'] | undefined;
  if (actor?.via === 'token' && actor.tokenId) return `token:${actor.tokenId}`;
  if (actor) return `staff:${actor.staffId}`;
  return `address:${request.ip}`;
}

const tooManyRequests = (max: number, after: string) =>
  new DomainError('too_many', 'Too many requests', `More than ${max} requests in a minute; try again in ${after}.`);

/**
 * Options for @fastify/rate-limit. The check runs in `preParsing`: after the access hook has set
 * request.actor in `onRequest` (so it can key on it), before the body is read, parsed and validated
 * (so a flood of bad bodies is counted too). A 429 is problem+json and carries Retry-After.
 */
export function rateLimitOptions(max: number): RateLimitPluginOptions {
  return {
    max,
    timeWindow: '1 minute',
    hook: 'preParsing',
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (_request, context) => tooManyRequests(context.max, context.after),
  };
}

/**
 * For the access hook: a request refused before it has an actor (no credentials, a wrong token or
 * cookie, a missing CSRF header, too low a role) never reaches the per-route check, so it is counted
 * here against its address, in the same counters, and answered 429 once that address is over.
 */
export function limitRefusals(app: FastifyInstance): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const limit = app.createRateLimit();
  return async (request, reply) => {
    const result = await limit(request);
    if (result.isAllowed || !result.isExceeded) return;
    void reply.header('retry-after', result.ttlInSeconds);
    throw tooManyRequests(result.max, `${result.ttlInSeconds} seconds`);
  };
}
