import { normalizeEmail, normalizePhone } from '../common/contact-rules.js';
import { addContactPoint } from '../customers/contact-points.js';
import { createCustomer, updateCustomer } from '../customers/customer-commands.js';
import type { CustomerCreate, CustomerPatch } from '../customers/customer-schemas.js';
import { loadCustomer } from '../customers/customer-store.js';
import { insertNewCustomers, prepareNewCustomer, referenceProblems, storedOf, type NewCustomer } from '../customers/new-customers.js';
import { addRelationship } from '../customers/relationship-commands.js';
import { blockingKeys } from '../matching/blocking.js';
import { compare } from '../matching/compare.js';
import { byLikelihood, candidatesFor, candidatesForMany, keysThatMatter, maxBlockSize, type Candidate } from '../matching/match-candidates.js';
import { matchProfiles, profileOf, refreshMatchKeys, type MatchProfile } from '../matching/match-keys-store.js';
import { toMatchRecord, type MatchRecord } from '../matching/match-record.js';
import { recordSuspicions } from '../matching/suspicion-store.js';
import { createNote } from '../notes/note-commands.js';
import { visibleRows } from '../platform/auth/private-facts-sql.js';
import type { Db } from '../platform/database/connect.js';
import { fold } from '../search/search-rules.js';
import { inSavepoint } from '../platform/database/savepoint.js';
import { written, type Applied, type ImportRun, type Outcome, type Settled } from './import-apply.js';
import type { ImportedCustomer } from './import-records.js';

/**
 * What an import does with customer records, one at a time or a batch at once, with the same
 * outcome: a record that is certainly a customer already (the automatic band) fills that customer
 * in; any other is created, and a probable match goes to the duplicates queue. A batch reads every
 * record's candidates in a few queries and writes its new customers together (src/customers/
 * new-customers.ts); a record that shares a key with a customer written or filled in earlier in the
 * batch is compared with that customer as it is now, so it sees the batch as one-at-a-time would
 * (except at the edge of a name block growing past its size limit within one batch).
 */

/** A customer record of the file or a batch, with where it was. */
export interface CustomerItem {
  line: number;
  record: ImportedCustomer;
}

/** The record as the API's CustomerCreate, its source's id among its external ids. */
function inputOf(run: ImportRun, record: ImportedCustomer): CustomerCreate {
  const ids = [...(record.customer.externalIds ?? []), ...(record.sourceRecordId ? [{ source: run.source, externalId: record.sourceRecordId }] : [])];
  const externalIds = ids.filter((x, i) => ids.findIndex((y) => y.source === x.source && y.externalId === x.externalId) === i);
  return { ...record.customer, externalIds };
}

const matchOf = (run: ImportRun, item: CustomerItem, input: CustomerCreate) => toMatchRecord({ from: 'import', id: `line:${item.line}`, customer: input }, run.ctx.phoneRegion);

/** What to do with a record, given who may already be them. */
type Decision = { kind: 'fill'; customerId: string } | { kind: 'earlier' } | { kind: 'create'; review: Candidate[] };

function decide(run: ImportRun, match: MatchRecord, candidates: readonly Candidate[]): Decision {
  const sure = candidates.find((c) => c.result.band === 'auto');
  if (sure) return { kind: 'fill', customerId: sure.customerId };
  const review = candidates.filter((c) => c.result.band === 'review');
  if (run.mode === 'check') {
    // A check writes nothing: an earlier row of this file that would be created may be this one (a list with a person twice).
    const keys = blockingKeys(match);
    const earlier = keys.flatMap((k) => {
      const held = run.pending.get(k) ?? [];
      return held.length > maxBlockSize ? [] : held;
    });
    if (earlier.some((other) => compare(match, other).band === 'auto')) return { kind: 'earlier' };
    for (const key of keys) run.pending.set(key, [...(run.pending.get(key) ?? []), match]);
  }
  return { kind: 'create', review };
}

/** One record, matched against the database as it is now. */
export async function applyCustomer(db: Db, run: ImportRun, item: CustomerItem): Promise<Applied> {
  const input = inputOf(run, item.record);
  const match = matchOf(run, item, input);
  const decision = decide(run, match, await candidatesFor(db, match));
  if (decision.kind === 'fill') return { outcome: await fillCustomer(db, run, item, decision.customerId, input), customerId: decision.customerId, review: 0 };
  if (decision.kind === 'earlier') return { outcome: 'unchanged', customerId: null, review: 0 };
  if (run.mode === 'check') return { outcome: 'created', customerId: null, review: decision.review.length };
  const id = await createCustomer(db, run.ctx, input);
  written(run, item.line, item.record.sourceRecordId, 'customers', id, id);
  await linkOrganization(db, run, item, id);
  if (item.record.note) written(run, item.line, item.record.sourceRecordId, 'notes', await createNote(db, run.ctx, { customerId: id, body: item.record.note }), id);
  await recordSuspicions(db, id, decision.review, run.importId ? 'import' : 'create', run.importId);
  return { outcome: 'created', customerId: id, review: decision.review.length };
}

const settle = async (work: () => Promise<Applied>): Promise<Settled> => {
  try {
    return { applied: await work() };
  } catch (error) {
    return { error };
  }
};

/**
 * A batch of records, in order, each settled (applied, or the error that left it out: nothing of it
 * written). Runs inside the caller's transaction.
 */
export async function applyCustomers(db: Db, run: ImportRun, items: readonly CustomerItem[]): Promise<Settled[]> {
  const inputs = items.map((item) => inputOf(run, item.record));
  const matches = items.map((item, i) => matchOf(run, item, inputs[i]!));
  const found = await candidatesForMany(db, matches);
  const settled: Settled[] = new Array(items.length);
  /**
   * Customers the batch has written, filled in or is about to write (import only), as matching sees
   * them now, and the keys they hold: a later record that shares a name, an id or an address key
   * with one is compared with it again here; one that shares a phone or an email (whose weight
   * depends on how many hold it) is matched again against the database after writing what waits.
   */
  const changed = new Map<string, MatchProfile>();
  const changedByKey = new Map<string, Set<string>>();
  const change = (profile: MatchProfile | undefined) => {
    if (!profile) return;
    changed.set(profile.id, profile);
    for (const key of blockingKeys(profile)) changedByKey.set(key, (changedByKey.get(key) ?? new Set()).add(profile.id));
  };
  const reread = async (customerId: string | null) => {
    if (customerId) change((await matchProfiles(db, [customerId])).get(customerId));
  };
  let waiting: { index: number; prepared: NewCustomer; review: Candidate[] }[] = [];

  const one = async (index: number) => {
    settled[index] = await settle(() => inSavepoint(db, () => applyCustomer(db, run, items[index]!)));
    if ('applied' in settled[index]) await reread(settled[index].applied.customerId);
  };
  const flush = async () => {
    const batch = waiting;
    waiting = [];
    if (batch.length === 0) return;
    const problems = await referenceProblems(db, batch.map((w) => w.prepared));
    const ready = batch.filter((w, i) => {
      const problem = problems.get(i);
      if (problem) settled[w.index] = { error: problem };
      return !problem;
    });
    const writes = run.writes.length;
    try {
      await inSavepoint(db, async () => {
        await insertNewCustomers(db, run.ctx, ready.map((w) => w.prepared));
        for (const w of ready) {
          const item = items[w.index]!;
          const id = w.prepared.customer.id;
          written(run, item.line, item.record.sourceRecordId, 'customers', id, id);
          await linkOrganization(db, run, item, id);
          if (item.record.note) written(run, item.line, item.record.sourceRecordId, 'notes', await createNote(db, run.ctx, { customerId: id, body: item.record.note }), id);
        }
      });
    } catch {
      // Something the checks did not foresee (a note too long, say): each record alone, to find which (and write the others).
      run.writes.length = writes;
      for (const w of ready) await one(w.index);
      return;
    }
    for (const w of ready) {
      const id = w.prepared.customer.id;
      if (w.review.length) await recordSuspicions(db, id, w.review, run.importId ? 'import' : 'create', run.importId);
      settled[w.index] = { applied: { outcome: 'created', customerId: id, review: w.review.length } };
    }
  };
  /** The record's candidates as the batch has left the customers so far; null when it must be matched against the database again. */
  const candidatesNow = (match: MatchRecord, index: number): Candidate[] | null => {
    const keys = keysThatMatter(match).filter((k) => changedByKey.has(k));
    if (keys.length === 0) return found[index]!;
    if (keys.some((k) => k[0] === 'p' || k[0] === 'e')) return null;
    const again = new Set(keys.flatMap((k) => [...changedByKey.get(k)!]));
    const kept = found[index]!.filter((c) => !again.has(c.customerId));
    for (const id of again) {
      const other = changed.get(id)!;
      // No phone or email in common: how many hold one does not count, the typical context is exact.
      const result = compare(match, other);
      if (result.band !== 'distinct') kept.push({ customerId: id, displayName: other.displayName, result });
    }
    return kept.sort(byLikelihood);
  };

  for (const [index, item] of items.entries()) {
    const match = matches[index]!;
    const candidates = run.mode === 'import' ? candidatesNow(match, index) : found[index]!;
    if (candidates === null) {
      // Matched again after what waits is written.
      await flush();
      await one(index);
      continue;
    }
    const decision = decide(run, match, candidates);
    if (decision.kind === 'earlier') {
      settled[index] = { applied: { outcome: 'unchanged', customerId: null, review: 0 } };
    } else if (decision.kind === 'fill') {
      // A customer still waiting to be written (a person twice in the file) is written first.
      if (waiting.some((w) => w.prepared.customer.id === decision.customerId)) await flush();
      settled[index] = await settle(() => inSavepoint(db, async () => ({ outcome: await fillCustomer(db, run, item, decision.customerId, inputs[index]!), customerId: decision.customerId, review: 0 })));
      if (run.mode === 'import') await reread(decision.customerId);
    } else if (run.mode === 'check') {
      settled[index] = { applied: { outcome: 'created', customerId: null, review: decision.review.length } };
    } else {
      try {
        const prepared = prepareNewCustomer(run.ctx, inputs[index]!);
        waiting.push({ index, prepared, review: decision.review });
        change(profileOf(storedOf(prepared)));
      } catch (error) {
        settled[index] = { error };
      }
    }
  }
  await flush();
  return settled;
}

/** The profile fields an import fills in when the customer has none. */
const fillable = ['givenName', 'familyName', 'preferredName', 'pronouns', 'language', 'gender'] as const;

const addressKey = (a: { line1?: string | null | undefined; postalCode?: string | null | undefined }) => `${fold(a.line1 ?? '')}|${fold(a.postalCode ?? '').replace(/\s/g, '')}`;

/** A matched customer gets what they lack and what is new: empty fields, contact points, ids, the note. */
async function fillCustomer(db: Db, run: ImportRun, item: CustomerItem, customerId: string, input: CustomerCreate): Promise<Outcome> {
  const { line, record } = item;
  const stored = (await loadCustomer(db, customerId))!;
  const patch: CustomerPatch = {};
  for (const field of fillable) if (!stored[field] && input[field]) patch[field] = input[field];
  if (!stored.birthday && input.birthday) patch.birthday = { year: input.birthday.year ?? null, month: input.birthday.month ?? null, day: input.birthday.day ?? null };
  const emails = (input.emails ?? []).filter((e) => !stored.emails.some((s) => s.normalized === normalizeEmail(e.address)));
  const phones = (input.phones ?? []).filter((p) => {
    const e164 = normalizePhone(p.number, run.ctx.phoneRegion);
    return !stored.phones.some((s) => s.e164 === e164);
  });
  const addresses = (input.addresses ?? []).filter((a) => !stored.addresses.some((s) => addressKey(s) === addressKey(a)));
  const ids = (input.externalIds ?? []).filter((x) => !stored.externalIds.some((s) => s.source === x.source && s.externalId === x.externalId));
  // The same note imported before (whoever may read it): not added twice.
  const seen = record.note ? await db.selectFrom('notes').select('id').where(visibleRows(null, 'notes', 'notes')).where('customerId', '=', customerId).where('body', '=', record.note).executeTakeFirst() : undefined;
  const note = record.note && !seen ? record.note : null;
  const changes = Object.keys(patch).length + emails.length + phones.length + addresses.length + ids.length + (note ? 1 : 0);
  if (changes === 0) return 'unchanged';
  if (run.mode === 'check') return 'updated';

  const add = async (kind: 'emails' | 'phones' | 'addresses' | 'externalIds', items: object[]) => {
    for (const [i, item] of items.entries()) {
      const id = await addContactPoint(db, run.ctx, kind, customerId, { ...item, primary: false }, `/${kind}/${i}`, 'later');
      written(run, line, record.sourceRecordId, kind, id, customerId);
    }
  };
  await add('emails', emails);
  await add('phones', phones);
  await add('addresses', addresses);
  await add('externalIds', ids);
  // Matching's keys once for all: by the update's reindex, or here.
  if (Object.keys(patch).length) {
    const before = Object.fromEntries(Object.keys(patch).map((k) => [k, stored[k as keyof typeof stored] ?? null]));
    await updateCustomer(db, run.ctx, customerId, patch);
    run.writes.push({ action: 'filled', tableName: 'customers', rowId: customerId, customerId, line, sourceRecordId: record.sourceRecordId, before: JSON.stringify(before), after: JSON.stringify(patch) });
  } else if (emails.length + phones.length + addresses.length + ids.length > 0) {
    await refreshMatchKeys(db, customerId);
  }
  if (note) written(run, line, record.sourceRecordId, 'notes', await createNote(db, run.ctx, { customerId, body: note }), customerId);
  return 'updated';
}

/** A person's organisation: the one of that name, or a new one; linked once. */
async function linkOrganization(db: Db, run: ImportRun, item: CustomerItem, personId: string): Promise<void> {
  const { line, record } = item;
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
