import { sql, type Expression, type SqlBool } from 'kysely';
import { privacyColumns, type TableName } from '../database/customer-tables.js';
import type { ActorOrSystem } from './actor.js';
import { canSeeFact, type FactPrivacy } from './private-facts.js';

/**
 * The privacy rule (private-facts.ts) for callers that may be Rapport itself (null actor: the CLI,
 * exports, demo data), and its SQL form, so that lists never show or count what the reader may not see.
 */
export function actorSeesFact(actor: ActorOrSystem, fact: FactPrivacy): boolean {
  return actor === null || canSeeFact(actor, fact);
}

/**
 * Qualified column references of a fact's privacy, e.g. { sensitivity: 'n.sensitivity',
 * createdBy: 'n.createdBy', audience: 'n.audienceLocationId' }; the registry gives them for every
 * private table (privacyColumns in src/platform/database/customer-tables.ts).
 */
export interface FactColumns {
  sensitivity: string;
  createdBy: string;
  audience: string;
}

/** A where-clause that keeps exactly the rows canSeeFact would keep. */
export function visibleFactSql(actor: ActorOrSystem, columns: FactColumns): Expression<SqlBool> {
  if (actor === null || actor.role === 'admin') return sql<SqlBool>`1 = 1`;
  const own = sql<SqlBool>`(${sql.ref(columns.sensitivity)} = 'normal' or ${sql.ref(columns.createdBy)} = ${actor.staffId})`;
  if (actor.role !== 'manager') return own;
  if (actor.locationIds.length === 0) return sql<SqlBool>`1 = 1`;
  const audience = sql.ref(columns.audience);
  return sql<SqlBool>`(${own} or ${audience} is null or ${audience} in (${sql.join(actor.locationIds)}))`;
}

/**
 * The rule for a table the registry marks as holding private rows, under an alias:
 * `db.selectFrom('notes as n').where(visibleRows(actor, 'notes', 'n'))`. Every read of such a table
 * goes through this (customer-tables.test.ts checks the source for reads that do not).
 */
export const visibleRows = (actor: ActorOrSystem, table: TableName, alias: string): Expression<SqlBool> =>
  visibleFactSql(actor, privacyColumns(table, alias));
