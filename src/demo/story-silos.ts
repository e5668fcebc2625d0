import type { DemoCustomer } from './plan.js';
import type { Clock } from './random.js';

/**
 * S6 The silos: the shop's point of sale, newsletter list and service desk each hold the same people,
 * spelt differently (Bob/Robert, a typo, one phone in three formats). Each arrives as its own record
 * with its external id, as an import would leave them, for matching to find and merge.
 * Chris and Christine Morgan look alike but are two people: the doubtful pair for review.
 */
export function siloStory(clock: Clock): DemoCustomer[] {
  const newsletter = (key: string, days: number[]) =>
    days.map((d) => ({ at: clock.daysAgo(d, 7, 0), channel: 'newsletter' as const, direction: 'outbound' as const, staff: null, location: 'hardware' as const, summary: `Newsletter: ${key}` }));
  return [
    {
      key: 'robert-pos',
      by: null,
      location: 'hardware',
      profile: { givenName: 'Robert', familyName: 'Kowalczyk', phones: [{ number: '(217) 555-0163' }], externalIds: [{ source: 'pos', externalId: 'POS-20931' }] },
      transactions: [
        { kind: 'purchase', at: clock.daysAgo(210, 10, 5), staff: null, reference: 'R-20931-1', items: [{ description: 'Lawn mower, 21 in self-propelled', sku: 'GRD-MOW-21', quantity: 1, unitPriceMinor: 39900 }] },
        { kind: 'purchase', at: clock.daysAgo(33, 16, 45), staff: null, reference: 'R-20931-2', items: [{ description: 'Mower blade, 21 in', sku: 'GRD-BLD-21', quantity: 1, unitPriceMinor: 2499 }] },
      ],
    },
    {
      key: 'bob-newsletter',
      by: null,
      location: 'hardware',
      profile: { givenName: 'Bob', familyName: 'Kowalczyk', emails: [{ address: 'bob.kowalczyk@example.com' }], phones: [{ number: '217.555.0163' }], externalIds: [{ source: 'newsletter', externalId: 'NL-5521' }] },
      interactions: newsletter('spring garden checklist', [150, 120, 90, 60, 30]),
    },
    {
      key: 'robert-servicedesk',
      by: null,
      location: 'hardware',
      profile: { givenName: 'Robert', familyName: 'Kowalcyzk', phones: [{ number: '+1 217 555 0163' }], externalIds: [{ source: 'servicedesk', externalId: 'SD-7781' }] },
      interactions: [
        { at: clock.daysAgo(34, 9, 20), channel: 'service_call', direction: 'inbound', staff: 'earl', summary: 'Mower will not start after the winter; booked it in for a service.', outcome: 'Repair booked' },
        { at: clock.daysAgo(30, 15, 0), channel: 'call', direction: 'outbound', staff: 'earl', mood: 'happy', summary: 'Mower ready: new blade and spark plug; he will collect it Saturday.' },
      ],
    },
    {
      key: 'jennifer-pos',
      by: null,
      location: 'hardware',
      profile: { givenName: 'Jennifer', familyName: 'Morales', phones: [{ number: '217-555-0188' }], externalIds: [{ source: 'pos', externalId: 'POS-31207' }] },
      transactions: [{ kind: 'purchase', at: clock.daysAgo(18, 11, 30), staff: null, items: [{ description: 'Raised bed kit, cedar', sku: 'GRD-BED-CDR', quantity: 2, unitPriceMinor: 8999 }] }],
    },
    {
      key: 'jenny-newsletter',
      by: null,
      location: 'hardware',
      profile: { givenName: 'Jenny', familyName: 'Morales', emails: [{ address: 'jenny.morales@example.net' }], externalIds: [{ source: 'newsletter', externalId: 'NL-6034' }] },
      interactions: newsletter('raised beds and soil', [60, 30]),
    },
    {
      key: 'jennifer-servicedesk',
      by: null,
      location: 'hardware',
      profile: { givenName: 'Jenifer', familyName: 'Morales', emails: [{ address: 'Jenny.Morales@example.net' }], phones: [{ number: '(217) 555 0188' }], externalIds: [{ source: 'servicedesk', externalId: 'SD-8120' }] },
      interactions: [{ at: clock.daysAgo(10, 13, 0), channel: 'service_call', direction: 'inbound', staff: 'earl', summary: 'One raised-bed kit was missing its corner brackets; sent a set.' }],
    },
    {
      key: 'chris-morgan',
      by: null,
      location: 'hardware',
      profile: { givenName: 'Chris', familyName: 'Morgan', phones: [{ number: '217-555-0191' }], externalIds: [{ source: 'pos', externalId: 'POS-40112' }] },
      transactions: [{ kind: 'purchase', at: clock.daysAgo(75, 12, 0), staff: null, items: [{ description: 'Extension ladder, 24 ft', sku: 'LAD-EXT-24', quantity: 1, unitPriceMinor: 21900 }] }],
    },
    {
      key: 'christine-morgan',
      by: null,
      location: 'hardware',
      profile: { givenName: 'Christine', familyName: 'Morgan', emails: [{ address: 'c.morgan@example.org' }], phones: [{ number: '309-555-0191' }], externalIds: [{ source: 'newsletter', externalId: 'NL-7002' }] },
      interactions: newsletter('spring garden checklist', [30]),
    },
  ];
}
