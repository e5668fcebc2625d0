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
  const thing = things[row.entityType];
  const verb = verbs[row.action];
  if (!thing || !verb) return null;
  if (row.entityType === 'customer' && row.action === 'update') {
    const fields = Object.keys(values).filter((k) => !['updatedAt', 'updatedBy'].includes(k));
    return fields.length ? `changed ${fields.join(', ')}` : null;
  }
  return `${verb} ${thing}`;
}
