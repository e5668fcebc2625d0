import { createHash } from 'node:crypto';
import type { Db } from '../platform/database/connect.js';
import { chunks } from '../platform/database/customer-rows.js';
import type { ImportedCustomer } from './import-records.js';

/**
 * The same record imported again is the same customer. A record with its source's id is found by
 * that id (an external id, matching's surest key). One without (a Google Contacts export, a phone's
 * vCards, a shop's list with no id column) is known by what it says: the customer an import created
 * from it keeps a hash of the record (import_writes.record_key), and a record saying exactly the same
 * from the same source later is that customer again, even when matching alone would not be sure
 * (a name and a phone only: a family may share the phone).
 */

/** The key of a record without an id: a hash of everything it says but where it was in the file. Null for a record with an id. */
export function recordKeyOf(record: ImportedCustomer): string | null {
  if (record.sourceRecordId) return null;
  const { line: _line, sourceRecordId: _id, ...content } = record;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 32);
}

/**
 * The customers earlier imports from this source created from records with these keys, and who are
 * still customers (not in the trash, not erased; a merge has moved the trace to the survivor). The
 * first one made, when a key was imported more than once.
 */
export async function customersOfRecordKeys(db: Db, source: string, keys: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of chunks([...new Set(keys)])) {
    if (part.length === 0) continue;
    const rows = await db
      .selectFrom('importWrites as w')
      .innerJoin('imports as i', 'i.id', 'w.importId')
      .innerJoin('customers as c', 'c.id', 'w.customerId')
      .select(['w.recordKey', 'w.customerId'])
      .where('w.recordKey', 'in', part)
      .where('w.tableName', '=', 'customers')
      .where('i.source', '=', source)
      .where('c.erasedAt', 'is', null)
      .orderBy('i.createdAt')
      .orderBy('w.seq')
      .execute();
    for (const r of rows) if (r.recordKey && !found.has(r.recordKey)) found.set(r.recordKey, r.customerId);
  }
  return found;
}
