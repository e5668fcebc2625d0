import type { Db } from '../platform/database/connect.js';
import { newId } from '../platform/ids.js';

/**
 * Failed sign-ins are counted in the database (so every server process sees them), per account
 * and per client address, over a sliding window. The answer is the same whether the account exists.
 */
export const throttleWindowMs = 15 * 60 * 1000;
export const maxFailuresPerAccount = 5;
export const maxFailuresPerAddress = 30;

export interface FailureCounts {
  account: number;
  address: number;
}

export const isThrottled = (counts: FailureCounts): boolean =>
  counts.account >= maxFailuresPerAccount || counts.address >= maxFailuresPerAddress;

/**
 * Failed uses of invitation and reset links are recorded under this key (never an email: it has no "@")
 * and throttled by client address only, sharing the address's budget with failed sign-ins.
 */
export const linkFailureKey = '(one-time link)';

export const isAddressThrottled = (counts: FailureCounts): boolean => counts.address >= maxFailuresPerAddress;

export async function countRecentFailures(db: Db, email: string, ip: string, now = new Date()): Promise<FailureCounts> {
  const since = new Date(now.getTime() - throttleWindowMs).toISOString();
  const count = async (column: 'email' | 'ip', value: string) =>
    Number(
      (
        await db
          .selectFrom('loginFailures')
          .select((eb) => eb.fn.countAll().as('n'))
          .where(column, '=', value)
          .where('at', '>', since)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { account: await count('email', email), address: await count('ip', ip) };
}

export async function recordFailure(db: Db, email: string, ip: string, now = new Date()): Promise<void> {
  await db.insertInto('loginFailures').values({ id: newId(), email, ip, at: now.toISOString() }).execute();
  // Old rows say nothing any more; sweep them as we go rather than in a separate job.
  await db.deleteFrom('loginFailures').where('at', '<', new Date(now.getTime() - 2 * throttleWindowMs).toISOString()).execute();
}

export const clearFailures = (db: Db, email: string) => db.deleteFrom('loginFailures').where('email', '=', email).execute();
