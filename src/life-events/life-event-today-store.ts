import type { Actor } from '../platform/auth/actor.js';
import { visibleRows } from '../platform/auth/private-facts-sql.js';
import type { Db } from '../platform/database/connect.js';
import type { TodayScope } from '../today/today-rules.js';
import { inTodayScope } from '../today/today-scope-sql.js';
import { acknowledgeableKinds, dayWindow, gentleKinds, recordedSince, type EventForToday } from './life-event-today-rules.js';

/** Reads and writes of Today's life events: what to suggest, and who acknowledged what. */

/**
 * Life events a staff member might acknowledge: in their scope, visible to them (the one privacy
 * rule), told to us by the customer, of a kind a person acknowledges, recorded or dated in the last
 * days, not recorded by them (they heard it first-hand) and not acknowledged by them yet. Newest
 * recorded first, at most `limit` (read in the order of an index, so the work is bounded however many
 * events there are); `complete` is false when there may be more. The rules (isRecent) make the final cut.
 */
export async function eventsForToday(db: Db, actor: Actor, scope: TodayScope, now: Date, limit: number): Promise<{ events: EventForToday[]; complete: boolean }> {
  const since = recordedSince(now);
  const base = () =>
    db
      .selectFrom('lifeEvents as e')
      .innerJoin('customers as c', 'c.id', 'e.customerId')
      .leftJoin('staff as s', 's.id', 'e.createdBy')
      .select([
        'e.id',
        'e.customerId',
        'c.displayName as customerName',
        'c.preferredName',
        'c.givenName',
        'c.familyName',
        'e.kind',
        'e.title',
        'e.year',
        'e.month',
        'e.day',
        'e.sensitivity',
        'e.provenance',
        'e.createdAt',
        'e.createdBy',
        's.name as recorderName',
      ])
      .where(visibleRows(actor, 'lifeEvents', 'e'))
      .where('e.provenance', '=', 'told_us')
      .where('e.kind', 'in', [...acknowledgeableKinds])
      .where((eb) => eb.or([eb('e.sensitivity', '=', 'normal'), eb('e.kind', 'not in', [...gentleKinds])]))
      .where((eb) => eb.or([eb('e.createdBy', 'is', null), eb('e.createdBy', '!=', actor.staffId)]))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('lifeEventAcknowledgements as a').select('a.lifeEventId').whereRef('a.lifeEventId', '=', 'e.id').where('a.staffId', '=', actor.staffId),
          ),
        ),
      )
      .where(inTodayScope(scope, { customerId: 'e.customerId', customerLocationId: 'c.locationId' }))
      .where('c.erasedAt', 'is', null);
  // Two index ranges read apart (one OR of both would leave PostgreSQL walking every event by date):
  // recorded in the last days, newest first in the order of life_events_created and stopping at
  // `limit`; and recorded before but dated in them, all of them (a few days' worth of dates, read
  // through life_events_date: ordering them in SQL would send PostgreSQL down every older event).
  const [recorded, dated] = await Promise.all([
    base().where('e.createdAt', '>=', since).orderBy('e.createdAt', 'desc').orderBy('e.id', 'desc').limit(limit).execute(),
    base()
      .where('e.createdAt', '<', since)
      .where((eb) => eb.or(dayWindow(now).map((w) => eb.and([eb('e.year', '=', w.year), eb('e.month', '=', w.month), eb('e.day', '>=', w.fromDay), eb('e.day', '<=', w.toDay)]))))
      .execute(),
  ]);
  const events = [...recorded, ...dated]
    .sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)) || b.id.localeCompare(a.id))
    .slice(0, limit)
    .map((r) => ({ ...r, recorderName: r.recorderName ?? null }));
  return { events, complete: recorded.length < limit && recorded.length + dated.length <= limit };
}

export const findAcknowledgement = (db: Db, lifeEventId: string, staffId: string) =>
  db.selectFrom('lifeEventAcknowledgements').selectAll().where('lifeEventId', '=', lifeEventId).where('staffId', '=', staffId).executeTakeFirst();

/** Records the acknowledgement; false when this staff member had already acknowledged the event. */
export async function insertAcknowledgement(db: Db, row: { lifeEventId: string; staffId: string; customerId: string; acknowledgedAt: string }): Promise<boolean> {
  const result = await db
    .insertInto('lifeEventAcknowledgements')
    .values(row)
    .onConflict((oc) => oc.columns(['lifeEventId', 'staffId']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
