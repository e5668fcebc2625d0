import { createCustomer } from '../customers/customer-commands.js';
import { addRelationship } from '../customers/relationship-commands.js';
import { createInteraction } from '../interactions/interaction-commands.js';
import { createLifeEvent } from '../life-events/life-event-commands.js';
import { createNote } from '../notes/note-commands.js';
import { createProject } from '../projects/project-commands.js';
import { setChannelConsent } from '../consent/consent-commands.js';
import { createPreference } from '../preferences/preference-commands.js';
import { setKeepInTouch } from '../contact-state/keep-in-touch-commands.js';
import type { Actor } from '../platform/auth/actor.js';
import type { Db } from '../platform/database/connect.js';
import type { WriteContext } from '../platform/write-context.js';
import { createTransaction } from '../transactions/transaction-commands.js';
import type { DemoCustomer, LocationKey, StaffKey } from './plan.js';

/**
 * Writes one planned customer through the same commands the API uses, so the demo data passes the
 * same rules and leaves the same audit trail as real work. Each write is done as the staff member
 * who would have done it (their notes are theirs, private ones included); null is Rapport itself,
 * standing for an import from the till, the billing system or a mailing list.
 */

export interface Cast {
  staff: Map<StaffKey, Actor>;
  locations: Map<LocationKey, string>;
  /** Customer ids by plan key, filled in as customers are written. */
  customers: Map<string, string>;
  phoneRegion: string;
}

export async function writeCustomer(db: Db, cast: Cast, plan: DemoCustomer): Promise<string> {
  const as = (key: StaffKey | null): WriteContext => ({ actor: key ? cast.staff.get(key) ?? null : null, phoneRegion: cast.phoneRegion });
  const location = (key: LocationKey | undefined) => (key ? cast.locations.get(key) ?? null : null);
  const customerOf = (key: string) => {
    const id = cast.customers.get(key);
    if (!id) throw new Error(`demo plan: ${plan.key} refers to ${key}, which is not written yet`);
    return id;
  };

  // On a forced second run the external ids are taken already: leave them out rather than fail.
  const externalIds = [];
  for (const e of plan.profile.externalIds ?? []) {
    const taken = await db.selectFrom('externalIds').select('id').where('source', '=', e.source).where('externalId', '=', e.externalId).executeTakeFirst();
    if (!taken) externalIds.push(e);
  }
  const id = await createCustomer(db, as(plan.by), { ...plan.profile, externalIds, locationId: location(plan.location) });

  for (const link of plan.links ?? []) {
    await addRelationship(db, as(plan.by), id, {
      relatedCustomerId: customerOf(link.to),
      label: link.label,
      relatedLabel: link.relatedLabel,
      household: link.household ?? false,
    });
  }
  const byTime = <T extends { at: string }>(items: T[] | undefined) => [...(items ?? [])].sort((a, b) => a.at.localeCompare(b.at));
  for (const i of byTime(plan.interactions)) {
    await createInteraction(db, as(i.staff), {
      customerId: id,
      channel: i.channel,
      direction: i.direction,
      occurredAt: i.at,
      summary: i.summary,
      locationId: location(i.location ?? plan.location),
      mood: i.mood ?? null,
      outcome: i.outcome ?? null,
    });
  }
  const transactions = new Map<string, string>();
  for (const t of byTime(plan.transactions)) {
    const related = t.settles ? transactions.get(t.settles) : undefined;
    if (t.settles && !related) throw new Error(`demo plan: ${plan.key} settles ${t.settles}, which comes later or does not exist`);
    const transactionId = await createTransaction(db, as(t.staff), {
      customerId: id,
      kind: t.kind,
      occurredAt: t.at,
      currency: 'USD',
      ...(t.items ? { items: t.items.map((item) => ({ ...item, sku: item.sku ?? null })) } : {}),
      ...(t.amountMinor !== undefined ? { amountMinor: t.amountMinor } : {}),
      reference: t.reference ?? null,
      note: t.note ?? null,
      locationId: location(t.location ?? plan.location),
      relatedTransactionId: related ?? null,
    });
    if (t.key) transactions.set(t.key, transactionId);
  }
  for (const e of plan.lifeEvents ?? []) {
    await createLifeEvent(db, as(e.by), {
      customerId: id,
      kind: e.kind,
      title: e.title,
      date: e.date ?? null,
      sensitivity: e.sensitivity ?? 'normal',
      provenance: e.provenance ?? 'told_us',
      involvedCustomerIds: (e.involves ?? []).map(customerOf),
    });
  }
  for (const p of plan.projects ?? []) {
    await createProject(db, as(p.by), {
      customerId: id,
      title: p.title,
      status: p.status ?? 'active',
      startedOn: p.startedOn ?? null,
      endedOn: p.endedOn ?? null,
      detail: p.detail ?? null,
      provenance: p.provenance ?? 'told_us',
    });
  }
  for (const n of plan.notes ?? []) {
    await createNote(db, as(n.by), { customerId: id, body: n.body, pinned: n.pinned ?? false, sensitivity: n.sensitivity ?? 'normal', provenance: n.provenance ?? 'told_us' });
  }
  for (const p of plan.preferences ?? []) {
    await createPreference(db, as(p.by), { customerId: id, topic: p.topic ?? null, preference: p.preference, provenance: p.provenance ?? 'told_us' });
  }
  for (const c of plan.consent ?? []) {
    await setChannelConsent(db, as(c.by), id, c.channel, { status: c.status, givenOn: c.givenOn, source: c.source });
  }
  if (plan.keepInTouch) {
    const { everyDays, owner, by } = plan.keepInTouch;
    await setKeepInTouch(db, as(by), id, { everyDays, ownerId: cast.staff.get(owner)!.staffId });
  }
  cast.customers.set(plan.key, id);
  return id;
}
