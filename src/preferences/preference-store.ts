import type { ActorOrSystem } from '../platform/auth/actor.js';
import { visibleRows } from '../platform/auth/private-facts-sql.js';
import type { Db } from '../platform/database/connect.js';
import type { NewRow, Row, RowUpdate } from '../platform/database/schema.js';
import type { PreferenceOut } from './preference-schemas.js';

/** The only place preference rows are read and written. */

export const insertPreference = (db: Db, row: NewRow<'preferences'>) => db.insertInto('preferences').values(row).execute();

export const updatePreferenceRow = (db: Db, id: string, values: RowUpdate<'preferences'>) =>
  db.updateTable('preferences').set(values).where('id', '=', id).execute();

/** The preference, if this actor may read it: a private one someone may not read is as good as missing. */
export const findPreference = (db: Db, actor: ActorOrSystem, id: string) =>
  db.selectFrom('preferences as p').selectAll('p').where('p.id', '=', id).where(visibleRows(actor, 'preferences', 'p')).executeTakeFirst();

export const presentPreference = (row: Row<'preferences'>): PreferenceOut => ({
  id: row.id,
  customerId: row.customerId,
  topic: row.topic,
  preference: row.preference,
  provenance: row.provenance,
  sensitivity: row.sensitivity,
  audienceLocationId: row.audienceLocationId,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  createdBy: row.createdBy,
  updatedBy: row.updatedBy,
});

export interface PreferenceListQuery {
  customerId: string;
  /** The last preference of the previous page. */
  after: { createdAt: string; id: string } | null;
  limit: number;
}

/** A customer's preferences the actor may see, oldest first (the order they were learnt). */
export async function listPreferences(db: Db, actor: ActorOrSystem, query: PreferenceListQuery): Promise<PreferenceOut[]> {
  let select = db
    .selectFrom('preferences as p')
    .selectAll('p')
    .where('p.customerId', '=', query.customerId)
    .where(visibleRows(actor, 'preferences', 'p'));
  if (query.after) {
    const { createdAt, id } = query.after;
    select = select.where((eb) => eb.or([eb('p.createdAt', '>', createdAt), eb.and([eb('p.createdAt', '=', createdAt), eb('p.id', '>', id)])]));
  }
  const rows = await select.orderBy('p.createdAt').orderBy('p.id').limit(query.limit).execute();
  return rows.map(presentPreference);
}
