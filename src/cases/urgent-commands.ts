import { recordAudit } from '../audit/audit-store.js';
import { normalizePhone } from '../common/contact-rules.js';
import { clean } from '../common/text-rules.js';
import { createCustomer } from '../customers/customer-commands.js';
import type { Db } from '../platform/database/connect.js';
import { conflict, notFound, unprocessable } from '../platform/errors.js';
import { nowIso, toIso } from '../platform/time.js';
import type { WriteContext } from '../platform/write-context.js';
import { createCase } from './case-commands.js';
import { isOpenStatus } from './case-clock-rules.js';
import { customersWithPhone, setDispatchDeadlines } from './case-field-store.js';
import { customerHome, findCaseRow, updateCaseRow } from './case-store.js';
import type { HelpIn, UrgentCaseIn } from './urgent-schemas.js';

/**
 * The urgent intake (issue 11, S4): a case opened with the minimum, so help can go at once. Who:
 * an existing customer, or the one customer whose phone is the callback number, or a new customer
 * from the name and number. Then help dispatched and help given, each once, with who and when.
 */

/** A subject from what was typed: the help needed, else the situation, else "Urgent call". */
const subjectOf = (input: UrgentCaseIn): string => {
  const text = clean(input.helpNeeded) ?? clean(input.situation) ?? 'Urgent call';
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
};

/** The customer the call is about, and whether they were known. */
async function callerOf(db: Db, ctx: WriteContext, input: UrgentCaseIn): Promise<{ customerId: string; found: boolean }> {
  if (input.customerId) {
    if (!(await customerHome(db, input.customerId))) throw unprocessable('/body/customerId', `customer ${input.customerId} does not exist`);
    return { customerId: input.customerId, found: true };
  }
  const number = clean(input.callbackNumber);
  const name = clean(input.name);
  if (!number && !name) throw unprocessable('/body/callbackNumber', 'give a callback number or a name (or choose the customer)');
  const e164 = number ? normalizePhone(number, ctx.phoneRegion) : null;
  if (number && !e164 && !name) throw unprocessable('/body/callbackNumber', `"${number}" is not a phone number we can read; include the country code if it is foreign, or give a name`);
  if (e164) {
    const holders = await customersWithPhone(db, e164);
    if (holders.length === 1) return { customerId: holders[0]!, found: true };
  }
  const locationId = input.locationId === undefined ? (ctx.actor?.locationIds[0] ?? null) : input.locationId;
  const customerId = await createCustomer(db, ctx, {
    ...(name ? { displayName: name } : {}),
    ...(e164 ? { phones: [{ number: number!, label: 'callback' }] } : {}),
    ...(locationId ? { locationId } : {}),
  });
  return { customerId, found: false };
}

export async function createUrgentCase(db: Db, ctx: WriteContext, input: UrgentCaseIn, at = nowIso()): Promise<{ id: string; customerFound: boolean }> {
  const { customerId, found } = await callerOf(db, ctx, input);
  const id = await createCase(
    db,
    ctx,
    {
      customerId,
      subject: subjectOf(input),
      priority: 'urgent',
      ...(input.type !== undefined ? { type: input.type } : {}),
      ...(input.locationId !== undefined ? { locationId: input.locationId } : {}),
      ...(input.openedAt !== undefined ? { openedAt: input.openedAt } : {}),
      ...(input.fields !== undefined ? { fields: input.fields } : {}),
    },
    at,
    { callbackNumber: clean(input.callbackNumber), situation: clean(input.situation), helpNeeded: clean(input.helpNeeded) },
  );
  return { id, customerFound: found };
}

/** When a step happened: now, or the time given (not before the case opened, not in the future). */
function stepTime(value: string | undefined, openedAt: string, now: string, path = '/body/at'): string {
  if (value === undefined) return now;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw unprocessable(path, `"${value}" is not a real date and time`);
  if (time > Date.parse(now) + 60_000) throw unprocessable(path, 'cannot be in the future');
  if (time < Date.parse(openedAt)) throw unprocessable(path, 'cannot be before the case was opened');
  return toIso(new Date(time));
}

/**
 * Records that help was dispatched or given. Once each: recording it again changes nothing. The
 * fields due at dispatch fall due at that moment.
 */
export async function recordHelp(db: Db, ctx: WriteContext, id: string, step: 'dispatched' | 'given', input: HelpIn, now = nowIso()): Promise<void> {
  const c = await findCaseRow(db, id);
  if (!c) throw notFound(`Case ${id}`);
  const already = step === 'dispatched' ? c.helpDispatchedAt : c.helpGivenAt;
  if (already) return;
  if (!isOpenStatus(c.status)) throw conflict(`This case is ${c.status}: reopen it before recording help.`);
  const at = stepTime(input.at, c.openedAt, now);
  const by = ctx.actor?.staffId ?? null;
  const changes = step === 'dispatched' ? { helpDispatchedAt: at, helpDispatchedBy: by } : { helpGivenAt: at, helpGivenBy: by };
  await updateCaseRow(db, id, { ...changes, updatedAt: now, updatedBy: by });
  if (step === 'dispatched') await setDispatchDeadlines(db, id, at);
  const key = step === 'dispatched' ? 'helpDispatchedAt' : 'helpGivenAt';
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'case', entityId: id, customerId: c.customerId, before: { [key]: null }, after: { [key]: at } });
}
