import { recordAudits, type AuditEntry } from '../audit/audit-store.js';
import { clean } from '../common/text-rules.js';
import { insertMatchKeys } from '../matching/match-keys-store.js';
import type { StoredCustomer } from '../matching/match-record.js';
import type { Db } from '../platform/database/connect.js';
import type { NewRow } from '../platform/database/schema.js';
import { conflict, DomainError, unprocessable } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import { authored, type WriteContext } from '../platform/write-context.js';
import { writeEntriesMany } from '../search/search-indexer.js';
import { searchEntries } from '../search/search-entries.js';
import { contactKinds, type ContactKind } from './contact-points.js';
import { checkBirthday, checkNewCustomer } from './customer-rules.js';
import type { CustomerCreate } from './customer-schemas.js';
import { presentCustomerRow } from './customer-store.js';

/**
 * Creating customers, one or many at once: what createCustomer does for one (the API, the web app)
 * and an import or a batch does for a thousand, the same rows either way. First each input is
 * checked and made into its rows without the database (prepareNewCustomer); then what needs the
 * database is checked for all of them in a few queries (referenceProblems: the location exists,
 * no one holds the external ids); then every row is written set-based (insertNewCustomers): the
 * customers, their contact points, an audit entry for each, the lookup's entries and matching's keys.
 */

/** A new customer's rows, checked, not yet written. */
export interface NewCustomer {
  customer: NewRow<'customers'>;
  /** Contact points in the order given, each with its kind and row; the primary of each kind is settled. */
  contacts: { kind: ContactKind; row: Record<string, unknown> & { id: string } }[];
  /** Where each external id came from in the input (for an error naming it). */
  externalIdPaths: { source: string; externalId: string; path: string }[];
  /** Organisations the same write links them to (a person imported with their employer): the lookup finds them by these names too. */
  organizations?: string[];
}

const kinds = ['emails', 'phones', 'addresses', 'externalIds'] as const;

/** Checks one input and makes its rows; throws a DomainError naming the field (under `path`). */
export function prepareNewCustomer(ctx: WriteContext, input: CustomerCreate, path = '/body', now = nowIso()): NewCustomer {
  const displayName = checkNewCustomer(input);
  const birthday = checkBirthday(input.birthday);
  const id = newId();
  const customer: NewRow<'customers'> = {
    id,
    kind: input.kind ?? 'person',
    displayName,
    givenName: clean(input.givenName),
    familyName: clean(input.familyName),
    preferredName: clean(input.preferredName),
    pronunciation: clean(input.pronunciation),
    pronouns: clean(input.pronouns),
    birthYear: birthday?.year ?? null,
    birthMonth: birthday?.month ?? null,
    birthDay: birthday?.day ?? null,
    language: clean(input.language),
    gender: clean(input.gender),
    locationId: input.locationId ?? null,
    ...authored(ctx, now),
  };
  const contacts: NewCustomer['contacts'] = [];
  const externalIdPaths: NewCustomer['externalIdPaths'] = [];
  for (const kind of kinds) {
    const spec = contactKinds[kind];
    const items: (Record<string, unknown> & { primary?: boolean })[] = input[kind] ?? [];
    // The primary of a kind: the last marked primary, else the first (as adding them one by one leaves it).
    const marked = items.findLastIndex((item) => item.primary === true);
    const primaryIndex = marked >= 0 ? marked : 0;
    for (const [index, item] of items.entries()) {
      const itemPath = `${path}/${kind}/${index}`;
      const values = (spec.toValues as (input: Record<string, unknown>, ctx: WriteContext, path: string) => Record<string, unknown>)(item, ctx, itemPath);
      if (kind === 'externalIds') {
        const x = values as { source: string; externalId: string };
        if (externalIdPaths.some((p) => p.source === x.source && p.externalId === x.externalId)) {
          throw conflict(`${x.source} id ${x.externalId} is given twice`, [{ path: `${itemPath}/externalId`, message: 'is given twice' }]);
        }
        externalIdPaths.push({ source: x.source, externalId: x.externalId, path: `${itemPath}/externalId` });
      }
      const row = { id: newId(), customerId: id, ...values, ...(spec.hasPrimary ? { isPrimary: index === primaryIndex } : {}), ...authored(ctx, now) };
      contacts.push({ kind, row });
    }
  }
  return { customer, contacts, externalIdPaths };
}

/**
 * What the database says against new customers, by their index: a location that does not exist, an
 * external id another customer holds (or an earlier one of these). Read in a few queries for all.
 */
export async function referenceProblems(db: Db, prepared: readonly NewCustomer[], path = '/body'): Promise<Map<number, DomainError>> {
  const problems = new Map<number, DomainError>();
  const locationIds = [...new Set(prepared.map((p) => p.customer.locationId).filter((l): l is string => Boolean(l)))];
  const locations = new Set<string>();
  for (let i = 0; i < locationIds.length; i += 300) {
    for (const r of await db.selectFrom('locations').select('id').where('id', 'in', locationIds.slice(i, i + 300)).execute()) locations.add(r.id);
  }
  const wanted = prepared.flatMap((p) => p.externalIdPaths);
  const held = new Map<string, string>();
  const keyOf = (x: { source: string; externalId: string }) => `${x.source}\u0000${x.externalId}`;
  for (let i = 0; i < wanted.length; i += 300) {
    const chunk = wanted.slice(i, i + 300);
    const rows = await db
      .selectFrom('externalIds')
      .select(['source', 'externalId', 'customerId'])
      .where((eb) => eb.or(chunk.map((x) => eb.and([eb('source', '=', x.source), eb('externalId', '=', x.externalId)]))))
      .execute();
    for (const r of rows) held.set(keyOf(r), r.customerId);
  }
  for (const [index, p] of prepared.entries()) {
    const location = p.customer.locationId;
    if (location && !locations.has(location)) {
      problems.set(index, unprocessable(`${path}/locationId`, `location ${location} does not exist`));
      continue;
    }
    const taken = p.externalIdPaths.find((x) => held.has(keyOf(x)));
    if (taken) {
      const owner = held.get(keyOf(taken))!;
      problems.set(index, conflict(`${taken.source} id ${taken.externalId} already belongs to customer ${owner}`, [{ path: taken.path, message: `already belongs to customer ${owner}` }]));
      continue;
    }
    // An earlier new customer of the same batch takes the id first.
    for (const x of p.externalIdPaths) held.set(keyOf(x), p.customer.id);
  }
  return problems;
}

/** Matching's view of contact points, from their rows (as storedCustomers would read them back). */
export function storedContactsOf(contacts: readonly { kind: ContactKind; row: Record<string, unknown> }[]): Pick<StoredCustomer, 'emails' | 'phones' | 'addresses' | 'externalIds'> {
  const of = (kind: ContactKind) => contacts.filter((c) => c.kind === kind).map((c) => c.row);
  return {
    emails: of('emails').map((r) => r.address as string),
    phones: of('phones').map((r) => r.e164 as string),
    addresses: of('addresses').map((r) => ({ line1: (r.line1 ?? null) as string | null, line2: (r.line2 ?? null) as string | null, city: (r.city ?? null) as string | null, postalCode: (r.postalCode ?? null) as string | null })),
    externalIds: of('externalIds').map((r) => ({ source: r.source as string, externalId: r.externalId as string })),
  };
}

/** Matching's view of a new customer, from its rows (as storedCustomers would read it back). */
export function storedOf(p: NewCustomer): StoredCustomer {
  const c = p.customer;
  return {
    id: c.id,
    kind: c.kind as StoredCustomer['kind'],
    displayName: c.displayName,
    givenName: c.givenName ?? null,
    familyName: c.familyName ?? null,
    preferredName: c.preferredName ?? null,
    birthYear: c.birthYear ?? null,
    birthMonth: c.birthMonth ?? null,
    birthDay: c.birthDay ?? null,
    ...storedContactsOf(p.contacts),
  };
}

const auditTypes: Record<ContactKind, string> = { emails: 'email', phones: 'phone', addresses: 'address', externalIds: 'external_id' };

/** Writes checked new customers (referenceProblems found nothing against them) and everything that goes with them. */
export async function insertNewCustomers(db: Db, ctx: WriteContext, prepared: readonly NewCustomer[]): Promise<void> {
  if (prepared.length === 0) return;
  const chunk = 400;
  const insert = async <T>(rows: T[], write: (rows: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += chunk) await write(rows.slice(i, i + chunk));
  };
  await insert(
    prepared.map((p) => p.customer),
    (rows) => db.insertInto('customers').values(rows).execute(),
  );
  for (const kind of kinds) {
    const rows = prepared.flatMap((p) => p.contacts.filter((c) => c.kind === kind).map((c) => c.row));
    await insert(rows, (part) => db.insertInto(kind as 'emails').values(part as never[]).execute());
  }
  const audit: AuditEntry[] = prepared.flatMap((p) => [
    { action: 'create' as const, entityType: 'customer', entityId: p.customer.id, customerId: p.customer.id, after: presentCustomerRow({ ...p.customer, erasedAt: null } as Parameters<typeof presentCustomerRow>[0]) },
    ...p.contacts.map((c) => ({ action: 'create' as const, entityType: auditTypes[c.kind], entityId: c.row.id, customerId: p.customer.id, after: c.row })),
  ]);
  await recordAudits(db, ctx.actor, audit);
  await writeEntriesMany(
    db,
    prepared.map((p) => searchEntries({ ...p.customer, givenName: p.customer.givenName ?? null, familyName: p.customer.familyName ?? null, preferredName: p.customer.preferredName ?? null, organizations: p.organizations ?? [] })),
  );
  await insertMatchKeys(db, prepared.map(storedOf));
}
