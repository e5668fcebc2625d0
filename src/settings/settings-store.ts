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

/**
 * A setting made once and then kept (a server key): the stored value, or `initial()` stored first.
 * Two processes racing both end with the one value that was stored first.
 */
export async function settingOrCreate<T>(db: Db, key: string, initial: () => T): Promise<T> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (row) return JSON.parse(row.value) as T;
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(initial()), updatedAt: nowIso(), updatedBy: null })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const stored = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return JSON.parse(stored.value) as T;
}
