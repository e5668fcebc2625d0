import type { DemoCustomer } from './plan.js';
import type { Clock } from './random.js';

/**
 * S5 The ward: Noah Patel, 9, on day three in Ward 4B; his parents Anita and Raj. The day nurse
 * hands them over to the night nurse: what they were told, what worries them, the call promised
 * to Raj after the scan.
 */
export function wardStory(clock: Clock): DemoCustomer[] {
  const year = clock.now.getFullYear();
  return [
    {
      key: 'noah-patel',
      by: 'nightNurse',
      location: 'ward',
      profile: { givenName: 'Noah', familyName: 'Patel', birthday: { year: year - 9, month: 3, day: 14 }, externalIds: [{ source: 'his', externalId: 'MRN-3390217' }] },
      lifeEvents: [
        { kind: 'illness', title: 'In hospital this week: admitted through the ER, now in Ward 4B', date: { year, month: clock.now.getMonth() + 1 }, by: 'nightNurse' },
        { kind: 'other', title: 'Loves dinosaurs and is learning chess on the ward tablet', by: 'nurse' },
      ],
      notes: [
        { body: 'Clinical detail is in the chart; here: what the family was told and what worries them.', by: 'nurse' },
        { body: 'Scared of needles: numbing cream 45 minutes before any cannula, and let him hold the tablet.', pinned: true, by: 'nurse' },
      ],
    },
    {
      key: 'anita-patel',
      by: 'nightNurse',
      location: 'ward',
      profile: { givenName: 'Anita', familyName: 'Patel', pronunciation: 'uh-NEE-tah', phones: [{ number: '(309) 555-0162', label: 'mobile' }] },
      links: [{ to: 'noah-patel', label: 'parent', relatedLabel: 'child', household: true }],
      interactions: [
        { at: clock.daysAgo(2, 23, 40), channel: 'meeting', direction: 'inbound', staff: 'nightNurse', mood: 'worried', summary: 'Arrived from the ER with Noah; explained the ward, visiting and where she can sleep.' },
        { at: clock.daysAgo(1, 9, 15), channel: 'meeting', direction: 'inbound', staff: 'nurse', mood: 'worried', summary: 'Moved from Ward 2 to 4B; she had to explain everything again to the new team. Apologised and wrote it down here.' },
        { at: clock.minutesAgo(200), channel: 'visit', direction: 'outbound', staff: 'nurse', mood: 'worried', summary: "Explained today's MRI scan: why sedation, how long, when results come. Worried about the sedation; she will stay with him until he is asleep." },
      ],
    },
    {
      key: 'raj-patel',
      by: 'nurse',
      location: 'ward',
      profile: { givenName: 'Raj', familyName: 'Patel', phones: [{ number: '309.555.0163', label: 'work' }] },
      links: [
        { to: 'noah-patel', label: 'parent', relatedLabel: 'child', household: true },
        { to: 'anita-patel', label: 'spouse', relatedLabel: 'spouse', household: true },
      ],
      interactions: [{ at: clock.minutesAgo(320), channel: 'call', direction: 'outbound', staff: 'nurse', summary: 'Update by phone: Noah slept well, the MRI is today. He is at work until 18:00.' }],
      notes: [{ body: 'Promised to call Raj after the scan with how it went; he is at work until 18:00. Whoever has Noah tonight: make that call.', pinned: true, by: 'nurse' }],
    },
  ];
}
