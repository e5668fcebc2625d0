import type { FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';
import { forbidden, unauthorized } from '../errors.js';

/** The signed-in actor of a non-public route (the access hook guarantees one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

/**
 * Route hook for changing who may use Rapport (staff accounts, API tokens): a person signed in,
 * never an API token, so that a leaked integration token cannot mint more access.
 */
export async function personOnly(request: FastifyRequest): Promise<void> {
  if (actorOf(request).via !== 'session') {
    throw forbidden('Staff accounts and API tokens are managed by a person signed in, not with an API token.');
  }
}
