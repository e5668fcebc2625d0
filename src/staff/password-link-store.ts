import type { Db } from '../platform/database/connect.js';
import type { NewRow } from '../platform/database/schema.js';

/** The only place one-time password links are read and written. Rows hold the secret's SHA-256, never the secret. */

export const insertPasswordLink = (db: Db, row: NewRow<'passwordLinks'>) => db.insertInto('passwordLinks').values(row).execute();

/** The link with this hash and the account it is for. */
export const findPasswordLink = (db: Db, tokenHash: string) =>
  db
    .selectFrom('passwordLinks')
    .innerJoin('staff', 'staff.id', 'passwordLinks.staffId')
    .select(['passwordLinks.id', 'passwordLinks.staffId', 'passwordLinks.purpose', 'passwordLinks.expiresAt', 'staff.kind', 'staff.active', 'staff.passwordHash'])
    .where('passwordLinks.tokenHash', '=', tokenHash)
    .executeTakeFirst();

/** Uses a link up: true only for the one caller that deleted it, so two requests cannot both use it. */
export async function consumePasswordLink(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('passwordLinks').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Voids every outstanding link of an account (a new link, a new password, disabling); also sweeps expired links. */
export async function voidPasswordLinks(db: Db, staffId: string, now: string): Promise<void> {
  await db.deleteFrom('passwordLinks').where('staffId', '=', staffId).execute();
  await db.deleteFrom('passwordLinks').where('expiresAt', '<', now).execute();
}
