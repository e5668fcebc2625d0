import { sql, type Expression, type SqlBool } from 'kysely';
import type { ActorOrSystem } from './actor.js';
import { canSeeFact } from './private-facts.js';

/**
 * The private-facts rule (private-facts.ts) for callers that may be Rapport itself (null actor:
 * the CLI, exports, demo data), and its SQL form, so that lists never show or count what the
 * reader may not see.
 */
export function actorSeesFact(
  actor: ActorOrSystem,
  fact: { sensitivity: 'normal' | 'private'; createdBy: string | null },
  customer: { locationId: string | null },
): boolean {
  return actor === null || canSeeFact(actor, fact, customer);
}

/** Column references, e.g. { sensitivity: 'n.sensitivity', createdBy: 'n.createdBy', customerLocationId: 'c.locationId' }. */
export interface FactColumns {
  sensitivity: string;
  createdBy: string;
  customerLocationId: string;
}

/** Normal facts and the reader's own private ones: what anyone may see. */
export function normalOrOwnSql(staffId: string, columns: Omit<FactColumns, 'customerLocationId'>): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(columns.sensitivity)} = 'normal' or ${sql.ref(columns.createdBy)} = ${staffId})`;
}

/** A where-clause that keeps exactly the rows canSeeFact would keep. */
export function visibleFactSql(actor: ActorOrSystem, columns: FactColumns): Expression<SqlBool> {
  if (actor === null || actor.role === 'admin') return sql<SqlBool>`1 = 1`;
  const own = normalOrOwnSql(actor.staffId, columns);
  if (actor.role !== 'manager') return own;
  if (actor.locationIds.length === 0) return sql<SqlBool>`1 = 1`;
  const location = sql.ref(columns.customerLocationId);
  return sql<SqlBool>`(${own} or ${location} is null or ${location} in (${sql.join(actor.locationIds)}))`;
}
