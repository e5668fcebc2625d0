import type { Db } from '../platform/database/connect.js';
import { unprocessable } from '../platform/errors.js';

/** Checks that a staff member or location named in a request exists (422 naming the field if not). */

export const staffExists = async (db: Db, id: string): Promise<boolean> =>
  (await db.selectFrom('staff').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

export const locationExists = async (db: Db, id: string): Promise<boolean> =>
  (await db.selectFrom('locations').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

export async function ensureLocation(db: Db, locationId: string | null | undefined, path: string): Promise<void> {
  if (locationId && !(await locationExists(db, locationId))) throw unprocessable(path, `location ${locationId} does not exist`);
}

export async function ensureStaff(db: Db, staffId: string | null | undefined, path: string): Promise<void> {
  if (staffId && !(await staffExists(db, staffId))) throw unprocessable(path, `staff member ${staffId} does not exist`);
}

export async function ensureCustomer(db: Db, customerId: string, path: string): Promise<void> {
  const found = await db.selectFrom('customers').select('id').where('id', '=', customerId).where('erasedAt', 'is', null).executeTakeFirst();
  if (!found) throw unprocessable(path, `customer ${customerId} does not exist`);
}
