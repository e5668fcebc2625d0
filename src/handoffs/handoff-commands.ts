import { staffLocationIds } from '../staff/staff-store.js';
import { recordAudit } from '../audit/audit-store.js';
import { isOpenStatus } from '../cases/case-clock-rules.js';
import { updateCase } from '../cases/case-commands.js';
import { privacyOfNewFact } from '../common/fact-privacy.js';
import { ensureLocation } from '../common/references.js';
import { requiredText } from '../common/text-rules.js';
import type { Actor } from '../platform/auth/actor.js';
import type { Db } from '../platform/database/connect.js';
import type { CaseStatus, Row } from '../platform/database/schema.js';
import { conflict, forbidden, notFound, unprocessable } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import type { WriteContext } from '../platform/write-context.js';
import { notificationText } from '../notifications/notification-rules.js';
import { insertNewNotifications } from '../notifications/notification-store.js';
import { handOverPromise } from '../promises/promise-commands.js';
import { addresseesToTell, addresseeWords, checkAddressee, count, mayAccept, mayReassign, mayWithdraw, shiftLocationOf } from './handoff-rules.js';
import type { HandoffCreate, HandoffReassign } from './handoff-schemas.js';
import {
  activeStaffAt,
  caseIdsOfItem,
  caseRow,
  claimHandoff,
  findHandoffRow,
  handoffCustomerRow,
  handoffCustomerRows,
  insertHandoff,
  insertHandoffCase,
  insertHandoffCustomer,
  insertHandoffNote,
  insertHandoffPromise,
  insertHandoffRead,
  liveCustomer,
  locationRow,
  namesOf,
  openPromisesOwnedBy,
  staffMember,
  updateHandoffRow,
  withdrawPending,
} from './handoff-store.js';

/**
 * Writes to hand-offs. Each runs inside the caller's transaction and audits itself: the hand-off
 * once (no customer), and each customer in it on that customer's trail, each line with its own
 * privacy (a private line's audit entry is private to the same readers).
 */

function signedIn(ctx: WriteContext): Actor {
  if (!ctx.actor) throw forbidden('A hand-off is written by a staff member.');
  return ctx.actor;
}

/** A colleague who can take a hand-off: an active person on the staff. */
async function ensureTaker(db: Db, staffId: string, path: string): Promise<string> {
  const staff = await staffMember(db, staffId);
  if (!staff) throw unprocessable(path, `staff member ${staffId} does not exist`);
  if (!staff.active || staff.kind !== 'person') throw unprocessable(path, `${staff.name} cannot take a hand-off: only active staff members can`);
  return staff.name;
}

async function ensureLocationNamed(db: Db, locationId: string, path: string): Promise<string> {
  const row = await locationRow(db, locationId);
  if (!row) throw unprocessable(path, `location ${locationId} does not exist`);
  return row.name;
}

async function existing(db: Db, id: string): Promise<Row<'handoffs'>> {
  const row = await findHandoffRow(db, id);
  if (!row) throw notFound(`Hand-off ${id}`);
  return row;
}

const snapshot = (h: Pick<Row<'handoffs'>, 'status' | 'fromStaffId' | 'toStaffId' | 'toLocationId' | 'locationId' | 'acceptedBy' | 'acceptedAt'> & Partial<Pick<Row<'handoffs'>, 'withdrawnBy' | 'withdrawnAt'>>) => ({
  status: h.status,
  fromStaffId: h.fromStaffId,
  toStaffId: h.toStaffId,
  toLocationId: h.toLocationId,
  locationId: h.locationId,
  acceptedBy: h.acceptedBy,
  acceptedAt: h.acceptedAt,
  ...(h.withdrawnBy ? { withdrawnBy: h.withdrawnBy, withdrawnAt: h.withdrawnAt ?? null } : {}),
});

/** The kind of the staff notifications (src/notifications/) that tell someone a hand-off waits for them. */
export const handoffNotificationKind = 'handoffs.to-you';

/** Where a hand-off opens in the web app. */
export const handoffLink = (id: string) => `/handoffs?handoff=${encodeURIComponent(id)}`;

/**
 * Tells whoever a hand-off now goes to, in their Notifications (the staff notifications of
 * src/notifications/, written in this transaction): the colleague it is addressed to, or the active
 * staff of the location whose next shift takes it; not the writer, not the one who reassigned it.
 * One customer is named (and the notification goes with them, as reminders do); more are counted.
 */
async function tellAddressees(db: Db, handoffId: string, to: { toStaffId: string | null; toLocationId: string | null }, who: { fromStaffId: string; byStaffId: string; reassigned: boolean }): Promise<void> {
  const staffIds = addresseesToTell(to, to.toLocationId ? await activeStaffAt(db, to.toLocationId) : [], [who.fromStaffId, who.byStaffId]);
  if (!staffIds.length) return;
  const items = await handoffCustomerRows(db, [handoffId]);
  const names = await namesOf(db, 'staff', [who.fromStaffId, who.byStaffId]);
  const from = names.get(who.fromStaffId) ?? 'A colleague';
  const toWords = to.toLocationId ? `the next shift at ${(await locationRow(db, to.toLocationId))?.name ?? 'your location'}` : 'you';
  const what = items.length === 1 ? items[0]!.displayName : count(items.length, 'customer');
  const title = who.reassigned
    ? `${names.get(who.byStaffId) ?? 'A manager'} gave ${toWords} the hand-off from ${from} (${what})`
    : `${from} handed over ${what} to ${toWords}`;
  const body = `Open it under Hand-offs to accept it: until someone does, the promises and cases in it stay with ${from === 'A colleague' ? 'its writer' : from}.`;
  const event = newId();
  const createdAt = nowIso();
  await insertNewNotifications(
    db,
    staffIds.map((staffId) => ({
      id: newId(),
      key: `handoff:${handoffId}:${event}:${staffId}`,
      kind: handoffNotificationKind,
      staffId,
      customerId: items.length === 1 ? items[0]!.customerId : null,
      ...notificationText({ title, body }),
      link: handoffLink(handoffId),
      createdAt,
    })),
  );
}

export async function createHandoff(db: Db, ctx: WriteContext, input: HandoffCreate): Promise<string> {
  const actor = signedIn(ctx);
  const to = checkAddressee(input, actor.staffId);
  if (to.toStaffId) await ensureTaker(db, to.toStaffId, '/body/toStaffId');
  if (to.toLocationId) await ensureLocationNamed(db, to.toLocationId, '/body/toLocationId');
  if (input.locationId) await ensureLocationNamed(db, input.locationId, '/body/locationId');
  const locationId = shiftLocationOf(
    { toLocationId: to.toLocationId, named: input.locationId ?? null },
    await staffLocationIds(db, actor.staffId),
    to.toStaffId ? await staffLocationIds(db, to.toStaffId) : [],
  );

  // Everything is checked before anything is written.
  const seen = new Set<string>();
  const checked: { customerId: string; caseIds: string[]; notes: NonNullable<HandoffCreate['customers'][number]['notes']> }[] = [];
  for (const [i, item] of input.customers.entries()) {
    const path = `/body/customers/${i}`;
    if (seen.has(item.customerId)) throw unprocessable(`${path}/customerId`, 'is in this hand-off already');
    seen.add(item.customerId);
    if (!(await liveCustomer(db, item.customerId))) throw unprocessable(`${path}/customerId`, `customer ${item.customerId} does not exist`);
    const caseIds = [...new Set(item.caseIds ?? [])];
    for (const [j, caseId] of caseIds.entries()) {
      const c = await caseRow(db, caseId);
      if (!c) throw unprocessable(`${path}/caseIds/${j}`, `case ${caseId} does not exist`);
      if (c.customerId !== item.customerId) throw unprocessable(`${path}/caseIds/${j}`, 'is a case of another customer');
      if (!isOpenStatus(c.status as CaseStatus)) throw unprocessable(`${path}/caseIds/${j}`, `is ${c.status}: only open cases are handed over`);
    }
    const notes = item.notes ?? [];
    for (const [j, note] of notes.entries()) {
      requiredText(note.body, `${path}/notes/${j}/body`);
      await ensureLocation(db, note.audienceLocationId, `${path}/notes/${j}/audienceLocationId`);
    }
    checked.push({ customerId: item.customerId, caseIds, notes });
  }

  const id = newId();
  const now = nowIso();
  const row: Row<'handoffs'> = {
    id,
    fromStaffId: actor.staffId,
    ...to,
    locationId,
    status: 'pending',
    acceptedBy: null,
    acceptedAt: null,
    withdrawnBy: null,
    withdrawnAt: null,
    createdAt: now,
    updatedAt: now,
    createdBy: actor.staffId,
    updatedBy: actor.staffId,
  };
  await insertHandoff(db, row);
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'handoff', entityId: id, after: { ...snapshot(row), customers: checked.length } });

  for (const [position, item] of checked.entries()) {
    const itemId = newId();
    await insertHandoffCustomer(db, { id: itemId, handoffId: id, customerId: item.customerId, position, createdAt: now, createdBy: actor.staffId });
    for (const caseId of item.caseIds) await insertHandoffCase(db, { id: newId(), handoffCustomerId: itemId, customerId: item.customerId, caseId });
    await recordAudit(db, ctx.actor, {
      action: 'create',
      entityType: 'handoff_customer',
      entityId: itemId,
      customerId: item.customerId,
      after: { handoffId: id, toStaffId: to.toStaffId, toLocationId: to.toLocationId, caseIds: item.caseIds },
    });
    for (const note of item.notes) {
      const noteId = newId();
      const values = {
        id: noteId,
        handoffCustomerId: itemId,
        customerId: item.customerId,
        topic: note.topic,
        body: note.body.trim(),
        ...(await privacyOfNewFact(db, item.customerId, note)),
        createdAt: now,
        createdBy: actor.staffId,
      };
      await insertHandoffNote(db, values);
      const { handoffCustomerId: _item, ...kept } = values;
      await recordAudit(db, ctx.actor, { action: 'create', entityType: 'handoff_note', entityId: noteId, customerId: item.customerId, after: { handoffId: id, ...kept } });
    }
  }
  await tellAddressees(db, id, to, { fromStaffId: actor.staffId, byStaffId: actor.staffId, reassigned: false });
  return id;
}

/**
 * The first to accept takes it: the outgoing person's open promises to its customers, and its
 * cases, become the acceptor's through the promises' and cases' own commands (each audited there).
 * A second acceptor, at the same moment or later, is told it is taken (409).
 */
export async function acceptHandoff(db: Db, ctx: WriteContext, id: string): Promise<void> {
  const actor = signedIn(ctx);
  const before = await existing(db, id);
  if (before.status === 'withdrawn') throw conflict('This hand-off was withdrawn: there is nothing to accept.');
  if (before.status !== 'pending') throw conflict(`This hand-off was accepted already${before.acceptedBy === actor.staffId ? ' (by you)' : ''}.`);
  if (before.fromStaffId === actor.staffId) throw conflict('This is your own hand-off: someone else accepts it.');
  if (!mayAccept(actor, before)) throw forbidden('This hand-off is addressed to someone else.');
  const at = nowIso();
  if (!(await claimHandoff(db, id, { acceptedBy: actor.staffId, acceptedAt: at, updatedBy: actor.staffId }))) {
    throw conflict('Someone else accepted or withdrew this hand-off a moment ago.');
  }
  const names = await namesOf(db, 'staff', [before.fromStaffId, actor.staffId]);
  const reason = `Hand-off from ${names.get(before.fromStaffId) ?? 'a colleague'} accepted by ${names.get(actor.staffId) ?? 'a colleague'}`;
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'handoff', entityId: id, before: snapshot(before), after: snapshot({ ...before, status: 'accepted', acceptedBy: actor.staffId, acceptedAt: at }) });

  const items = await handoffCustomerRows(db, [id]);
  const promises = await openPromisesOwnedBy(
    db,
    before.fromStaffId,
    items.map((i) => i.customerId),
  );
  for (const item of items) {
    const moved: string[] = [];
    for (const p of promises.filter((p) => p.customerId === item.customerId)) {
      await handOverPromise(db, ctx, p.id, { ownerId: actor.staffId, reason });
      await insertHandoffPromise(db, { id: newId(), handoffCustomerId: item.id, customerId: item.customerId, promiseId: p.id, movedAt: at });
      moved.push(p.id);
    }
    const caseIds = await caseIdsOfItem(db, item.id);
    for (const caseId of caseIds) {
      const c = await caseRow(db, caseId);
      if (c && c.ownerId !== actor.staffId) await updateCase(db, ctx, caseId, { ownerId: actor.staffId });
    }
    await recordAudit(db, ctx.actor, {
      action: 'update',
      entityType: 'handoff_customer',
      entityId: item.id,
      customerId: item.customerId,
      before: { acceptedBy: null },
      after: { acceptedBy: actor.staffId, promisesMoved: moved, casesMoved: caseIds },
    });
  }
}

/** A manager of its location (or an admin) gives an unaccepted hand-off to someone else, or to a location's next shift. */
export async function reassignHandoff(db: Db, ctx: WriteContext, id: string, input: HandoffReassign): Promise<void> {
  const actor = signedIn(ctx);
  const before = await existing(db, id);
  if (before.status !== 'pending') throw conflict(`This hand-off was ${before.status} already: it can no longer be reassigned.`);
  if (!mayReassign(actor, before)) throw forbidden('Only a manager of its location, or an admin, reassigns a hand-off.');
  const to = checkAddressee(input, before.fromStaffId);
  if (to.toStaffId) await ensureTaker(db, to.toStaffId, '/body/toStaffId');
  if (to.toLocationId) await ensureLocationNamed(db, to.toLocationId, '/body/toLocationId');
  if (to.toStaffId === before.toStaffId && to.toLocationId === before.toLocationId) throw unprocessable(to.toStaffId ? '/body/toStaffId' : '/body/toLocationId', 'has it already');
  const locationId = to.toLocationId ?? before.locationId;
  const changes = { ...to, locationId, updatedAt: nowIso(), updatedBy: actor.staffId };
  await updateHandoffRow(db, id, changes);
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'handoff', entityId: id, before: snapshot(before), after: snapshot({ ...before, ...changes }) });
  const names = { toStaffName: to.toStaffId ? ((await staffMember(db, to.toStaffId))?.name ?? null) : null, toLocationName: to.toLocationId ? ((await locationRow(db, to.toLocationId))?.name ?? null) : null };
  for (const item of await handoffCustomerRows(db, [id])) {
    await recordAudit(db, ctx.actor, {
      action: 'update',
      entityType: 'handoff_customer',
      entityId: item.id,
      customerId: item.customerId,
      before: { toStaffId: before.toStaffId, toLocationId: before.toLocationId },
      after: { toStaffId: to.toStaffId, toLocationId: to.toLocationId, to: addresseeWords(names) },
    });
  }
  await tellAddressees(db, id, to, { fromStaffId: before.fromStaffId, byStaffId: actor.staffId, reassigned: true });
}

/**
 * Its writer, a manager of its location or an admin takes back a pending hand-off. Nothing moves:
 * the writer still owns the promises and cases. It leaves the pending lists, the brief's banner and
 * the shift view; the timeline shows it withdrawn. 409 once accepted or withdrawn (also when an
 * acceptance wins a moment before).
 */
export async function withdrawHandoff(db: Db, ctx: WriteContext, id: string): Promise<void> {
  const actor = signedIn(ctx);
  const before = await existing(db, id);
  if (before.status !== 'pending') throw conflict(`This hand-off was ${before.status} already: it can no longer be withdrawn.`);
  if (!mayWithdraw(actor, before)) throw forbidden('Only its writer, a manager of its location, or an admin withdraws a hand-off.');
  const at = nowIso();
  if (!(await withdrawPending(db, id, { withdrawnBy: actor.staffId, withdrawnAt: at }))) throw conflict('Someone accepted or withdrew this hand-off a moment ago.');
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'handoff', entityId: id, before: snapshot(before), after: snapshot({ ...before, status: 'withdrawn', withdrawnBy: actor.staffId, withdrawnAt: at }) });
  for (const item of await handoffCustomerRows(db, [id])) {
    await recordAudit(db, ctx.actor, {
      action: 'update',
      entityType: 'handoff_customer',
      entityId: item.id,
      customerId: item.customerId,
      before: { status: 'pending' },
      after: { status: 'withdrawn', withdrawnBy: actor.staffId, withdrawnAt: at },
    });
  }
}

/** The reader has read the hand-off of this customer: the brief's banner goes (for everyone once its new owner has). */
export async function markHandoffRead(db: Db, ctx: WriteContext, id: string, customerId: string): Promise<void> {
  const actor = signedIn(ctx);
  await existing(db, id);
  const item = await handoffCustomerRow(db, id, customerId);
  if (!item) throw unprocessable('/body/customerId', 'is not in this hand-off');
  const readAt = nowIso();
  await insertHandoffRead(db, { handoffCustomerId: item.id, staffId: actor.staffId, customerId, readAt });
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'handoff_read', entityId: item.id, customerId, after: { handoffId: id, staffId: actor.staffId, readAt } });
}
