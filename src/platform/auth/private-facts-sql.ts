import { sql, type Expression, type SqlBool } from 'kysely';
import { privacyColumns, type TableName } from '../database/customer-tables.js';
import type { Actor, ActorOrSystem } from './actor.js';
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

/** What the privacy rule reads of a reader: null is Rapport itself. */
export type PrivacyReader = { role: Actor['role']; staffId: string; locationIds: readonly string[] } | null;

/**
 * The privacy rule in a prepared query (src/platform/database/prepared-query.ts): the reader's role
 * picks the SQL (the shape), their id and locations are parameters. In the builder,
 * `visibleRows(readerOf(shape, p), 'notes', 'n')` with `...readerParams(actor)` among its parameters.
 */
export const readerShape = (actor: ActorOrSystem): string => (actor === null ? 'system' : actor.role);
export const readerParams = (actor: ActorOrSystem) => ({ readerId: actor?.staffId ?? '', readerLocationIds: actor?.locationIds ?? [] });
export const readerOf = (shape: string, p: { readerId: string; readerLocationIds: readonly string[] }): PrivacyReader =>
  shape === 'system' ? null : { role: shape as Actor['role'], staffId: p.readerId, locationIds: p.readerLocationIds };

/** A where-clause that keeps exactly the rows canSeeFact would keep. */
export function visibleFactSql(actor: PrivacyReader, columns: FactColumns): Expression<SqlBool> {
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
export const visibleRows = (actor: PrivacyReader, table: TableName, alias: string): Expression<SqlBool> =>
  visibleFactSql(actor, privacyColumns(table, alias));
