import { recordAudit } from '../audit/audit-store.js';
import { sha256 } from '../auth/secrets.js';
import type { Db } from '../platform/database/connect.js';
import { newId } from '../platform/ids.js';
import { notFound, unprocessable } from '../platform/errors.js';
import { nowIso } from '../platform/time.js';
import type { ActorOrSystem } from '../platform/auth/actor.js';
import type { WriteContext } from '../platform/write-context.js';
import { findStaffRow } from '../staff/staff-store.js';
import { newTokenSecret, tokenOwnerProblem } from './token-rules.js';
import type { TokenCreate } from './token-schemas.js';
import { findToken, insertToken, liveTokenIdsOf, markRevoked } from './token-store.js';

/** API tokens for integrations. The secret is returned once and stored only as its SHA-256. */

export async function createToken(db: Db, ctx: WriteContext, input: TokenCreate): Promise<{ id: string; secret: string }> {
  const creatorId = ctx.actor?.staffId;
  if (!creatorId) throw unprocessable('/body/staffId', 'a token is made by a person signed in');
  const staffId = input.staffId ?? creatorId;
  const problem = tokenOwnerProblem(creatorId, await findStaffRow(db, staffId), staffId);
  if (problem) throw unprocessable('/body/staffId', problem);
  const id = newId();
  const secret = newTokenSecret();
  const row = { id, name: input.name.trim(), scope: input.scope, staffId, createdAt: nowIso(), createdBy: ctx.actor?.staffId ?? null };
  await insertToken(db, { ...row, tokenHash: sha256(secret), lastUsedAt: null, revokedAt: null });
  // The audit row describes the token, never its secret or hash.
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'api_token', entityId: id, after: row });
  return { id, secret };
}

/** Revoking is final and idempotent: a revoked token answers 401 from then on. */
export async function revokeToken(db: Db, ctx: WriteContext, id: string): Promise<void> {
  const token = await findToken(db, id);
  if (!token) throw notFound(`API token ${id}`);
  if (token.revokedAt) return;
  const at = nowIso();
  await markRevoked(db, id, at);
  await recordAudit(db, ctx.actor, { action: 'revoke', entityType: 'api_token', entityId: id, before: { revokedAt: null }, after: { revokedAt: at } });
}

/**
 * Revokes every working token of an account, each audited: when the account is disabled or its password
 * is changed or reset, whatever was made with the old access stops. Answers how many were revoked.
 */
export async function revokeTokensOf(db: Db, actor: ActorOrSystem, staffId: string): Promise<number> {
  const ids = await liveTokenIdsOf(db, staffId);
  const at = nowIso();
  for (const id of ids) {
    await markRevoked(db, id, at);
    await recordAudit(db, actor, { action: 'revoke', entityType: 'api_token', entityId: id, before: { revokedAt: null }, after: { revokedAt: at } });
  }
  return ids.length;
}
