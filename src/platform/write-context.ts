import type { FastifyRequest } from 'fastify';
import type { ActorOrSystem } from './auth/actor.js';
import { nowIso } from './time.js';

/** What every write needs besides its input: who is writing, and how to read local phone numbers. */
export interface WriteContext {
  actor: ActorOrSystem;
  phoneRegion: string;
}

export const writeContextOf = (request: FastifyRequest): WriteContext => ({
  actor: request.actor,
  phoneRegion: request.server.config.phoneRegion,
});

/** Where a row came from when another system holds it too: the system (pos, newsletter) and its id there. */
export interface SourceRecord {
  source: string;
  sourceRecordId: string | null;
}

/** The authorship columns of a new row: created and last changed, by whom and when. */
export function authored(ctx: WriteContext, now: string = nowIso()) {
  const by = ctx.actor?.staffId ?? null;
  return { createdAt: now, updatedAt: now, createdBy: by, updatedBy: by };
}

/** The authorship columns of a changed row. */
export const touched = (ctx: WriteContext) => ({ updatedAt: nowIso(), updatedBy: ctx.actor?.staffId ?? null });
