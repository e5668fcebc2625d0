import type { Db } from '../platform/database/connect.js';
import { preparedQuery } from '../platform/database/prepared-query.js';
import { unprocessable } from '../platform/errors.js';

/** Checks that a staff member or location named in a request exists (422 naming the field if not). */

// Nearly every write checks one of these: built once (prepared-query.ts).
const staffQuery = preparedQuery((db, p: { id: string }) => db.selectFrom('staff').select('id').where('id', '=', p.id));
const locationQuery = preparedQuery((db, p: { id: string }) => db.selectFrom('locations').select('id').where('id', '=', p.id));
const customerQuery = preparedQuery((db, p: { id: string }) => db.selectFrom('customers').select('id').where('id', '=', p.id).where('erasedAt', 'is', null));

export const staffExists = async (db: Db, id: string): Promise<boolean> => (await staffQuery.executeTakeFirst(db, { id })) !== undefined;

export const locationExists = async (db: Db, id: string): Promise<boolean> => (await locationQuery.executeTakeFirst(db, { id })) !== undefined;

export async function ensureLocation(db: Db, locationId: string | null | undefined, path: string): Promise<void> {
  if (locationId && !(await locationExists(db, locationId))) throw unprocessable(path, `location ${locationId} does not exist`);
}

export async function ensureStaff(db: Db, staffId: string | null | undefined, path: string): Promise<void> {
  if (staffId && !(await staffExists(db, staffId))) throw unprocessable(path, `staff member ${staffId} does not exist`);
}

export async function ensureCustomer(db: Db, customerId: string, path: string): Promise<void> {
  const found = await customerQuery.executeTakeFirst(db, { id: customerId });
  if (!found) throw unprocessable(path, `customer ${customerId} does not exist`);
}
