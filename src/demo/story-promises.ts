import type { Db } from '../platform/database/connect.js';
import type { WriteContext } from '../platform/write-context.js';
import { createPromise, keepPromise, revisePromise } from '../promises/promise-commands.js';
import { localDate } from '../promises/promise-time.js';
import type { StaffKey } from './plan.js';
import type { Clock } from './random.js';
import type { Cast } from './writer.js';

/**
 * Promises in the demo, written through the real commands once the customers are in:
 *
 * - S3: Ellen Farrow was promised a free HD TV with her switch to the TV and internet bundle,
 *   "delivered within 8 to 10 weeks" of the sales call (the call it was made in). It slipped twice
 *   (a backlog at the supplier; then "expedited"), nobody told her, and it is overdue now. Sam
 *   Delgado, the call-centre agent who sold it, owns it; the next agent to open her (Nadia Brooks)
 *   is prompted to explain and apologise, and Dana Whitfield, the supervisor, sees it overdue.
 * - Kept: the roadside help Katie Brennan was promised at 00:30 arrived within the time given.
 * - Due tomorrow: Jim Alvarez's exchange of the wrong grout, set aside by Earl for him to collect.
 */

const dayMs = 86_400_000;
const zone = 'America/Chicago';

export async function writeDemoPromises(db: Db, cast: Cast, clock: Clock): Promise<void> {
  const as = (key: StaffKey): WriteContext => ({ actor: cast.staff.get(key) ?? null, phoneRegion: cast.phoneRegion });
  const customer = (key: string) => cast.customers.get(key);
  /** The contact of a customer whose summary starts so (the one a promise was made in). */
  const contact = async (trx: Db, customerId: string, startsWith: string) =>
    (await trx.selectFrom('interactions').select(['id', 'occurredAt']).where('customerId', '=', customerId).where('summary', 'like', `${startsWith}%`).orderBy('occurredAt').executeTakeFirst()) ?? null;
  const dayAgo = (days: number) => localDate(clock.now.getTime() - days * dayMs, zone);

  const ellen = customer('ellen-farrow');
  if (ellen) {
    await db.transaction().execute(async (trx) => {
      const sale = await contact(trx, ellen, 'Sold the switch from cable');
      const madeAt = sale?.occurredAt ?? clock.daysAgo(190, 18, 0);
      const id = await createPromise(trx, as('agent'), {
        customerId: ellen,
        what: 'the free HD TV',
        // Within 8 to 10 weeks of the sale: by the end of the tenth week.
        dueOn: localDate(Date.parse(madeAt) + 70 * dayMs, zone),
        madeAt,
        interactionId: sale?.id ?? null,
      });
      await revisePromise(trx, as('agent'), id, {
        dueOn: localDate(Date.parse(madeAt) + 112 * dayMs, zone),
        reason: 'A backlog at the TV supplier: about six weeks more',
        customerTold: false,
        changedAt: clock.daysAgo(97, 9, 0),
      });
      await revisePromise(trx, as('agent'), id, {
        dueOn: dayAgo(9),
        reason: 'The supplier expedited the shipment: early next month',
        customerTold: false,
        changedAt: clock.daysAgo(50, 11, 0),
      });
    });
  }

  const katie = customer('katie-brennan');
  if (katie) {
    await db.transaction().execute(async (trx) => {
      const call = await contact(trx, katie, 'Flat tyre on Route 9');
      if (!call) return;
      const at = Date.parse(call.occurredAt);
      const id = await createPromise(trx, as('agent'), {
        customerId: katie,
        what: 'roadside help at Route 9, mile marker 42, within 45 minutes',
        dueAt: new Date(at + 45 * 60_000).toISOString(),
        madeAt: call.occurredAt,
        interactionId: call.id,
      });
      await keepPromise(trx, as('agent'), id, { keptAt: new Date(Math.min(at + 38 * 60_000, clock.now.getTime() - 60_000)).toISOString() });
    });
  }

  const jim = customer('jim-alvarez');
  if (jim) {
    await db.transaction().execute(async (trx) => {
      await createPromise(trx, as('earl'), {
        customerId: jim,
        what: 'the unsanded bright-white grout for his exchange, ready to collect',
        dueOn: localDate(clock.now.getTime() + dayMs, zone),
      });
    });
  }
}
