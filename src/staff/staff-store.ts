import type { Db } from '../platform/database/connect.js';
import type { Row } from '../platform/database/schema.js';
import { hasPassword } from '../auth/secrets.js';
import type { StaffOut } from './staff-schemas.js';
import { presentedEmail } from './staff-rules.js';

export const normalizeStaffEmail = (email: string): string => email.trim().toLowerCase();

/** People only: an integration's internal handle is never matched, so it can never be used to sign in. */
export const findStaffByEmail = (db: Db, email: string) =>
  db.selectFrom('staff').selectAll().where('email', '=', normalizeStaffEmail(email)).where('kind', '=', 'person').executeTakeFirst();

export const findStaffByExtension = (db: Db, extension: string) =>
  db.selectFrom('staff').select(['id', 'name']).where('phoneExtension', '=', extension).executeTakeFirst();

export const findStaffRow = (db: Db, id: string) => db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();

export const countStaff = async (db: Db): Promise<number> =>
  Number((await db.selectFrom('staff').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** Admins who can sign in and administer: people, not integrations. */
export const countActiveAdmins = async (db: Db): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('staff')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('role', '=', 'admin')
        .where('active', '=', true)
        .where('kind', '=', 'person')
        .executeTakeFirstOrThrow()
    ).n,
  );

export async function replaceStaffLocations(db: Db, staffId: string, locationIds: string[]): Promise<void> {
  await db.deleteFrom('staffLocations').where('staffId', '=', staffId).execute();
  if (locationIds.length > 0) {
    await db.insertInto('staffLocations').values([...new Set(locationIds)].map((locationId) => ({ staffId, locationId }))).execute();
  }
}

/** Presenter: the password hash never leaves this function, nor an integration's internal handle. */
export async function presentStaff(db: Db, rows: Row<'staff'>[]): Promise<StaffOut[]> {
  if (rows.length === 0) return [];
  const links = await db.selectFrom('staffLocations').selectAll().where('staffId', 'in', rows.map((r) => r.id)).execute();
  return rows.map(({ passwordHash, active, email, ...row }) => ({
    ...row,
    email: presentedEmail({ kind: row.kind, email }),
    active: Boolean(active),
    hasPassword: hasPassword(passwordHash),
    locationIds: links.filter((l) => l.staffId === row.id).map((l) => l.locationId),
  }));
}

export async function loadStaff(db: Db, id: string): Promise<StaffOut | null> {
  const row = await findStaffRow(db, id);
  return row ? ((await presentStaff(db, [row]))[0] ?? null) : null;
}

export const listStaffRows = (db: Db) => db.selectFrom('staff').selectAll().orderBy('name').orderBy('id').execute();

/** One page of staff by name, then id, after the given key. */
export const listStaffPage = (db: Db, after: { name: string; id: string } | null, limit: number) => {
  let query = db.selectFrom('staff').selectAll();
  if (after) {
    query = query.where((eb) => eb.or([eb('name', '>', after.name), eb.and([eb('name', '=', after.name), eb('id', '>', after.id)])]));
  }
  return query.orderBy('name').orderBy('id').limit(limit).execute();
};

/** A staff member's locations, by name (the first is "their" location when one is needed). */
export const staffLocationIds = async (db: Db, staffId: string): Promise<string[]> =>
  (
    await db
      .selectFrom('staffLocations as sl')
      .innerJoin('locations as l', 'l.id', 'sl.locationId')
      .select('l.id')
      .where('sl.staffId', '=', staffId)
      .orderBy('l.name')
      .orderBy('l.id')
      .execute()
  ).map((r) => r.id);
