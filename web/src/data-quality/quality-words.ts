import type { QualityFinding, QualityKindCount } from '../api/types';

/** How the data-quality screens say things: how serious, where to fix it, how many. */

/** high: we cannot greet or reach them; medium: likely wrong; low: worth asking next time. */
export const severityWords: Record<QualityFinding['severity'], string> = {
  high: 'Needed',
  medium: 'Looks wrong',
  low: 'Worth asking',
};

/** The card on the customer page where a finding is fixed: its heading's id and name. */
export const fixPlace: Record<QualityFinding['field'], { anchor: string; name: string } | null> = {
  givenName: { anchor: 'profile-title', name: 'Profile' },
  contact: { anchor: 'contact-title', name: 'Contact' },
  emails: { anchor: 'contact-title', name: 'Contact' },
  phones: { anchor: 'contact-title', name: 'Contact' },
  addresses: { anchor: 'contact-title', name: 'Contact' },
  consent: { anchor: 'consent-title', name: 'Consent' },
  duplicates: null,
};

/** The contact point a finding names, when "Still right" can confirm it. */
export const confirmable = (f: QualityFinding): 'emails' | 'phones' | 'addresses' | null =>
  f.kind === 'stale_contact' && f.itemId && (f.field === 'emails' || f.field === 'phones' || f.field === 'addresses') ? f.field : null;

/** "1 customer", "26,949 customers", "not counted". */
export function countWords(k: Pick<QualityKindCount, 'count'>): string {
  if (k.count === null) return 'not counted';
  return `${k.count.toLocaleString('en-US')} ${k.count === 1 ? 'customer' : 'customers'}`;
}

/** Why a kind has no count, in the manager's words (the API's note says it for integrators). */
export const notCountedWords: Partial<Record<QualityKindCount['kind'], string>> = {
  phone_invalid: 'Not counted: each number has to be checked on its own, which takes too long for every customer at once. Open the list to check them a few hundred at a time.',
  stale_contact: 'Not counted: it means reading every email, phone and address of every customer. Open the list to work through them.',
};
