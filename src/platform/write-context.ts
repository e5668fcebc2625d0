import type { FastifyRequest } from 'fastify';
import type { ActorOrSystem } from './auth/actor.js';

/** What every write needs besides its input: who is writing, and how to read local phone numbers. */
export interface WriteContext {
  actor: ActorOrSystem;
  phoneRegion: string;
}

export const writeContextOf = (request: FastifyRequest): WriteContext => ({
  actor: request.actor,
  phoneRegion: request.server.config.phoneRegion,
});
