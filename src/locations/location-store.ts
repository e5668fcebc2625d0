import type { Db } from '../platform/database/connect.js';
import type { NewRow, RowUpdate } from '../platform/database/schema.js';

/** The only place location rows are read and written. */

export const findLocation = (db: Db, id: string) => db.selectFrom('locations').selectAll().where('id', '=', id).executeTakeFirst();

export const insertLocation = (db: Db, row: NewRow<'locations'>) => db.insertInto('locations').values(row).execute();

export const updateLocationRow = (db: Db, id: string, values: RowUpdate<'locations'>) =>
  db.updateTable('locations').set(values).where('id', '=', id).execute();

/** Locations are few (branches, not customers): the names are compared in code, case-insensitively. */
export const allLocationNames = (db: Db) => db.selectFrom('locations').select(['id', 'name']).execute();

export const listLocationPage = (db: Db, after: { name: string; id: string } | null, limit: number) => {
  let query = db.selectFrom('locations').selectAll();
  if (after) {
    query = query.where((eb) => eb.or([eb('name', '>', after.name), eb.and([eb('name', '=', after.name), eb('id', '>', after.id)])]));
  }
  return query.orderBy('name').orderBy('id').limit(limit).execute();
};
