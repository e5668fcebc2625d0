import { channelPhrase } from './brief-words.js';

/** One audit row as the brief sees it. */
export interface ChangeRow {
  action: string;
  entityType: string;
  diff: string | null;
}

const things: Record<string, string> = {
  customer: 'the profile',
  email: 'an email address',
  phone: 'a phone number',
  address: 'an address',
  external_id: 'an external id',
  relationship: 'a relationship',
  interaction: 'a contact',
  transaction: 'a transaction',
  life_event: 'a life event',
  project: 'a project',
  note: 'a note',
  consent: 'a choice about being contacted',
  do_not_contact: 'a do-not-contact request',
  preference: 'a preference',
  keep_in_touch: 'how often we keep in touch',
  promise: 'a promise',
  promise_revision: 'a new date for a promise',
  promise_handover: 'a promise hand-over',
  case: 'a case',
};

const verbs: Record<string, string> = { create: 'added', update: 'changed', delete: 'removed', merge: 'merged' };

function after(diff: string | null): Record<string, unknown> {
  if (!diff) return {};
  try {
    return ((JSON.parse(diff) as { after?: Record<string, unknown> }).after ?? {}) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** "logged a visit", "recorded a purchase", "changed the profile": what one audit row did, in words. */
export function describeChange(row: ChangeRow): string | null {
  const values = after(row.diff);
  if (row.entityType === 'interaction' && row.action === 'create') {
    return `logged ${channelPhrase(String(values.channel ?? 'other'))}`;
  }
  if (row.entityType === 'transaction' && row.action === 'create' && typeof values.kind === 'string') {
    return `recorded a ${values.kind}`;
  }
  if (row.entityType === 'promise' && row.action === 'create' && typeof values.what === 'string') return `promised ${values.what}`;
  if (row.entityType === 'promise_handover' && row.action === 'create' && typeof values.promiseWhat === 'string') return `passed on the promise of ${values.promiseWhat}`;
  if (row.entityType === 'case' && row.action === 'create' && typeof values.subject === 'string') return `opened a case: ${values.subject}`;
  if (row.entityType === 'case' && row.action === 'update' && typeof values.status === 'string') return `moved a case to ${values.status.replace(/_/g, ' ')}`;
  if (row.entityType === 'case_event' && row.action === 'create' && values.kind === 'apology') return 'apologised for a missed target on a case';
  if (row.entityType === 'handoff_customer') {
    if (row.action === 'create') return 'handed them over (a hand-off)';
    if (row.action === 'update' && typeof values.acceptedBy === 'string') return 'took them over (accepted a hand-off)';
    if (row.action === 'update' && typeof values.to === 'string') return `reassigned their hand-off to ${values.to}`;
    if (row.action === 'update' && values.status === 'withdrawn') return 'withdrew their hand-off';
    return null;
  }
  const thing = things[row.entityType];
  const verb = verbs[row.action];
  if (!thing || !verb) return null;
  if (row.entityType === 'customer' && row.action === 'update') {
    const fields = Object.keys(values).filter((k) => !['updatedAt', 'updatedBy'].includes(k));
    return fields.length ? `changed ${fields.join(', ')}` : null;
  }
  return `${verb} ${thing}`;
}

/**
 * Whether one of the reader's own changes was dealing with the customer (for "since you last saw
 * them"): taking over their hand-off, with the promises and cases it moves, or reading it, is not.
 */
export function countsAsDealing(row: ChangeRow): boolean {
  if (['handoff', 'handoff_customer', 'handoff_note', 'handoff_read', 'promise_handover'].includes(row.entityType)) return false;
  if (row.entityType === 'case' && row.action === 'update') {
    const fields = Object.keys(after(row.diff));
    return !(fields.length > 0 && fields.every((f) => f === 'ownerId'));
  }
  return true;
}
