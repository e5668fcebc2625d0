import { sql } from 'kysely';
import type { Actor } from '../platform/auth/actor.js';
import { canSeeFact, seesAllPrivateFactsOf } from '../platform/auth/private-facts.js';
import { normalOrOwnSql, visibleFactSql } from '../platform/auth/private-facts-sql.js';

import type { Db } from '../platform/database/connect.js';
import { loadCustomer } from '../customers/customer-store.js';
import type { BriefFacts } from './brief-facts.js';
import { describeChange } from './brief-changes.js';

/** Channels where the customer reached out and expects an answer (a visit is answered on the spot). */
const awaitingReply = ['call', 'email', 'sms', 'chat', 'letter'] as const;
const year = 365 * 24 * 60 * 60 * 1000;

type Visibility = { seesAll: boolean; staffId: string };

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
  const v: Visibility = { seesAll: seesAllPrivateFactsOf(actor, customer), staffId: actor.staffId };
  const lastYear = new Date(now.getTime() - year).toISOString();

  const [firsts, contacts, lifeEvents, projects, lastOutbound, lastInteractions, lastTransactions, notes, account] = await Promise.all([
    db
      .selectFrom('interactions')
      .select((eb) => eb.fn.min('occurredAt').as('at'))
      .where('customerId', '=', customerId)
      .unionAll(db.selectFrom('transactions').select((eb) => eb.fn.min('occurredAt').as('at')).where('customerId', '=', customerId))
      .execute(),
    db
      .selectFrom('interactions')
      .select('occurredAt')
      .where('customerId', '=', customerId)
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
    // A relative's event follows the privacy of its owner's location, as on the timeline.
    db
      .selectFrom('lifeEventCustomers as lec')
      .innerJoin('lifeEvents as e', 'e.id', 'lec.lifeEventId')
      .innerJoin('customers as owner', 'owner.id', 'e.customerId')
      .select(['e.title', 'e.kind', 'e.year', 'e.month', 'e.day', 'e.createdAt', 'e.sensitivity'])
      .where('lec.customerId', '=', customerId)
      .where(visibleFactSql(actor, { sensitivity: 'e.sensitivity', createdBy: 'e.createdBy', customerLocationId: 'owner.locationId' }))
      // Dated events newest first, undated after them: the same order on both engines (NULLs sort differently).
      .orderBy(sql`${sql.ref('e.year')} is null`)
      .orderBy('e.year', 'desc')
      .orderBy(sql`${sql.ref('e.month')} is null`)
      .orderBy('e.month', 'desc')
      .orderBy('e.createdAt', 'desc')
      .limit(5)
      .execute(),
    db.selectFrom('projects').select(['title', 'status', 'startedOn']).where('customerId', '=', customerId).orderBy('createdAt', 'desc').limit(10).execute(),
    db
      .selectFrom('interactions')
      .select((eb) => eb.fn.max('occurredAt').as('at'))
      .where('customerId', '=', customerId)
      .where('direction', '=', 'outbound')
      .executeTakeFirst(),
    db
      .selectFrom('interactions')
      .leftJoin('staff', 'staff.id', 'interactions.staffId')
      .select(['interactions.channel', 'interactions.direction', 'interactions.occurredAt', 'interactions.summary', 'interactions.mood', 'staff.name as staffName'])
      .where('interactions.customerId', '=', customerId)
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
      .selectFrom('notes')
      .leftJoin('staff', 'staff.id', 'notes.createdBy')
      .select(['notes.body', 'notes.sensitivity', 'staff.name as authorName'])
      .where('notes.customerId', '=', customerId)
      .where('notes.pinned', '=', true)
      .$if(!v.seesAll, (q) => q.where(normalOrOwnSql(v.staffId, { sensitivity: 'notes.sensitivity', createdBy: 'notes.createdBy' })))
      .orderBy('notes.createdAt', 'desc')
      .limit(5)
      .execute(),
    money(db, customerId),
  ]);

  const unanswered = await db
    .selectFrom('interactions')
    .select(['channel', 'occurredAt', 'summary'])
    .where('customerId', '=', customerId)
    .where('direction', '=', 'inbound')
    .where('channel', 'in', [...awaitingReply])
    .$if(Boolean(lastOutbound?.at), (q) => q.where('occurredAt', '>', lastOutbound!.at as string))
    .orderBy('occurredAt')
    .limit(10)
    .execute();

  const { readerLastDealtAt, changesSince } = await sinceReader(db, actor, customer, v);
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
    })),
    projects,
    unanswered,
    lastInteractions,
    lastTransactions: lastTransactions.map((t) => ({ ...t, description: t.description ?? null })),
    readerLastDealtAt,
    changesSince,
    pinnedNotes: notes.map((n) => ({ body: n.body, private: n.sensitivity === 'private', authorName: n.authorName })),
  };
}

/** When the reader last dealt with the customer (logged a contact or changed anything), and what others did since. */
async function sinceReader(db: Db, actor: Actor, customer: { id: string; locationId: string | null }, v: Visibility) {
  const [ownContact, ownChange] = await Promise.all([
    db.selectFrom('interactions').select((eb) => eb.fn.max('occurredAt').as('at')).where('customerId', '=', customer.id).where('staffId', '=', actor.staffId).executeTakeFirst(),
    db.selectFrom('auditEvents').select((eb) => eb.fn.max('at').as('at')).where('customerId', '=', customer.id).where('staffId', '=', actor.staffId).executeTakeFirst(),
  ]);
  const readerLastDealtAt = [ownContact?.at, ownChange?.at].filter((t): t is string => Boolean(t)).sort().at(-1) ?? null;
  if (!readerLastDealtAt) return { readerLastDealtAt, changesSince: [] };
  const rows = await db
    .selectFrom('auditEvents')
    .leftJoin('staff', 'staff.id', 'auditEvents.staffId')
    .select(['auditEvents.at', 'auditEvents.action', 'auditEvents.entityType', 'auditEvents.diff', 'auditEvents.staffId', 'staff.name as staffName'])
    .where('auditEvents.customerId', '=', customer.id)
    .where('auditEvents.at', '>', readerLastDealtAt)
    .where((eb) => eb.or([eb('auditEvents.staffId', 'is', null), eb('auditEvents.staffId', '!=', actor.staffId)]))
    .orderBy('auditEvents.at', 'desc')
    .limit(50)
    .execute();
  const changesSince = rows
    .filter((row) => v.seesAll || !isHiddenPrivateFact(row, actor, customer))
    .map((row) => ({ at: row.at, staffName: row.staffName, what: describeChange(row) }))
    .filter((c): c is { at: string; staffName: string | null; what: string } => c.what !== null);
  return { readerLastDealtAt, changesSince };
}

function isHiddenPrivateFact(row: { entityType: string; diff: string | null }, actor: Actor, customer: { locationId: string | null }): boolean {
  if (row.entityType !== 'note' && row.entityType !== 'life_event') return false;
  if (!row.diff) return true;
  const diff = JSON.parse(row.diff) as { before?: Record<string, unknown>; after?: Record<string, unknown> };
  const snapshot = { ...diff.before, ...diff.after };
  const sensitivity = snapshot.sensitivity === 'private' ? 'private' : 'normal';
  const createdBy = typeof snapshot.createdBy === 'string' ? snapshot.createdBy : null;
  return !canSeeFact(actor, { sensitivity, createdBy }, customer);
}
