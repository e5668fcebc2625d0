import { insertNewCustomers, prepareNewCustomer, type NewCustomer } from '../customers/new-customers.js';
import { addRelationship } from '../customers/relationship-commands.js';
import { soundOf } from '../matching/blocking.js';
import { customersWithKeys } from '../matching/match-keys-store.js';
import { organizationWords } from '../matching/name-rules.js';
import type { Db } from '../platform/database/connect.js';
import { written, type ImportRun } from './import-apply.js';
import type { ImportedCustomer } from './import-records.js';

/**
 * The organisations an import's people work at: one per name however it is written, the oldest of
 * that name already here, else one made for them; an organisation's own record fills in the one made
 * by name for its people. Used by a batch of new people (import-customers.ts), by one record at a
 * time, and by a fill of someone already here who now names an employer (import-fill.ts).
 */

/** The organisation a person's record names, if any (an organisation's own record links to none). */
export const employerOf = (record: ImportedCustomer) => (record.organization && record.customer.kind !== 'organization' ? record.organization : null);

/** The link from a person to their organisation. */
export const employmentOf = (organizationId: string, employer: NonNullable<ImportedCustomer['organization']>) => ({ relatedCustomerId: organizationId, label: employer.title ?? 'works at', relatedLabel: 'employer' });

/** What makes two organisations' names one: their words folded, without the legal form ("ACME Corp." and "Acme Corporation" are "acme"). */
export const nameKeyOf = (name: string) => organizationWords(name).join(' ');

/**
 * The organisations already here under these names, by name key (nameKeyOf), the oldest of each:
 * found by the name as written or through matching's key for an organisation's name (its sound);
 * `bare`: only those that are a name and nothing else (no email, phone, address or id of their own).
 */
export async function organizationsNamed(db: Db, names: readonly string[], bare = false): Promise<Map<string, string>> {
  const wanted = new Set(names.map(nameKeyOf));
  const sounds = [...new Set(names.map((name) => `o${soundOf(organizationWords(name).join(''))}`))];
  const ids = new Set((await customersWithKeys(db, sounds)).map((r) => r.customerId));
  const found = new Map<string, string>();
  const lists: { byName?: string[]; byId?: string[] }[] = [];
  for (let i = 0; i < names.length; i += 300) lists.push({ byName: names.slice(i, i + 300) });
  const idList = [...ids];
  for (let i = 0; i < idList.length; i += 300) lists.push({ byId: idList.slice(i, i + 300) });
  const rows: { id: string; displayName: string; createdAt: string }[] = [];
  for (const list of lists) {
    rows.push(
      ...(await db
        .selectFrom('customers as c')
        .select(['c.id', 'c.displayName', 'c.createdAt'])
        .where('c.kind', '=', 'organization')
        .where('c.erasedAt', 'is', null)
        .$if(list.byName !== undefined, (q) => q.where('c.displayName', 'in', list.byName!))
        .$if(list.byId !== undefined, (q) => q.where('c.id', 'in', list.byId!))
        .$if(bare, (q) => q.where(({ and, not, exists, selectFrom }) => and((['emails', 'phones', 'addresses', 'externalIds'] as const).map((table) => not(exists(selectFrom(table).select('id').whereRef('customerId', '=', 'c.id')))))))
        .execute()),
    );
  }
  rows.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  for (const r of rows) {
    const key = nameKeyOf(r.displayName);
    if (wanted.has(key) && !found.has(key)) found.set(key, r.id);
  }
  return found;
}

/**
 * The organisations of these names, by the name as the records write it: the oldest already here of
 * that name (nameKeyOf: "ACME Corp." is Acme Corporation), else one written with them (`writing`: an
 * organisation's own record of the same batch), else one made for all the names of that key (checked,
 * not yet written).
 */
export async function organizationsOf(db: Db, run: ImportRun, records: readonly ImportedCustomer[], writing: readonly NewCustomer[] = []): Promise<Map<string, { id: string; made?: NewCustomer; announced?: boolean }>> {
  const names = [...new Set(records.flatMap((r) => employerOf(r)?.name ?? []))];
  const here = await organizationsNamed(db, names);
  for (const w of writing) {
    const name = w.customer.displayName;
    if (w.customer.kind === 'organization' && name && !here.has(nameKeyOf(name))) here.set(nameKeyOf(name), w.customer.id);
  }
  const byKey = new Map<string, { id: string; made?: NewCustomer }>([...here].map(([key, id]) => [key, { id }]));
  const found = new Map<string, { id: string; made?: NewCustomer }>();
  for (const name of names) {
    const key = nameKeyOf(name);
    let organization = byKey.get(key);
    if (!organization) {
      const made = prepareNewCustomer(run.ctx, { kind: 'organization', displayName: name });
      byKey.set(key, (organization = { id: made.customer.id, made }));
    }
    found.set(name, organization);
  }
  return found;
}

/**
 * Organisations that are a name only (made by an import for the people who work there: no email,
 * phone, address or id of their own), by the name as these records write it, for the organisations'
 * own records among them: such a record is that organisation, filled in, not a second one of its name.
 */
export async function placeholdersOf(db: Db, records: readonly ImportedCustomer[]): Promise<Map<string, string>> {
  const names = [...new Set(records.flatMap((r) => (r.customer.kind === 'organization' && r.customer.displayName ? [r.customer.displayName] : [])))];
  if (names.length === 0) return new Map();
  const bare = await organizationsNamed(db, names, true);
  return new Map(names.flatMap((name) => (bare.has(nameKeyOf(name)) ? [[name, bare.get(nameKeyOf(name))!] as const] : [])));
}

/** A person's organisation: the one of that name, or a new one; linked once. */
export async function linkOrganization(db: Db, run: ImportRun, item: { line: number; record: ImportedCustomer }, personId: string): Promise<void> {
  const { line, record } = item;
  const employer = employerOf(record);
  if (!employer) return;
  const organization = (await organizationsOf(db, run, [record])).get(employer.name)!;
  if (organization.made) {
    await insertNewCustomers(db, run.ctx, [organization.made]);
    written(run, line, record.sourceRecordId, 'customers', organization.id, organization.id);
    run.organizationsMade.set(nameKeyOf(employer.name), organization.id);
  }
  const link = await addRelationship(db, run.ctx, personId, employmentOf(organization.id, employer));
  written(run, line, record.sourceRecordId, 'relationships', link, personId);
}
