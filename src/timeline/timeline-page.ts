import { sql, type Expression, type SqlBool } from 'kysely';
import { readerOf, readerParams, readerShape } from '../platform/auth/private-facts-sql.js';
import type { ActorOrSystem } from '../platform/auth/actor.js';
import type { TimelineKey } from './timeline-rules.js';

/**
 * A page of one customer's timeline items as a prepared query (src/platform/database/prepared-query.ts)
 * takes it: the cursor's time and id and the limit are parameters; whether there is a cursor, and
 * the reader's role where the source holds private rows, are the shape.
 */
export interface PageQuery {
  customerId: string;
  before: TimelineKey | null;
  limit: number;
}

export type PageParams = { customerId: string; beforeAt: string; beforeId: string; limit: number };
export type ReaderPageParams = PageParams & ReturnType<typeof readerParams>;

export const pageParams = (q: PageQuery): PageParams => ({ customerId: q.customerId, beforeAt: q.before?.at ?? '', beforeId: q.before?.id ?? '', limit: q.limit });
export const pageShape = (q: PageQuery): string => (q.before ? 'after' : 'first');

/** The same for a source whose rows may be private: the reader goes in too. */
export const readerPageParams = (q: PageQuery & { actor: ActorOrSystem }): ReaderPageParams => ({ ...pageParams(q), ...readerParams(q.actor) });
export const readerPageShape = (q: PageQuery & { actor: ActorOrSystem }): string => `${readerShape(q.actor)}|${pageShape(q)}`;
export const pageReader = (shape: string, p: ReaderPageParams) => readerOf(shape.split('|')[0]!, p);

/** Rows strictly after the cursor in newest-first order, for a time expression and an id expression. */
export const olderThan = (at: Expression<string>, id: Expression<string>, shape: string, p: PageParams): Expression<SqlBool> =>
  shape.endsWith('after') ? sql<SqlBool>`(${at} < ${p.beforeAt} or (${at} = ${p.beforeAt} and ${id} < ${p.beforeId}))` : sql<SqlBool>`1 = 1`;
