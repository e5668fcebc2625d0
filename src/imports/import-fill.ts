import { recordAudits, type AuditEntry } from '../audit/audit-store.js';
import { normalizeEmail, normalizePhone } from '../common/contact-rules.js';
import { addContactPoint, type ContactKind } from '../customers/contact-points.js';
import { updateCustomer } from '../customers/customer-commands.js';
import type { CustomerCreate, CustomerOut, CustomerPatch } from '../customers/customer-schemas.js';
import { presentCustomerRow } from '../customers/customer-store.js';
import { storedContactsOf } from '../customers/new-customers.js';
import { addressKeyOf } from '../matching/address-rules.js';
import { refreshMatchKeysOf, storedCustomers } from '../matching/match-keys-store.js';
import type { StoredCustomer } from '../matching/match-record.js';
import { createNote } from '../notes/note-commands.js';
import { visibleRows } from '../platform/auth/private-facts-sql.js';
import type { Db } from '../platform/database/connect.js';
import { linkedOrganizationNames, reindexCustomers } from '../search/search-indexer.js';
import { fold } from '../search/search-rules.js';
import { written, type ImportRun } from './import-apply.js';
import { employerOf, linkOrganization, nameKeyOf } from './import-organizations.js';
import type { ImportedCustomer } from './import-records.js';

/**
 * Filling in a customer an import found already there (the automatic band): the profile fields they
 * lack, the contact points and ids that are new, the note if it was not imported before, the
 * organisation they work at when they are linked to none of its name. What to add
 * is worked out first without writing (planFill), so a record that brings nothing new costs no write,
 * and a check says "updated" without one; then the plan is written through the same commands as the
 * API (applyFill). A batch reads what it compares against for all its customers at once (fillTargets),
 * and rewrites the lookup's entries and matching's keys of those it filled in together (reindexStale).
 */

/** The profile fields an import fills in when the customer has none. */
const fillable = ['givenName', 'familyName', 'preferredName', 'pronouns', 'language', 'gender'] as const;

/** What a fill compares against: the customer's fields, the customer as matching sees them (with their contact points), the organisations they are linked to. */
export type FillTarget = Pick<CustomerOut, (typeof fillable)[number] | 'birthday'> & { stored: StoredCustomer; organizations: string[] };

/** Ids per read: well under either engine's limit of bound values. */
const idsPerRead = 500;

/** The fill targets of these customers (live ones; an erased customer is left out), in a few reads for all. */
export async function fillTargets(db: Db, ids: readonly string[]): Promise<Map<string, FillTarget>> {
  const targets = new Map<string, FillTarget>();
  for (let i = 0; i < ids.length; i += idsPerRead) {
    const list = ids.slice(i, i + idsPerRead);
    const [rows, stored, organizations] = await Promise.all([
      db.selectFrom('customers').selectAll().where('id', 'in', list).where('erasedAt', 'is', null).execute(),
      storedCustomers(db, list),
      linkedOrganizationNames(db, list),
    ]);
    const storedBy = new Map(stored.map((c) => [c.id, c]));
    for (const row of rows) {
      const customer = storedBy.get(row.id);
      if (customer) targets.set(row.id, { ...presentCustomerRow(row), stored: customer, organizations: organizations.get(row.id) ?? [] });
    }
  }
  return targets;
}

/** What a fill would write. */
export interface FillPlan {
  patch: CustomerPatch;
  emails: NonNullable<CustomerCreate['emails']>;
  phones: NonNullable<CustomerCreate['phones']>;
  addresses: NonNullable<CustomerCreate['addresses']>;
  externalIds: NonNullable<CustomerCreate['externalIds']>;
  note: string | null;
  /** The organisation the record says they work at, when they are linked to none of its name. */
  employer: NonNullable<ImportedCustomer['organization']> | null;
}

/** An address as compared with the customer's: the same place however typed (addressKeyOf), else its text. */
const addressKey = (a: { line1?: string | null | undefined; line2?: string | null | undefined; city?: string | null | undefined; postalCode?: string | null | undefined }) =>
  addressKeyOf(a) ?? `${fold(a.line1 ?? '')}|${fold(a.postalCode ?? '').replace(/\s/g, '')}`;

/** What the record brings that the customer lacks; null when nothing. Reads only whether its note was imported before. */
export async function planFill(db: Db, run: ImportRun, record: ImportedCustomer, customerId: string, input: CustomerCreate, stored: FillTarget): Promise<FillPlan | null> {
  const patch: CustomerPatch = {};
  for (const field of fillable) if (!stored[field] && input[field]) patch[field] = input[field];
  if (!stored.birthday && input.birthday) patch.birthday = { year: input.birthday.year ?? null, month: input.birthday.month ?? null, day: input.birthday.day ?? null };
  const { emails: storedEmails, phones: storedPhones, addresses: storedAddresses, externalIds: storedIds } = stored.stored;
  const emails = (input.emails ?? []).filter((e) => !storedEmails.some((s) => normalizeEmail(s) === normalizeEmail(e.address)));
  const phones = (input.phones ?? []).filter((p) => {
    const e164 = normalizePhone(p.number, run.ctx.phoneRegion);
    return !storedPhones.some((s) => s === e164);
  });
  const addresses = (input.addresses ?? []).filter((a) => !storedAddresses.some((s) => addressKey(s) === addressKey(a)));
  const externalIds = (input.externalIds ?? []).filter((x) => !storedIds.some((s) => s.source === x.source && s.externalId === x.externalId));
  // The same note imported before (whoever may read it): not added twice.
  const seen = record.note ? await db.selectFrom('notes').select('id').where(visibleRows(null, 'notes', 'notes')).where('customerId', '=', customerId).where('body', '=', record.note).executeTakeFirst() : undefined;
  const note = record.note && !seen ? record.note : null;
  const named = employerOf(record);
  const employer = named && !stored.organizations.some((name) => nameKeyOf(name) === nameKeyOf(named.name)) ? named : null;
  const changes = Object.keys(patch).length + emails.length + phones.length + addresses.length + externalIds.length + (note ? 1 : 0) + (employer ? 1 : 0);
  return changes === 0 ? null : { patch, emails, phones, addresses, externalIds, note, employer };
}

/**
 * Customers filled in whose lookup entries and matching keys are not rewritten yet: the caller
 * rewrites them, for many customers at once (reindexStale), before anything reads them.
 */
export interface Stale {
  /** Names changed: the lookup's entries and matching's keys. */
  entries: Set<string>;
  /** Contact points or ids added: matching's keys. */
  keys: Set<string>;
}

export const noneStale = (): Stale => ({ entries: new Set(), keys: new Set() });

/** Rewrites what fills left stale (organisations' people too when an organisation's names changed). */
export async function reindexStale(db: Db, stale: Stale): Promise<void> {
  if (stale.entries.size) await reindexCustomers(db, [...stale.entries], { linked: true });
  const keysOnly = [...stale.keys].filter((id) => !stale.entries.has(id));
  if (keysOnly.length) await refreshMatchKeysOf(db, keysOnly);
  stale.entries.clear();
  stale.keys.clear();
}

/**
 * Writes a plan, each fact traced to the record's line and source id; what it leaves stale goes into
 * `stale`. Returns the customer as matching sees them now, from the rows written (as storedCustomers
 * would read them back once the batch is done).
 */
export async function applyFill(db: Db, run: ImportRun, item: { line: number; record: ImportedCustomer }, customerId: string, plan: FillPlan, stored: FillTarget, stale: Stale): Promise<StoredCustomer> {
  const { line, record } = item;
  const added: { kind: ContactKind; row: Record<string, unknown> }[] = [];
  // The audit entries of the fill, recorded together below (one write for all).
  const audit: AuditEntry[] = [];
  const add = async (kind: ContactKind, items: object[]) => {
    for (const [i, item] of items.entries()) {
      const row = await addContactPoint(db, run.ctx, kind, customerId, { ...item, primary: false }, `/${kind}/${i}`, 'later', audit);
      added.push({ kind, row });
      written(run, line, record.sourceRecordId, kind, row.id, customerId);
    }
  };
  await add('emails', plan.emails);
  await add('phones', plan.phones);
  await add('addresses', plan.addresses);
  await add('externalIds', plan.externalIds);
  if (plan.emails.length + plan.phones.length + plan.addresses.length + plan.externalIds.length > 0) stale.keys.add(customerId);
  const now = { ...stored.stored };
  if (Object.keys(plan.patch).length) {
    const before = Object.fromEntries(Object.keys(plan.patch).map((k) => [k, stored[k as keyof FillTarget] ?? null]));
    const changes = await updateCustomer(db, run.ctx, customerId, plan.patch, 'later', audit);
    for (const field of matchedFields) if (changes[field] !== undefined) Object.assign(now, { [field]: changes[field] });
    stale.entries.add(customerId);
    run.writes.push({ action: 'filled', tableName: 'customers', rowId: customerId, customerId, line, sourceRecordId: record.sourceRecordId, before: JSON.stringify(before), after: JSON.stringify(plan.patch) });
  }
  if (audit.length) await recordAudits(db, run.ctx.actor, audit);
  if (plan.note) written(run, line, record.sourceRecordId, 'notes', await createNote(db, run.ctx, { customerId, body: plan.note }), customerId);
  // Linking rewrites both sides' lookup entries (the person's name their organisation).
  if (plan.employer) await linkOrganization(db, run, item, customerId);
  const contacts = storedContactsOf(added);
  return { ...now, emails: [...now.emails, ...contacts.emails], phones: [...now.phones, ...contacts.phones], addresses: [...now.addresses, ...contacts.addresses], externalIds: [...now.externalIds, ...contacts.externalIds] };
}

/** The columns of a customer's row that matching reads (StoredCustomer's own, beside its contact points). */
const matchedFields = ['kind', 'displayName', 'givenName', 'familyName', 'preferredName', 'birthYear', 'birthMonth', 'birthDay'] as const;
