import type { Actor, ActorOrSystem } from '../platform/auth/actor.js';
import type { Db } from '../platform/database/connect.js';
import type { Row } from '../platform/database/schema.js';
import { notFound } from '../platform/errors.js';
import { mayAccept, mayReassign, mayWithdraw } from './handoff-rules.js';
import type { HandoffOut } from './handoff-schemas.js';
import {
  findHandoffRow,
  handoffCaseRows,
  handoffCustomerRows,
  handoffRows,
  heldCustomerRows,
  movedPromiseRows,
  namesOf,
  openPromisesOwnedBy,
  readRows,
  visibleNoteRows,
} from './handoff-store.js';

/** Hand-offs as the API shows them to one reader: lines they may not read are left out. */

type CustomerPart = HandoffOut['customers'][number];

/** The parts of some hand-off customers: visible lines, cases, promises (travelling or moved), reads. */
export async function customerParts(db: Db, actor: ActorOrSystem, items: { id: string; customerId: string; handoff: Pick<Row<'handoffs'>, 'status' | 'fromStaffId'> }[]) {
  const ids = items.map((i) => i.id);
  const pendingBy = new Map<string, string[]>();
  for (const i of items) if (i.handoff.status === 'pending') pendingBy.set(i.handoff.fromStaffId, [...(pendingBy.get(i.handoff.fromStaffId) ?? []), i.customerId]);
  const [notes, cases, moved, reads, travelling] = await Promise.all([
    visibleNoteRows(db, actor, ids),
    handoffCaseRows(db, ids),
    movedPromiseRows(db, ids),
    readRows(db, ids),
    Promise.all([...pendingBy].map(([from, customers]) => openPromisesOwnedBy(db, from, customers))).then((r) => r.flat()),
  ]);
  const parts = new Map<string, Omit<CustomerPart, 'customerId' | 'displayName'>>();
  for (const item of items) {
    parts.set(item.id, {
      notes: notes
        .filter((n) => n.handoffCustomerId === item.id)
        .map((n) => ({ id: n.id, topic: n.topic, body: n.body, sensitivity: n.sensitivity, audienceLocationId: n.audienceLocationId, createdBy: n.createdBy })),
      cases: cases.filter((c) => c.handoffCustomerId === item.id).map((c) => ({ id: c.id, subject: c.subject, status: c.status, ownerId: c.ownerId, ownerName: c.ownerName ?? null })),
      promises: (item.handoff.status === 'pending'
        ? travelling.filter((p) => p.customerId === item.customerId && p.ownerId === item.handoff.fromStaffId)
        : moved.filter((p) => p.handoffCustomerId === item.id)
      ).map((p) => ({ id: p.id, what: p.what, dueBy: p.dueBy, status: p.status, ownerId: p.ownerId, ownerName: p.ownerName ?? null })),
      reads: reads.filter((r) => r.handoffCustomerId === item.id).map((r) => ({ staffId: r.staffId, staffName: r.staffName ?? null, readAt: r.readAt })),
    });
  }
  return parts;
}

export async function presentHandoffs(db: Db, actor: Actor, rows: Row<'handoffs'>[]): Promise<HandoffOut[]> {
  if (!rows.length) return [];
  const customers = await handoffCustomerRows(
    db,
    rows.map((r) => r.id),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const parts = await customerParts(
    db,
    actor,
    customers.map((c) => ({ id: c.id, customerId: c.customerId, handoff: byId.get(c.handoffId)! })),
  );
  const [staff, locations] = await Promise.all([
    namesOf(
      db,
      'staff',
      rows.flatMap((r) => [r.fromStaffId, r.toStaffId, r.acceptedBy, r.withdrawnBy]),
    ),
    namesOf(
      db,
      'locations',
      rows.flatMap((r) => [r.toLocationId, r.locationId]),
    ),
  ]);
  const name = (map: Map<string, string>, id: string | null) => (id ? (map.get(id) ?? null) : null);
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    fromStaffId: r.fromStaffId,
    fromStaffName: name(staff, r.fromStaffId),
    toStaffId: r.toStaffId,
    toStaffName: name(staff, r.toStaffId),
    toLocationId: r.toLocationId,
    toLocationName: name(locations, r.toLocationId),
    locationId: r.locationId,
    locationName: name(locations, r.locationId),
    acceptedBy: r.acceptedBy,
    acceptedByName: name(staff, r.acceptedBy),
    acceptedAt: r.acceptedAt,
    withdrawnBy: r.withdrawnBy,
    withdrawnByName: name(staff, r.withdrawnBy),
    withdrawnAt: r.withdrawnAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    customers: customers.filter((c) => c.handoffId === r.id).map((c) => ({ customerId: c.customerId, displayName: c.displayName, ...parts.get(c.id)! })),
    canAccept: mayAccept(actor, r),
    canReassign: mayReassign(actor, r),
    canWithdraw: mayWithdraw(actor, r),
  }));
}

/** Hand-offs by id, in the order given. */
export async function loadHandoffs(db: Db, actor: Actor, ids: string[]): Promise<HandoffOut[]> {
  const rows = await handoffRows(db, ids);
  const order = new Map(ids.map((id, i) => [id, i]));
  return presentHandoffs(
    db,
    actor,
    rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!),
  );
}

export async function loadHandoff(db: Db, actor: Actor, id: string): Promise<HandoffOut> {
  const row = await findHandoffRow(db, id);
  if (!row) throw notFound(`Hand-off ${id}`);
  return (await presentHandoffs(db, actor, [row]))[0]!;
}

/** The customers a staff member holds open promises or open cases for, by name: what a hand-off of theirs would carry. */
export async function heldCustomers(db: Db, staffId: string, openCaseStatuses: readonly string[]) {
  const { promises, cases } = await heldCustomerRows(db, staffId, openCaseStatuses);
  const byCustomer = new Map<string, { customerId: string; displayName: string; promises: { id: string; what: string; dueBy: string }[]; cases: { id: string; subject: string; status: string }[] }>();
  const entry = (customerId: string, displayName: string) => {
    let e = byCustomer.get(customerId);
    if (!e) byCustomer.set(customerId, (e = { customerId, displayName, promises: [], cases: [] }));
    return e;
  };
  for (const p of promises) entry(p.customerId, p.displayName).promises.push({ id: p.id, what: p.what, dueBy: p.dueBy });
  for (const c of cases) entry(c.customerId, c.displayName).cases.push({ id: c.id, subject: c.subject, status: c.status });
  return [...byCustomer.values()].sort((a, b) => a.displayName.localeCompare(b.displayName) || a.customerId.localeCompare(b.customerId));
}
