import type { DemoCustomer, DemoInteraction } from './plan.js';
import type { Clock, Random } from './random.js';

/**
 * S2 The branch: Margaret "Maggie" Chen, whose son Daniel started college in September (she told her
 * adviser, shareable), and a private note about her loan arrears only her adviser and managers see.
 * Her car loan is in our records, not something she told us: the brief says to let her mention it
 * (the bank in the essay that "comments on the fact that I have a new Buick, financed by their loan
 * department" is what Rapport must not be). She takes email from the branch and no post. This week she
 * told the teller that her husband David started a new job: her adviser's Today suggests acknowledging it.
 * S8 Keeping in touch: Helen Park, a good customer of the branch not seen for four months, whom her
 * adviser Priya keeps in touch with every 90 days: she is on Priya's keep-in-touch list.
 */

export function branchStories(clock: Clock, random: Random): DemoCustomer[] {
  const september = clock.lastSeptember();
  const helenHistory: DemoInteraction[] = [];
  // Every three months or so for two years, until four months ago; nothing since.
  for (let days = 122; days < 760; days += random.int(75, 100)) {
    const meeting = helenHistory.length % 2 === 0;
    helenHistory.push({
      at: clock.daysAgo(days, meeting ? 10 : 9, meeting ? 0 : 30),
      channel: meeting ? 'meeting' : 'call',
      direction: 'outbound',
      staff: 'adviser',
      location: 'bank',
      mood: 'happy',
      summary: meeting ? 'Quarterly review of her savings and the rental flat; all on track.' : 'Check-in call: asked after her garden and the tenants; nothing needed.',
    });
  }
  return [
    {
      key: 'daniel-chen',
      by: 'adviser',
      location: 'bank',
      profile: { givenName: 'Daniel', familyName: 'Chen', birthday: { year: clock.now.getFullYear() - 18 - (clock.now.getMonth() < 8 ? 1 : 0) }, emails: [{ address: 'dan.chen@student.example.edu' }] },
      interactions: [{ at: clock.daysAgo(170, 15, 0), channel: 'visit', direction: 'inbound', staff: 'teller', location: 'bank', summary: 'Opened a student account with his mother.' }],
    },
    {
      key: 'david-chen',
      by: 'teller',
      location: 'bank',
      profile: { givenName: 'David', familyName: 'Chen', phones: [{ number: '217-555-0119', label: 'mobile' }] },
    },
    {
      key: 'maggie-chen',
      by: 'adviser',
      location: 'bank',
      profile: {
        givenName: 'Margaret',
        familyName: 'Chen',
        preferredName: 'Maggie',
        pronouns: 'she/her',
        phones: [{ number: '(217) 555-0118', label: 'mobile' }],
        emails: [{ address: 'maggie.chen@example.com' }],
        addresses: [{ label: 'home', line1: '7 Willow Court', city: 'Millbrook', region: 'IL', postalCode: '61701', country: 'US' }],
        externalIds: [{ source: 'core-banking', externalId: 'CB-0048823' }],
      },
      links: [
        { to: 'daniel-chen', label: 'parent', relatedLabel: 'child', household: true },
        { to: 'david-chen', label: 'spouse', relatedLabel: 'spouse', household: true },
      ],
      interactions: [
        { at: clock.daysAgo(430, 11, 0), channel: 'meeting', direction: 'inbound', staff: 'adviser', location: 'bank', summary: 'Car loan for a new Buick approved; 48 months.' },
        { at: clock.daysAgo(200, 9, 0), channel: 'direct_mail', direction: 'outbound', staff: null, location: 'bank', summary: 'Mailing: "Planning for college? Talk to us about student accounts."' },
        { at: clock.daysAgo(62, 14, 10), channel: 'call', direction: 'outbound', staff: 'adviser', location: 'bank', mood: 'worried', summary: 'Called about two missed car-loan payments; she was embarrassed. Booked a meeting.' },
        { at: clock.daysAgo(55, 10, 0), channel: 'meeting', direction: 'inbound', staff: 'adviser', location: 'bank', mood: 'neutral', summary: 'Went through her budget; agreed a plan for the loan payments.', outcome: 'Payment plan agreed' },
        { at: clock.daysAgo(20, 12, 15), channel: 'visit', direction: 'inbound', staff: 'teller', location: 'bank', mood: 'happy', summary: 'Paid in a cheque; mentioned Daniel is settling in well at college.' },
        { at: clock.daysAgo(3, 11, 40), channel: 'visit', direction: 'inbound', staff: 'teller', location: 'bank', mood: 'happy', summary: 'Paid in her wages; mentioned David started a new job at the county hospital this week.' },
      ],
      lifeEvents: [
        {
          kind: 'school_start',
          title: 'Her son Daniel started college at Illinois State',
          date: { year: september, month: 9 },
          involves: ['daniel-chen'],
          provenance: 'told_us',
          by: 'adviser',
        },
        // Told to the teller at the counter this week: her adviser's Today suggests acknowledging it.
        {
          kind: 'new_job',
          title: 'Her husband David started a new job at the county hospital',
          date: { year: new Date(clock.daysAgo(4)).getFullYear(), month: new Date(clock.daysAgo(4)).getMonth() + 1, day: new Date(clock.daysAgo(4)).getDate() },
          involves: ['david-chen'],
          provenance: 'told_us',
          by: 'teller',
        },
        {
          kind: 'other',
          title: 'Financed a car through our loan department',
          date: { year: new Date(clock.daysAgo(430)).getFullYear(), month: new Date(clock.daysAgo(430)).getMonth() + 1 },
          provenance: 'our_records',
          by: 'adviser',
        },
      ],
      preferences: [
        { topic: 'Appointments', preference: 'late mornings, never Mondays', by: 'adviser' },
        { topic: 'Statements', preference: 'on paper, once a quarter', provenance: 'our_records', by: 'adviser' },
      ],
      consent: [
        { channel: 'email', status: 'opted_in', givenOn: clock.daysAgo(430).slice(0, 10), source: 'told us at the branch', by: 'adviser' },
        { channel: 'post', status: 'opted_out', givenOn: clock.daysAgo(190).slice(0, 10), source: 'asked at the counter to stop the mailings', by: 'teller' },
      ],
      notes: [
        {
          body: 'Loan arrears: two car-loan payments missed this spring after reduced hours at work. Payment plan agreed; review in her next meeting. Do not raise at the counter.',
          sensitivity: 'private',
          provenance: 'our_records',
          by: 'adviser',
        },
        { body: 'Prefers to be called Maggie. Likes to deal with Priya for anything beyond deposits.', pinned: true, by: 'adviser' },
      ],
    },
    {
      key: 'helen-park',
      by: 'adviser',
      location: 'bank',
      profile: {
        givenName: 'Helen',
        familyName: 'Park',
        pronouns: 'she/her',
        phones: [{ number: '+1 217 555 0131', label: 'home' }],
        emails: [{ address: 'helen.park@example.org' }],
      },
      interactions: helenHistory,
      // Her adviser is her account manager: a call every three months, as she likes.
      keepInTouch: { everyDays: 90, owner: 'adviser', by: 'adviser' },
      notes: [{ body: 'Good customer: savings, a rental flat and an IRA. Likes a call every three months, mornings only.', pinned: true, by: 'adviser' }],
      lifeEvents: [{ kind: 'retirement', title: 'Retired from teaching at Millbrook High', date: { year: clock.now.getFullYear() - 2, month: 6 }, by: 'adviser' }],
    },
  ];
}
