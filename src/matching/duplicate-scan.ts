import type { Db } from '../platform/database/connect.js';
import { candidatesOfCustomer } from './match-candidates.js';
import { recordSuspicions } from './suspicion-store.js';

/**
 * A scan of the whole database for customers who may be one person: each customer against those
 * who share a blocking key with them (so it reads each customer's neighbours, never every pair),
 * pairs recorded once in the duplicates queue. In batches of ids, each in its own transaction, so a
 * long scan holds no lock for long and can be stopped at any time.
 */
export async function scanForDuplicates(db: Db, options: { batch?: number; onBatch?: (done: number, found: number) => void } = {}): Promise<{ customers: number; pairs: number }> {
  const batch = options.batch ?? 500;
  let after = '';
  let customers = 0;
  let pairs = 0;
  for (;;) {
    const ids = await db.selectFrom('customers').select('id').where('id', '>', after).where('erasedAt', 'is', null).orderBy('id').limit(batch).execute();
    if (ids.length === 0) return { customers, pairs };
    await db.transaction().execute(async (trx) => {
      for (const { id } of ids) {
        // Each pair once: from the customer with the smaller id.
        const found = (await candidatesOfCustomer(trx, id)).filter((c) => c.customerId > id);
        pairs += await recordSuspicions(trx, id, found, 'scan');
      }
    });
    customers += ids.length;
    after = ids.at(-1)!.id;
    options.onBatch?.(customers, pairs);
  }
}
