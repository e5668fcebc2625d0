import { sql } from 'kysely';
import type { Actor } from '../platform/auth/actor.js';
import { visibleRows } from '../platform/auth/private-facts-sql.js';

import type { Db } from '../platform/database/connect.js';
import { loadCustomer } from '../customers/customer-store.js';
import { consentFacts, loadConsent } from '../consent/consent-store.js';
import { promiseBriefFacts } from '../promises/promise-store.js';
import { caseBriefFacts } from '../cases/case-brief.js';
import type { BriefFacts } from './brief-facts.js';
import { countsAsDealing, describeChange } from './brief-changes.js';
import { briefContactFacts } from '../contact-state/contact-state-store.js';
import { massChannels } from '../contact-state/contact-state-rules.js';

const year = 365 * 24 * 60 * 60 * 1000;
/** How far back the brief mentions mass mail: "got the spring catalogue last week". */
const mailDays = 60;
const mass = [...massChannels] as string[];

/** Reads everything the brief is written from, already cut to what this reader may see. */
export async function gatherBriefFacts(
  db: Db,
  actor: Actor,
  customerId: string,
  money: (db: Db, customerId: string) => Promise<BriefFacts['money']>,
  now = new Date(),
): Promise<BriefFacts | null> {
  const customer = await loadCustomer(db, customerId);
  if (!customer) return null;
  const lastYear = new Date(now.getTime() - year).toISOString();
  const mailSince = new Date(now.getTime() - mailDays * 24 * 60 * 60 * 1000).toISOString();

  const [firsts, contacts, lifeEvents, projects, contactState, lastInteractions, lastTransactions, notes, account, preferences, consent] = await Promise.all([
    db
      .selectFrom('interactions')
      .select((eb) => eb.fn.min('occurredAt').as('at'))
      .where('customerId', '=', customerId)
      .unionAll(db.selectFrom('transactions').select((eb) => eb.fn.min('occurredAt').as('at')).where('customerId', '=', customerId))
      .execute(),
    // Contacts with them, not mail sent to everyone (a newsletter, a mailing's copy).
    db
      .selectFrom('interactions')
      .select('occurredAt')
      .where('customerId', '=', customerId)
      .where('channel', 'not in', mass)
      .where('mailingId', 'is', null)
      .where('occurredAt', '>', lastYear)
      .unionAll(
        db
          .selectFrom('transactions')
          .select('occurredAt')
          .where('customerId', '=', customerId)
          .where('kind', 'in', ['purchase', 'invoice'])
          .where('occurredAt', '>', lastYear),
      )
      .execute(),
    // A relative's event is read by the same rule as on the timeline: its own audience.
    db
      .selectFrom('lifeEventCustomers as lec')
      .innerJoin('lifeEvents as e', 'e.id', 'lec.lifeEventId')
      .select(['e.title', 'e.kind', 'e.year', 'e.month', 'e.day', 'e.createdAt', 'e.sensitivity', 'e.provenance'])
      .where('lec.customerId', '=', customerId)
      .where(visibleRows(actor, 'lifeEvents', 'e'))
      // Dated events newest first, undated after them: the same order on both engines (NULLs sort differently).
      .orderBy(sql`${sql.ref('e.year')} is null`)
      .orderBy('e.year', 'desc')
      .orderBy(sql`${sql.ref('e.month')} is null`)
      .orderBy('e.month', 'desc')
      .orderBy('e.createdAt', 'desc')
      .limit(5)
      .execute(),
    db.selectFrom('projects').select(['title', 'status', 'startedOn', 'provenance']).where('customerId', '=', customerId).orderBy('createdAt', 'desc').limit(10).execute(),
    // Waiting for an answer and keeping in touch: the stored state, as the lists read it.
    briefContactFacts(db, customerId),
    db
      .selectFrom('interactions')
      .leftJoin('staff', 'staff.id', 'interactions.staffId')
      .select(['interactions.channel', 'interactions.direction', 'interactions.occurredAt', 'interactions.summary', 'interactions.mood', 'staff.name as staffName'])
      .where('interactions.customerId', '=', customerId)
      .where('interactions.channel', 'not in', mass)
      .where('interactions.mailingId', 'is', null)
      .orderBy('interactions.occurredAt', 'desc')
      .orderBy('interactions.id', 'desc')
      .limit(3)
      .execute(),
    db
      .selectFrom('transactions as t')
      .select((eb) => [
        't.kind',
        't.occurredAt',
        't.amountMinor',
        't.currency',
        eb.selectFrom('transactionItems as i').select('i.description').whereRef('i.transactionId', '=', 't.id').orderBy('i.position').limit(1).as('description'),
      ])
      .where('t.customerId', '=', customerId)
      .where('t.kind', 'in', ['purchase', 'return', 'refund'])
      .orderBy('t.occurredAt', 'desc')
      .orderBy('t.id', 'desc')
      .limit(3)
      .execute(),
    db
      .selectFrom('notes as n')
      .leftJoin('staff', 'staff.id', 'n.createdBy')
      .select(['n.body', 'n.sensitivity', 'n.provenance', 'staff.name as authorName'])
      .where('n.customerId', '=', customerId)
      .where('n.pinned', '=', true)
      .where(visibleRows(actor, 'notes', 'n'))
      .orderBy('n.createdAt', 'desc')
      .limit(5)
      .execute(),
    money(db, customerId),
    db
      .selectFrom('preferences as p')
      .select(['p.topic', 'p.preference', 'p.sensitivity', 'p.provenance'])
      .where('p.customerId', '=', customerId)
      .where(visibleRows(actor, 'preferences', 'p'))
      .orderBy('p.createdAt')
      .orderBy('p.id')
      .limit(10)
      .execute(),
    loadConsent(db, customerId),
  ]);
  // Mass mail that went out lately, named by its campaign (the mailing's name as it is now).
  const recentMail = await db
    .selectFrom('interactions as i')
    .leftJoin('mailings as m', 'm.id', 'i.mailingId')
    .select(['i.channel', 'i.occurredAt', 'i.summary', 'm.name as mailingName'])
    .where('i.customerId', '=', customerId)
    .where((eb) => eb.or([eb('i.channel', 'in', mass), eb('i.mailingId', 'is not', null)]))
    .where('i.occurredAt', '>', mailSince)
    .where('i.occurredAt', '<=', now.toISOString())
    .orderBy('i.occurredAt', 'desc')
    .orderBy('i.id', 'desc')
    .limit(3)
    .execute();

  const [{ readerLastDealtAt, changesSince }, readerPromises] = await Promise.all([sinceReader(db, actor, customer.id), readerOpenPromises(db, actor, customer.id)]);
  const firstSeenAt = [customer.createdAt, ...firsts.map((f) => f.at as string | null)].filter((t): t is string => Boolean(t)).sort()[0]!;

  return {
    now,
    reader: { staffId: actor.staffId, name: actor.name },
    customer: {
      kind: customer.kind,
      displayName: customer.displayName,
      givenName: customer.givenName,
      preferredName: customer.preferredName,
      pronunciation: customer.pronunciation,
      pronouns: customer.pronouns,
      createdAt: customer.createdAt,
    },
    organizations: customer.relationships.filter((r) => r.relatedKind === 'organization').map((r) => ({ name: r.relatedDisplayName, role: r.label })),
    household: customer.relationships.filter((r) => r.household).map((r) => ({ name: r.relatedDisplayName, label: r.relatedLabel ?? r.label })),
    firstSeenAt,
    contactsLastYear: contacts.map((c) => c.occurredAt),
    money: account,
    lifeEvents: lifeEvents.map((e) => ({
      title: e.title,
      kind: e.kind,
      date: { year: e.year, month: e.month, day: e.day },
      createdAt: e.createdAt,
      private: e.sensitivity === 'private',
      provenance: e.provenance,
    })),
    projects,
    waiting: contactState.waiting,
    keepInTouch: contactState.keepInTouch,
    lastInteractions,
    recentMail: recentMail.map((m) => ({ name: m.mailingName ?? m.summary, channel: m.channel, occurredAt: m.occurredAt })),
    lastTransactions: lastTransactions.map((t) => ({ ...t, description: t.description ?? null })),
    readerLastDealtAt,
    readerPromises,
    changesSince,
    pinnedNotes: notes.map((n) => ({ body: n.body, private: n.sensitivity === 'private', authorName: n.authorName, provenance: n.provenance })),
    preferences: preferences.map((p) => ({ topic: p.topic, preference: p.preference, private: p.sensitivity === 'private', provenance: p.provenance })),
    consent: consentFacts(consent),
    promises: await promiseBriefFacts(db, customerId),
    cases: await caseBriefFacts(db, customerId, now),
  };
}

/**
 * When the reader last dealt with the customer (logged a contact or changed anything), and what others
 * did since. That a private fact was added or changed is itself private: entries about facts the
 * reader may not see are left out by the one privacy rule.
 */
async function sinceReader(db: Db, actor: Actor, customerId: string) {
  const [ownContact, ownChange] = await Promise.all([
    db.selectFrom('interactions').select((eb) => eb.fn.max('occurredAt').as('at')).where('customerId', '=', customerId).where('staffId', '=', actor.staffId).executeTakeFirst(),
    // The reader's latest changes that were dealing with the customer: taking over or reading a hand-off is not.
    db
      .selectFrom('auditEvents as a')
      .select(['a.at', 'a.action', 'a.entityType', 'a.diff'])
      .where('a.customerId', '=', customerId)
      .where('a.staffId', '=', actor.staffId)
      .where(visibleRows(actor, 'auditEvents', 'a'))
      .orderBy('a.at', 'desc')
      .limit(50)
      .execute()
      .then((rows) => rows.find(countsAsDealing)),
  ]);
  const readerLastDealtAt = [ownContact?.at, ownChange?.at].filter((t): t is string => Boolean(t)).sort().at(-1) ?? null;
  if (!readerLastDealtAt) return { readerLastDealtAt, changesSince: [] };
  const rows = await db
    .selectFrom('auditEvents as a')
    .leftJoin('staff', 'staff.id', 'a.staffId')
    .select(['a.at', 'a.action', 'a.entityType', 'a.diff', 'a.staffId', 'staff.name as staffName'])
    .where('a.customerId', '=', customerId)
    .where('a.at', '>', readerLastDealtAt)
    .where((eb) => eb.or([eb('a.staffId', 'is', null), eb('a.staffId', '!=', actor.staffId)]))
    .where(visibleRows(actor, 'auditEvents', 'a'))
    .orderBy('a.at', 'desc')
    .limit(50)
    .execute();
  const changesSince = rows
    .map((row) => ({ at: row.at, staffName: row.staffName, what: describeChange(row) }))
    .filter((c): c is { at: string; staffName: string | null; what: string } => c.what !== null);
  return { readerLastDealtAt, changesSince };
}

/** The reader's own open promises to this customer, soonest due first. */
const readerOpenPromises = async (db: Db, actor: Actor, customerId: string) =>
  (
    await db
      .selectFrom('promises')
      .select(['what', 'dueOn', 'dueAt', 'dueBy', 'timezone'])
      .where('customerId', '=', customerId)
      .where('ownerId', '=', actor.staffId)
      .where('status', '=', 'open')
      .orderBy('dueBy')
      .orderBy('id')
      .limit(10)
      .execute()
  ).map((p) => ({ what: p.what, due: { dueOn: p.dueOn, dueAt: p.dueAt }, dueBy: p.dueBy, timezone: p.timezone }));
