import type { Db } from '../platform/database/connect.js';
import type { Engine } from '../platform/database/engine.js';
import { findingKinds, findingsOf, kindInfo, phoneIsValid, staleCutoff, type FindingKind } from './quality-rules.js';
import type { CustomerQualityOut, KindCountOut, QualityCountsOut, QualityItemOut } from './quality-schemas.js';
import { countFindings, customersWithFinding, customersWithPhones, isCountedKind, isSqlKind, loadQualityFacts, phonesOfCustomers, type CustomerKey } from './quality-store.js';

/** What the data-quality routes answer, put together from the store and the rules. */

export interface QualityOptions {
  now: Date;
  phoneRegion: string;
}

/** How many customers a page of phone_invalid reads at a time: each number goes through libphonenumber. */
export const phoneStretch = 500;

export const notCountedNote: Partial<Record<FindingKind, string>> = {
  phone_invalid:
    'Not counted: whether a number is valid takes libphonenumber, which the database cannot run, so a count would read every number. ' +
    `Open the list to check customers ${phoneStretch} at a time.`,
  stale_contact:
    'Not counted: it compares every email, phone and address with when its customer was last in touch, which no index serves (seconds at a million customers). ' +
    'Open the list to work through them.',
};

/** One customer's findings, most serious first; null when there is no such live customer. */
export async function customerQuality(db: Db, customerId: string, options: QualityOptions): Promise<CustomerQualityOut | null> {
  const facts = (await loadQualityFacts(db, [customerId])).get(customerId);
  return facts ? { customerId, findings: findingsOf(facts, options) } : null;
}

/** Counts per kind over the whole database (SQL aggregates); a kind SQL cannot see says so. */
export async function qualityCounts(db: Db, engine: Engine, now: Date): Promise<QualityCountsOut> {
  const { customers, counts } = await countFindings(db, engine);
  const kinds = findingKinds.map(
    (kind): KindCountOut => ({
      kind,
      severity: kindInfo[kind].severity,
      label: kindInfo[kind].label,
      count: isCountedKind(kind) ? counts[kind] : null,
      note: notCountedNote[kind] ?? null,
    }),
  );
  return { customers, kinds, countedAt: now.toISOString() };
}

/** The findings of one kind for each of these customers, in their order. */
async function itemsOf(db: Db, kind: FindingKind, customers: readonly { id: string; displayName: string }[], options: QualityOptions): Promise<QualityItemOut[]> {
  const facts = await loadQualityFacts(
    db,
    customers.map((c) => c.id),
  );
  return customers.flatMap((c) => {
    const f = facts.get(c.id);
    return f ? [{ customerId: c.id, displayName: c.displayName, findings: findingsOf(f, options).filter((x) => x.kind === kind) }] : [];
  });
}

export interface KindPage {
  items: QualityItemOut[];
  /** The last customer of the page when there may be more. */
  next: CustomerKey | null;
  note: string | null;
}

/**
 * A page of customers with a kind of finding, in name order after `after`. A kind SQL can see is one
 * query; phone_invalid reads `phoneStretch` customers with phones and keeps those whose numbers fail,
 * so its page may hold fewer than `limit` (even none) with a cursor to read on.
 */
export async function qualityPage(db: Db, kind: FindingKind, after: CustomerKey | null, limit: number, options: QualityOptions): Promise<KindPage> {
  if (isSqlKind(kind)) {
    const rows = await customersWithFinding(db, kind, staleCutoff(options.now), after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: await itemsOf(db, kind, page, options), next: rows.length > limit && last ? { displayName: last.displayName, id: last.id } : null, note: null };
  }
  const stretch = await customersWithPhones(db, after, phoneStretch);
  const phones = await phonesOfCustomers(
    db,
    stretch.map((c) => c.id),
  );
  const failing = new Set(phones.filter((p) => !phoneIsValid(p, options.phoneRegion)).map((p) => p.customerId));
  const matched: typeof stretch = [];
  let stoppedAt = stretch.length - 1;
  for (const [i, c] of stretch.entries()) {
    if (!failing.has(c.id)) continue;
    matched.push(c);
    if (matched.length === limit) {
      stoppedAt = i;
      break;
    }
  }
  const stop = stretch[stoppedAt];
  const more = stoppedAt < stretch.length - 1 || stretch.length === phoneStretch;
  return {
    items: await itemsOf(db, kind, matched, options),
    next: more && stop ? { displayName: stop.displayName, id: stop.id } : null,
    note: `Phone numbers are checked ${phoneStretch} customers at a time, in name order: a page may hold fewer than asked for, and the next one reads on.`,
  };
}
