import type { Db } from '../platform/database/connect.js';
import { nowIso } from '../platform/time.js';
import { randomSecret, sha256 } from './secrets.js';
import { sessionAbsoluteMs } from './session-rules.js';

export interface NewSession {
  /** Goes in the cookie; only its hash is stored. */
  cookieValue: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function startSession(db: Db, staffId: string, ip: string | null, userAgent: string | null): Promise<NewSession> {
  const cookieValue = randomSecret();
  const csrfToken = randomSecret();
  const now = nowIso();
  const expiresAt = new Date(Date.now() + sessionAbsoluteMs);
  await db
    .insertInto('sessions')
    .values({ id: sha256(cookieValue), staffId, csrfToken, createdAt: now, lastSeenAt: now, expiresAt: expiresAt.toISOString(), ip, userAgent: userAgent?.slice(0, 300) ?? null })
    .execute();
  // Expired sessions of this account are swept at each sign-in.
  await db.deleteFrom('sessions').where('staffId', '=', staffId).where('expiresAt', '<', now).execute();
  return { cookieValue, csrfToken, expiresAt };
}

export const endSession = (db: Db, cookieValue: string) => db.deleteFrom('sessions').where('id', '=', sha256(cookieValue)).execute();

/** Signs an account out everywhere (disabled, or its password changed or reset); answers how many sessions ended. */
export async function endSessionsOf(db: Db, staffId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('staffId', '=', staffId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
