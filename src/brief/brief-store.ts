import { sql } from 'kysely';
import type { Actor } from '../platform/auth/actor.js';
import { readerOf, readerParams, readerShape, visibleRows } from '../platform/auth/private-facts-sql.js';

import type { Db } from '../platform/database/connect.js';
import { findCustomerRow, loadRelationships } from '../customers/customer-store.js';
import { preparedQuery } from '../platform/database/prepared-query.js';
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

// The brief's statements are built once each (prepared-query.ts): building them cost more than running them.

/** First seen (the first contact or purchase), the contacts of the last year, and the reader's own last contact: one read. */
const historyQuery = preparedQuery((db, p: { customerId: string; readerId: string; lastYear: string }) => {
  const what = (label: string) => sql<string>`${sql.lit(label)}`.as('what');
  return db
    .selectFrom('interactions')
    .select((eb) => [what('first'), eb.fn.min('occurredAt').as('at')])
    .where('customerId', '=', p.customerId)
    .unionAll(db.selectFrom('transactions').select((eb) => [what('first'), eb.fn.min('occurredAt').as('at')]).where('customerId', '=', p.customerId))
    .unionAll(db.selectFrom('interactions').select((eb) => [what('reader'), eb.fn.max('occurredAt').as('at')]).where('customerId', '=', p.customerId).where('staffId', '=', p.readerId))
    .unionAll(
      // Contacts with them, not mail sent to everyone (a newsletter, a mailing's copy).
      db
        .selectFrom('interactions')
        .select([what('contact'), 'occurredAt as at'])
        .where('customerId', '=', p.customerId)
        .where('channel', 'not in', mass)
        .where('mailingId', 'is', null)
        .where('occurredAt', '>', p.lastYear),
    )
    .unionAll(
      db
        .selectFrom('transactions')
        .select([what('contact'), 'occurredAt as at'])
        .where('customerId', '=', p.customerId)
        .where('kind', 'in', ['purchase', 'invoice'])
        .where('occurredAt', '>', p.lastYear),
    );
});

// A relative's event is read by the same rule as on the timeline: its own audience.
const lifeEventsQuery = preparedQuery((db, p: { customerId: string; readerId: string; readerLocationIds: readonly string[] }, shape) =>
  db
    .selectFrom('lifeEventCustomers as lec')
    .innerJoin('lifeEvents as e', 'e.id', 'lec.lifeEventId')
    .select(['e.title', 'e.kind', 'e.year', 'e.month', 'e.day', 'e.createdAt', 'e.sensitivity', 'e.provenance'])
    .where('lec.customerId', '=', p.customerId)
    .where(visibleRows(readerOf(shape, p), 'lifeEvents', 'e'))
    // Dated events newest first, undated after them: the same order on both engines (NULLs sort differently).
    .orderBy(sql`${sql.ref('e.year')} is null`)
    .orderBy('e.year', 'desc')
    .orderBy(sql`${sql.ref('e.month')} is null`)
    .orderBy('e.month', 'desc')
    .orderBy('e.createdAt', 'desc')
    .limit(5),
);

const projectsQuery = preparedQuery((db, p: { customerId: string }) =>
  db.selectFrom('projects').select(['title', 'status', 'startedOn', 'provenance']).where('customerId', '=', p.customerId).orderBy('createdAt', 'desc').limit(10),
);

const lastInteractionsQuery = preparedQuery((db, p: { customerId: string }) =>
  db
    .selectFrom('interactions')
    .leftJoin('staff', 'staff.id', 'interactions.staffId')
    .select(['interactions.channel', 'interactions.direction', 'interactions.occurredAt', 'interactions.summary', 'interactions.mood', 'staff.name as staffName'])
    .where('interactions.customerId', '=', p.customerId)
    .where('interactions.channel', 'not in', mass)
    .where('interactions.mailingId', 'is', null)
    .orderBy('interactions.occurredAt', 'desc')
    .orderBy('interactions.id', 'desc')
    .limit(3),
);

const lastTransactionsQuery = preparedQuery((db, p: { customerId: string }) =>
  db
    .selectFrom('transactions as t')
    .select((eb) => [
      't.kind',
      't.occurredAt',
      't.amountMinor',
      't.currency',
      eb.selectFrom('transactionItems as i').select('i.description').whereRef('i.transactionId', '=', 't.id').orderBy('i.position').limit(1).as('description'),
    ])
    .where('t.customerId', '=', p.customerId)
    .where('t.kind', 'in', ['purchase', 'return', 'refund'])
    .orderBy('t.occurredAt', 'desc')
    .orderBy('t.id', 'desc')
    .limit(3),
);

const pinnedNotesQuery = preparedQuery((db, p: { customerId: string; readerId: string; readerLocationIds: readonly string[] }, shape) =>
  db
    .selectFrom('notes as n')
    .leftJoin('staff', 'staff.id', 'n.createdBy')
    .select(['n.body', 'n.sensitivity', 'n.provenance', 'staff.name as authorName'])
    .where('n.customerId', '=', p.customerId)
    .where('n.pinned', '=', true)
    .where(visibleRows(readerOf(shape, p), 'notes', 'n'))
    .orderBy('n.createdAt', 'desc')
    .limit(5),
);

const preferencesQuery = preparedQuery((db, p: { customerId: string; readerId: string; readerLocationIds: readonly string[] }, shape) =>
  db
    .selectFrom('preferences as p')
    .select(['p.topic', 'p.preference', 'p.sensitivity', 'p.provenance'])
    .where('p.customerId', '=', p.customerId)
    .where(visibleRows(readerOf(shape, p), 'preferences', 'p'))
    .orderBy('p.createdAt')
    .orderBy('p.id')
    .limit(10),
);

// Mass mail that went out lately, named by its campaign (the mailing's name as it is now).
const recentMailQuery = preparedQuery((db, p: { customerId: string; since: string; now: string }) =>
  db
    .selectFrom('interactions as i')
    .leftJoin('mailings as m', 'm.id', 'i.mailingId')
    .select(['i.channel', 'i.occurredAt', 'i.summary', 'm.name as mailingName'])
    .where('i.customerId', '=', p.customerId)
    .where((eb) => eb.or([eb('i.channel', 'in', mass), eb('i.mailingId', 'is not', null)]))
    .where('i.occurredAt', '>', p.since)
    .where('i.occurredAt', '<=', p.now)
    .orderBy('i.occurredAt', 'desc')
    .orderBy('i.id', 'desc')
    .limit(3),
);

/** Reads everything the brief is written from, already cut to what this reader may see. */
export async function gatherBriefFacts(
  db: Db,
  actor: Actor,
  customerId: string,
  money: (db: Db, customerId: string) => Promise<BriefFacts['money']>,
  now = new Date(),
): Promise<BriefFacts | null> {
  const row = await findCustomerRow(db, customerId);
  if (!row) return null;
  const lastYear = new Date(now.getTime() - year).toISOString();
  const mailSince = new Date(now.getTime() - mailDays * 24 * 60 * 60 * 1000).toISOString();
  const ids = { customerId };
  const reader = { customerId, ...readerParams(actor) };
  const shape = readerShape(actor);

  const [relationships, history, lifeEvents, projects, contactState, lastInteractions, lastTransactions, notes, account, preferences, consent, recentMail] = await Promise.all([
    loadRelationships(db, customerId),
    historyQuery.execute(db, { customerId, readerId: actor.staffId, lastYear }),
    lifeEventsQuery.execute(db, reader, shape),
    projectsQuery.execute(db, ids),
    // Waiting for an answer and keeping in touch: the stored state, as the lists read it.
    briefContactFacts(db, customerId),
    lastInteractionsQuery.execute(db, ids),
    lastTransactionsQuery.execute(db, ids),
    pinnedNotesQuery.execute(db, reader, shape),
    money(db, customerId),
    preferencesQuery.execute(db, reader, shape),
    loadConsent(db, customerId),
    recentMailQuery.execute(db, { customerId, since: mailSince, now: now.toISOString() }),
  ]);
  const at = (what: string) => history.filter((h) => h.what === what && h.at !== null).map((h) => h.at as string);

  const [{ readerLastDealtAt, changesSince }, readerPromises] = await Promise.all([
    sinceReader(db, actor, customerId, at('reader')[0] ?? null),
    readerOpenPromises(db, actor, customerId),
  ]);
  const customer = row;
  const firstSeenAt = [customer.createdAt, ...at('first')].sort()[0]!;

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
    organizations: relationships.filter((r) => r.relatedKind === 'organization').map((r) => ({ name: r.relatedDisplayName, role: r.label })),
    household: relationships.filter((r) => r.household).map((r) => ({ name: r.relatedDisplayName, label: r.relatedLabel ?? r.label })),
    firstSeenAt,
    contactsLastYear: at('contact'),
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

// The reader's latest changes that were dealing with the customer: taking over or reading a hand-off is not.
const readerChangesQuery = preparedQuery((db, p: { customerId: string; readerId: string; readerLocationIds: readonly string[] }, shape) =>
  db
    .selectFrom('auditEvents as a')
    .select(['a.at', 'a.action', 'a.entityType', 'a.diff'])
    .where('a.customerId', '=', p.customerId)
    .where('a.staffId', '=', p.readerId)
    .where(visibleRows(readerOf(shape, p), 'auditEvents', 'a'))
    .orderBy('a.at', 'desc')
    .limit(50),
);

const othersChangesQuery = preparedQuery((db, p: { customerId: string; readerId: string; readerLocationIds: readonly string[]; since: string }, shape) =>
  db
    .selectFrom('auditEvents as a')
    .leftJoin('staff', 'staff.id', 'a.staffId')
    .select(['a.at', 'a.action', 'a.entityType', 'a.diff', 'a.staffId', 'staff.name as staffName'])
    .where('a.customerId', '=', p.customerId)
    .where('a.at', '>', p.since)
    .where((eb) => eb.or([eb('a.staffId', 'is', null), eb('a.staffId', '!=', p.readerId)]))
    .where(visibleRows(readerOf(shape, p), 'auditEvents', 'a'))
    .orderBy('a.at', 'desc')
    .limit(50),
);

/**
 * When the reader last dealt with the customer (logged a contact, `ownContactAt`, or changed
 * anything), and what others did since. That a private fact was added or changed is itself private:
 * entries about facts the reader may not see are left out by the one privacy rule.
 */
async function sinceReader(db: Db, actor: Actor, customerId: string, ownContactAt: string | null) {
  const reader = { customerId, ...readerParams(actor) };
  const shape = readerShape(actor);
  const ownChange = (await readerChangesQuery.execute(db, reader, shape)).find(countsAsDealing);
  const readerLastDealtAt = [ownContactAt, ownChange?.at].filter((t): t is string => Boolean(t)).sort().at(-1) ?? null;
  if (!readerLastDealtAt) return { readerLastDealtAt, changesSince: [] };
  const rows = await othersChangesQuery.execute(db, { ...reader, since: readerLastDealtAt }, shape);
  const changesSince = rows
    .map((row) => ({ at: row.at, staffName: row.staffName, what: describeChange(row) }))
    .filter((c): c is { at: string; staffName: string | null; what: string } => c.what !== null);
  return { readerLastDealtAt, changesSince };
}

const readerPromisesQuery = preparedQuery((db, p: { customerId: string; readerId: string }) =>
  db
    .selectFrom('promises')
    .select(['what', 'dueOn', 'dueAt', 'dueBy', 'timezone'])
    .where('customerId', '=', p.customerId)
    .where('ownerId', '=', p.readerId)
    .where('status', '=', 'open')
    .orderBy('dueBy')
    .orderBy('id')
    .limit(10),
);

/** The reader's own open promises to this customer, soonest due first. */
const readerOpenPromises = async (db: Db, actor: Actor, customerId: string) =>
  (await readerPromisesQuery.execute(db, { customerId, readerId: actor.staffId })).map((p) => ({
    what: p.what,
    due: { dueOn: p.dueOn, dueAt: p.dueAt },
    dueBy: p.dueBy,
    timezone: p.timezone,
  }));
