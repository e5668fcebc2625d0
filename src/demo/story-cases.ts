import { createCase, escalateCase, linkInteraction, updateCase } from '../cases/case-commands.js';
import type { CaseCreate } from '../cases/case-schemas.js';
import { createInteraction } from '../interactions/interaction-commands.js';
import type { Db } from '../platform/database/connect.js';
import type { CaseStatus } from '../platform/database/schema.js';
import type { WriteContext } from '../platform/write-context.js';
import type { Channel, Direction, LocationKey, StaffKey } from './plan.js';
import type { Clock } from './random.js';
import type { Cast } from './writer.js';

/**
 * Cases in every state, written after the customers through the real commands, as the staff who
 * would have handled them, and dated in the past:
 * - new, past its first-response target at the call centre: Diane Foster's voicemail and email of
 *   yesterday about the evening drop-outs (S7), with nobody answering yet;
 * - open, answered: Tom Brennan's roadside membership card;
 * - waiting on the customer: Frank Farrow's set-top box remote (we asked for its serial number);
 * - waiting on us and escalated to the branch and store manager: Carmen Alvarez's cracked vanity top;
 * - resolved: David Chen's card declined abroad; closed: Daniel Chen's student-account fee question.
 *
 * Times are local to the server, as in the other stories; afternoons, so that they fall inside the
 * locations' hours whether the server keeps UTC or Chicago time.
 */

interface CaseContact {
  at: string;
  channel: Channel;
  direction: Direction;
  summary: string;
  staff: StaffKey | null;
}

interface CaseStory {
  customer: string;
  location: LocationKey;
  by: StaffKey;
  subject: string;
  type: string;
  priority: NonNullable<CaseCreate['priority']>;
  openedAt: string;
  /** Contacts already logged by the customer's story since the case opened (Diane's voicemail and email). */
  threadSince?: boolean;
  /** New contacts, each added to the thread. */
  contacts?: CaseContact[];
  steps?: ({ at: string; by: StaffKey } & ({ status: CaseStatus } | { escalateTo: StaffKey; reason: string }))[];
}

export function caseStories(clock: Clock): CaseStory[] {
  return [
    {
      customer: 'diane-foster',
      location: 'callCentre',
      by: 'agent',
      subject: 'Internet drops every evening since the router swap',
      type: 'service request',
      priority: 'high',
      openedAt: clock.daysAgo(1, 16, 5),
      threadSince: true,
    },
    {
      customer: 'tom-brennan',
      location: 'callCentre',
      by: 'agent',
      subject: 'Roadside membership card never arrived',
      type: 'question',
      priority: 'normal',
      openedAt: clock.daysAgo(3, 15, 0),
      contacts: [
        { at: clock.daysAgo(3, 15, 0), channel: 'call', direction: 'inbound', staff: 'agent', summary: 'His roadside membership card has not come in the post; renewed a month ago.' },
        { at: clock.daysAgo(3, 16, 30), channel: 'email', direction: 'outbound', staff: 'agent', summary: 'Confirmed the membership is active and sent a digital card; asked the print house about the plastic one.' },
      ],
      steps: [{ at: clock.daysAgo(3, 16, 31), by: 'agent', status: 'open' }],
    },
    {
      customer: 'frank-farrow',
      location: 'callCentre',
      by: 'agent',
      subject: 'Set-top box remote will not pair',
      type: 'service request',
      priority: 'low',
      openedAt: clock.daysAgo(5, 15, 10),
      contacts: [
        { at: clock.daysAgo(5, 15, 10), channel: 'chat', direction: 'inbound', staff: 'agent', summary: 'The new remote will not pair with the set-top box.' },
        { at: clock.daysAgo(5, 15, 25), channel: 'chat', direction: 'outbound', staff: 'agent', summary: 'Asked for the serial number under the box to check the remote model.' },
      ],
      steps: [{ at: clock.daysAgo(5, 15, 26), by: 'agent', status: 'waiting_on_customer' }],
    },
    {
      customer: 'carmen-alvarez',
      location: 'hardware',
      by: 'earl',
      subject: 'Special-order vanity arrived with a cracked top',
      type: 'complaint',
      priority: 'high',
      openedAt: clock.daysAgo(2, 15, 0),
      contacts: [
        { at: clock.daysAgo(2, 15, 0), channel: 'call', direction: 'inbound', staff: 'earl', summary: 'The vanity for the bathroom arrived with a cracked top; the second damaged delivery this year.' },
        { at: clock.daysAgo(2, 16, 15), channel: 'call', direction: 'outbound', staff: 'earl', summary: 'Apologised; ordered a replacement top from the supplier, no date yet.' },
      ],
      steps: [
        { at: clock.daysAgo(2, 16, 16), by: 'earl', status: 'waiting_on_us' },
        { at: clock.daysAgo(1, 15, 0), by: 'earl', escalateTo: 'manager', reason: 'Second damaged delivery from the same supplier; she asks whether she can have her money back instead.' },
      ],
    },
    {
      customer: 'david-chen',
      location: 'bank',
      by: 'teller',
      subject: 'Card declined abroad',
      type: 'service request',
      priority: 'normal',
      openedAt: clock.daysAgo(10, 15, 0),
      contacts: [
        { at: clock.daysAgo(10, 15, 0), channel: 'call', direction: 'inbound', staff: 'teller', summary: 'His card was declined in a shop in Toronto.' },
        { at: clock.daysAgo(10, 15, 40), channel: 'sms', direction: 'outbound', staff: 'teller', summary: 'Lifted the fraud block and texted him to try again.' },
      ],
      steps: [{ at: clock.daysAgo(10, 16, 0), by: 'teller', status: 'resolved' }],
    },
    {
      customer: 'daniel-chen',
      location: 'bank',
      by: 'adviser',
      subject: 'Question about the student account fee',
      type: 'question',
      priority: 'low',
      openedAt: clock.daysAgo(20, 15, 0),
      contacts: [
        { at: clock.daysAgo(20, 15, 0), channel: 'email', direction: 'inbound', staff: 'adviser', summary: 'Asked why a monthly fee was charged on his student account.' },
        { at: clock.daysAgo(19, 15, 30), channel: 'email', direction: 'outbound', staff: 'adviser', summary: 'Explained it was charged in error and refunded it.' },
      ],
      steps: [
        { at: clock.daysAgo(19, 15, 31), by: 'adviser', status: 'resolved' },
        { at: clock.daysAgo(12, 15, 0), by: 'adviser', status: 'closed' },
      ],
    },
  ];
}

/** Writes the case stories of the customers written in this run; one transaction per case. */
export async function writeDemoCases(db: Db, cast: Cast, clock: Clock): Promise<number> {
  let written = 0;
  for (const story of caseStories(clock)) {
    const customerId = cast.customers.get(story.customer);
    if (!customerId) continue;
    await db.transaction().execute(async (trx) => {
      const as = (key: StaffKey): WriteContext => ({ actor: cast.staff.get(key) ?? null, phoneRegion: cast.phoneRegion });
      const locationId = cast.locations.get(story.location) ?? null;
      const at = (iso: string) => new Date(Math.max(Date.parse(iso), Date.parse(story.openedAt))).toISOString();
      const id = await createCase(trx, as(story.by), { customerId, subject: story.subject, type: story.type, priority: story.priority, locationId, openedAt: story.openedAt }, story.openedAt);
      if (story.threadSince) {
        const since = await trx.selectFrom('interactions').select('id').where('customerId', '=', customerId).where('occurredAt', '>=', story.openedAt).orderBy('occurredAt').execute();
        for (const i of since) await linkInteraction(trx, as(story.by), id, i.id, story.openedAt);
      }
      for (const c of story.contacts ?? []) {
        const staff = c.staff ? as(c.staff) : { actor: null, phoneRegion: cast.phoneRegion };
        const interactionId = await createInteraction(trx, staff, { customerId, channel: c.channel, direction: c.direction, occurredAt: c.at, summary: c.summary, locationId });
        await linkInteraction(trx, as(story.by), id, interactionId, at(c.at));
      }
      for (const step of story.steps ?? []) {
        if ('status' in step) await updateCase(trx, as(step.by), id, { status: step.status }, at(step.at));
        else await escalateCase(trx, as(step.by), id, { managerId: cast.staff.get(step.escalateTo)!.staffId, reason: step.reason }, at(step.at));
      }
    });
    written += 1;
  }
  return written;
}
