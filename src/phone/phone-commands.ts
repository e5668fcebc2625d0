import { recordAudit } from '../audit/audit-store.js';
import { normalizePhone } from '../common/contact-rules.js';
import { createInteraction } from '../interactions/interaction-commands.js';
import { checkOccurredAt } from '../interactions/interaction-rules.js';
import type { Db } from '../platform/database/connect.js';
import type { RowUpdate } from '../platform/database/schema.js';
import type { StaffEvent } from '../platform/events/staff-events.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import type { WriteContext } from '../platform/write-context.js';
import { findCallers, maxCandidates, type CallerMatch } from './phone-lookup.js';
import { answers, callSummary, checkCallEvent, displayNumber, ending, startOf } from './phone-rules.js';
import type { CallEventBody, RingingEventData } from './phone-schemas.js';
import { agentByEmail, agentByExtension, customerIsLive, findCall, insertCall, linkInteraction, staffName, updateOpenCall, type Agent, type CallRow } from './phone-store.js';

/** An event for a staff member's open web app, published by the caller once the transaction has committed. */
export interface Push {
  staffId: string;
  event: StaffEvent;
}

export interface CallReceived {
  call: CallRow;
  /** false: this event of this call had been received already, and nothing changed. */
  recorded: boolean;
  pushes: Push[];
}

/**
 * One event of a call from the phone system, written by Rapport itself (the system actor of `ctx`)
 * in the caller's transaction. A call first heard of (whichever its first event) is stored with the
 * customer its number matches when exactly one does; on 'ringing' the agent it rings is shown who is
 * calling; on 'ended' it is logged once on that customer: a call with its length, or a missed call
 * that leaves them waiting. A call from a number no one (or several) has is kept without a customer.
 */
export async function receiveCallEvent(db: Db, ctx: WriteContext, input: CallEventBody): Promise<CallReceived> {
  const callId = checkCallEvent(input);
  const at = checkOccurredAt(input.at, '/body/at');
  const agent = await findAgent(db, input);
  const pushes: Push[] = [];

  let call = await findCall(db, callId);
  let recorded = false;
  if (!call) {
    const created = await createCall(db, ctx, callId, input, at, agent);
    if (created) {
      recorded = true;
      call = created.call;
      if (input.event === 'ringing' && call.staffId) pushes.push({ staffId: call.staffId, event: { type: 'call.ringing', data: created.ringing } });
    } else {
      // The same first event delivered twice at once: the other delivery stored it.
      call = (await findCall(db, callId))!;
    }
  }

  if (input.event === 'answered' && answers(call)) {
    const changes: RowUpdate<'phoneCalls'> = { state: 'answered', answeredAt: at < call.startedAt ? call.startedAt : at, staffId: agent?.id ?? call.staffId, updatedAt: nowIso() };
    if (await updateOpenCall(db, call.id, changes)) {
      call = await auditChange(db, ctx, call, changes);
      recorded = true;
    }
  }

  if (input.event === 'ended') {
    const end = ending(call, at, input.durationSeconds);
    const changes: RowUpdate<'phoneCalls'> | null = end ? { ...end, staffId: agent?.id ?? call.staffId, updatedAt: nowIso() } : null;
    if (changes && (await updateOpenCall(db, call.id, changes))) {
      call = await auditChange(db, ctx, call, changes);
      call = await logOnCustomer(db, ctx, call);
      recorded = true;
      if (call.staffId) pushes.push({ staffId: call.staffId, event: { type: 'call.ended', data: { callId, state: call.state } } });
    }
  }
  return { call, recorded, pushes };
}

/** The agent the phone system named, by extension or by sign-in email, when Rapport knows them. */
async function findAgent(db: Db, input: CallEventBody): Promise<Agent | null> {
  const extension = input.extension?.trim();
  if (extension) {
    const found = await agentByExtension(db, extension);
    if (found) return found;
  }
  return input.agentEmail ? ((await agentByEmail(db, input.agentEmail)) ?? null) : null;
}

async function createCall(db: Db, ctx: WriteContext, callId: string, input: CallEventBody, at: string, agent: Agent | null): Promise<{ call: CallRow; ringing: RingingEventData } | null> {
  const e164 = normalizePhone(input.from, ctx.phoneRegion);
  const callers: CallerMatch[] = e164 ? await findCallers(db, e164, ctx.phoneRegion) : [];
  const customer = callers.length === 1 ? callers[0]! : null;
  const now = nowIso();
  const call: CallRow = {
    id: newId(),
    externalCallId: callId,
    callerNumber: input.from.trim() || null,
    callerE164: e164,
    dialledNumber: input.to?.trim() || null,
    called: input.extension?.trim() || input.agentEmail?.trim() || null,
    staffId: agent?.id ?? null,
    customerId: customer?.id ?? null,
    state: 'ringing',
    startedAt: startOf(input.event, at, input.durationSeconds),
    answeredAt: null,
    endedAt: null,
    durationSeconds: null,
    interactionId: null,
    createdAt: now,
    updatedAt: now,
  };
  if (!(await insertCall(db, call))) return null;
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'phone_call', entityId: call.id, customerId: call.customerId, after: call });
  const ringing: RingingEventData = {
    callId,
    customer: customer ? { id: customer.id, name: customer.name } : null,
    number: displayNumber(e164, call.callerNumber),
    ...(callers.length > 1 ? { candidates: callers.slice(0, maxCandidates) } : {}),
  };
  return { call, ringing };
}

async function auditChange(db: Db, ctx: WriteContext, before: CallRow, changes: RowUpdate<'phoneCalls'>): Promise<CallRow> {
  const after = { ...before, ...changes } as CallRow;
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'phone_call', entityId: before.id, customerId: before.customerId, before, after });
  return after;
}

/** The ended call as one contact on its customer (none for a caller no one, or several, have the number of), linked from the call. */
async function logOnCustomer(db: Db, ctx: WriteContext, call: CallRow): Promise<CallRow> {
  if (!call.customerId || call.state === 'ringing' || !(await customerIsLive(db, call.customerId))) return call;
  const summary = callSummary({
    state: call.state,
    number: displayNumber(call.callerE164, call.callerNumber),
    agentName: await staffName(db, call.staffId),
    durationSeconds: call.durationSeconds,
  });
  const interactionId = await createInteraction(
    db,
    ctx,
    {
      customerId: call.customerId,
      channel: call.state === 'answered' ? 'call' : 'missed_call',
      direction: 'inbound',
      occurredAt: call.startedAt,
      summary,
      ...(call.staffId ? { staffId: call.staffId } : {}),
    },
    { source: 'phone', sourceRecordId: call.externalCallId },
  );
  const updatedAt = nowIso();
  await linkInteraction(db, call.id, interactionId, updatedAt);
  return auditChange(db, ctx, call, { interactionId, updatedAt });
}
