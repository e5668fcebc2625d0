import type { Db } from '../platform/database/connect.js';
import type { NewRow, RowUpdate } from '../platform/database/schema.js';
import type { KeepInTouchOut } from './contact-state-schemas.js';

/** The keep_in_touch fact: at most one cadence per customer. */

export const findKeepInTouch = (db: Db, customerId: string) =>
  db.selectFrom('keepInTouch').selectAll().where('customerId', '=', customerId).executeTakeFirst();

export const insertKeepInTouch = (db: Db, row: NewRow<'keepInTouch'>) => db.insertInto('keepInTouch').values(row).execute();

export const updateKeepInTouchRow = (db: Db, id: string, values: RowUpdate<'keepInTouch'>) =>
  db.updateTable('keepInTouch').set(values).where('id', '=', id).execute();

export const deleteKeepInTouchRow = (db: Db, id: string) => db.deleteFrom('keepInTouch').where('id', '=', id).execute();

/** Whether a staff member may keep in touch: an active person (not an integration). */
export async function activePerson(db: Db, staffId: string): Promise<boolean> {
  const row = await db.selectFrom('staff').select(['active', 'kind']).where('id', '=', staffId).executeTakeFirst();
  return Boolean(row?.active) && row?.kind === 'person';
}

/** A customer's cadence as it is now, with their contact state. */
export async function presentKeepInTouch(db: Db, customerId: string, now = new Date()): Promise<KeepInTouchOut> {
  const row = await db
    .selectFrom('customers as c')
    .leftJoin('keepInTouch as k', 'k.customerId', 'c.id')
    .leftJoin('staff as o', 'o.id', 'k.ownerId')
    .leftJoin('contactStates as s', 's.customerId', 'c.id')
    .select(['k.everyDays', 'k.ownerId', 'o.name as ownerName', 'k.createdAt as setAt', 's.lastContactAt', 's.keepDueAt', 's.waitingSince'])
    .where('c.id', '=', customerId)
    .executeTakeFirst();
  const dueAt = row?.keepDueAt ?? null;
  return {
    customerId,
    everyDays: row?.everyDays ?? null,
    ownerId: row?.ownerId ?? null,
    ownerName: row?.ownerName ?? null,
    setAt: row?.setAt ?? null,
    lastContactAt: row?.lastContactAt ?? null,
    dueAt,
    due: dueAt !== null && dueAt <= now.toISOString(),
    waitingSince: row?.waitingSince ?? null,
  };
}
