import { basket } from './catalog.js';
import type { DemoCustomer, DemoInteraction, DemoTransaction } from './plan.js';
import type { Clock, Random } from './random.js';

/**
 * S1 The regular. Jim Alvarez: customer since 2019, fixing up a two-story house, tiling the bathroom
 * this month; bought the wrong grout on Saturday (a purchase and a return, exchange pending);
 * last spoke with Earl three days ago. His wife Carmen shops there too.
 */

export const jimPhone = '(217) 555-0142';

export function jimStory(clock: Clock, random: Random): DemoCustomer[] {
  const saturday = clock.daysSinceSaturday();
  const history: DemoTransaction[] = [
    {
      kind: 'purchase',
      at: clock.on(2019, 4, 13, 9, 40),
      staff: 'earl',
      location: 'hardware',
      reference: 'R-2019-0413-07',
      items: [
        { description: 'Crowbar, 24 in', sku: 'TLS-CRW-24', quantity: 1, unitPriceMinor: 2299 },
        { description: 'Contractor bags, 42 gal, 20 pack', sku: 'CLN-BAG-42', quantity: 2, unitPriceMinor: 1899 },
        { description: 'Dust masks, N95, 10 pack', sku: 'SAF-N95-10', quantity: 1, unitPriceMinor: 2499 },
      ],
      note: 'First visit: just bought the fixer-upper on Birch Lane, starting with demolition.',
    },
  ];
  // Every month or two since then: the long project, one trip to the store at a time.
  for (let days = clock.daysSince(clock.on(2019, 5, 1)); days > 20; days -= random.int(25, 70)) {
    history.push({ kind: 'purchase', at: clock.daysAgo(days, random.int(8, 17), random.int(0, 59)), staff: random.chance(0.7) ? 'earl' : null, location: 'hardware', items: basket(random) });
  }
  history.push(
    {
      key: 'wrong-grout',
      kind: 'purchase',
      at: clock.daysAgo(saturday, 9, 12),
      staff: null,
      location: 'hardware',
      reference: 'R-SAT-0912',
      items: [
        { description: 'Sanded grout, charcoal, 25 lb', sku: 'TIL-GRT-S25-CH', quantity: 1, unitPriceMinor: 2397 },
        { description: 'Grout float, 4x9 in', sku: 'TIL-FLT-49', quantity: 1, unitPriceMinor: 1149 },
      ],
    },
    {
      kind: 'return',
      at: clock.daysAgo(saturday, 15, 47),
      staff: null,
      location: 'hardware',
      settles: 'wrong-grout',
      reference: 'RT-SAT-1547',
      items: [{ description: 'Sanded grout, charcoal, 25 lb', sku: 'TIL-GRT-S25-CH', quantity: 1, unitPriceMinor: 2397 }],
      note: 'Wrong grout: his joints are 1/16 in, he needs unsanded. Exchange pending: unsanded bright white is on order.',
    },
  );

  const visits: DemoInteraction[] = [
    { at: clock.on(2019, 4, 13, 9, 40), channel: 'visit', direction: 'inbound', staff: 'earl', location: 'hardware', mood: 'happy', summary: 'New in town: bought the two-story fixer-upper on Birch Lane. Talked demolition and what to keep.' },
    { at: clock.on(2020, 9, 19, 11, 5), channel: 'visit', direction: 'inbound', staff: 'earl', location: 'hardware', summary: 'Rewiring the upstairs: Earl told him to get an electrician for the panel; he agreed.' },
    { at: clock.on(2022, 5, 7, 10, 30), channel: 'call', direction: 'inbound', staff: 'earl', location: 'hardware', summary: 'Asked whether we stock composite decking; Earl ordered samples.' },
    { at: clock.on(2023, 6, 24, 14, 0), channel: 'visit', direction: 'inbound', staff: 'earl', location: 'hardware', mood: 'happy', summary: 'Porch railing done; showed Earl photos. Next up: the upstairs bathroom.' },
    { at: clock.daysAgo(40, 17, 10), channel: 'sms', direction: 'outbound', staff: 'earl', location: 'hardware', summary: 'Texted him that the subway tile he asked about is back in stock.' },
    { at: clock.daysAgo(12, 9, 30), channel: 'visit', direction: 'inbound', staff: 'earl', location: 'hardware', summary: 'Bought the tile and thinset; planning to start tiling the bathroom soon.' },
    {
      at: clock.daysAgo(3, 11, 20),
      channel: 'visit',
      direction: 'inbound',
      staff: 'earl',
      location: 'hardware',
      mood: 'happy',
      summary: 'Dropped in to talk through the bathroom tiling: layout from the centre line, 1/16 in spacers, and which grout suits narrow joints.',
      outcome: 'Earl lent him the tile cutter for the weekend',
    },
  ];

  return [
    {
      key: 'carmen-alvarez',
      by: 'earl',
      location: 'hardware',
      profile: { givenName: 'Carmen', familyName: 'Alvarez', pronouns: 'she/her', emails: [{ address: 'carmen.alvarez@example.com' }] },
      transactions: [{ kind: 'purchase', at: clock.daysAgo(95, 16, 20), staff: 'earl', location: 'hardware', items: [{ description: 'Tomato cages, 5 pack', sku: 'GRD-TOM-5', quantity: 1, unitPriceMinor: 1999 }] }],
    },
    {
      key: 'jim-alvarez',
      by: 'earl',
      location: 'hardware',
      profile: {
        givenName: 'Jim',
        familyName: 'Alvarez',
        pronouns: 'he/him',
        language: 'en',
        phones: [{ number: jimPhone, label: 'mobile' }],
        emails: [{ address: 'jim.alvarez@example.com' }],
        addresses: [{ label: 'home', line1: '18 Birch Lane', city: 'Millbrook', region: 'IL', postalCode: '61701', country: 'US' }],
        externalIds: [{ source: 'pos', externalId: 'POS-10442' }],
      },
      links: [{ to: 'carmen-alvarez', label: 'spouse', relatedLabel: 'spouse', household: true }],
      interactions: visits,
      transactions: history,
      lifeEvents: [{ kind: 'moved_home', title: 'Bought the two-story fixer-upper on Birch Lane', date: { year: 2019, month: 4 }, by: 'earl' }],
      projects: [
        { title: 'Fixing up the two-story house on Birch Lane', startedOn: '2019-04-06', detail: 'A room at a time since 2019: demolition, wiring, porch, now the bathrooms.', by: 'earl' },
        {
          title: 'Tiling the upstairs bathroom',
          startedOn: clock.firstOfMonth(),
          detail: 'White 3x6 subway tile, 1/16 in joints (needs unsanded grout), new vanity. Wants it done before his in-laws visit.',
          by: 'earl',
        },
        { title: 'Porch railing', status: 'done', startedOn: '2023-04-15', endedOn: '2023-06-20', by: 'earl' },
      ],
      notes: [
        {
          body: 'Exchange pending: on Saturday he bought sanded charcoal grout by mistake and brought it back. Unsanded bright white is on order; swap it at no charge when he comes in.',
          pinned: true,
          by: 'earl',
        },
        { body: 'Likes to talk the job through before buying; ask how the bathroom is going.', by: 'earl' },
      ],
    },
  ];
}
