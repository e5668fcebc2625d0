import type { DemoCustomer, DemoTransaction } from './plan.js';
import type { Clock } from './random.js';

/**
 * The call centre. S3: Ellen Farrow was promised a TV within 8-10 weeks of switching; it slipped twice
 * and nobody told her. S4: Katie Brennan called at 00:30 with a flat tyre and a dying phone.
 * S7: Diane Foster left a voicemail and sent an email yesterday about the same problem: one person
 * waiting since 16:05 (her web form before the router swap was answered by the technician's visit).
 */

const bundle = { description: 'TV and internet bundle, monthly', sku: 'BND-TVNET', quantity: 1, unitPriceMinor: 8999 };

/** Monthly invoices since `months` ago, each paid a few days later except the last one. */
function billing(clock: Clock, months: number, prefix: string): DemoTransaction[] {
  const out: DemoTransaction[] = [];
  for (let m = months; m >= 1; m -= 1) {
    const key = `${prefix}-${m}`;
    out.push({ key, kind: 'invoice', at: clock.daysAgo(m * 30 + 2, 6, 0), staff: null, location: 'callCentre', reference: `INV-${prefix.toUpperCase()}-${m}`, items: [bundle] });
    if (m > 1) out.push({ kind: 'payment', at: clock.daysAgo(m * 30 - 5, 8, 0), staff: null, location: 'callCentre', amountMinor: bundle.unitPriceMinor, reference: `PAY-${prefix.toUpperCase()}-${m}` });
  }
  return out;
}

/** The most recent 00:30 that is at least 45 minutes ago, as "days ago". */
const lastNight = (clock: Clock) => (clock.now.getHours() * 60 + clock.now.getMinutes() >= 75 ? 0 : 1);

export function callCentreStories(clock: Clock): DemoCustomer[] {
  const night = lastNight(clock);
  return [
    { key: 'frank-farrow', by: 'agent', location: 'callCentre', profile: { givenName: 'Frank', familyName: 'Farrow' } },
    {
      key: 'ellen-farrow',
      by: 'agent',
      location: 'callCentre',
      profile: {
        givenName: 'Ellen',
        familyName: 'Farrow',
        phones: [{ number: '217-555-0154', label: 'home' }],
        emails: [{ address: 'ellen.farrow@example.net' }],
        externalIds: [{ source: 'billing', externalId: 'ACC-77120' }],
      },
      links: [{ to: 'frank-farrow', label: 'spouse', relatedLabel: 'spouse', household: true }],
      transactions: [
        ...billing(clock, 6, 'ef'),
        { kind: 'credit', at: clock.daysAgo(40, 9, 0), staff: 'agent', location: 'callCentre', amountMinor: 2500, note: 'Goodwill credit for the late TV.' },
      ],
      interactions: [
        { at: clock.daysAgo(190, 18, 0), channel: 'call', direction: 'outbound', staff: 'agent', summary: 'Sold the switch from cable: TV and internet bundle, with a free HD TV delivered within 8-10 weeks of installation.', outcome: 'Order placed' },
        { at: clock.daysAgo(182, 10, 0), channel: 'service_call', direction: 'outbound', staff: 'agent', mood: 'happy', summary: 'Installation done without a hitch; technician walked her through the set-top box.' },
        { at: clock.daysAgo(95, 19, 30), channel: 'call', direction: 'inbound', staff: 'agent', mood: 'neutral', summary: 'The promised TV has not arrived; told another six weeks because of a backlog.' },
        { at: clock.daysAgo(48, 19, 5), channel: 'call', direction: 'inbound', staff: 'agent', mood: 'frustrated', summary: 'Called again about the TV: "shipping soon", no date. Nobody had told her about the delay.' },
        { at: clock.daysAgo(30, 6, 0), channel: 'invoice_sent', direction: 'outbound', staff: null, summary: 'Monthly invoice emailed.' },
      ],
      notes: [
        {
          body: 'Promised a free HD TV for switching, due 8-10 weeks after installation. The date has slipped twice and she was never told. Explain, apologise, and give her a date you can keep.',
          pinned: true,
          by: 'agent',
        },
      ],
    },
    {
      key: 'tom-brennan',
      by: 'agent',
      location: 'callCentre',
      profile: { givenName: 'Tom', familyName: 'Brennan', phones: [{ number: '217-555-0178' }] },
      // A call the phone system logged as missed (every agent was busy), answered by a call back.
      interactions: [
        { at: clock.daysAgo(4, 18, 10), channel: 'missed_call', direction: 'inbound', staff: null, summary: 'Missed call: rang while every agent was on another call.' },
        { at: clock.daysAgo(4, 18, 25), channel: 'call', direction: 'outbound', staff: 'agent', summary: 'Called back after his missed call: wants Katie added to the roadside cover.', outcome: 'Katie added to his membership' },
      ],
    },
    {
      key: 'katie-brennan',
      by: 'agent',
      location: 'callCentre',
      profile: { givenName: 'Katie', familyName: 'Brennan', phones: [{ number: '(217) 555-0177', label: 'mobile' }], externalIds: [{ source: 'roadside', externalId: 'RSA-448812' }] },
      links: [{ to: 'tom-brennan', label: 'spouse', relatedLabel: 'spouse', household: true }],
      interactions: [
        {
          at: clock.daysAgo(night, 0, 30),
          channel: 'call',
          direction: 'inbound',
          staff: 'agent',
          mood: 'worried',
          summary: 'Flat tyre on Route 9 north of Millbrook near mile marker 42; jack stuck under the car; well below freezing; her phone battery is nearly gone. Callback on her mobile.',
          outcome: 'Roadside help dispatched, about 35 minutes away',
        },
        { at: clock.daysAgo(night, 0, 41), channel: 'sms', direction: 'outbound', staff: 'agent', summary: 'Texted the truck number and ETA so she need not keep the phone on.' },
      ],
      notes: [{ body: 'Still to record before closing: the car colour and mileage (not asked during the call: she was in the cold with a dying phone).', by: 'agent' }],
    },
    {
      key: 'diane-foster',
      by: 'agent',
      location: 'callCentre',
      profile: { givenName: 'Diane', familyName: 'Foster', phones: [{ number: '217 555 0125', label: 'mobile' }], emails: [{ address: 'diane.foster@example.com' }] },
      transactions: billing(clock, 3, 'df'),
      interactions: [
        { at: clock.daysAgo(9, 20, 40), channel: 'web_form', direction: 'inbound', staff: null, summary: 'Web form: asked for the new router model offered to existing customers.' },
        { at: clock.daysAgo(8, 14, 0), channel: 'service_call', direction: 'outbound', staff: 'agent', summary: 'Technician swapped her router for the new model.' },
        { at: clock.daysAgo(1, 16, 5), channel: 'voicemail', direction: 'inbound', staff: null, mood: 'frustrated', summary: 'Voicemail: since the router swap the internet drops every evening around 8; please call back on her mobile.' },
        { at: clock.daysAgo(1, 16, 22), channel: 'email', direction: 'inbound', staff: null, mood: 'frustrated', summary: 'Email: the same evening drop-outs, with screenshots of the router lights; works from home and needs it fixed.' },
      ],
    },
  ];
}
