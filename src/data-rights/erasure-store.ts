import type { Db } from '../platform/database/connect.js';

/** The tombstone's side of an erasure: what an erased customer is called, and when, by whom and why. */

export const erasedLabel = 'Erased customer';

export const findErasure = (db: Db, customerId: string) =>
  db
    .selectFrom('erasures as e')
    .leftJoin('staff as s', 's.id', 'e.erasedBy')
    .select(['e.id', 'e.customerId', 'e.erasedAt', 'e.erasedBy', 's.name as erasedByName', 'e.reason'])
    .where('e.customerId', '=', customerId)
    .executeTakeFirst();
