import { createNote } from '../notes/note-commands.js';
import { forbidden, notFound, unprocessable } from '../platform/errors.js';
import type { Db } from '../platform/database/connect.js';
import { nowIso } from '../platform/time.js';
import type { WriteContext } from '../platform/write-context.js';
import { acknowledgementNote, worthAcknowledging } from './life-event-today-rules.js';
import { findAcknowledgement, insertAcknowledgement } from './life-event-today-store.js';
import { findLifeEvent } from './life-event-store.js';

export interface Acknowledgement {
  lifeEventId: string;
  staffId: string;
  acknowledgedAt: string;
}

/**
 * "Noted": the staff member acknowledges a life event Today suggested. It leaves their Today for
 * good, and a note on the customer's timeline says they know ("Acknowledged their news: ..."), with
 * the privacy of the event. Acknowledging again changes nothing. Runs in the caller's transaction;
 * the note audits itself.
 */
export async function acknowledgeLifeEvent(db: Db, ctx: WriteContext, id: string): Promise<Acknowledgement> {
  const actor = ctx.actor;
  if (!actor) throw forbidden('A life event is acknowledged by a staff member.');
  const event = await findLifeEvent(db, actor, id);
  if (!event) throw notFound(`Life event ${id}`);
  const done = await findAcknowledgement(db, id, actor.staffId);
  if (done) return { lifeEventId: id, staffId: actor.staffId, acknowledgedAt: done.acknowledgedAt };
  if (!worthAcknowledging(event)) {
    throw unprocessable('/params/id', 'This life event is not one Rapport suggests acknowledging: something we know only from our records, a private illness or bereavement, or an event of kind other.');
  }
  const acknowledgedAt = nowIso();
  // Two clicks at once: the key lets one of them in; the other finds it done.
  if (!(await insertAcknowledgement(db, { lifeEventId: id, staffId: actor.staffId, customerId: event.customerId, acknowledgedAt }))) {
    const first = await findAcknowledgement(db, id, actor.staffId);
    return { lifeEventId: id, staffId: actor.staffId, acknowledgedAt: first?.acknowledgedAt ?? acknowledgedAt };
  }
  await createNote(db, ctx, {
    customerId: event.customerId,
    body: acknowledgementNote(event.title),
    provenance: 'told_us',
    sensitivity: event.sensitivity,
    ...(event.sensitivity === 'private' ? { audienceLocationId: event.audienceLocationId } : {}),
  });
  return { lifeEventId: id, staffId: actor.staffId, acknowledgedAt };
}
