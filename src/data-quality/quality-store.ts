import { byCustomer } from '../common/by-customer.js';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../platform/database/connect.js';
import type { Database } from '../platform/database/schema.js';
import type { Engine } from '../platform/database/engine.js';
import { domainTypos, findingKinds, type FindingKind, type QualityFacts } from './quality-rules.js';

/**
 * The only place data quality reads the database. It reads customers, their emails, phones and
 * addresses, consent and do-not-contact, the contact state and the duplicates queue: none of them
 * holds private facts, so no privacy filter applies.
 *
 * Whole-database figures are SQL aggregates, never customers loaded into the application: each reads
 * one table once, through the customer-id indexes where it joins. Each kind's SQL is the twin of its
 * rule in quality-rules.ts (quality-store.test.ts checks that they find the same customers).
 */

/**
 * The kinds counted over the whole database. Not counted: phone_invalid (a number's validity needs
 * libphonenumber, which the database cannot run) and stale_contact (each old email, phone and address
 * against its customer's last contact: no index serves it, and at a million customers it read for
 * seconds). Their lists still work: they are read in name order.
 */
export const countedKinds = ['no_name', 'initial_only', 'no_contact', 'no_consent', 'email_invalid', 'email_typo', 'address_incomplete', 'duplicate_suspected'] as const;
export type CountedKind = (typeof countedKinds)[number];
export const isCountedKind = (kind: FindingKind): kind is CountedKind => (countedKinds as readonly string[]).includes(kind);

/** The kinds SQL can find (and list). A phone's validity needs libphonenumber. */
export type SqlKind = Exclude<FindingKind, 'phone_invalid'>;
export const sqlKinds = findingKinds.filter((k): k is SqlKind => k !== 'phone_invalid');
export const isSqlKind = (kind: FindingKind): kind is SqlKind => kind !== 'phone_invalid';

type Eb = ExpressionBuilder<Database & { c: Database['customers'] }, 'c'>;
type Condition = (eb: Eb) => Expression<SqlBool>;

/** The twin of nameLetters: characters once dots and spaces are out, 0 for null. */
const letters = (column: 'c.givenName' | 'c.preferredName') => sql<number>`coalesce(length(replace(replace(${sql.ref(column)}, '.', ''), ' ', '')), 0)`;

/** The twin of isBlank. */
const blank = (column: 'a.city' | 'a.postalCode') => sql<SqlBool>`(${sql.ref(column)} is null or trim(${sql.ref(column)}) = '')`;

/** The customer's own rows of a table. */
const emailsOf = (eb: Eb) => eb.selectFrom('emails as e').select('e.id').whereRef('e.customerId', '=', 'c.id');
const phonesOf = (eb: Eb) => eb.selectFrom('phones as p').select('p.id').whereRef('p.customerId', '=', 'c.id');
const consentsOf = (eb: Eb) => eb.selectFrom('consents as k').select('k.id').whereRef('k.customerId', '=', 'c.id');
const doNotContactOf = (eb: Eb) => eb.selectFrom('doNotContact as d').select('d.id').whereRef('d.customerId', '=', 'c.id');

const noName: Condition = (eb) => eb.and([eb('c.kind', '=', 'person'), eb(letters('c.givenName'), '=', 0), eb(letters('c.preferredName'), '=', 0)]);
const initialOnly: Condition = (eb) =>
  eb.and([
    eb('c.kind', '=', 'person'),
    eb(letters('c.givenName'), '<=', 1),
    eb(letters('c.preferredName'), '<=', 1),
    eb.or([eb(letters('c.givenName'), '=', 1), eb(letters('c.preferredName'), '=', 1)]),
  ]);

/**
 * The customers (ids) with a finding in one of their own rows: emails that cannot work or are
 * misspelt, incomplete addresses, open duplicate suspicions. Used as `c.id in (…)`: the table is read
 * once and only the customers found are looked up, which beats a lookup per customer when few have it.
 */
function rowsWithFinding(db: Db, kind: 'email_invalid' | 'email_typo' | 'address_incomplete' | 'duplicate_suspected') {
  switch (kind) {
    case 'email_invalid':
      return db.selectFrom('emails as e').select('e.customerId').where((w) => w.or([w('e.normalized', 'not like', '%@%.%'), w('e.normalized', 'like', '%@%@%')]));
    case 'email_typo':
      return db.selectFrom('emails as e').select('e.customerId').where((w) => w.or(Object.keys(domainTypos).map((typo) => w('e.normalized', 'like', `%@${typo}`))));
    case 'address_incomplete':
      return db.selectFrom('addresses as a').select('a.customerId').where((w) => w.or([blank('a.city'), blank('a.postalCode')]));
    case 'duplicate_suspected':
      return db
        .selectFrom('duplicateSuspicions as q')
        .select('q.firstCustomerId as customerId')
        .unionAll(db.selectFrom('duplicateSuspicions as q').select('q.secondCustomerId as customerId'));
  }
}

/** Each kind as a condition on `customers as c`, for the lists. `cutoff`: contact details older than this are old (staleCutoff). */
export function conditionOf(db: Db, kind: SqlKind, cutoff: string): Condition {
  switch (kind) {
    case 'no_name':
      return noName;
    case 'initial_only':
      return initialOnly;
    case 'no_contact':
      return (eb) => eb.and([eb.not(eb.exists(emailsOf(eb))), eb.not(eb.exists(phonesOf(eb)))]);
    case 'no_consent':
      return (eb) => eb.and([eb.not(eb.exists(consentsOf(eb))), eb.not(eb.exists(doNotContactOf(eb)))]);
    case 'email_invalid':
    case 'email_typo':
    case 'address_incomplete':
    case 'duplicate_suspected':
      return (eb) => eb('c.id', 'in', rowsWithFinding(db, kind));
    case 'stale_contact':
      // In touch since the cutoff, and an email, phone or address older than it: they were in touch since it was confirmed.
      return (eb) =>
        eb.and([
          eb.exists(eb.selectFrom('contactStates as s').select('s.customerId').whereRef('s.customerId', '=', 'c.id').where('s.lastContactAt', '>=', cutoff)),
          eb.or([
            eb.exists(emailsOf(eb).where('e.updatedAt', '<', cutoff)),
            eb.exists(phonesOf(eb).where('p.updatedAt', '<', cutoff)),
            eb.exists(eb.selectFrom('addresses as a').select('a.id').whereRef('a.customerId', '=', 'c.id').where('a.updatedAt', '<', cutoff)),
          ]),
        ]);
  }
}

const live = () => (eb: Eb) => eb('c.erasedAt', 'is', null);
const countOf = async (query: { executeTakeFirstOrThrow(): Promise<{ n: number | string | null }> }) => Number((await query.executeTakeFirstOrThrow()).n ?? 0);
const flag = (eb: Eb, condition: Expression<SqlBool>) => eb.fn.sum<number | string | null>(eb.case().when(condition).then(1).else(0).end());

/**
 * How many live customers have each counted kind, and how many live customers there are: seven
 * aggregates, each reading one table once. Measured at a million customers on 2 shared cores: 2.6-4 s
 * on SQLite, 2.6-3.5 s on PostgreSQL 15 (the seven in parallel on the pool); the slowest part is the
 * 23 email-typo patterns (1 s on either engine). "No phone or email" and "no consent" take the form
 * each engine runs well: on PostgreSQL a hashed anti-join (0.8 s); on SQLite, which has no hash join
 * and looked each customer up for 3-4 s, the live customers less the union of two customer-id
 * indexes read in order (0.3 s), less any erased customer who still had a row (erasure deletes them).
 */
export async function countFindings(db: Db, engine: Engine): Promise<{ customers: number; counts: Record<CountedKind, number> }> {
  const union = (a: 'emails' | 'consents', b: 'phones' | 'doNotContact') =>
    db.selectFrom((q) => q.selectFrom(a).select('customerId').union(q.selectFrom(b).select('customerId')).as('u')).select((eb) => eb.fn.countAll<number>().as('n'));
  const amongLive = (kind: 'email_invalid' | 'email_typo' | 'address_incomplete' | 'duplicate_suspected') =>
    db.selectFrom('customers as c').where(live()).where((eb) => eb('c.id', 'in', rowsWithFinding(db, kind))).select((eb) => eb.fn.countAll<number>().as('n'));
  const postgres = engine === 'postgres';

  const [people, contact, consent, emailInvalid, emailTypo, addressIncomplete, duplicates] = await Promise.all([
    db
      .selectFrom('customers as c')
      .select((eb) => {
        const alive = eb('c.erasedAt', 'is', null);
        const erased = eb('c.erasedAt', 'is not', null);
        return [
          flag(eb, alive).as('live'),
          flag(eb, eb.and([alive, noName(eb)])).as('noName'),
          flag(eb, eb.and([alive, initialOnly(eb)])).as('initialOnly'),
          flag(eb, eb.and([erased, eb.or([eb.exists(emailsOf(eb)), eb.exists(phonesOf(eb))])])).as('erasedWithContact'),
          flag(eb, eb.and([erased, eb.or([eb.exists(consentsOf(eb)), eb.exists(doNotContactOf(eb))])])).as('erasedWithConsent'),
        ];
      })
      .executeTakeFirstOrThrow(),
    postgres ? countOf(customersWhere(db, conditionOf(db, 'no_contact', ''))) : countOf(union('emails', 'phones')),
    postgres ? countOf(customersWhere(db, conditionOf(db, 'no_consent', ''))) : countOf(union('consents', 'doNotContact')),
    countOf(amongLive('email_invalid')),
    countOf(amongLive('email_typo')),
    countOf(amongLive('address_incomplete')),
    countOf(amongLive('duplicate_suspected')),
  ]);
  const n = (v: number | string | null) => Number(v ?? 0);
  const customers = n(people.live);
  return {
    customers,
    counts: {
      no_name: n(people.noName),
      initial_only: n(people.initialOnly),
      no_contact: postgres ? contact : customers - (contact - n(people.erasedWithContact)),
      no_consent: postgres ? consent : customers - (consent - n(people.erasedWithConsent)),
      email_invalid: emailInvalid,
      email_typo: emailTypo,
      address_incomplete: addressIncomplete,
      duplicate_suspected: duplicates,
    },
  };
}

/** How many live customers meet a condition. */
const customersWhere = (db: Db, condition: Condition) =>
  db
    .selectFrom('customers as c')
    .where(live())
    .where((eb) => condition(eb))
    .select((eb) => eb.fn.countAll<number>().as('n'));

export interface CustomerKey {
  displayName: string;
  id: string;
}

/** Customers in name order after `after` (the page's cursor), optionally only those matching a condition. */
function customersInNameOrder(db: Db, after: CustomerKey | null, limit: number, condition: Condition | null) {
  return db
    .selectFrom('customers as c')
    .select(['c.id', 'c.displayName'])
    .where(live())
    .$if(condition !== null, (q) => q.where((eb) => condition!(eb)))
    // The first term lets SQLite start in the name index at the cursor: with the OR alone and bound
    // parameters it read the index from the start (1.3 s for a page deep in a million customers, 1 ms with it).
    .$if(after !== null, (q) =>
      q.where('c.displayName', '>=', after!.displayName).where((eb) => eb.or([eb('c.displayName', '>', after!.displayName), eb('c.id', '>', after!.id)])),
    )
    .orderBy('c.displayName')
    .orderBy('c.id')
    .limit(limit)
    .execute();
}

/** One page of the live customers with a kind of finding SQL can see, in name order. */
export const customersWithFinding = (db: Db, kind: SqlKind, cutoff: string, after: CustomerKey | null, limit: number) =>
  customersInNameOrder(db, after, limit, conditionOf(db, kind, cutoff));

/** The next customers who have a phone, in name order: the stretch a phone check reads at a time. */
export const customersWithPhones = (db: Db, after: CustomerKey | null, limit: number) => customersInNameOrder(db, after, limit, (eb) => eb.exists(phonesOf(eb)));

/** What the rules read about each of these customers (live ones only), keyed by id. */
export async function loadQualityFacts(db: Db, ids: readonly string[]): Promise<Map<string, QualityFacts>> {
  const facts = new Map<string, QualityFacts>();
  if (ids.length === 0) return facts;
  const list = [...new Set(ids)];
  const [customers, emails, phones, addresses, consents, dnc, states, firsts, seconds] = await Promise.all([
    db.selectFrom('customers').select(['id', 'kind', 'givenName', 'preferredName']).where('id', 'in', list).where('erasedAt', 'is', null).execute(),
    db.selectFrom('emails').select(['id', 'customerId', 'address', 'normalized', 'updatedAt']).where('customerId', 'in', list).orderBy('createdAt').orderBy('id').execute(),
    db.selectFrom('phones').select(['id', 'customerId', 'number', 'e164', 'updatedAt']).where('customerId', 'in', list).orderBy('createdAt').orderBy('id').execute(),
    db
      .selectFrom('addresses')
      .select(['id', 'customerId', 'line1', 'line2', 'city', 'postalCode', 'updatedAt'])
      .where('customerId', 'in', list)
      .orderBy('createdAt')
      .orderBy('id')
      .execute(),
    db.selectFrom('consents').select('customerId').distinct().where('customerId', 'in', list).execute(),
    db.selectFrom('doNotContact').select('customerId').where('customerId', 'in', list).execute(),
    db.selectFrom('contactStates').select(['customerId', 'lastContactAt']).where('customerId', 'in', list).execute(),
    db
      .selectFrom('duplicateSuspicions as q')
      .innerJoin('customers as o', 'o.id', 'q.secondCustomerId')
      .select(['q.id', 'q.firstCustomerId as customerId', 'o.id as otherCustomerId', 'o.displayName as otherDisplayName', 'q.score'])
      .where('q.firstCustomerId', 'in', list)
      .execute(),
    db
      .selectFrom('duplicateSuspicions as q')
      .innerJoin('customers as o', 'o.id', 'q.firstCustomerId')
      .select(['q.id', 'q.secondCustomerId as customerId', 'o.id as otherCustomerId', 'o.displayName as otherDisplayName', 'q.score'])
      .where('q.secondCustomerId', 'in', list)
      .execute(),
  ]);
  const consented = new Set([...consents, ...dnc].map((r) => r.customerId));
  const lastContact = new Map(states.map((s) => [s.customerId, s.lastContactAt]));
  const emailsBy = byCustomer(emails);
  const phonesBy = byCustomer(phones);
  const addressesBy = byCustomer(addresses);
  // The most likely first, as the duplicates queue orders them.
  const suspicionsBy = byCustomer([...firsts, ...seconds].sort((a, b) => Number(b.score) - Number(a.score) || a.id.localeCompare(b.id)));
  for (const c of customers) {
    facts.set(c.id, {
      kind: c.kind,
      givenName: c.givenName,
      preferredName: c.preferredName,
      emails: emailsBy.get(c.id) ?? [],
      phones: phonesBy.get(c.id) ?? [],
      addresses: addressesBy.get(c.id) ?? [],
      consentRecorded: consented.has(c.id),
      lastContactAt: lastContact.get(c.id) ?? null,
      suspicions: (suspicionsBy.get(c.id) ?? []).map((s) => ({ id: s.id, otherCustomerId: s.otherCustomerId, otherDisplayName: s.otherDisplayName })),
    });
  }
  return facts;
}

/** The phones of these customers, for the phone check. */
export const phonesOfCustomers = (db: Db, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('phones').select(['customerId', 'number', 'e164']).where('customerId', 'in', [...ids]).execute();
