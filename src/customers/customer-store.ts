import { sql } from 'kysely';
import type { Db } from '../platform/database/connect.js';
import { preparedQuery } from '../platform/database/prepared-query.js';
import type { Row, RowUpdate } from '../platform/database/schema.js';
import type { CustomerOut, CustomerSummary } from './customer-schemas.js';

/** The only place customer rows are read and written. Callers pass the database or a transaction. */


/** A live customer: an erased one is a tombstone kept for the figures, found by no read of a customer. */
export const findCustomerRow = (db: Db, id: string) => customerRowQuery.executeTakeFirst(db, { id });

const customerRowQuery = preparedQuery((db, p: { id: string }) => db.selectFrom('customers').selectAll().where('id', '=', p.id).where('erasedAt', 'is', null));

export const customerExists = async (db: Db, id: string): Promise<boolean> =>
  (await db.selectFrom('customers').select('id').where('id', '=', id).where('erasedAt', 'is', null).executeTakeFirst()) !== undefined;

export const updateCustomerRow = (db: Db, id: string, values: RowUpdate<'customers'>) =>
  db.updateTable('customers').set(values).where('id', '=', id).execute();

const byPrimaryThenAge = <T extends { isPrimary: boolean | number; createdAt: string; id: string }>(rows: T[]) =>
  rows.sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));

/** The whole profile: the customer with contact points, external ids and relationships. */
export async function loadCustomer(db: Db, id: string): Promise<CustomerOut | null> {
  const row = await findCustomerRow(db, id);
  if (!row) return null;
  const [emails, phones, addresses, externalIds, relationships] = await Promise.all([
    db.selectFrom('emails').selectAll().where('customerId', '=', id).execute(),
    db.selectFrom('phones').selectAll().where('customerId', '=', id).execute(),
    db.selectFrom('addresses').selectAll().where('customerId', '=', id).execute(),
    db.selectFrom('externalIds').selectAll().where('customerId', '=', id).orderBy('source').orderBy('externalId').execute(),
    loadRelationships(db, id),
  ]);

  return {
    ...presentCustomerRow(row),
    emails: byPrimaryThenAge(emails).map((e) => ({
      id: e.id,
      address: e.address,
      normalized: e.normalized,
      label: e.label,
      primary: Boolean(e.isPrimary),
    })),
    phones: byPrimaryThenAge(phones).map((p) => ({ id: p.id, number: p.number, e164: p.e164, label: p.label, primary: Boolean(p.isPrimary) })),
    addresses: byPrimaryThenAge(addresses).map((a) => ({
      id: a.id,
      label: a.label,
      primary: Boolean(a.isPrimary),
      line1: a.line1,
      line2: a.line2,
      city: a.city,
      region: a.region,
      postalCode: a.postalCode,
      country: a.country,
    })),
    externalIds: externalIds.map((x) => ({ id: x.id, source: x.source, externalId: x.externalId })),
    relationships,
  };
}

/** A customer row as the API and the audit trail show it (a live row: erasedAt is always null there). */
export function presentCustomerRow(row: Omit<Row<'customers'>, 'erasedAt'> & { erasedAt?: string | null }) {
  const { birthYear, birthMonth, birthDay, erasedAt: _erased, ...rest } = row;
  const birthday = birthYear === null && birthMonth === null && birthDay === null ? null : { year: birthYear, month: birthMonth, day: birthDay };
  return { ...rest, birthday };
}

export interface CustomerListQuery {
  after: { displayName: string; id: string } | null;
  limit: number;
}

/** Customers in name order, a page at a time. (Finding someone is the search module's job.) */
export async function listCustomers(db: Db, query: CustomerListQuery): Promise<CustomerSummary[]> {
  let select = db
    .selectFrom('customers as c')
    .select((eb) => [
      'c.id',
      'c.kind',
      'c.displayName',
      'c.preferredName',
      eb.selectFrom('emails').select('address').whereRef('emails.customerId', '=', 'c.id').orderBy('isPrimary', 'desc').orderBy('createdAt').limit(1).as('email'),
      eb.selectFrom('phones').select('number').whereRef('phones.customerId', '=', 'c.id').orderBy('isPrimary', 'desc').orderBy('createdAt').limit(1).as('phone'),
      eb.selectFrom('addresses').select('city').whereRef('addresses.customerId', '=', 'c.id').orderBy('isPrimary', 'desc').orderBy('createdAt').limit(1).as('city'),
    ])
    .where('c.erasedAt', 'is', null);
  if (query.after) {
    const { displayName, id } = query.after;
    select = select.where((eb) =>
      eb.or([eb('c.displayName', '>', displayName), eb.and([eb('c.displayName', '=', displayName), eb('c.id', '>', id)])]),
    );
  }
  const rows = await select.orderBy('c.displayName').orderBy('c.id').limit(query.limit).execute();
  return rows.map((r) => ({ ...r, email: r.email ?? null, phone: r.phone ?? null, city: r.city ?? null }));
}

export type CustomerRelationship = CustomerOut['relationships'][number];

// Both directions of a link in one statement: `outgoing` is 1 where this customer made it.
const relationshipsQuery = preparedQuery((db, p: { id: string }) =>
  db
    .selectFrom('relationships as r')
    .innerJoin('customers as c', 'c.id', 'r.relatedCustomerId')
    .select(['r.id', 'r.relatedCustomerId as otherId', 'c.displayName', 'c.kind', 'r.label', 'r.relatedLabel', 'r.household', 'r.createdAt', sql<number>`1`.as('outgoing')])
    .where('r.customerId', '=', p.id)
    .unionAll(
      db
        .selectFrom('relationships as r')
        .innerJoin('customers as c', 'c.id', 'r.customerId')
        .select(['r.id', 'r.customerId as otherId', 'c.displayName', 'c.kind', 'r.label', 'r.relatedLabel', 'r.household', 'r.createdAt', sql<number>`0`.as('outgoing')])
        .where('r.relatedCustomerId', '=', p.id),
    ),
);

/** A customer's links to others, oldest first, each told from this customer's side. */
export async function loadRelationships(db: Db, id: string): Promise<CustomerRelationship[]> {
  return (await relationshipsQuery.execute(db, { id }))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || Number(b.outgoing) - Number(a.outgoing) || a.id.localeCompare(b.id))
    .map((r) =>
      Number(r.outgoing) === 1
        ? { id: r.id, relatedCustomerId: r.otherId, relatedDisplayName: r.displayName, relatedKind: r.kind, label: r.label, relatedLabel: r.relatedLabel, household: Boolean(r.household) }
        : // Seen from the other side, the labels swap: her "child" link reads "parent" from the son's record.
          { id: r.id, relatedCustomerId: r.otherId, relatedDisplayName: r.displayName, relatedKind: r.kind, label: r.relatedLabel ?? `related to`, relatedLabel: r.label, household: Boolean(r.household) },
    );
}
