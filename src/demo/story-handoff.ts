import { createHandoff } from '../handoffs/handoff-commands.js';
import type { Db } from '../platform/database/connect.js';
import type { WriteContext } from '../platform/write-context.js';
import { createPromise } from '../promises/promise-commands.js';
import type { DemoCustomer } from './plan.js';
import type { Clock } from './random.js';
import type { Cast } from './writer.js';

/**
 * S5 The ward, Ward 6: Walter Brandt, 84, in with pneumonia; his daughter Karen lives two hours
 * away and calls every evening. At the end of the night shift Joy Mensah hands them to the morning
 * shift: what they were told, what worries them, what to be careful about (private), and her
 * promise to call the daughter after the consultant's round. Pending until the morning shift
 * (Ben Castillo) accepts it; until then the promise is still Joy's.
 */
export function handoffStory(clock: Clock): DemoCustomer[] {
  const year = clock.now.getFullYear();
  return [
    {
      key: 'karen-brandt-mills',
      by: 'wardNight',
      location: 'adultWard',
      profile: { givenName: 'Karen', familyName: 'Brandt-Mills', phones: [{ number: '(217) 555-0148', label: 'mobile' }] },
      interactions: [{ at: clock.minutesAgo(600), channel: 'call', direction: 'inbound', staff: 'wardNight', mood: 'worried', summary: 'Called at 21:00 as every evening: asked whether her father is eating and when the consultant will decide about home.' }],
    },
    {
      key: 'walter-brandt',
      by: 'wardNight',
      location: 'adultWard',
      profile: { givenName: 'Walter', familyName: 'Brandt', preferredName: 'Walt', birthday: { year: year - 84, month: 6, day: 2 }, externalIds: [{ source: 'his', externalId: 'MRN-5512084' }] },
      links: [{ to: 'karen-brandt-mills', label: 'parent', relatedLabel: 'child' }],
      lifeEvents: [{ kind: 'illness', title: 'In hospital with pneumonia, Ward 6', date: { year, month: clock.now.getMonth() + 1 }, by: 'wardNight' }],
      interactions: [{ at: clock.minutesAgo(420), channel: 'visit', direction: 'outbound', staff: 'wardNight', mood: 'worried', summary: 'Awake at midnight, asking about going home: explained the consultant decides on the morning round.' }],
    },
  ];
}

export async function writeDemoHandoffs(db: Db, cast: Cast, clock: Clock): Promise<void> {
  const walter = cast.customers.get('walter-brandt');
  const karen = cast.customers.get('karen-brandt-mills');
  const ward = cast.locations.get('adultWard');
  const joy: WriteContext = { actor: cast.staff.get('wardNight') ?? null, phoneRegion: cast.phoneRegion };
  if (!walter || !karen || !ward || !joy.actor) return;
  await db.transaction().execute(async (trx) => {
    await createPromise(trx, joy, {
      customerId: walter,
      what: "call the daughter after the consultant's round",
      dueAt: new Date(clock.now.getTime() + 5 * 3_600_000).toISOString(),
      madeAt: clock.minutesAgo(420),
    });
    await createHandoff(trx, joy, {
      toLocationId: ward,
      customers: [
        {
          customerId: walter,
          notes: [
            { topic: 'told', body: 'The consultant sees him on the morning round and decides about going home; the night X-ray looked better.' },
            { topic: 'worries', body: 'Wants to be home for his wife’s birthday on Friday; asked twice in the night.' },
            { topic: 'sensitivities', body: 'Hard of hearing on the left: sit on his right. Does not want his son told anything (they are estranged).', sensitivity: 'private' },
            { topic: 'next_step', body: "After the consultant's round, call Karen with the plan." },
          ],
        },
        { customerId: karen, notes: [{ topic: 'worries', body: 'Lives two hours away; worried nobody calls her unless she calls. She is expecting our call this morning.' }] },
      ],
    });
  });
}
