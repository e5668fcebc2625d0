import { sql } from 'kysely';
import type { Db } from './connect.js';

/**
 * Runs work inside a savepoint of the caller's transaction: work that fails leaves nothing
 * half-written and the transaction goes on (one record of an import's batch).
 */
export async function inSavepoint<T>(db: Db, work: () => Promise<T>): Promise<T> {
  await sql`savepoint record_work`.execute(db);
  try {
    const result = await work();
    await sql`release savepoint record_work`.execute(db);
    return result;
  } catch (error) {
    await sql`rollback to savepoint record_work`.execute(db);
    await sql`release savepoint record_work`.execute(db);
    throw error;
  }
}
