import type { Db } from '../platform/database/connect.js';
import type { NewRow, Row, RowUpdate } from '../platform/database/schema.js';
import type { Holiday, Week } from './location-calendar-rules.js';
import type { LocationOut } from './location-schemas.js';

/** The only place location rows and their holidays are read and written. */

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

/** Weekly hours are stored as one small JSON document (always read, checked and replaced whole). */
export const weekOfRow = (row: { openingHours: string | null }): Week | null => (row.openingHours ? (JSON.parse(row.openingHours) as Week) : null);
export const weekToColumn = (week: Week | null): string | null => (week ? JSON.stringify(week) : null);

/** The holidays of some locations, by date. */
export const holidaysOf = (db: Db, locationIds: string[]) =>
  locationIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('locationHolidays').select(['locationId', 'date', 'name']).where('locationId', 'in', locationIds).orderBy('date').execute();

/** Replaces every holiday of a location (inside the caller's transaction). */
export async function replaceHolidays(db: Db, locationId: string, holidays: Holiday[]): Promise<void> {
  await db.deleteFrom('locationHolidays').where('locationId', '=', locationId).execute();
  if (holidays.length) await db.insertInto('locationHolidays').values(holidays.map((h) => ({ locationId, date: h.date, name: h.name }))).execute();
}

/** One location's holidays between two dates (inclusive, either open), by date: the index range (location_id, date). */
export function listHolidayPage(db: Db, locationId: string, range: { from?: string | undefined; to?: string | undefined }, after: string | null, limit: number) {
  let query = db.selectFrom('locationHolidays').select(['date', 'name']).where('locationId', '=', locationId);
  if (range.from) query = query.where('date', '>=', range.from);
  if (range.to) query = query.where('date', '<=', range.to);
  if (after) query = query.where('date', '>', after);
  return query.orderBy('date').limit(limit).execute();
}

/** Locations as the API shows them: the row, its weekly hours and all its holidays. */
export async function presentLocations(db: Db, rows: Row<'locations'>[]): Promise<LocationOut[]> {
  const holidays = await holidaysOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map(({ openingHours, ...row }) => ({
    ...row,
    openingHours: weekOfRow({ openingHours }),
    holidays: holidays.filter((h) => h.locationId === row.id).map(({ date, name }) => ({ date, name })),
  }));
}

export async function loadLocation(db: Db, id: string): Promise<LocationOut | undefined> {
  const row = await findLocation(db, id);
  return row ? (await presentLocations(db, [row]))[0] : undefined;
}
