import type { Db } from '../platform/database/connect.js';
import { accountByCurrency, type CurrencyAccount } from './transaction-rules.js';
import { customerMovements } from './transaction-store.js';

/**
 * A customer's balance owed and lifetime value per currency, read from the database and worked
 * out by the money rules (transaction-rules.ts). The account endpoint and the brief both use it.
 */
export async function accountOf(db: Db, customerId: string): Promise<CurrencyAccount[]> {
  return accountByCurrency(await customerMovements(db, customerId));
}
