import type { HistoryItem } from '../api/types';
import { firstLine, fullDate, money, partialDate, plural } from '../ui/format';
import { channelWords, customerActions, fieldLabels, summaryFields, things, verbs } from './words';

/** Audit entries in plain words: "Earl Hutchins added a note", "Pronouns: empty → he/him". */

type Snapshot = Record<string, unknown>;

const words = (key: string) => key.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
const aOrAn = (noun: string) => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;

/** What was done, without the who: "added a note", "changed the profile". */
export function action(item: HistoryItem): string {
  const snap: Snapshot = item.diff?.after ?? item.diff?.before ?? {};
  if (item.entityType === 'customer') {
    return customerActions[item.action] ?? `${words(item.action)} this customer`;
  }
  let thing = things[item.entityType] ?? aOrAn(words(item.entityType));
  if (item.entityType === 'interaction' && typeof snap.channel === 'string') thing = channelWords[snap.channel] ?? aOrAn(words(snap.channel));
  if (item.entityType === 'transaction' && typeof snap.kind === 'string') thing = aOrAn(snap.kind);
  return `${verbs[item.action] ?? words(item.action)} ${thing}`;
}

/** Bookkeeping, or said better by another field (e164 by the number). */
const skipped = new Set(['id', 'customerId', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'normalized', 'e164']);
/** Ids mean nothing to a reader: say that they changed, not what to. */
const isIdField = (key: string) => /[a-z]Id$/.test(key) && key !== 'externalId';
/** Said already by the sentence ("added a purchase") or by another field (the amount carries its currency). */
const saidElsewhere = new Set(['kind', 'channel', 'currency']);

export const fieldName = (key: string) => fieldLabels[key] ?? words(key).replace(/^./, (c) => c.toUpperCase());

function value(key: string, v: unknown, snap: Snapshot): string {
  if (v === null || v === undefined || v === '') return 'empty';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (key === 'amountMinor' && typeof v === 'number') return money(v, typeof snap.currency === 'string' ? snap.currency : 'USD');
  if (key === 'sensitivity') return v === 'private' ? 'only those who need it' : 'everyone';
  if (key === 'direction') return v === 'inbound' ? 'they did' : 'we did';
  if (Array.isArray(v)) {
    if (key === 'items') {
      const named = v.slice(0, 3).map((i: { quantity?: number; description?: string }) => `${i.quantity ?? 1} × ${i.description ?? ''}`);
      return v.length > 3 ? `${named.join(', ')} and ${v.length - 3} more` : named.join(', ') || 'none';
    }
    return key === 'involvedCustomerIds' ? plural(v.length, 'person', 'people') : plural(v.length, 'entry', 'entries');
  }
  if (typeof v === 'object') return partialDate(v as Parameters<typeof partialDate>[0]) || 'empty';
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) return fullDate(v);
  return firstLine(String(v), 120) + (String(v).trim().includes('\n') ? ' …' : '');
}

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** The fields an entry speaks of: on update before → after, on create what was set, on delete what was there. */
export function changes(item: HistoryItem): FieldChange[] {
  const before = item.diff?.before;
  const after = item.diff?.after;
  const keys = Object.keys(after ?? before ?? {}).filter((k) => !skipped.has(k));
  if (before && after) {
    return keys.map((key) =>
      isIdField(key) ? { field: fieldName(key), before: null, after: 'changed' } : { field: fieldName(key), before: value(key, before[key], before), after: value(key, after[key], after) },
    );
  }
  const snap = after ?? before ?? {};
  const summary = summaryFields[item.entityType];
  const shown = (summary ? summary.filter((k) => keys.includes(k)) : keys).filter((key) => {
    const v = snap[key];
    if (v === null || v === undefined || v === '' || isIdField(key) || saidElsewhere.has(key)) return false;
    if (key === 'sensitivity' && v === 'normal') return false;
    // A life event always involves its own customer; say so only when it involves more.
    return !(key === 'involvedCustomerIds' && Array.isArray(v) && v.length < 2);
  });
  return shown.map((key) => ({ field: fieldName(key), before: null, after: value(key, snap[key], snap) }));
}

export const who = (item: HistoryItem) => (item.staffName ?? (item.staffId ? 'A former colleague' : 'Rapport')) + (item.tokenId ? ' (through the API)' : '');
