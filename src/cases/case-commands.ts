import { recordAudit } from '../audit/audit-store.js';
import { ensureLocation } from '../common/references.js';
import { clean, requiredText } from '../common/text-rules.js';
import type { Db } from '../platform/database/connect.js';
import type { CasePriority, Row, RowUpdate } from '../platform/database/schema.js';
import { conflict, forbidden, notFound, unprocessable } from '../platform/errors.js';
import { hasRole } from '../platform/auth/roles.js';
import { applyTypeFields } from './case-field-commands.js';
import { closeProblems, invalid } from './case-field-rules.js';
import { fieldsOfCase } from './case-field-store.js';
import { checkTypeOffered } from './case-types.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import type { WriteContext } from '../platform/write-context.js';
import { moveToTrash, type TrashReceipt } from '../trash/trash-commands.js';
import { isOpenStatus } from './case-clock-rules.js';
import { refreshCaseClock } from './case-clock.js';
import { caseTypeOf, checkManager, checkOpenedAt, checkOwner, checkStatusChange, checkSubject, resolvedAtAfter } from './case-rules.js';
import type { ApologyIn, CaseCreate, CasePatch, EscalationIn } from './case-schemas.js';
import { customerHome, findCaseRow, findInteraction, insertCase, insertCaseEvent, setInteractionCase, staffMember, targetsFor, updateCaseRow } from './case-store.js';

/**
 * Writes to cases. Each runs inside the caller's transaction, records the step in the case's
 * history, audits itself, and works the case's clocks out again. `at` is when it happened (now;
 * the demo data tells its stories in the past).
 */

/** What the audit trail keeps of a case: what a person changes, not the derived clocks. */
const snapshot = (c: Row<'cases'>) => ({
  subject: c.subject,
  type: c.caseType,
  status: c.status,
  priority: c.priority,
  ownerId: c.ownerId,
  locationId: c.locationId,
  openedAt: c.openedAt,
  escalatedTo: c.escalatedTo,
  escalationReason: c.escalationReason,
  ...(c.urgent ? { urgent: true, callbackNumber: c.callbackNumber, situation: c.situation, helpNeeded: c.helpNeeded } : {}),
  ...(c.helpDispatchedAt ? { helpDispatchedAt: c.helpDispatchedAt } : {}),
  ...(c.helpGivenAt ? { helpGivenAt: c.helpGivenAt } : {}),
  ...(c.closeOverrideReason ? { closeOverrideReason: c.closeOverrideReason } : {}),
});

/** What the urgent intake adds to a case (src/cases/urgent-commands.ts). */
export interface UrgentIntake {
  callbackNumber: string | null;
  situation: string | null;
  helpNeeded: string | null;
}

async function existing(db: Db, id: string): Promise<Row<'cases'>> {
  const row = await findCaseRow(db, id);
  if (!row) throw notFound(`Case ${id}`);
  return row;
}

/** The targets a case takes: its priority's. (Case types with policies of their own, issue 11, would be asked here first, by type.) */
async function targetColumns(db: Db, priority: CasePriority, _caseType: string) {
  const t = await targetsFor(db, priority);
  return { firstResponseMinutes: t?.firstResponseMinutes ?? null, nextResponseMinutes: t?.nextResponseMinutes ?? null, resolutionMinutes: t?.resolutionMinutes ?? null };
}

async function event(db: Db, ctx: WriteContext, c: { id: string; customerId: string }, at: string, kind: Row<'caseEvents'>['kind'], values: { from?: string | null; to?: string | null; note?: string | null } = {}) {
  const id = newId();
  await insertCaseEvent(db, { id, caseId: c.id, customerId: c.customerId, at, kind, fromValue: values.from ?? null, toValue: values.to ?? null, note: values.note ?? null, staffId: ctx.actor?.staffId ?? null });
  return id;
}

/** A contact of this customer that is in no other case's thread. */
async function linkable(db: Db, customerId: string, interactionId: string, caseId: string | null, path: string) {
  const interaction = await findInteraction(db, interactionId);
  if (!interaction) throw unprocessable(path, `contact ${interactionId} does not exist`);
  if (interaction.customerId !== customerId) throw unprocessable(path, 'is a contact with another customer');
  if (interaction.caseId && interaction.caseId !== caseId) throw conflict('That contact is already part of another case: take it out of that case’s thread first.', [{ path, message: 'is in another case' }]);
  return interaction;
}

async function link(db: Db, ctx: WriteContext, c: { id: string; customerId: string }, interactionId: string, at: string) {
  await setInteractionCase(db, interactionId, c.id, { updatedAt: at, updatedBy: ctx.actor?.staffId ?? null });
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'interaction', entityId: interactionId, customerId: c.customerId, before: { caseId: null }, after: { caseId: c.id } });
}

export async function createCase(db: Db, ctx: WriteContext, input: CaseCreate, at = nowIso(), intake: UrgentIntake | null = null): Promise<string> {
  const subject = checkSubject(input.subject);
  await checkTypeOffered(db, clean(input.type) ?? undefined);
  const customer = await customerHome(db, input.customerId);
  if (!customer) throw unprocessable('/body/customerId', `customer ${input.customerId} does not exist`);
  const ownerId = input.ownerId === undefined ? (ctx.actor?.staffId ?? null) : input.ownerId;
  if (ownerId) checkOwner(await staffMember(db, ownerId));
  const locationId = input.locationId === undefined ? (customer.locationId ?? ctx.actor?.locationIds[0] ?? null) : input.locationId;
  await ensureLocation(db, locationId, '/body/locationId');
  const openedAt = checkOpenedAt(input.openedAt, Date.parse(at));
  if (input.interactionId) await linkable(db, customer.id, input.interactionId, null, '/body/interactionId');
  const priority = input.priority ?? 'normal';
  const id = newId();
  const by = ctx.actor?.staffId ?? null;
  const row: Row<'cases'> = {
    id,
    customerId: customer.id,
    subject,
    caseType: caseTypeOf(input.type),
    status: 'new',
    priority,
    ownerId,
    locationId,
    openedAt,
    statusChangedAt: openedAt,
    resolvedAt: null,
    escalatedTo: null,
    escalatedAt: null,
    escalationReason: null,
    ...(await targetColumns(db, priority, caseTypeOf(input.type))),
    firstResponseAt: null,
    targetKind: null,
    warnAt: null,
    dueAt: null,
    lateCount: 0,
    clockAt: at,
    createdAt: at,
    updatedAt: at,
    createdBy: by,
    updatedBy: by,
    urgent: intake !== null,
    callbackNumber: intake?.callbackNumber ?? null,
    situation: intake?.situation ?? null,
    helpNeeded: intake?.helpNeeded ?? null,
    helpDispatchedAt: null,
    helpDispatchedBy: null,
    helpGivenAt: null,
    helpGivenBy: null,
    completedAt: null,
    closeOverrideReason: null,
    closeOverrideBy: null,
    closeOverrideAt: null,
  };
  await insertCase(db, { ...row, urgent: intake !== null });
  await event(db, ctx, row, openedAt, 'opened', { to: 'new' });
  // Its type's fields, with any typed at once; none is needed to save. Complete at once when its type wants none.
  await applyTypeFields(db, ctx, row, input.fields ?? {}, at);
  const fields = Object.fromEntries((await fieldsOfCase(db, id)).map((f) => [f.fieldKey, f.value]));
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'case', entityId: id, customerId: row.customerId, after: { ...snapshot(row), ...(Object.keys(fields).length ? { fields } : {}) } });
  if (input.interactionId) await link(db, ctx, row, input.interactionId, at);
  await refreshCaseClock(db, id);
  return id;
}

export async function updateCase(db: Db, ctx: WriteContext, id: string, patch: CasePatch, at = nowIso()): Promise<void> {
  const before = await existing(db, id);
  const changes: RowUpdate<'cases'> = {};
  const steps: [Row<'caseEvents'>['kind'], string | null, string | null][] = [];
  if (patch.subject !== undefined) changes.subject = checkSubject(patch.subject);
  if (patch.type !== undefined) changes.caseType = caseTypeOf(patch.type);
  // Changing to an archived type is refused; a case keeps the one it has.
  if (changes.caseType !== undefined && changes.caseType.toLowerCase() !== before.caseType.toLowerCase()) await checkTypeOffered(db, changes.caseType);
  if (patch.status !== undefined && patch.status !== before.status) {
    checkStatusChange(before.status, patch.status);
    changes.status = patch.status;
    changes.statusChangedAt = at;
    changes.resolvedAt = resolvedAtAfter(before.status, patch.status, before.resolvedAt, at);
    steps.push(['status', before.status, patch.status]);
    if (isOpenStatus(before.status) && !isOpenStatus(patch.status)) Object.assign(changes, await closeCheck(db, ctx, id, patch.overrideReason, at));
  }
  if (patch.priority !== undefined && patch.priority !== before.priority) {
    // A new priority brings its targets; what was already missed stays missed.
    Object.assign(changes, { priority: patch.priority, ...(await targetColumns(db, patch.priority, changes.caseType ?? before.caseType)) });
    steps.push(['priority', before.priority, patch.priority]);
  }
  if (patch.ownerId !== undefined && patch.ownerId !== before.ownerId) {
    if (patch.ownerId) checkOwner(await staffMember(db, patch.ownerId));
    changes.ownerId = patch.ownerId;
    steps.push(['owner', before.ownerId, patch.ownerId]);
  }
  if (patch.locationId !== undefined && patch.locationId !== before.locationId) {
    await ensureLocation(db, patch.locationId, '/body/locationId');
    changes.locationId = patch.locationId;
    steps.push(['location', before.locationId, patch.locationId]);
  }
  const after = { ...before, ...changes } as Row<'cases'>;
  if (JSON.stringify(snapshot(after)) === JSON.stringify(snapshot(before))) return;
  Object.assign(changes, { updatedAt: at, updatedBy: ctx.actor?.staffId ?? null });
  await updateCaseRow(db, id, changes);
  for (const [kind, from, to] of steps) await event(db, ctx, before, at, kind, { from, to });
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'case', entityId: id, customerId: before.customerId, before: snapshot(before), after: snapshot(after) });
  if (changes.caseType !== undefined && changes.caseType !== before.caseType) await applyTypeFields(db, ctx, { ...before, caseType: changes.caseType }, {}, at);
  await refreshCaseClock(db, id);
}

/**
 * Closing (resolving or closing) asks for every field the case's type wants: refused naming each
 * missing one at /body/fields/<key>, unless a manager overrides with a reason, kept on the case.
 */
async function closeCheck(db: Db, ctx: WriteContext, id: string, overrideReason: string | undefined, at: string): Promise<RowUpdate<'cases'>> {
  const problems = closeProblems(await fieldsOfCase(db, id));
  if (!problems.length) return {};
  const reason = clean(overrideReason);
  if (!reason) throw invalid(problems);
  if (ctx.actor && !hasRole(ctx.actor.role, 'manager')) throw forbidden('Only a manager can close a case with wanted fields missing. Fill them in, or ask a manager.');
  return { closeOverrideReason: reason, closeOverrideBy: ctx.actor?.staffId ?? null, closeOverrideAt: at };
}

/** Escalates an open case to a manager, with the reason; escalating again passes it to another. */
export async function escalateCase(db: Db, ctx: WriteContext, id: string, input: EscalationIn, at = nowIso()): Promise<void> {
  const before = await existing(db, id);
  const reason = requiredText(input.reason, '/body/reason');
  checkManager(await staffMember(db, input.managerId));
  if (!isOpenStatus(before.status)) throw conflict(`This case is ${before.status}: reopen it before escalating it.`);
  if (before.escalatedTo === input.managerId && before.escalationReason === reason) return;
  const changes = { escalatedTo: input.managerId, escalatedAt: at, escalationReason: reason, updatedAt: at, updatedBy: ctx.actor?.staffId ?? null };
  await updateCaseRow(db, id, changes);
  await event(db, ctx, before, at, 'escalated', { from: before.escalatedTo, to: input.managerId, note: reason });
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'case', entityId: id, customerId: before.customerId, before: snapshot(before), after: snapshot({ ...before, ...changes }) });
  await refreshCaseClock(db, id);
}

/** Adds a logged contact of the same customer to the case's thread (answering it, or asking again). */
export async function linkInteraction(db: Db, ctx: WriteContext, id: string, interactionId: string, at = nowIso()): Promise<void> {
  const c = await existing(db, id);
  const interaction = await linkable(db, c.customerId, interactionId, id, '/body/interactionId');
  if (interaction.caseId === id) return;
  await link(db, ctx, c, interactionId, at);
  await refreshCaseClock(db, id);
}

export async function unlinkInteraction(db: Db, ctx: WriteContext, id: string, interactionId: string, at = nowIso()): Promise<void> {
  const c = await existing(db, id);
  const interaction = await findInteraction(db, interactionId);
  if (!interaction || interaction.caseId !== id) throw notFound(`Contact ${interactionId} in the thread of case ${id}`);
  await setInteractionCase(db, interactionId, null, { updatedAt: at, updatedBy: ctx.actor?.staffId ?? null });
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'interaction', entityId: interactionId, customerId: c.customerId, before: { caseId: id }, after: { caseId: null } });
  await refreshCaseClock(db, id);
}

/** Records that someone explained a missed target to the customer and apologised: the brief stops asking for it. */
export async function recordApology(db: Db, ctx: WriteContext, id: string, input: ApologyIn, at = nowIso()): Promise<void> {
  const c = await existing(db, id);
  const note = clean(input.note);
  const eventId = await event(db, ctx, c, at, 'apology', { note });
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'case_event', entityId: eventId, customerId: c.customerId, after: { caseId: id, kind: 'apology', note } });
}

/** Moves the case, with its history, to the trash; its thread's contacts stay and lose the link until it returns. */
export async function deleteCase(db: Db, ctx: WriteContext, id: string): Promise<TrashReceipt> {
  await existing(db, id);
  return moveToTrash(db, ctx, 'cases', id);
}
