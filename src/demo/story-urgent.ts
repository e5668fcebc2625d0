import { linkInteraction, updateCase } from '../cases/case-commands.js';
import { fillCaseFields } from '../cases/case-field-commands.js';
import { createUrgentCase, recordHelp } from '../cases/urgent-commands.js';
import { createInteraction } from '../interactions/interaction-commands.js';
import type { Db } from '../platform/database/connect.js';
import type { WriteContext } from '../platform/write-context.js';
import type { Clock } from './random.js';
import type { Cast } from './writer.js';

/**
 * Help first, fill in later (S4), through the real commands: Katie Brennan's night call. At 00:30
 * the agent opens an urgent roadside case from her callback number (she is found by it) with where
 * she is and what she needs, and types two fields (plate, make and model); help is dispatched six
 * minutes later and reaches her at 01:12. Her membership number is filled in the next morning;
 * colour and mileage, due before closing, are still missing, on the agent's fill-in-later list.
 * Earlier night calls at the call centre, helped and completed, give the time-to-help report figures.
 */

const minute = 60_000;

interface PastCall {
  customer: string;
  daysAgo: number;
  type: 'roadside' | 'medical';
  situation: string;
  helpNeeded: string;
  /** Minutes from opening to help dispatched, and to every field filled in. */
  help: number;
  complete: number;
  fields: Record<string, string>;
}

const pastCalls: PastCall[] = [
  {
    customer: 'tom-brennan',
    daysAgo: 6,
    type: 'roadside',
    situation: 'Battery dead in the station car park, Millbrook',
    helpNeeded: 'Jump start',
    help: 8,
    complete: 35,
    fields: { registration: 'TB 2210', vehicle: 'Grey Ford Focus', membership: 'RSA-301177', colour: 'Grey', mileage: '61,400' },
  },
  {
    customer: 'frank-farrow',
    daysAgo: 9,
    type: 'roadside',
    situation: 'Locked out of his van on Route 9, keys inside',
    helpNeeded: 'Locksmith',
    help: 14,
    complete: 190,
    fields: { registration: 'FF 77', vehicle: 'White Transit van', membership: 'RSA-118204', colour: 'White', mileage: '143,000' },
  },
  {
    customer: 'diane-foster',
    daysAgo: 13,
    type: 'roadside',
    situation: 'Flat tyre on the ring road, no spare',
    helpNeeded: 'Tow to the tyre shop',
    help: 22,
    complete: 65,
    fields: { registration: 'DF 5150', vehicle: 'Red Honda Jazz', membership: 'RSA-220931', colour: 'Red', mileage: '38,750' },
  },
  {
    customer: 'frank-farrow',
    daysAgo: 4,
    type: 'medical',
    situation: 'Fell at home, cannot get up; his wife on the line',
    helpNeeded: 'Ambulance',
    help: 3,
    complete: 240,
    fields: { breathing: 'Yes, talking', age: '83', doctor: 'Dr Okafor, Millbrook surgery', next_of_kin: 'Ellen Farrow (wife)' },
  },
];

export async function writeDemoUrgentCases(db: Db, cast: Cast, clock: Clock): Promise<number> {
  const agent: WriteContext = { actor: cast.staff.get('agent') ?? null, phoneRegion: cast.phoneRegion };
  const locationId = cast.locations.get('callCentre') ?? null;
  const latest = clock.now.getTime() - minute;
  const at = (from: string, minutes: number) => new Date(Math.min(Date.parse(from) + minutes * minute, latest)).toISOString();
  let written = 0;
  // The agent calls back to say help is on its way: the case's first response, in its thread.
  const callBack = async (trx: Db, caseId: string, occurredAt: string) => {
    // Whoever the case is about (the callback number may have found, or made, another customer than the cast's).
    const { customerId } = await trx.selectFrom('cases').select('customerId').where('id', '=', caseId).executeTakeFirstOrThrow();
    const call = await createInteraction(trx, agent, { customerId, channel: 'call', direction: 'outbound', occurredAt, summary: 'Called back: help is on its way' });
    await linkInteraction(trx, agent, caseId, call, occurredAt);
  };

  for (const call of pastCalls) {
    const customerId = cast.customers.get(call.customer);
    if (!customerId) continue;
    await db.transaction().execute(async (trx) => {
      const openedAt = clock.daysAgo(call.daysAgo, 1, 10);
      const { id } = await createUrgentCase(trx, agent, { customerId, type: call.type, situation: call.situation, helpNeeded: call.helpNeeded, locationId, openedAt }, openedAt);
      await recordHelp(trx, agent, id, 'dispatched', { at: at(openedAt, call.help) }, at(openedAt, call.help));
      await callBack(trx, id, at(openedAt, call.help));
      await recordHelp(trx, agent, id, 'given', { at: at(openedAt, call.help + 30) }, at(openedAt, call.help + 30));
      await fillCaseFields(trx, agent, id, call.fields, at(openedAt, call.complete));
      await updateCase(trx, agent, id, { status: 'resolved' }, at(openedAt, call.complete + 5));
    });
    written += 1;
  }

  const katie = cast.customers.get('katie-brennan');
  if (katie) {
    await db.transaction().execute(async (trx) => {
      const night = clock.now.getHours() * 60 + clock.now.getMinutes() >= 75 ? 0 : 1;
      const openedAt = clock.daysAgo(night, 0, 30);
      const { id } = await createUrgentCase(
        trx,
        agent,
        {
          callbackNumber: '(217) 555-0177',
          situation: 'Route 9 north of Millbrook near mile marker 42; flat tyre, jack stuck, well below freezing, phone nearly dead',
          helpNeeded: 'Wheel change or tow',
          type: 'roadside',
          locationId,
          openedAt,
          fields: { registration: 'KB 448', vehicle: 'Blue Toyota Corolla' },
        },
        openedAt,
      );
      await recordHelp(trx, agent, id, 'dispatched', { at: at(openedAt, 6) }, at(openedAt, 6));
      await callBack(trx, id, at(openedAt, 6));
      await recordHelp(trx, agent, id, 'given', { at: at(openedAt, 42) }, at(openedAt, 42));
      // The next morning (or as late as now allows): the membership number from her card; colour and mileage still to ask.
      await fillCaseFields(trx, agent, id, { membership: 'RSA-448812' }, at(openedAt, 8 * 60 + 45));
    });
    written += 1;
  }
  return written;
}
