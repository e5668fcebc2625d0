import type { HistoryItem } from '../api/types';
import type { Holiday, Week } from '../api/types';
import { holidayChanges, holidayText, weekSummary } from '../ui/calendar';
import { firstLine, fullDate, money, partialDate, plural } from '../ui/format';
import { channelWords, customerActions, customerTrailActions, entityFieldLabels, fieldLabels, selfActions, summaryFields, things, valueWords, verbs } from './words';

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
const skipped = new Set(['id', 'customerId', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'normalized', 'e164', 'tokenHash', 'passwordHash']);
/** Ids mean nothing to a reader: say that they changed, not what to. */
const isIdField = (key: string) => /[a-z]Id$/.test(key) && key !== 'externalId';
/** Said already by the sentence ("added a purchase") or by another field (the amount carries its currency). */
const saidElsewhere = new Set(['kind', 'channel', 'currency']);

export const fieldName = (key: string, entityType?: string) =>
  (entityType ? entityFieldLabels[entityType]?.[key] : undefined) ?? fieldLabels[key] ?? words(key).replace(/^./, (c) => c.toUpperCase());

const isPartialDate = (v: object) => Object.keys(v).every((k) => k === 'year' || k === 'month' || k === 'day');

/** Any other record inside a record, in words ("Opens: 09:00, closes: 17:00"), never as JSON. */
function objectWords(v: object, depth = 0): string {
  if (depth > 1) return 'set';
  return Object.entries(v)
    .map(([k, inner]) => `${words(k)}: ${inner !== null && typeof inner === 'object' ? (Array.isArray(inner) ? plural(inner.length, 'entry', 'entries') : objectWords(inner, depth + 1)) : inner === null || inner === '' ? 'empty' : String(inner)}`)
    .join(', ');
}

function value(key: string, v: unknown, snap: Snapshot): string {
  if (key === 'openingHours') return v ? weekSummary(v as Week) : 'none set (every hour counts)';
  if (v === null || v === undefined || v === '') return 'empty';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (key === 'scope') return v === 'read' ? 'read only' : v === 'read_write' ? 'read and change' : String(v);
  if (key === 'holidays' && Array.isArray(v)) {
    const listed = (v as Holiday[]).slice(0, 4).map(holidayText).join(', ');
    return v.length === 0 ? 'none' : v.length > 4 ? `${listed} and ${v.length - 4} more` : listed;
  }
  if (key === 'locationIds' && Array.isArray(v)) return v.length ? plural(v.length, 'location') : 'all locations';
  if (key === 'amountMinor' && typeof v === 'number') return money(v, typeof snap.currency === 'string' ? snap.currency : 'USD');
  if (key === 'sensitivity') return v === 'private' ? 'only those who need it' : 'everyone';
  if (key === 'direction') return v === 'inbound' ? 'they did' : 'we did';
  if (typeof v === 'string' && valueWords[v]) return valueWords[v];
  if (Array.isArray(v)) {
    if (key === 'items') {
      const named = v.slice(0, 3).map((i: { quantity?: number; description?: string }) => `${i.quantity ?? 1} × ${i.description ?? ''}`);
      return v.length > 3 ? `${named.join(', ')} and ${v.length - 3} more` : named.join(', ') || 'none';
    }
    return key === 'involvedCustomerIds' ? plural(v.length, 'person', 'people') : plural(v.length, 'entry', 'entries');
  }
  if (typeof v === 'object') return isPartialDate(v) ? partialDate(v as Parameters<typeof partialDate>[0]) || 'empty' : objectWords(v) || 'empty';
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
  const name = (key: string) => fieldName(key, item.entityType);
  if (before && after) {
    return keys.map((key) => {
      if (isIdField(key)) return { field: name(key), before: null, after: 'changed' };
      // A list of holidays reads as what was added and removed, not as two long lists.
      if (key === 'holidays' && Array.isArray(before[key]) && Array.isArray(after[key])) {
        return { field: name(key), before: null, after: holidayChanges(before[key] as Holiday[], after[key] as Holiday[]) };
      }
      return { field: name(key), before: value(key, before[key], before), after: value(key, after[key], after) };
    });
  }
  const snap = after ?? before ?? {};
  const summary = summaryFields[item.entityType];
  const shown = (summary ? summary.filter((k) => keys.includes(k)) : keys).filter((key) => {
    const v = snap[key];
    if (v === null || v === undefined || v === '' || isIdField(key) || saidElsewhere.has(key)) return false;
    if (key === 'sensitivity' && v === 'normal') return false;
    if (key === 'holidays' && Array.isArray(v) && v.length === 0) return false;
    // A life event always involves its own customer; say so only when it involves more.
    return !(key === 'involvedCustomerIds' && Array.isArray(v) && v.length < 2);
  });
  return shown.map((key) => ({ field: name(key), before: null, after: value(key, snap[key], snap) }));
}

export const who = (item: HistoryItem) =>
  (item.staffName ?? (item.staffId ? 'A former colleague' : 'Rapport')) + (item.tokenId ? (item.tokenName ? ` (through the API token “${item.tokenName}”)` : ' (through the API)') : '');

/**
 * An entry of the whole audit trail, where "this customer" would mean nothing: what was done, the
 * name of what it was done to, and whether the customer is that thing ("created the customer …")
 * or the one it belongs to ("added a note for …").
 */
export interface TrailSentence {
  phrase: string;
  name: string | null;
  customer: 'object' | 'for' | null;
}

export function trailSentence(item: HistoryItem): TrailSentence {
  const snap: Snapshot = item.diff?.after ?? item.diff?.before ?? {};
  if (item.entityType === 'customer') {
    return { phrase: customerTrailActions[item.action] ?? `${verbs[item.action] ?? words(item.action)} the customer`, name: null, customer: 'object' };
  }
  const self = selfActions[item.action];
  if (self && (item.entityType !== 'staff' || item.entityId === item.staffId)) return { phrase: self, name: null, customer: null };
  const name = item.entityName ?? (typeof snap.name === 'string' ? snap.name : null);
  if (item.entityType === 'staff' || item.entityType === 'api_token' || item.entityType === 'location') {
    const verb = item.action === 'create' && item.entityType === 'api_token' ? 'created' : (verbs[item.action] ?? words(item.action));
    const thing = things[item.entityType]!;
    // "reset the password of Newbie", "added the staff account Newbie"
    return { phrase: item.action === 'reset_password' ? verb : `${verb} ${thing}`, name, customer: null };
  }
  return { phrase: self ?? action(item), name: item.customerId ? null : name, customer: item.customerId ? 'for' : null };
}
