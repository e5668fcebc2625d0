import type { Db } from '../platform/database/connect.js';
import type { NewRow } from '../platform/database/schema.js';
import type { TokenOut } from './token-schemas.js';

/** The only place API token rows are read and written. The hash column is never selected for output. */

const columns = [
  'apiTokens.id',
  'apiTokens.name',
  'apiTokens.scope',
  'apiTokens.staffId',
  'staff.name as staffName',
  'staff.kind as staffKind',
  'apiTokens.createdAt',
  'apiTokens.createdBy',
  'apiTokens.lastUsedAt',
  'apiTokens.revokedAt',
] as const;

const selectTokens = (db: Db) => db.selectFrom('apiTokens').innerJoin('staff', 'staff.id', 'apiTokens.staffId').select(columns);

export const insertToken = (db: Db, row: NewRow<'apiTokens'>) => db.insertInto('apiTokens').values(row).execute();

export const findToken = (db: Db, id: string): Promise<TokenOut | undefined> => selectTokens(db).where('apiTokens.id', '=', id).executeTakeFirst();

/** Newest first (ids are UUIDv7, so they sort by creation time). */
export const listTokenPage = (db: Db, beforeId: string | null, limit: number): Promise<TokenOut[]> => {
  let query = selectTokens(db);
  if (beforeId) query = query.where('apiTokens.id', '<', beforeId);
  return query.orderBy('apiTokens.id', 'desc').limit(limit).execute();
};

export const markRevoked = (db: Db, id: string, at: string) =>
  db.updateTable('apiTokens').set({ revokedAt: at }).where('id', '=', id).where('revokedAt', 'is', null).execute();

/** The tokens of one account that still work. */
export const liveTokenIdsOf = async (db: Db, staffId: string): Promise<string[]> =>
  (await db.selectFrom('apiTokens').select('id').where('staffId', '=', staffId).where('revokedAt', 'is', null).orderBy('id').execute()).map((r) => r.id);
