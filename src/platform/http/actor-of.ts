import type { FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';
import { unauthorized } from './problem.js';

/** The signed-in actor of a non-public route (the access hook guarantees one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}
