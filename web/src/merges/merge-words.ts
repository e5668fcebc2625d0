import type { Customer, Merge, MergeField } from '../api/types';
import { customerPath } from '../router';
import { partialDate } from '../ui/format';

/** How the merge screens say things: the fields compared, their values, the merges listed. */

/** The merge screen of a customer, with the other record chosen or not. */
export const mergePath = (customerId: string, otherId?: string) => `${customerPath(customerId)}/merge${otherId ? `?with=${encodeURIComponent(otherId)}` : ''}`;

/** The profile fields a merge chooses between, in the order a person reads a profile. */
export const fieldLabels: Record<MergeField, string> = {
  kind: 'Kind',
  displayName: 'Name as listed',
  givenName: 'Given name',
  familyName: 'Family name',
  preferredName: 'Preferred name',
  pronunciation: 'Pronunciation',
  pronouns: 'Pronouns',
  birthday: 'Birthday',
  language: 'Language',
  gender: 'Gender',
  locationId: 'Location',
};
export const mergeFields = Object.keys(fieldLabels) as MergeField[];

/** A field's value as read on screen ('' when the record has none); a location by its name. */
export function fieldValue(customer: Customer, field: MergeField, locationName: (id: string) => string): string {
  switch (field) {
    case 'kind':
      return customer.kind === 'organization' ? 'Organisation' : 'Person';
    case 'birthday':
      return partialDate(customer.birthday);
    case 'locationId':
      return customer.locationId ? locationName(customer.locationId) : '';
    default:
      return customer[field] ?? '';
  }
}

/** "30 Nov", with the year when it is not this one. */
export function shortDate(iso: string, now = new Date()): string {
  const date = new Date(iso);
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', ...(date.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }) });
}

/** One line of the panel: "Bob Smith was merged in by Maya Manager on 30 Nov", and whether it was undone. */
export function mergeLine(merge: Merge, customerId: string): string {
  const by = merge.createdByName ? ` by ${merge.createdByName}` : '';
  const when = ` on ${shortDate(merge.createdAt)}`;
  const what = merge.survivorId === customerId ? `${merge.mergedName || 'A record'} was merged in${by}${when}` : `This record was merged into another customer${by}${when}`;
  if (!merge.undoneAt) return `${what}.`;
  return `${what}; merge undone${merge.undoneByName ? ` by ${merge.undoneByName}` : ''} on ${shortDate(merge.undoneAt)}.`;
}

/** What an undo does, said before it is done. */
export const undoWords = (mergedName: string) =>
  `${mergedName || 'The other record'} comes back as a separate customer with the records that were theirs; what was added here since stays here.`;

/** "Keep this record’s given name": what choosing a value does, for the radio's name. */
export const keepWords = (side: 'survivor' | 'merged', field: MergeField) => `Keep ${side === 'survivor' ? 'this record’s' : 'the other record’s'} ${fieldLabels[field].toLowerCase()}`;
