import { recordAudit } from '../audit/audit-store.js';
import { refreshContactStates } from '../contact-state/contact-state-store.js';
import { findCustomerRow, presentCustomerRow, updateCustomerRow } from '../customers/customer-store.js';
import type { Db } from '../platform/database/connect.js';
import { deleteIndexRows, deleteRows, insertRows, moveCustomerRows, moveRowsBack, uniqueClash, type HeldRow } from '../platform/database/customer-rows.js';
import { tableSpec } from '../platform/database/customer-tables.js';
import type { Row } from '../platform/database/schema.js';
import { conflict, gone, notFound, unprocessable } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import type { WriteContext } from '../platform/write-context.js';
import { clean } from '../common/text-rules.js';
import { reindexCustomer } from '../search/search-indexer.js';
import { addressKeyOf } from '../matching/address-rules.js';
import { pairCandidate } from '../matching/match-candidates.js';
import { deleteSuspicion, recordSuspicions } from '../matching/suspicion-store.js';
import { defaultChoices, mergedProfile, profileOf, undoProfile, type Choices } from './merge-rules.js';
import { findDistinct, findMerge, insertDistinct, insertMerge, insertMoves, markUndone, movesOf, pairOf, stashedOf } from './merge-store.js';

/** Merging two records of one customer, undoing a merge, and saying two records are different people. */

export interface MergeInput {
  mergedId: string;
  choices?: Partial<Choices> | undefined;
  reason?: string | null | undefined;
}

export interface MergeReceipt {
  mergeId: string;
  survivorId: string;
  mergedId: string;
  moved: number;
  setAside: number;
}

async function liveCustomer(db: Db, id: string, path: string | null): Promise<Row<'customers'>> {
  const row = await findCustomerRow(db, id);
  if (!row) throw path ? unprocessable(path, `customer ${id} does not exist`) : notFound(`Customer ${id}`);
  if (row.erasedAt) throw gone(`The personal data of customer ${id} was erased: there is nothing to merge.`);
  return row;
}

/**
 * Merges customer `mergedId` into `survivorId`: the survivor keeps its id and takes, field by field,
 * the value chosen (by default the one that says more, or the more recent: merge-rules.ts); every
 * record of the merged customer moves to the survivor (contacts, purchases, promises, cases, notes,
 * contact points and ids in other systems, their part in others' records, their history); the merged
 * row goes, kept in the merge record with everything needed to undo it.
 */
export async function mergeCustomers(db: Db, ctx: WriteContext, survivorId: string, input: MergeInput): Promise<MergeReceipt> {
  if (input.mergedId === survivorId) throw unprocessable('/body/mergedId', 'is the customer itself: choose the other record');
  const survivor = await liveCustomer(db, survivorId, null);
  const merged = await liveCustomer(db, input.mergedId, '/body/mergedId');
  const distinct = await findDistinct(db, survivorId, input.mergedId);
  if (distinct) throw conflict(`${survivor.displayName} and ${merged.displayName} were marked as not the same person. Remove that mark first if they are.`);
  const choices = { ...defaultChoices(survivor, merged), ...input.choices };
  const now = nowIso();
  const by = ctx.actor?.staffId ?? null;

  const repeats = await repeatsOf(db, survivor.id, merged.id);
  await deleteRows(db, repeats);
  const { moved, stashed } = await moveCustomerRows(db, merged.id, survivor.id);
  stashed.unshift(...repeats);
  await deleteIndexRows(db, merged.id);
  await db.deleteFrom('customers').where('id', '=', merged.id).execute();
  const profile = mergedProfile(survivor, merged, choices);
  await updateCustomerRow(db, survivor.id, { ...profile, updatedAt: now, updatedBy: by });

  const mergeId = newId();
  await insertMerge(db, {
    id: mergeId,
    survivorCustomerId: survivor.id,
    mergedCustomerId: merged.id,
    mergedRow: JSON.stringify(merged),
    survivorBefore: JSON.stringify(profileOf(survivor)),
    survivorAfter: JSON.stringify(profileOf(profile)),
    stashed: JSON.stringify(stashed),
    reason: clean(input.reason ?? null),
    createdAt: now,
    createdBy: by,
    undoneAt: null,
    undoneBy: null,
  });
  await insertMoves(db, mergeId, moved);
  await recordAudit(db, ctx.actor, {
    action: 'merge',
    entityType: 'customer',
    entityId: survivor.id,
    customerId: survivor.id,
    before: presentCustomerRow(survivor),
    after: { ...presentCustomerRow({ ...survivor, ...profile }), mergedCustomerId: merged.id, mergedName: merged.displayName, mergeId },
  });
  await reindexCustomer(db, survivor.id, { linked: true });
  await refreshContactStates(db, [survivor.id]);
  return { mergeId, survivorId: survivor.id, mergedId: merged.id, moved: moved.length, setAside: stashed.length };
}

/**
 * What the merged record has that the survivor has already, written another way: an email or phone
 * number ("07700 900123" and "+44 7700 900123", "Jane@Example.com" and "jane@example.com"), an
 * address ("12 Elm St, Apt 4" on one line or two: addressKeyOf), a link to the same customer (both
 * work at Smith Plumbing). A merge sets these aside (deleted, kept in the merge record, back with the
 * merged record on undo) instead of moving them, so that the customer does not end with the same
 * number, address or employer twice; the survivor's own stays as it is, and the preview does not
 * count them as moving.
 */
export async function repeatsOf(db: Db, survivorId: string, mergedId: string): Promise<HeldRow[]> {
  const pair = [survivorId, mergedId];
  const [emails, phones, addresses, links] = await Promise.all([
    db.selectFrom('emails').selectAll().where('customerId', 'in', pair).execute(),
    db.selectFrom('phones').selectAll().where('customerId', 'in', pair).execute(),
    db.selectFrom('addresses').selectAll().where('customerId', 'in', pair).execute(),
    db
      .selectFrom('relationships')
      .selectAll()
      .where((eb) => eb.or([eb('customerId', 'in', pair), eb('relatedCustomerId', 'in', pair)]))
      .execute(),
  ]);
  const repeated = <T extends { customerId: string }>(rows: T[], same: (row: T) => string | null) => {
    const held = new Set(rows.filter((r) => r.customerId === survivorId).map(same));
    return rows.filter((r) => r.customerId === mergedId && same(r) !== null && held.has(same(r)));
  };
  // A link, seen from whichever of the two it names: the other customer it links them to.
  const owner = (r: { customerId: string; relatedCustomerId: string }) => (pair.includes(r.customerId) ? r.customerId : r.relatedCustomerId);
  const other = (r: { customerId: string; relatedCustomerId: string }) => (owner(r) === r.customerId ? r.relatedCustomerId : r.customerId);
  const linked = new Set(links.filter((r) => owner(r) === survivorId).map(other));
  const repeatedLinks = links.filter((r) => owner(r) === mergedId && other(r) !== survivorId && linked.has(other(r)));
  return [
    ...repeated(emails, (e) => e.normalized).map((row) => ({ table: 'emails' as const, row })),
    ...repeated(phones, (p) => p.e164).map((row) => ({ table: 'phones' as const, row })),
    ...repeated(addresses, (a) => addressKeyOf(a)).map((row) => ({ table: 'addresses' as const, row })),
    ...repeatedLinks.map((row) => ({ table: 'relationships' as const, row })),
  ];
}

/**
 * Undoes a merge: the merged customer comes back with its id and every record that moved (those
 * deleted since stay in the trash); rows set aside come back; the survivor's fields the merge changed
 * go back unless someone changed them since. Records added to the survivor after the merge stay with it.
 * The two are back in the duplicates queue, to be merged again or said to be two people.
 */
export async function undoMerge(db: Db, ctx: WriteContext, mergeId: string): Promise<MergeReceipt> {
  const merge = await findMerge(db, mergeId);
  if (!merge) throw notFound(`Merge ${mergeId}`);
  if (merge.undoneAt) throw conflict(`This merge was undone already, on ${merge.undoneAt}.`);
  const survivor = await findCustomerRow(db, merge.survivorCustomerId);
  if (!survivor) throw conflict('The customer the record was merged into is in the trash: restore them first, then undo the merge.');
  if (survivor.erasedAt) throw gone('The customer the record was merged into was erased.');
  if (await findCustomerRow(db, merge.mergedCustomerId)) throw conflict(`Customer ${merge.mergedCustomerId} exists again: there is nothing to bring back.`);

  const mergedRow = JSON.parse(merge.mergedRow) as Record<string, unknown>;
  await insertRows(db, [{ table: 'customers', row: mergedRow }]);
  const moves = await movesOf(db, merge.id);
  await moveRowsBack(db, moves, merge.survivorCustomerId, merge.mergedCustomerId);
  const back: HeldRow[] = [];
  for (const held of stashedOf(merge)) {
    const spec = tableSpec(held.table);
    // One made since in its place (a newer consent for the channel) stays; this one is not needed.
    const clashes = await Promise.all([spec.key, ...(spec.unique ?? [])].map((columns) => uniqueClash(db, held.table, columns, held.row)));
    if (clashes.every((c) => c === undefined)) back.push(held);
  }
  await insertRows(db, back);

  const now = nowIso();
  const by = ctx.actor?.staffId ?? null;
  const restored = undoProfile(JSON.parse(merge.survivorBefore), JSON.parse(merge.survivorAfter), profileOf(survivor));
  await updateCustomerRow(db, survivor.id, { ...restored, updatedAt: now, updatedBy: by });
  await markUndone(db, merge.id, now, by);
  await recordAudit(db, ctx.actor, {
    action: 'unmerge',
    entityType: 'customer',
    entityId: survivor.id,
    customerId: survivor.id,
    before: presentCustomerRow(survivor),
    after: { ...presentCustomerRow({ ...survivor, ...restored }), mergedCustomerId: merge.mergedCustomerId, mergedName: String(mergedRow.displayName), mergeId: merge.id },
  });
  await recordAudit(db, ctx.actor, {
    action: 'restore',
    entityType: 'customer',
    entityId: merge.mergedCustomerId,
    customerId: merge.mergedCustomerId,
    after: { ...presentCustomerRow(mergedRow as Row<'customers'>), mergeId: merge.id },
  });
  await reindexCustomer(db, survivor.id, { linked: true });
  await reindexCustomer(db, merge.mergedCustomerId, { linked: true });
  await refreshContactStates(db, [survivor.id, merge.mergedCustomerId]);
  // Back in the duplicates queue, with what matching says of them, until someone merges them again or says they are two people.
  const pair = await pairCandidate(db, merge.mergedCustomerId, survivor.id);
  if (pair) await recordSuspicions(db, merge.mergedCustomerId, [pair], 'unmerge');
  return { mergeId: merge.id, survivorId: survivor.id, mergedId: merge.mergedCustomerId, moved: moves.length, setAside: back.length };
}

/** "Not the same person": remembered for the pair, so that matching does not suggest them again. */
export async function markDistinct(db: Db, ctx: WriteContext, customerId: string, otherId: string, reason: string | null | undefined): Promise<void> {
  if (otherId === customerId) throw unprocessable('/body/otherId', 'is the customer itself');
  const [a, b] = [await liveCustomer(db, customerId, null), await liveCustomer(db, otherId, '/body/otherId')];
  if (await findDistinct(db, a.id, b.id)) return;
  const [first, second] = pairOf(a.id, b.id);
  const row = { id: newId(), firstCustomerId: first, secondCustomerId: second, reason: clean(reason ?? null), createdAt: nowIso(), createdBy: ctx.actor?.staffId ?? null };
  await insertDistinct(db, row);
  await deleteSuspicion(db, a.id, b.id);
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'distinct_customers', entityId: row.id, customerId: a.id, after: { ...row, otherName: b.displayName } });
}
