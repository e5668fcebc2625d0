import { recordAudit } from '../audit/audit-store.js';
import { clean, requiredText } from '../common/text-rules.js';
import { customerExists } from '../customers/customer-store.js';
import type { Db } from '../platform/database/connect.js';
import { notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import { authored, touched, type WriteContext } from '../platform/write-context.js';
import { checkDay, type ConsentChannel } from './consent-rules.js';
import type { ConsentPut, DoNotContactPut } from './consent-schemas.js';
import {
  deleteDoNotContactRow,
  findChannelConsent,
  findDoNotContact,
  insertConsent,
  insertDoNotContact,
  updateConsentRow,
  updateDoNotContactRow,
} from './consent-store.js';

/**
 * Writes to a customer's consent. Each runs inside the caller's transaction and audits itself; each
 * is idempotent: recording the same choice again changes nothing and adds nothing to the trail.
 */

const today = () => nowIso().slice(0, 10);

async function ensureCustomer(db: Db, customerId: string) {
  if (!(await customerExists(db, customerId))) throw notFound(`Customer ${customerId}`);
}

/**
 * What the audit trail keeps of a channel's choice. The status is keyed by the channel
 * ({ phone: 'opted_out', givenOn, source }) so that a change, which keeps only the fields that
 * differ, still says which channel it was about: "Phone calls: opted in → opted out".
 */
const channelSnapshot = (row: { channel: string; status: string; givenOn: string; source: string | null }) => ({
  [row.channel]: row.status,
  givenOn: row.givenOn,
  source: row.source,
});

export async function setChannelConsent(db: Db, ctx: WriteContext, customerId: string, channel: ConsentChannel, input: ConsentPut): Promise<void> {
  await ensureCustomer(db, customerId);
  const before = await findChannelConsent(db, customerId, channel);
  const source = clean(input.source);
  // A day given is checked; none means today, or the day it was given when the choice is unchanged.
  const givenOn = input.givenOn !== undefined ? checkDay(input.givenOn, today(), '/body/givenOn') : before?.status === input.status ? before.givenOn : today();
  const next = { channel, status: input.status, givenOn, source };
  if (before && before.status === next.status && before.givenOn === next.givenOn && before.source === next.source) return;
  const id = before?.id ?? newId();
  if (before) await updateConsentRow(db, id, { status: next.status, givenOn, source, ...touched(ctx) });
  else await insertConsent(db, { id, customerId, ...next, ...authored(ctx) });
  await recordAudit(db, ctx.actor, {
    action: before ? 'update' : 'create',
    entityType: 'consent',
    entityId: id,
    customerId,
    ...(before ? { before: channelSnapshot(before) } : {}),
    after: channelSnapshot(next),
  });
}

export async function setDoNotContact(db: Db, ctx: WriteContext, customerId: string, input: DoNotContactPut): Promise<void> {
  await ensureCustomer(db, customerId);
  const before = await findDoNotContact(db, customerId);
  const reason = requiredText(input.reason, '/body/reason');
  const since = input.since !== undefined ? checkDay(input.since, today(), '/body/since') : (before?.since ?? today());
  if (before && before.since === since && before.reason === reason) return;
  const id = before?.id ?? newId();
  if (before) await updateDoNotContactRow(db, id, { since, reason, ...touched(ctx) });
  else await insertDoNotContact(db, { id, customerId, since, reason, ...authored(ctx) });
  await recordAudit(db, ctx.actor, {
    action: before ? 'update' : 'create',
    entityType: 'do_not_contact',
    entityId: id,
    customerId,
    ...(before ? { before: { since: before.since, reason: before.reason } } : {}),
    after: { since, reason },
  });
}

/** The customer may be contacted again (as each channel's own choice allows). */
export async function clearDoNotContact(db: Db, ctx: WriteContext, customerId: string): Promise<void> {
  await ensureCustomer(db, customerId);
  const before = await findDoNotContact(db, customerId);
  if (!before) return;
  await deleteDoNotContactRow(db, before.id);
  await recordAudit(db, ctx.actor, { action: 'delete', entityType: 'do_not_contact', entityId: before.id, customerId, before: { since: before.since, reason: before.reason } });
}
