import type { ActorOrSystem } from '../platform/auth/actor.js';
import { visibleRows } from '../platform/auth/private-facts-sql.js';
import type { Db } from '../platform/database/connect.js';
import type { NewRow, Row, RowUpdate } from '../platform/database/schema.js';
import { orderInvolved } from './life-event-rules.js';
import type { LifeEventOut } from './life-event-schemas.js';

/** The only place life event rows (and who they involve) are read and written. */

export const insertLifeEvent = (db: Db, row: NewRow<'lifeEvents'>) => db.insertInto('lifeEvents').values(row).execute();

export const updateLifeEventRow = (db: Db, id: string, values: RowUpdate<'lifeEvents'>) =>
  db.updateTable('lifeEvents').set(values).where('id', '=', id).execute();

export async function replaceInvolved(db: Db, lifeEventId: string, customerIds: string[]): Promise<void> {
  await db.deleteFrom('lifeEventCustomers').where('lifeEventId', '=', lifeEventId).execute();
  await db.insertInto('lifeEventCustomers').values(customerIds.map((customerId) => ({ lifeEventId, customerId }))).execute();
}

/** Which of these customer ids do not exist. */
export async function missingCustomers(db: Db, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const found = await db.selectFrom('customers').select('id').where('id', 'in', ids).where('erasedAt', 'is', null).execute();
  const known = new Set(found.map((r) => r.id));
  return new Set(ids.filter((id) => !known.has(id)));
}

/** The event, if this actor may read it: a private event someone may not read is as good as missing. */
export const findLifeEvent = (db: Db, actor: ActorOrSystem, id: string) =>
  db.selectFrom('lifeEvents as e').selectAll('e').where('e.id', '=', id).where(visibleRows(actor, 'lifeEvents', 'e')).executeTakeFirst();

async function involvedOf(db: Db, ids: string[]): Promise<Map<string, string[]>> {
  const byEvent = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (!ids.length) return byEvent;
  const rows = await db.selectFrom('lifeEventCustomers').selectAll().where('lifeEventId', 'in', ids).execute();
  for (const r of rows) byEvent.get(r.lifeEventId)?.push(r.customerId);
  return byEvent;
}

export function presentLifeEvent(row: Row<'lifeEvents'>, involved: string[]): LifeEventOut {
  const { year, month, day, ...rest } = row;
  const date = year === null && month === null && day === null ? null : { year, month, day };
  return { ...rest, kind: rest.kind as LifeEventOut['kind'], date, involvedCustomerIds: orderInvolved(row.customerId, involved) };
}

export async function presentLifeEvents(db: Db, rows: Row<'lifeEvents'>[]): Promise<LifeEventOut[]> {
  const involved = await involvedOf(db, rows.map((r) => r.id));
  return rows.map((r) => presentLifeEvent(r, involved.get(r.id) ?? []));
}

export interface LifeEventListQuery {
  /** Events this customer is involved in, theirs or another's. */
  customerId: string;
  after: { createdAt: string; id: string } | null;
  limit: number;
}

/** Newest first; private events the actor may not see are left out by the query. */
export async function listLifeEvents(db: Db, actor: ActorOrSystem, query: LifeEventListQuery): Promise<LifeEventOut[]> {
  let select = db
    .selectFrom('lifeEventCustomers as lec')
    .innerJoin('lifeEvents as e', 'e.id', 'lec.lifeEventId')
    .selectAll('e')
    .where('lec.customerId', '=', query.customerId)
    .where(visibleRows(actor, 'lifeEvents', 'e'));
  if (query.after) {
    const { createdAt, id } = query.after;
    select = select.where((eb) => eb.or([eb('e.createdAt', '<', createdAt), eb.and([eb('e.createdAt', '=', createdAt), eb('e.id', '<', id)])]));
  }
  const rows = await select.orderBy('e.createdAt', 'desc').orderBy('e.id', 'desc').limit(query.limit).execute();
  return presentLifeEvents(db, rows);
}
