import { recordAudits } from '../audit/audit-store.js';
import { createCustomer } from '../customers/customer-commands.js';
import type { CustomerCreate } from '../customers/customer-schemas.js';
import { insertNewCustomers, prepareNewCustomer, referenceProblems, storedOf, type NewCustomer } from '../customers/new-customers.js';
import { relationshipAudit, relationshipRow } from '../customers/relationship-commands.js';
import { blockingKeys } from '../matching/blocking.js';
import { compare } from '../matching/compare.js';
import { byLikelihood, candidatesFor, candidatesForMany, keysThatMatter, maxBlockSize, type Candidate } from '../matching/match-candidates.js';
import { matchProfiles, profileOf, type MatchProfile } from '../matching/match-keys-store.js';
import { toMatchRecord, type MatchRecord, type StoredCustomer } from '../matching/match-record.js';
import { recordSuspicions, recordSuspicionsOf } from '../matching/suspicion-store.js';
import { createNote } from '../notes/note-commands.js';
import type { Db } from '../platform/database/connect.js';
import { inSavepoint } from '../platform/database/savepoint.js';
import { written, type Applied, type ImportRun, type Outcome, type Settled } from './import-apply.js';
import { applyFill, fillTargets, noneStale, planFill, reindexStale, type FillTarget, type Stale } from './import-fill.js';
import { customersOfRecordKeys, recordKeyOf } from './import-identity.js';
import { employerOf, employmentOf, linkOrganization, nameKeyOf, organizationsOf, placeholdersOf } from './import-organizations.js';
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

/** An organisation this run made for its people: its own record filling it in is its creation, as a check counts it. */
const madeByRun = (run: ImportRun, customerId: string) => [...run.organizationsMade.values()].includes(customerId);

/** The record as the API's CustomerCreate, its source's id among its external ids. */
function inputOf(run: ImportRun, record: ImportedCustomer): CustomerCreate {
  const ids = [...(record.customer.externalIds ?? []), ...(record.sourceRecordId ? [{ source: run.source, externalId: record.sourceRecordId }] : [])];
  const externalIds = ids.filter((x, i) => ids.findIndex((y) => y.source === x.source && y.externalId === x.externalId) === i);
  return { ...record.customer, externalIds };
}

const matchOf = (run: ImportRun, item: CustomerItem, input: CustomerCreate) => toMatchRecord({ from: 'import', id: `line:${item.line}`, customer: input }, run.ctx.phoneRegion);

/** The record's key when the run is an import's (whose writes are kept: a batch through the API keeps none). */
const keyOf = (run: ImportRun, item: CustomerItem) => (run.importId ? recordKeyOf(item.record) : null);

/**
 * Who a record is known to be before matching: `same`, the customer the same record of this source
 * became before (an earlier import, or an earlier row of this one: import-identity.ts); `placeholder`,
 * for an organisation's own record, the organisation of its name made for its people (placeholdersOf).
 */
interface Known {
  same: string | null;
  placeholder: string | null;
}

/** What to do with a record, given who may already be them. 'earlier': applied before, nothing to write. */
type Decision = { kind: 'fill'; customerId: string } | { kind: 'earlier'; customerId: string | null } | { kind: 'create'; review: Candidate[] };

function decide(run: ImportRun, match: MatchRecord, candidates: readonly Candidate[], known: Known, key: string | null): Decision {
  // Imported before, exactly so: what it brought is there, or was changed or removed since by someone who knew better.
  if (known.same) return { kind: 'earlier', customerId: known.same };
  const sure = candidates.find((c) => c.result.band === 'auto');
  if (sure) return { kind: 'fill', customerId: sure.customerId };
  if (known.placeholder) return { kind: 'fill', customerId: known.placeholder };
  const review = candidates.filter((c) => c.result.band === 'review');
  if (run.mode === 'check') {
    // The same record earlier in the file would be created: this one is that customer (as the import will find by its key).
    if (key) {
      if (run.pending.has(`r${key}`)) return { kind: 'earlier', customerId: null };
      run.pending.set(`r${key}`, [match]);
    }
    // A check writes nothing: an earlier row of this file that would be created may be this one (a list with a person twice).
    const keys = blockingKeys(match);
    const earlier = keys.flatMap((k) => {
      const held = run.pending.get(k) ?? [];
      return held.length > maxBlockSize ? [] : held;
    });
    const results = earlier.map((other) => ({ other, result: compare(match, other) }));
    if (results.some((r) => r.result.band === 'auto')) return { kind: 'earlier', customerId: null };
    for (const key of keys) run.pending.set(key, [...(run.pending.get(key) ?? []), match]);
    // One that may be this one goes to the queue with it, as the import will find it once written.
    const pendingReview = results.filter((r, i) => r.result.band === 'review' && results.findIndex((s) => s.other === r.other) === i);
    return { kind: 'create', review: [...review, ...pendingReview.map((r) => ({ customerId: r.other.id, displayName: null, result: r.result }))] };
  }
  return { kind: 'create', review };
}

/** One record, matched against the database as it is now; who it is known to be found here unless given (see Known). */
export async function applyCustomer(db: Db, run: ImportRun, item: CustomerItem, given?: Known): Promise<Applied> {
  const input = inputOf(run, item.record);
  const match = matchOf(run, item, input);
  const key = keyOf(run, item);
  const known = given ?? {
    same: (key ? (await customersOfRecordKeys(db, run.source, [key])).get(key) : undefined) ?? null,
    placeholder: (await placeholdersOf(db, [item.record])).get(item.record.customer.displayName ?? '') ?? null,
  };
  const decision = decide(run, match, await candidatesFor(db, match), known, key);
  if (decision.kind === 'fill') {
    const stale = noneStale();
    const { outcome } = await fillCustomer(db, run, item, decision.customerId, input, (await fillTargets(db, [decision.customerId])).get(decision.customerId)!, stale);
    await reindexStale(db, stale);
    return { outcome: madeByRun(run, decision.customerId) ? 'created' : outcome, customerId: decision.customerId, review: 0 };
  }
  if (decision.kind === 'earlier') return { outcome: 'unchanged', customerId: decision.customerId, review: 0 };
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
  // Records an earlier import from this source applied exactly so (import-identity.ts), and those this batch makes customers of.
  const keys = items.map((item) => keyOf(run, item));
  const prior = await customersOfRecordKeys(db, run.source, keys.filter((k): k is string => k !== null));
  const madeFrom = new Map<string, string>();
  const placeholders = await placeholdersOf(db, items.map((item) => item.record));
  const knownOf = (index: number): Known => {
    const key = keys[index];
    const { kind, displayName } = items[index]!.record.customer;
    const made = kind === 'organization' && displayName ? run.organizationsMade.get(nameKeyOf(displayName)) : undefined;
    return { same: (key ? (prior.get(key) ?? madeFrom.get(key)) : undefined) ?? null, placeholder: made ?? placeholders.get(displayName ?? '') ?? null };
  };
  // The customers the batch is sure of, read once for all of them (each is filled in with what it lacks).
  const targets = await fillTargets(db, [...new Set(found.flatMap((candidates, i) => candidates.find((c) => c.result.band === 'auto')?.customerId ?? knownOf(i).placeholder ?? []))]);
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
  /** Customers filled in by the batch whose lookup entries and matching keys are rewritten at the next flush. */
  const stale = noneStale();
  const reread = async (customerId: string | null) => {
    if (customerId) change((await matchProfiles(db, [customerId])).get(customerId));
  };
  let waiting: { index: number; prepared: NewCustomer; review: Candidate[] }[] = [];

  const one = async (index: number, known = knownOf(index)) => {
    settled[index] = await settle(() => inSavepoint(db, () => applyCustomer(db, run, items[index]!, known)));
    if ('applied' in settled[index]) {
      const { customerId, outcome } = settled[index].applied;
      if (customerId && outcome === 'created' && keys[index]) madeFrom.set(keys[index], customerId);
      await reread(customerId);
    }
  };
  const flush = async () => {
    const batch = waiting;
    waiting = [];
    // Customers filled in so far get their lookup entries and matching keys rewritten, all at once, before anything reads them.
    await reindexStale(db, stale);
    if (batch.length === 0) return;
    const problems = await referenceProblems(db, batch.map((w) => w.prepared));
    /** A record that will not be written is no one's record key. */
    const unmake = (w: (typeof batch)[number]) => {
      const key = keys[w.index];
      if (key && madeFrom.get(key) === w.prepared.customer.id) madeFrom.delete(key);
    };
    const ready = batch.filter((w, i) => {
      const problem = problems.get(i);
      if (problem) {
        settled[w.index] = { error: problem };
        unmake(w);
      }
      return !problem;
    });
    const writes = run.writes.length;
    try {
      await inSavepoint(db, async () => {
        // Their organisations first, found or made for all at once, so that each person's lookup entries name theirs from the start.
        const employers = await organizationsOf(db, run, ready.map((w) => items[w.index]!.record), ready.map((w) => w.prepared));
        for (const w of ready) {
          const employer = employerOf(items[w.index]!.record);
          if (employer) w.prepared.organizations = [employer.name];
        }
        await insertNewCustomers(db, run.ctx, [...ready.map((w) => w.prepared), ...[...employers.values()].flatMap((o) => o.made ?? [])]);
        const links: ReturnType<typeof relationshipRow>[] = [];
        for (const w of ready) {
          const item = items[w.index]!;
          const id = w.prepared.customer.id;
          written(run, item.line, item.record.sourceRecordId, 'customers', id, id);
          const employer = employerOf(item.record);
          if (employer) {
            const organization = employers.get(employer.name)!;
            if (organization.made && !organization.announced) {
              organization.announced = true;
              written(run, item.line, item.record.sourceRecordId, 'customers', organization.id, organization.id);
            }
            const link = relationshipRow(run.ctx, id, employmentOf(organization.id, employer));
            links.push(link);
            written(run, item.line, item.record.sourceRecordId, 'relationships', link.id, id);
          }
          if (item.record.note) written(run, item.line, item.record.sourceRecordId, 'notes', await createNote(db, run.ctx, { customerId: id, body: item.record.note }), id);
        }
        // New people only: neither side was linked before, and a person's name is not part of their organisation's entries.
        for (let i = 0; i < links.length; i += 400) await db.insertInto('relationships').values(links.slice(i, i + 400)).execute();
        await recordAudits(db, run.ctx.actor, links.map(relationshipAudit));
        for (const o of employers.values()) if (o.made?.customer.displayName) run.organizationsMade.set(nameKeyOf(o.made.customer.displayName), o.id);
      });
    } catch {
      // Something the checks did not foresee (a note too long, say): each record alone, to find which (and write the others).
      run.writes.length = writes;
      ready.forEach(unmake);
      for (const w of ready) await one(w.index);
      return;
    }
    await recordSuspicionsOf(db, ready.map((w) => ({ customerId: w.prepared.customer.id, candidates: w.review })), run.importId ? 'import' : 'create', run.importId);
    for (const w of ready) settled[w.index] = { applied: { outcome: 'created', customerId: w.prepared.customer.id, review: w.review.length } };
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
    const decision = decide(run, match, candidates, knownOf(index), keys[index] ?? null);
    if (decision.kind === 'earlier') {
      settled[index] = { applied: { outcome: 'unchanged', customerId: decision.customerId, review: 0 } };
    } else if (decision.kind === 'fill') {
      // A customer still waiting to be written (a person twice in the file) is written first.
      if (waiting.some((w) => w.prepared.customer.id === decision.customerId)) await flush();
      const id = decision.customerId;
      // As read before the batch, unless the batch has changed them since.
      const stored = (!changed.has(id) && targets.get(id)) || (await fillTargets(db, [id])).get(id);
      if (!stored) {
        // The customer an identical record was to become was not written after all (its problem is on that record): this one is matched afresh.
        await one(index, { same: null, placeholder: null });
        continue;
      }
      try {
        const filled = await fillCustomer(db, run, item, id, inputs[index]!, stored, stale);
        settled[index] = { applied: { outcome: madeByRun(run, id) ? 'created' : filled.outcome, customerId: id, review: 0 } };
        // Filled in, the customer is compared with later records as they are now (left as they were, the batch's candidates already saw them).
        if (filled.now) change(profileOf(filled.now));
      } catch (error) {
        settled[index] = { error };
      }
    } else if (run.mode === 'check') {
      settled[index] = { applied: { outcome: 'created', customerId: null, review: decision.review.length } };
    } else {
      try {
        const prepared = prepareNewCustomer(run.ctx, inputs[index]!);
        waiting.push({ index, prepared, review: decision.review });
        if (keys[index]) madeFrom.set(keys[index], prepared.customer.id);
        change(profileOf(storedOf(prepared)));
      } catch (error) {
        settled[index] = { error };
      }
    }
  }
  await flush();
  keepRecordKeys(run, items, keys, settled);
  return settled;
}

/**
 * Each record a batch wrote something for leaves its key on the first row written for its customer
 * (import-identity.ts): the same record of this source found again later is applied already.
 */
function keepRecordKeys(run: ImportRun, items: readonly CustomerItem[], keys: readonly (string | null)[], settled: readonly Settled[]): void {
  const first = new Map<string, ImportRun['writes'][number]>();
  for (const w of run.writes) if (!first.has(`${w.line}:${w.customerId}`)) first.set(`${w.line}:${w.customerId}`, w);
  settled.forEach((result, i) => {
    const key = keys[i];
    if (!key || !('applied' in result) || !result.applied.customerId) return;
    const write = first.get(`${items[i]!.line}:${result.applied.customerId}`);
    if (write) write.recordKey = key;
  });
}

/** A matched customer gets what they lack and what is new (import-fill.ts); written in a savepoint of its own, so that a fact the commands refuse leaves nothing of the record. */
async function fillCustomer(db: Db, run: ImportRun, item: CustomerItem, customerId: string, input: CustomerCreate, stored: FillTarget, stale: Stale): Promise<{ outcome: Outcome; now: StoredCustomer | null }> {
  const plan = await planFill(db, run, item.record, customerId, input, stored);
  if (!plan) return { outcome: 'unchanged', now: null };
  if (run.mode === 'check') return { outcome: 'updated', now: null };
  // Marked stale only once the savepoint holds: a fill rolled back leaves nothing to rewrite (rewriting it anyway would do no harm).
  const marks = noneStale();
  const now = await inSavepoint(db, () => applyFill(db, run, item, customerId, plan, stored, marks));
  for (const id of marks.entries) stale.entries.add(id);
  for (const id of marks.keys) stale.keys.add(id);
  return { outcome: 'updated', now };
}
