import type { Db } from '../platform/database/connect.js';
import { nowIso } from '../platform/time.js';

/** Small admin settings, one JSON value per key; the only place the settings table is read and written. */

export async function readSetting<T>(db: Db, key: string, fallback: T): Promise<T> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : fallback;
}

export async function writeSetting(db: Db, key: string, value: unknown, staffId: string | null): Promise<void> {
  const values = { value: JSON.stringify(value), updatedAt: nowIso(), updatedBy: staffId };
  await db
    .insertInto('settings')
    .values({ key, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet(values))
    .execute();
}
