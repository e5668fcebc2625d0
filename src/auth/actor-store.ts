import type { Db } from '../platform/database/connect.js';
import type { Actor } from '../platform/auth/actor.js';
import { preparedQuery } from '../platform/database/prepared-query.js';
import { nowIso } from '../platform/time.js';
import { sha256 } from './secrets.js';
import { sessionIsLive, sessionNeedsTouch } from './session-rules.js';

/** Queries that turn a cookie or a bearer token into the actor behind it. */

// Every request reads these two: they are built once (prepared-query.ts).
const locationsQuery = preparedQuery((db, p: { staffId: string }) => db.selectFrom('staffLocations').select('locationId').where('staffId', '=', p.staffId));

async function locationsOf(db: Db, staffId: string): Promise<string[]> {
  const rows = await locationsQuery.execute(db, { staffId });
  return rows.map((r) => r.locationId);
}

const sessionQuery = preparedQuery((db, p: { sessionId: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('staff', 'staff.id', 'sessions.staffId')
    .select([
      'sessions.id',
      'sessions.csrfToken',
      'sessions.createdAt',
      'sessions.lastSeenAt',
      'sessions.expiresAt',
      'staff.id as staffId',
      'staff.name',
      'staff.role',
      'staff.active',
    ])
    .where('sessions.id', '=', p.sessionId),
);

export interface SessionActor {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
}

export async function actorFromSession(db: Db, cookieValue: string, now = new Date()): Promise<SessionActor | null> {
  const sessionId = sha256(cookieValue);
  const row = await sessionQuery.executeTakeFirst(db, { sessionId });
  if (!row || !row.active || !sessionIsLive(row, now)) return null;
  if (sessionNeedsTouch(row, now)) {
    await db.updateTable('sessions').set({ lastSeenAt: nowIso() }).where('id', '=', sessionId).execute();
  }
  return {
    sessionId,
    csrfToken: row.csrfToken,
    actor: {
      staffId: row.staffId,
      name: row.name,
      role: row.role,
      locationIds: await locationsOf(db, row.staffId),
      via: 'session',
      tokenId: null,
      canWrite: true,
    },
  };
}

export async function actorFromToken(db: Db, bearer: string, now = new Date()): Promise<Actor | null> {
  const row = await db
    .selectFrom('apiTokens')
    .innerJoin('staff', 'staff.id', 'apiTokens.staffId')
    .select(['apiTokens.id', 'apiTokens.scope', 'apiTokens.lastUsedAt', 'staff.id as staffId', 'staff.name', 'staff.role', 'staff.active'])
    .where('apiTokens.tokenHash', '=', sha256(bearer))
    .where('apiTokens.revokedAt', 'is', null)
    .executeTakeFirst();
  if (!row || !row.active) return null;
  if (!row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) >= 60_000) {
    await db.updateTable('apiTokens').set({ lastUsedAt: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return {
    staffId: row.staffId,
    name: row.name,
    role: row.role,
    locationIds: await locationsOf(db, row.staffId),
    via: 'token',
    tokenId: row.id,
    canWrite: row.scope === 'read_write',
  };
}

/**
 * A staff member as the actor of background work they asked for (an import they committed): their
 * role and locations as they are now; null when the account is gone or disabled (the work stops).
 */
export async function actorOfStaff(db: Db, staffId: string): Promise<Actor | null> {
  const staff = await db.selectFrom('staff').select(['id', 'name', 'role', 'active']).where('id', '=', staffId).executeTakeFirst();
  if (!staff || !staff.active) return null;
  return { staffId: staff.id, name: staff.name, role: staff.role, locationIds: await locationsOf(db, staff.id), via: 'session', tokenId: null, canWrite: true };
}
