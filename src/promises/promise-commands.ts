import { recordAudit } from '../audit/audit-store.js';
import { requiredText } from '../common/text-rules.js';
import type { Db } from '../platform/database/connect.js';
import type { RowUpdate } from '../platform/database/schema.js';
import { conflict, notFound, unprocessable } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import { authored, touched, type WriteContext } from '../platform/write-context.js';
import { moveToTrash, type TrashReceipt } from '../trash/trash-commands.js';
import { checkDue, dueByOf, sameDue, type Due } from './promise-rules.js';
import type { CloseInput, HandoverInput, KeepInput, PromiseCreate, PromisePatch, RevisionCreate, ToldInput } from './promise-schemas.js';
import {
  customerRow,
  findPromiseRow,
  insertHandover,
  insertPromise,
  insertRevision,
  interactionRow,
  latestRevision,
  locationRow,
  promiseSnapshot,
  staffLocationIds,
  staffRow,
  updatePromiseRow,
  updateRevisionRow,
  type PromiseRow,
} from './promise-store.js';

/** Writes to promises. Each runs inside the caller's transaction and audits itself. */

export async function existingPromise(db: Db, id: string): Promise<PromiseRow> {
  const row = await findPromiseRow(db, id);
  if (!row) throw notFound(`Promise ${id}`);
  return row;
}

async function openPromise(db: Db, id: string): Promise<PromiseRow> {
  const row = await existingPromise(db, id);
  if (row.status !== 'open') throw conflict(`This promise is ${row.status} already; only an open promise can change.`);
  return row;
}

/** A staff member who can own a promise: an active person (not an integration). */
async function ensureOwner(db: Db, staffId: string, path: string): Promise<void> {
  const staff = await staffRow(db, staffId);
  if (!staff) throw unprocessable(path, `staff member ${staffId} does not exist`);
  if (!staff.active || staff.kind !== 'person') throw unprocessable(path, `${staff.name} cannot own a promise: only active staff members can`);
}

/**
 * Where a promise belongs (its time zone reads a due day): the location named, or the customer's
 * home location when the owner works there, else the owner's (first) location, else the customer's.
 */
async function placeOf(db: Db, ownerId: string, customerLocationId: string | null, named: string | null | undefined): Promise<{ locationId: string | null; timezone: string }> {
  let locationId: string | null;
  if (named !== undefined && named !== null) {
    if (!(await locationRow(db, named))) throw unprocessable('/body/locationId', `location ${named} does not exist`);
    locationId = named;
  } else {
    const owners = await staffLocationIds(db, ownerId);
    locationId = customerLocationId && owners.includes(customerLocationId) ? customerLocationId : (owners[0] ?? customerLocationId);
  }
  return { locationId, timezone: await timezoneOf(db, locationId) };
}

const minute = 60_000;

/**
 * A moment given for something that already happened (made, changed, told, kept): not in the future
 * (a minute's grace for clocks, taken as now), not before `notBefore` (said as `after`); now when not given.
 */
function pastMoment(value: string | undefined, path: string, notBefore?: { at: string; after: string }): string {
  const now = Date.now();
  if (value === undefined) return new Date(now).toISOString();
  const at = Date.parse(value);
  if (at > now + minute) throw unprocessable(path, 'cannot be in the future');
  if (new Date(at).getUTCFullYear() < 1900) throw unprocessable(path, 'must be from 1900 on');
  if (notBefore && at < Date.parse(notBefore.at)) throw unprocessable(path, `cannot be before ${notBefore.after}`);
  return new Date(Math.min(at, now)).toISOString();
}

const timezoneOf = async (db: Db, locationId: string | null): Promise<string> => (locationId ? (await locationRow(db, locationId))?.timezone : null) ?? 'UTC';

export async function createPromise(db: Db, ctx: WriteContext, input: PromiseCreate): Promise<string> {
  const what = requiredText(input.what, '/body/what');
  const due = checkDue(input);
  const customer = await customerRow(db, input.customerId);
  if (!customer) throw unprocessable('/body/customerId', `customer ${input.customerId} does not exist`);
  const ownerId = input.ownerId ?? ctx.actor?.staffId;
  if (!ownerId) throw unprocessable('/body/ownerId', 'say who owns the promise');
  await ensureOwner(db, ownerId, '/body/ownerId');
  if (input.interactionId) {
    const contact = await interactionRow(db, input.interactionId);
    if (!contact) throw unprocessable('/body/interactionId', `contact ${input.interactionId} does not exist`);
    if (contact.customerId !== customer.id) throw unprocessable('/body/interactionId', 'is a contact with another customer');
  }
  const madeAt = pastMoment(input.madeAt, '/body/madeAt');
  const place = await placeOf(db, ownerId, customer.locationId, input.locationId);
  const dueBy = dueByOf(due, place.timezone);
  const id = newId();
  const row: PromiseRow = {
    id,
    customerId: customer.id,
    what,
    madeAt,
    ownerId,
    ...place,
    dueOn: due.dueOn,
    dueAt: due.dueAt,
    dueBy,
    originalDueOn: due.dueOn,
    originalDueAt: due.dueAt,
    originalDueBy: dueBy,
    status: 'open',
    keptAt: null,
    closedAt: null,
    closedBy: null,
    closedReason: null,
    interactionId: input.interactionId ?? null,
    slips: 0,
    ...authored(ctx),
  };
  await insertPromise(db, row);
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'promise', entityId: id, customerId: customer.id, after: promiseSnapshot(row) });
  return id;
}

async function changePromise(db: Db, ctx: WriteContext, before: PromiseRow, changes: RowUpdate<'promises'>): Promise<void> {
  const values = { ...changes, ...touched(ctx) };
  await updatePromiseRow(db, before.id, values);
  await recordAudit(db, ctx.actor, {
    action: 'update',
    entityType: 'promise',
    entityId: before.id,
    customerId: before.customerId,
    before: promiseSnapshot(before),
    after: promiseSnapshot({ ...before, ...values } as PromiseRow),
  });
}

export async function updatePromise(db: Db, ctx: WriteContext, id: string, patch: PromisePatch): Promise<void> {
  const before = await existingPromise(db, id);
  const changes: RowUpdate<'promises'> = {};
  if (patch.what !== undefined) changes.what = requiredText(patch.what, '/body/what');
  await changePromise(db, ctx, before, changes);
}

/**
 * A new due date: a revision says from what, to what, why, whether the customer was told (and
 * how) and whether we apologised. The day is read in the time zone of the promise's location now.
 */
export async function revisePromise(db: Db, ctx: WriteContext, id: string, input: RevisionCreate): Promise<string> {
  const before = await openPromise(db, id);
  const to = checkDue(input);
  const from: Due = { dueOn: before.dueOn, dueAt: before.dueAt };
  if (sameDue(from, to)) throw unprocessable(to.dueOn !== null ? '/body/dueOn' : '/body/dueAt', 'is the date in force already');
  const reason = requiredText(input.reason, '/body/reason');
  const channel = input.toldChannel ?? null;
  if (input.customerTold && channel === null) throw unprocessable('/body/toldChannel', 'say how they were told: call, email, sms, letter, visit, meeting, chat or other');
  if (!input.customerTold && channel !== null) throw unprocessable('/body/toldChannel', 'is for when the customer was told (customerTold: true)');
  if (!input.customerTold && input.apologised) throw unprocessable('/body/apologised', 'an apology goes with telling them: set customerTold to true, or record it later when you tell them');
  const previous = await latestRevision(db, id);
  const now = pastMoment(input.changedAt, '/body/changedAt', previous ? { at: previous.createdAt, after: 'the last change of date' } : { at: before.madeAt, after: 'the promise was made' });
  const timezone = await timezoneOf(db, before.locationId);
  const dueBy = dueByOf(to, timezone);
  const by = ctx.actor?.staffId ?? null;
  const revisionId = newId();
  const revision = {
    id: revisionId,
    promiseId: id,
    customerId: before.customerId,
    fromDueOn: before.dueOn,
    fromDueAt: before.dueAt,
    fromDueBy: before.dueBy,
    toDueOn: to.dueOn,
    toDueAt: to.dueAt,
    toDueBy: dueBy,
    reason,
    toldAt: input.customerTold ? now : null,
    toldChannel: input.customerTold ? channel : null,
    toldBy: input.customerTold ? by : null,
    apologised: Boolean(input.customerTold && input.apologised),
    createdAt: now,
    createdBy: by,
  };
  await insertRevision(db, revision);
  const slips = before.slips + (Date.parse(dueBy) > Date.parse(before.dueBy) ? 1 : 0);
  await updatePromiseRow(db, id, { dueOn: to.dueOn, dueAt: to.dueAt, dueBy, timezone, slips, ...touched(ctx) });
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'promise_revision', entityId: revisionId, customerId: before.customerId, after: { ...revision, promiseWhat: before.what } });
  return revisionId;
}

/** Telling the customer (and apologising) recorded later, on the latest change of the date. */
export async function recordTold(db: Db, ctx: WriteContext, id: string, input: ToldInput): Promise<void> {
  const promise = await openPromise(db, id);
  const latest = await latestRevision(db, promise.id);
  if (!latest) throw conflict('The date of this promise has not changed: there is no change to tell them about.');
  const apologise = Boolean(input.apologised) && !latest.apologised;
  if (latest.toldAt !== null && !apologise) throw conflict('That they were told of the latest change is recorded already.');
  const by = ctx.actor?.staffId ?? null;
  const toldAt = pastMoment(input.toldAt, '/body/toldAt', { at: latest.createdAt, after: 'the change they were told of' });
  const changes: RowUpdate<'promiseRevisions'> = latest.toldAt === null ? { toldAt, toldChannel: input.channel, toldBy: by } : {};
  if (apologise) changes.apologised = true;
  await updateRevisionRow(db, latest.id, changes);
  const before = { toldAt: latest.toldAt, toldChannel: latest.toldChannel, toldBy: latest.toldBy, apologised: Boolean(latest.apologised) };
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'promise_revision', entityId: latest.id, customerId: promise.customerId, before, after: { ...before, ...changes } });
  await updatePromiseRow(db, promise.id, touched(ctx));
}

export async function keepPromise(db: Db, ctx: WriteContext, id: string, input: KeepInput): Promise<void> {
  const before = await openPromise(db, id);
  const keptAt = pastMoment(input.keptAt, '/body/keptAt', { at: before.madeAt, after: 'the promise was made' });
  await changePromise(db, ctx, before, { status: 'kept', keptAt, closedAt: nowIso(), closedBy: ctx.actor?.staffId ?? null });
}

export async function closePromise(db: Db, ctx: WriteContext, id: string, status: 'broken' | 'cancelled', input: CloseInput): Promise<void> {
  const before = await openPromise(db, id);
  const reason = requiredText(input.reason, '/body/reason');
  await changePromise(db, ctx, before, { status, closedReason: reason, closedAt: nowIso(), closedBy: ctx.actor?.staffId ?? null });
}

/** Another staff member owns it from now on; the hand-over is kept with who, why and when. */
export async function handOverPromise(db: Db, ctx: WriteContext, id: string, input: HandoverInput): Promise<string> {
  const before = await openPromise(db, id);
  if (input.ownerId === before.ownerId) throw unprocessable('/body/ownerId', 'owns this promise already');
  await ensureOwner(db, input.ownerId, '/body/ownerId');
  const reason = requiredText(input.reason, '/body/reason');
  const now = nowIso();
  const handoverId = newId();
  const handover = { id: handoverId, promiseId: id, customerId: before.customerId, fromStaffId: before.ownerId, toStaffId: input.ownerId, reason, createdAt: now, createdBy: ctx.actor?.staffId ?? null };
  await insertHandover(db, handover);
  await updatePromiseRow(db, id, { ownerId: input.ownerId, ...touched(ctx) });
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'promise_handover', entityId: handoverId, customerId: before.customerId, after: { ...handover, promiseWhat: before.what } });
  return handoverId;
}

/** Moves the promise, with its changes, hand-overs and links, to the trash (the route is for managers). */
export async function deletePromise(db: Db, ctx: WriteContext, id: string): Promise<TrashReceipt> {
  await existingPromise(db, id);
  return moveToTrash(db, ctx, 'promises', id);
}
