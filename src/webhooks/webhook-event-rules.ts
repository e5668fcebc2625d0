import { diffSnapshots, type Snapshot } from '../audit/audit-diff.js';
import type { WebhookEventType } from './webhook-rules.js';

/**
 * Which changes are webhook events, and what each event says: pure functions of the entries the
 * audit trail records (src/audit/audit-store.ts), so that every write that is audited, from any
 * command, import or merge, raises its event in one place.
 *
 * Event types, by (entity type, action) as the commands audit them:
 * - customer.created: customer create (its emails, phones, addresses and ids in other systems
 *   written with it are folded into the record: one event for one new customer);
 * - customer.changed: customer update, delete (to the trash), restore, unmerge, erase; an email,
 *   phone, address, id in another system or relationship added, changed, removed or restored;
 * - customer.merged: customer merge (the record is the survivor; mergedCustomerId is gone);
 * - interaction.logged: interaction create;
 * - transaction.recorded: transaction create;
 * - promise.changed: promise create, update, delete, restore; a new date (promise_revision create
 *   or update: the customer told); a hand-over (promise_handover create);
 * - case.changed: case create, update, delete, restore; an apology (case_event create).
 *
 * What an event says (`data`): the action, the customer, the record's type and id and the id of
 * what it belongs to (interactionId, transactionId, promiseId, caseId), then `record`, the record as
 * the audit trail keeps it after the change (create, update, merge, unmerge), and `changes`, the
 * fields an update changed (before and after). An event about a private fact (the one privacy
 * rule, src/platform/auth/private-facts.ts: the audit entry is private) carries the ids only, never
 * what the fact says: a receiver that needs it asks the API, whose answer follows the privacy rule.
 */

/** An audit entry as written: the audit row's id is the event's id. */
export interface AuditedChange {
  eventId: string;
  occurredAt: string;
  action: string;
  entityType: string;
  entityId: string | null;
  customerId: string | null;
  before?: Snapshot | undefined;
  after?: Snapshot | undefined;
  /** The audit row is private (it describes a private fact). */
  private: boolean;
}

export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  occurredAt: string;
  /** The customer the event is about (null for none). */
  customerId: string | null;
  data: Record<string, unknown>;
}

/** The body every subscriber receives: the event itself. */
export const payloadOf = (event: WebhookEvent): string => JSON.stringify({ id: event.id, type: event.type, occurredAt: event.occurredAt, data: event.data });

const contactPoints: Record<string, string> = { email: 'emails', phone: 'phones', address: 'addresses', external_id: 'externalIds', relationship: 'relationships' };
const lifecycle = new Set(['create', 'update', 'delete', 'restore']);

/** The event type of an audited change, or null when it is not one. */
export function eventTypeOf(action: string, entityType: string): WebhookEventType | null {
  switch (entityType) {
    case 'customer':
      if (action === 'create') return 'customer.created';
      if (action === 'merge') return 'customer.merged';
      return ['update', 'delete', 'restore', 'unmerge', 'erase'].includes(action) ? 'customer.changed' : null;
    case 'interaction':
      return action === 'create' ? 'interaction.logged' : null;
    case 'transaction':
      return action === 'create' ? 'transaction.recorded' : null;
    case 'promise':
      return lifecycle.has(action) ? 'promise.changed' : null;
    case 'promise_revision':
      return action === 'create' || action === 'update' ? 'promise.changed' : null;
    case 'promise_handover':
      return action === 'create' ? 'promise.changed' : null;
    case 'case':
      return lifecycle.has(action) ? 'case.changed' : null;
    case 'case_event':
      return action === 'create' ? 'case.changed' : null;
    default:
      return entityType in contactPoints && lifecycle.has(action) ? 'customer.changed' : null;
  }
}

const stringIn = (snapshot: Snapshot | undefined, key: string): string | null => {
  const value = snapshot?.[key];
  return typeof value === 'string' ? value : null;
};

/** The id of what the record belongs to, under the name a receiver looks for. */
function idsOf(change: AuditedChange): Record<string, string | null> {
  const either = change.after ?? change.before;
  switch (change.entityType) {
    case 'interaction':
      return { interactionId: change.entityId };
    case 'transaction':
      return { transactionId: change.entityId };
    case 'promise':
      return { promiseId: change.entityId };
    case 'promise_revision':
    case 'promise_handover':
      return { promiseId: stringIn(either, 'promiseId') };
    case 'case':
      return { caseId: change.entityId };
    case 'case_event':
      return { caseId: stringIn(either, 'caseId') };
    default:
      return {};
  }
}

/** What a merge's audit snapshot adds to the customer record, said at the top of the event instead. */
const mergeFields = ['mergedCustomerId', 'mergedName', 'mergeId'];

function dataOf(change: AuditedChange): Record<string, unknown> {
  const data: Record<string, unknown> = {
    action: change.action,
    customerId: change.customerId,
    entityType: change.entityType,
    entityId: change.entityId,
    ...idsOf(change),
  };
  if (change.private) return data;
  const merging = change.entityType === 'customer' && (change.action === 'merge' || change.action === 'unmerge');
  if (merging) {
    data.mergedCustomerId = stringIn(change.after, 'mergedCustomerId');
    data.mergeId = stringIn(change.after, 'mergeId');
  }
  const strip = (s: Snapshot | undefined): Snapshot | undefined => (s && merging ? Object.fromEntries(Object.entries(s).filter(([k]) => !mergeFields.includes(k))) : s);
  if (['create', 'update', 'merge', 'unmerge'].includes(change.action) && change.after) data.record = strip(change.after);
  if (['update', 'merge', 'unmerge'].includes(change.action) && change.before && change.after) {
    const diff = diffSnapshots(strip(change.before), strip(change.after));
    data.changes = { before: diff.before ?? {}, after: diff.after ?? {} };
  }
  return data;
}

/**
 * The events of one batch of audited changes (one recordAudit or recordAudits call), in order.
 * Cheap when none of them is an event: one look-up per change, no allocation beyond the result.
 */
export function eventsOf(changes: readonly AuditedChange[]): WebhookEvent[] {
  const events: WebhookEvent[] = [];
  // A new customer's contact points written in the same batch belong to its customer.created.
  const created = new Map<string, Record<string, unknown>>();
  for (const change of changes) {
    if (change.entityType === 'customer' && change.action === 'create' && change.customerId && !change.private) {
      const event: WebhookEvent = { id: change.eventId, type: 'customer.created', occurredAt: change.occurredAt, customerId: change.customerId, data: dataOf(change) };
      created.set(change.customerId, event.data);
      events.push(event);
    }
  }
  for (const change of changes) {
    const type = eventTypeOf(change.action, change.entityType);
    if (type === null) continue;
    if (type === 'customer.created' && created.has(change.customerId ?? '') && !change.private) continue;
    const list = contactPoints[change.entityType];
    const into = change.action === 'create' && list && !change.private && change.customerId ? created.get(change.customerId) : undefined;
    if (into && list && change.after) {
      const record = (into.record ??= {}) as Record<string, unknown>;
      const items = (record[list] ??= []) as unknown[];
      items.push(change.after);
      continue;
    }
    events.push({ id: change.eventId, type, occurredAt: change.occurredAt, customerId: change.customerId, data: dataOf(change) });
  }
  return events;
}

/** What a change does to the delivery log itself: a merge moves it, an undo moves it back, a purge deletes it. */
export type LogChange = { kind: 'merge'; survivorId: string; mergedId: string } | { kind: 'unmerge'; survivorId: string; mergedId: string } | { kind: 'purge'; customerId: string };

export function logChangesOf(changes: readonly AuditedChange[]): LogChange[] {
  const out: LogChange[] = [];
  for (const change of changes) {
    if (change.entityType !== 'customer' || !change.entityId) continue;
    if (change.action === 'merge' || change.action === 'unmerge') {
      const mergedId = stringIn(change.after, 'mergedCustomerId');
      if (mergedId) out.push({ kind: change.action === 'merge' ? 'merge' : 'unmerge', survivorId: change.entityId, mergedId });
    } else if (change.action === 'purge') {
      out.push({ kind: 'purge', customerId: change.entityId });
    }
  }
  return out;
}
