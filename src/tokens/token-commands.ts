import { recordAudit } from '../audit/audit-store.js';
import { sha256 } from '../auth/secrets.js';
import type { Db } from '../platform/database/connect.js';
import { newId } from '../platform/ids.js';
import { notFound, unprocessable } from '../platform/errors.js';
import { nowIso } from '../platform/time.js';
import type { WriteContext } from '../platform/write-context.js';
import { findStaffRow } from '../staff/staff-store.js';
import { newTokenSecret } from './token-rules.js';
import type { TokenCreate } from './token-schemas.js';
import { findToken, insertToken, markRevoked } from './token-store.js';

/** API tokens for integrations. The secret is returned once and stored only as its SHA-256. */

export async function createToken(db: Db, ctx: WriteContext, input: TokenCreate): Promise<{ id: string; secret: string }> {
  const staffId = input.staffId ?? ctx.actor?.staffId;
  if (!staffId) throw unprocessable('/body/staffId', 'is required when no staff member is signed in');
  const staff = await findStaffRow(db, staffId);
  if (!staff) throw unprocessable('/body/staffId', `staff member ${staffId} does not exist`);
  if (!staff.active) throw unprocessable('/body/staffId', `${staff.name}'s account is disabled`);
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
