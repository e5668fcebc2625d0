import { createHash } from 'node:crypto';
import { survivorsOf } from '../merges/merge-store.js';
import type { Db } from '../platform/database/connect.js';
import { chunks } from '../platform/database/customer-rows.js';
import type { ImportedCustomer } from './import-records.js';

/**
 * The same record imported again changes nothing. Each record an import applies leaves a key with
 * the first row it wrote for its customer (import_writes.record_key): a hash of everything the record
 * said. A record of the same source saying exactly the same later is that customer, already up to
 * date: nothing of it is written again, so what staff changed or removed since stays as they left it,
 * and a record without an id (a Google Contacts export, a phone's vCards) is found even where
 * matching alone would not be sure of it (a name and a phone a family may share).
 */

/** The key of a record: a hash of everything it says but where it was in the file. */
export function recordKeyOf(record: ImportedCustomer): string {
  const { line: _line, ...content } = record;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 32);
}

/** How deep a chain of merges is followed (A into B, B into C…). */
const mergeDepth = 10;

/**
 * The customers that records with these keys from this source became, as they are now: imports
 * undone are left out, a customer merged into another is that other one, and one in the trash or
 * erased is no one. The first import's, when a key was imported more than once.
 */
export async function customersOfRecordKeys(db: Db, source: string, keys: readonly string[]): Promise<Map<string, string>> {
  // By the key's own index first (joined to the imports, a planner may read every row of this source's imports instead).
  const rows: { recordKey: string | null; customerId: string; importId: string; seq: number }[] = [];
  for (const part of chunks([...new Set(keys)])) {
    if (part.length) rows.push(...(await db.selectFrom('importWrites').select(['recordKey', 'customerId', 'importId', 'seq']).where('recordKey', 'in', part).execute()));
  }
  const imports = new Map<string, string>();
  for (const part of chunks([...new Set(rows.map((r) => r.importId))])) {
    if (part.length === 0) continue;
    for (const i of await db.selectFrom('imports').select(['id', 'createdAt']).where('id', 'in', part).where('source', '=', source).where('status', '!=', 'undone').execute()) imports.set(i.id, i.createdAt);
  }
  const written = rows
    .filter((r) => imports.has(r.importId))
    .sort((a, b) => imports.get(a.importId)!.localeCompare(imports.get(b.importId)!) || a.importId.localeCompare(b.importId) || a.seq - b.seq);
  const now = await currentCustomers(db, written.map((w) => w.customerId));
  const found = new Map<string, string>();
  for (const w of written) {
    const current = now.get(w.customerId);
    if (w.recordKey && current && !found.has(w.recordKey)) found.set(w.recordKey, current);
  }
  return found;
}

/** Each customer as they are now: themselves, the survivor of a merge that took them in, or nothing. */
async function currentCustomers(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let looking = new Map([...new Set(ids)].map((id) => [id, id]));
  for (let depth = 0; depth < mergeDepth && looking.size > 0; depth++) {
    const present = new Set<string>();
    for (const part of chunks([...new Set(looking.values())])) {
      for (const r of await db.selectFrom('customers').select('id').where('id', 'in', part).where('erasedAt', 'is', null).execute()) present.add(r.id);
    }
    const next = new Map<string, string>();
    const survivors = await survivorsOf(db, [...looking.values()].filter((id) => !present.has(id)));
    for (const [original, id] of looking) {
      if (present.has(id)) out.set(original, id);
      else if (survivors.has(id)) next.set(original, survivors.get(id)!);
    }
    looking = next;
  }
  return out;
}
