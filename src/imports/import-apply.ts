import { createHash } from 'node:crypto';
import { normalizeEmail, normalizePhone } from '../common/contact-rules.js';
import { addContactPoint } from '../customers/contact-points.js';
import { createCustomer, updateCustomer } from '../customers/customer-commands.js';
import type { CustomerPatch } from '../customers/customer-schemas.js';
import { loadCustomer } from '../customers/customer-store.js';
import { addRelationship } from '../customers/relationship-commands.js';
import { createInteraction } from '../interactions/interaction-commands.js';
import { candidatesFor, maxBlockSize } from '../matching/match-candidates.js';
import { toMatchRecord, type MatchRecord } from '../matching/match-record.js';
import { compare } from '../matching/compare.js';
import { blockingKeys } from '../matching/blocking.js';
import { recordSuspicions } from '../matching/suspicion-store.js';
import { createNote } from '../notes/note-commands.js';
import { visibleRows } from '../platform/auth/private-facts-sql.js';
import type { Db } from '../platform/database/connect.js';
import type { NewRow } from '../platform/database/schema.js';
import type { WriteContext } from '../platform/write-context.js';
import { fold } from '../search/search-rules.js';
import { createTransaction } from '../transactions/transaction-commands.js';
import type { ImportedCustomer, ImportedInteraction, ImportedTransaction } from './import-records.js';
import { customerByKey, sourceRecordExists } from './import-store.js';

/**
 * What an import does with one record, the same way in a check (nothing written: what would happen)
 * and in the import itself (written through the same commands as the API, so every write is
 * validated and audited): a customer is matched (certain: filled in and given what is new), or
 * created (a probable match goes to the duplicates queue); a purchase or a contact is added to the
 * customer its key names, once per record of the source.
 */

export type Outcome = 'created' | 'updated' | 'unchanged';

/** Everything one run of an import shares across its records. */
export interface ImportRun {
  /** Null for a batch through the API (no file, no import to undo). */
  importId: string | null;
  source: string;
  mode: 'check' | 'import';
  ctx: WriteContext;
  /** Rows written (import mode), appended in order: what the undo reverses and where each fact came from. */
  writes: Omit<NewRow<'importWrites'>, 'importId' | 'seq'>[];
  /** A check's customers that would be created, by blocking key: a later row of the same file matches them. */
  pending: Map<string, MatchRecord[]>;
}

const written = (run: ImportRun, line: number, sourceRecordId: string | null, table: string, rowId: string, customerId: string) =>
  run.writes.push({ action: 'created', tableName: table, rowId, customerId, line, sourceRecordId, before: null, after: null });

/** The profile fields an import fills in when the customer has none. */
const fillable = ['givenName', 'familyName', 'preferredName', 'pronouns', 'language', 'gender'] as const;

const addressKey = (a: { line1?: string | null | undefined; postalCode?: string | null | undefined }) => `${fold(a.line1 ?? '')}|${fold(a.postalCode ?? '').replace(/\s/g, '')}`;

/** What became of one record: the outcome, the customer it is now (null in a check when new), and how many may be them. */
export interface Applied {
  outcome: Outcome;
  customerId: string | null;
  review: number;
}

export async function applyCustomer(db: Db, run: ImportRun, line: number, record: ImportedCustomer): Promise<Applied> {
  const ids = [...(record.customer.externalIds ?? []), ...(record.sourceRecordId ? [{ source: run.source, externalId: record.sourceRecordId }] : [])];
  const externalIds = ids.filter((x, i) => ids.findIndex((y) => y.source === x.source && y.externalId === x.externalId) === i);
  const input = { ...record.customer, externalIds };
  const match = toMatchRecord({ from: 'import', id: `line:${line}`, customer: input }, run.ctx.phoneRegion);
  const candidates = await candidatesFor(db, match);
  const sure = candidates.find((c) => c.result.band === 'auto');
  if (sure) return { outcome: await fillCustomer(db, run, line, record, sure.customerId, externalIds), customerId: sure.customerId, review: 0 };
  const review = candidates.filter((c) => c.result.band === 'review');

  if (run.mode === 'check') {
    // An earlier row of this file that would be created may be this one (a list with a person twice).
    const earlier = blockingKeys(match).flatMap((k) => {
      const held = run.pending.get(k) ?? [];
      return held.length > maxBlockSize ? [] : held;
    });
    if (earlier.some((other) => compare(match, other).band === 'auto')) return { outcome: 'unchanged', customerId: null, review: 0 };
    for (const key of blockingKeys(match)) run.pending.set(key, [...(run.pending.get(key) ?? []), match]);
    return { outcome: 'created', customerId: null, review: review.length };
  }

  const id = await createCustomer(db, run.ctx, input);
  written(run, line, record.sourceRecordId, 'customers', id, id);
  await linkOrganization(db, run, line, record, id);
  if (record.note) written(run, line, record.sourceRecordId, 'notes', await createNote(db, run.ctx, { customerId: id, body: record.note }), id);
  await recordSuspicions(db, id, review, run.importId ? 'import' : 'create', run.importId);
  return { outcome: 'created', customerId: id, review: review.length };
}

/** A matched customer gets what they lack and what is new: empty fields, contact points, ids, the note. */
async function fillCustomer(db: Db, run: ImportRun, line: number, record: ImportedCustomer, customerId: string, externalIds: { source: string; externalId: string }[]): Promise<Outcome> {
  const stored = (await loadCustomer(db, customerId))!;
  const incoming = record.customer;
  const patch: CustomerPatch = {};
  for (const field of fillable) if (!stored[field] && incoming[field]) patch[field] = incoming[field];
  if (!stored.birthday && incoming.birthday) patch.birthday = { year: incoming.birthday.year ?? null, month: incoming.birthday.month ?? null, day: incoming.birthday.day ?? null };
  const emails = (incoming.emails ?? []).filter((e) => !stored.emails.some((s) => s.normalized === normalizeEmail(e.address)));
  const phones = (incoming.phones ?? []).filter((p) => {
    const e164 = normalizePhone(p.number, run.ctx.phoneRegion);
    return !stored.phones.some((s) => s.e164 === e164);
  });
  const addresses = (incoming.addresses ?? []).filter((a) => !stored.addresses.some((s) => addressKey(s) === addressKey(a)));
  const ids = externalIds.filter((x) => !stored.externalIds.some((s) => s.source === x.source && s.externalId === x.externalId));
  // The same note imported before (whoever may read it): not added twice.
  const seen = record.note ? await db.selectFrom('notes').select('id').where(visibleRows(null, 'notes', 'notes')).where('customerId', '=', customerId).where('body', '=', record.note).executeTakeFirst() : undefined;
  const note = record.note && !seen ? record.note : null;
  const changes = Object.keys(patch).length + emails.length + phones.length + addresses.length + ids.length + (note ? 1 : 0);
  if (changes === 0) return 'unchanged';
  if (run.mode === 'check') return 'updated';

  if (Object.keys(patch).length) {
    const before = Object.fromEntries(Object.keys(patch).map((k) => [k, stored[k as keyof typeof stored] ?? null]));
    await updateCustomer(db, run.ctx, customerId, patch);
    run.writes.push({ action: 'filled', tableName: 'customers', rowId: customerId, customerId, line, sourceRecordId: record.sourceRecordId, before: JSON.stringify(before), after: JSON.stringify(patch) });
  }
  const add = async (kind: 'emails' | 'phones' | 'addresses' | 'externalIds', items: object[]) => {
    for (const [i, item] of items.entries()) {
      const id = await addContactPoint(db, run.ctx, kind, customerId, { ...item, primary: false }, `/${kind}/${i}`);
      written(run, line, record.sourceRecordId, kind, id, customerId);
    }
  };
  await add('emails', emails);
  await add('phones', phones);
  await add('addresses', addresses);
  await add('externalIds', ids);
  if (note) written(run, line, record.sourceRecordId, 'notes', await createNote(db, run.ctx, { customerId, body: note }), customerId);
  return 'updated';
}

/** A person's organisation: the one of that name, or a new one; linked once. */
async function linkOrganization(db: Db, run: ImportRun, line: number, record: ImportedCustomer, personId: string): Promise<void> {
  if (!record.organization || record.customer.kind === 'organization') return;
  const name = record.organization.name;
  const existing = await db.selectFrom('customers').select('id').where('kind', '=', 'organization').where('displayName', '=', name).where('erasedAt', 'is', null).orderBy('createdAt').limit(1).executeTakeFirst();
  let orgId = existing?.id;
  if (!orgId) {
    orgId = await createCustomer(db, run.ctx, { kind: 'organization', displayName: name });
    written(run, line, record.sourceRecordId, 'customers', orgId, orgId);
  }
  const link = await addRelationship(db, run.ctx, personId, { relatedCustomerId: orgId, label: record.organization.title ?? 'works at', relatedLabel: 'employer' });
  written(run, line, record.sourceRecordId, 'relationships', link, personId);
}

/** The source's id of an activity, or one made from what the row says when it has none: the same row imported again is the same record. */
const recordIdOf = (record: { sourceRecordId: string | null; line: number }) => {
  if (record.sourceRecordId) return record.sourceRecordId;
  const { line: _line, ...content } = record;
  return `row:${createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 32)}`;
};

async function customerOf(db: Db, run: ImportRun, key: ImportedTransaction['key']): Promise<string> {
  const email = key.email ? normalizeEmail(key.email) : null;
  const phone = key.phone ? normalizePhone(key.phone, run.ctx.phoneRegion) : null;
  const id = await customerByKey(db, run.source, { externalId: key.externalId, email, phone });
  if (id) return id;
  const named = [key.externalId ? `${run.source} id ${key.externalId}` : null, email, phone].filter(Boolean).join(', ');
  throw new NoCustomer(named ? `No customer has ${named}: import the customers of ${run.source} first.` : 'The row does not say whose it is: give a customer id, an email or a phone.');
}

/** An activity whose customer cannot be found: a problem with the row, not with the import. */
export class NoCustomer extends Error {}

export async function applyTransaction(db: Db, run: ImportRun, record: ImportedTransaction): Promise<Applied> {
  const customerId = await customerOf(db, run, record.key);
  const sourceRecordId = recordIdOf(record);
  if (await sourceRecordExists(db, 'transactions', run.source, sourceRecordId)) return { outcome: 'unchanged', customerId, review: 0 };
  if (run.mode === 'check') return { outcome: 'created', customerId, review: 0 };
  const id = await createTransaction(
    db,
    run.ctx,
    {
      customerId,
      kind: record.kind,
      occurredAt: record.occurredAt,
      currency: record.currency,
      reference: record.reference,
      items: record.items,
      ...(record.amountMinor !== null ? { amountMinor: record.amountMinor } : {}),
    },
    { source: run.source, sourceRecordId },
  );
  written(run, record.line, sourceRecordId, 'transactions', id, customerId);
  return { outcome: 'created', customerId, review: 0 };
}

export async function applyInteraction(db: Db, run: ImportRun, record: ImportedInteraction): Promise<Applied> {
  const customerId = await customerOf(db, run, record.key);
  const sourceRecordId = recordIdOf(record);
  if (await sourceRecordExists(db, 'interactions', run.source, sourceRecordId)) return { outcome: 'unchanged', customerId, review: 0 };
  if (run.mode === 'check') return { outcome: 'created', customerId, review: 0 };
  const id = await createInteraction(
    db,
    run.ctx,
    { customerId, channel: record.channel, direction: record.direction, occurredAt: record.occurredAt, summary: record.summary, outcome: record.outcome },
    { source: run.source, sourceRecordId },
  );
  written(run, record.line, sourceRecordId, 'interactions', id, customerId);
  return { outcome: 'created', customerId, review: 0 };
}
