import type { RestoreResult } from '../api/types';
import { plural } from '../ui/format';

/** What the trash holds, in words: the kinds to filter by, and what a restore did. */

export const trashKinds = [
  { value: 'customer', label: 'Customers', one: 'Customer' },
  { value: 'note', label: 'Notes', one: 'Note' },
  { value: 'interaction', label: 'Visits, calls and messages', one: 'Contact' },
  { value: 'transaction', label: 'Purchases, returns and payments', one: 'Money' },
  { value: 'life_event', label: 'Life events', one: 'Life event' },
  { value: 'project', label: 'Projects', one: 'Project' },
  { value: 'preference', label: 'Preferences', one: 'Preference' },
  { value: 'phone', label: 'Phone numbers', one: 'Phone' },
  { value: 'email', label: 'Email addresses', one: 'Email' },
  { value: 'address', label: 'Addresses', one: 'Address' },
  { value: 'relationship', label: 'Family and organisation links', one: 'Link' },
  { value: 'external_id', label: 'Ids in other systems', one: 'Other system' },
] as const;

export const trashKindLabel = (entityType: string) => trashKinds.find((k) => k.value === entityType)?.one ?? entityType.replace(/_/g, ' ');

/** Tables as the restore answer names them, as a person would count them. */
const tableWords: Record<string, [string, string]> = {
  customers: ['customer', 'customers'],
  emails: ['email address', 'email addresses'],
  phones: ['phone number', 'phone numbers'],
  addresses: ['address', 'addresses'],
  externalIds: ['id in another system', 'ids in other systems'],
  relationships: ['family or organisation link', 'family or organisation links'],
  interactions: ['contact', 'contacts'],
  transactions: ['purchase or payment', 'purchases and payments'],
  transactionItems: ['item bought or returned', 'items bought or returned'],
  lifeEvents: ['life event', 'life events'],
  lifeEventCustomers: ['person a life event involves', 'people life events involve'],
  projects: ['project', 'projects'],
  notes: ['note', 'notes'],
  preferences: ['preference', 'preferences'],
  consents: ['consent', 'consents'],
  doNotContact: ['do-not-contact request', 'do-not-contact requests'],
};

/** "2 family or organisation links, 1 life event" from rows named by table. */
export function countRows(rows: readonly { table: string }[]): string {
  const counts = new Map<string, number>();
  for (const { table } of rows) counts.set(table, (counts.get(table) ?? 0) + 1);
  return [...counts]
    .map(([table, n]) => {
      const words = table.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
      const [one, many] = tableWords[table] ?? [`${words} record`, `${words} records`];
      return plural(n, one, many);
    })
    .join(', ');
}

/**
 * What a restore did, in sentences: what came back, what waits for another record still in the trash,
 * and what could not come back because what it pointed to is gone for good.
 */
export function restoreOutcome(result: RestoreResult, what: string): string[] {
  const sentences = [result.restored > 1 ? `${capitalise(what)} is back, with ${plural(result.restored - 1, 'other record')}.` : `${capitalise(what)} is back.`];
  if (result.heldBack.length) {
    sentences.push(`${capitalise(countRows(result.heldBack))} ${result.heldBack.length === 1 ? 'waits' : 'wait'} in the trash for another deleted record, and will come back when it is restored.`);
  }
  if (result.dropped.length) {
    sentences.push(`${capitalise(countRows(result.dropped))} could not come back: what ${result.dropped.length === 1 ? 'it' : 'they'} pointed to is gone for good.`);
  }
  return sentences;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
