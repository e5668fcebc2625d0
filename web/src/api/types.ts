/** The shapes the web app reads from /api/v1 (see /api/openapi.json). */

export type Role = 'frontline' | 'manager' | 'admin';

export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  locationIds: string[];
  via: 'session' | 'token';
  csrfToken: string | null;
}

export interface PartialDate {
  year: number | null;
  month: number | null;
  day: number | null;
}

export interface Phone {
  id: string;
  number: string;
  e164: string;
  label: string | null;
  primary: boolean;
}
export interface Email {
  id: string;
  address: string;
  label: string | null;
  primary: boolean;
}
export interface Address {
  id: string;
  label: string | null;
  primary: boolean;
  line1: string | null;
  line2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
}
export interface Relationship {
  id: string;
  relatedCustomerId: string;
  relatedDisplayName: string;
  relatedKind: 'person' | 'organization';
  label: string;
  relatedLabel: string | null;
  household: boolean;
}

export interface Customer {
  id: string;
  kind: 'person' | 'organization';
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  preferredName: string | null;
  pronunciation: string | null;
  pronouns: string | null;
  birthday: PartialDate | null;
  language: string | null;
  gender: string | null;
  emails: Email[];
  phones: Phone[];
  addresses: Address[];
  relationships: Relationship[];
  createdAt: string;
  updatedAt: string;
}

export type CustomerPatch = Partial<
  Pick<Customer, 'displayName' | 'givenName' | 'familyName' | 'preferredName' | 'pronunciation' | 'pronouns' | 'language'>
>;

export interface MatchReason {
  field: string;
  match: string;
  text: string;
}

export interface LookupResult {
  id: string;
  kind: 'person' | 'organization';
  displayName: string;
  preferredName: string | null;
  organization: string | null;
  city: string | null;
  lastInteractionAt: string | null;
  phone: string | null;
  email: string | null;
  reasons: MatchReason[];
}

export interface BriefSection {
  key: string;
  heading: string;
  sentences: string[];
  attention: boolean;
}
export interface Brief {
  greetAs: string;
  sections: BriefSection[];
}

interface TimelineBase {
  id: string;
  /** When it happened (interactions, transactions) or was recorded (notes, life events). */
  at: string;
  /** A short human line: "Visit, inbound: asked about grout". */
  title: string;
}
export type TimelineItem =
  | (TimelineBase & { kind: 'interaction'; channel: string; direction: 'inbound' | 'outbound'; mood: string | null; outcome: string | null; staffName: string | null })
  | (TimelineBase & { kind: 'transaction'; transactionKind: string; amountMinor: number; currency: string; itemCount: number; reference: string | null })
  | (TimelineBase & { kind: 'life_event'; lifeEventKind: string; customerId: string; date: PartialDate | null; sensitivity: 'normal' | 'private' })
  | (TimelineBase & { kind: 'note'; pinned: boolean; sensitivity: 'normal' | 'private' });

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Account {
  currencies: { currency: string; balanceOwedMinor: number; lifetimeValueMinor: number }[];
}
