import { sql, type Expression, type SqlBool } from 'kysely';
import type { TodayScope } from './today-rules.js';

/**
 * The scope of Today (today-rules.ts) as a where-clause, for every provider alike: the customer is at
 * one of the scope's locations, or the staff member has had a contact with them. Pass qualified
 * column references of the query: `inTodayScope(scope, { customerId: 'e.customerId',
 * customerLocationId: 'c.locationId' })`.
 */
export function inTodayScope(scope: TodayScope, refs: { customerId: string; customerLocationId: string }): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`1 = 1`;
  const dealtWith = sql<SqlBool>`exists (select 1 from ${sql.table('interactions')} as ${sql.id('tc')} where ${sql.ref('tc.customerId')} = ${sql.ref(refs.customerId)} and ${sql.ref('tc.staffId')} = ${scope.staffId})`;
  if (!scope.locationIds.length) return dealtWith;
  return sql<SqlBool>`(${sql.ref(refs.customerLocationId)} in (${sql.join(scope.locationIds)}) or ${dealtWith})`;
}
