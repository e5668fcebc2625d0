import type { CustomerCreate } from '../customers/customer-schemas.js';
import type { LocationCreate } from '../locations/location-schemas.js';
import type { channels, moods } from '../interactions/interaction-schemas.js';

export type Channel = (typeof channels)[number];
export type Mood = (typeof moods)[number];
export type Direction = 'inbound' | 'outbound';
/** How we know a fact: she told us, from our records, from another system. */
export type Provenance = 'told_us' | 'our_records' | 'other_system';

/**
 * The demo world as plain data: who works where, and each customer with what we know about them.
 * Keys (not ids) tie things together; the writer turns a plan into calls to the real commands.
 */

export type LocationKey = 'hardware' | 'bank' | 'ward' | 'callCentre' | 'adultWard';
export type StaffKey = 'admin' | 'earl' | 'adviser' | 'teller' | 'manager' | 'nurse' | 'nightNurse' | 'agent' | 'agent2' | 'callManager' | 'wardNight' | 'wardMorning' | 'wardSister';

export interface DemoLocation {
  key: LocationKey;
  name: string;
  address: string;
  timezone: string;
  /** Weekly hours, local time (null: every hour counts, as on a ward); response targets count them. */
  openingHours?: LocationCreate['openingHours'];
  holidays?: LocationCreate['holidays'];
}

export interface DemoStaff {
  key: StaffKey;
  name: string;
  email: string;
  role: 'frontline' | 'manager' | 'admin';
  job: string;
  locations: LocationKey[];
}

export interface DemoInteraction {
  at: string;
  channel: Channel;
  direction: Direction;
  summary: string;
  /** Who handled it (and logged it); null: recorded by Rapport itself, e.g. a mailing. */
  staff: StaffKey | null;
  location?: LocationKey;
  mood?: Mood;
  outcome?: string;
}

export interface DemoItem {
  description: string;
  sku?: string;
  quantity: number;
  unitPriceMinor: number;
}

export interface DemoTransaction {
  /** A name other transactions of the same customer use to point at this one. */
  key?: string;
  kind: 'purchase' | 'payment' | 'invoice' | 'return' | 'refund' | 'credit';
  at: string;
  items?: DemoItem[];
  amountMinor?: number;
  reference?: string;
  note?: string;
  /** null: imported from the till or the billing system. */
  staff: StaffKey | null;
  location?: LocationKey;
  /** The key of the purchase or invoice this settles. */
  settles?: string;
}

export interface DemoLifeEvent {
  kind: 'birth' | 'marriage' | 'moved_home' | 'new_job' | 'retirement' | 'graduation' | 'school_start' | 'illness' | 'bereavement' | 'anniversary' | 'other';
  title: string;
  date?: { year?: number; month?: number; day?: number };
  sensitivity?: 'normal' | 'private';
  /** Keys of other customers the event involves (created before this one). */
  involves?: string[];
  provenance?: Provenance;
  by: StaffKey;
}

export interface DemoProject {
  title: string;
  status?: 'active' | 'paused' | 'done' | 'abandoned';
  startedOn?: string;
  endedOn?: string;
  detail?: string;
  provenance?: Provenance;
  by: StaffKey;
}

export interface DemoNote {
  body: string;
  pinned?: boolean;
  sensitivity?: 'normal' | 'private';
  provenance?: Provenance;
  by: StaffKey;
}

export interface DemoPreference {
  topic?: string;
  preference: string;
  provenance?: Provenance;
  by: StaffKey;
}

/** A choice about one channel, recorded by a staff member (or null: imported). */
export interface DemoConsent {
  channel: 'email' | 'phone' | 'sms' | 'post';
  status: 'opted_in' | 'opted_out';
  /** The day they said so, YYYY-MM-DD. */
  givenOn: string;
  source: string;
  by: StaffKey | null;
}

export interface DemoLink {
  /** Key of a customer created earlier. */
  to: string;
  /** What this customer is to the other: parent, spouse, employee. */
  label: string;
  relatedLabel: string;
  household?: boolean;
}

export interface DemoCustomer {
  key: string;
  /** Who entered the record; null: imported from another system. */
  by: StaffKey | null;
  location?: LocationKey;
  profile: Omit<CustomerCreate, 'locationId'>;
  links?: DemoLink[];
  interactions?: DemoInteraction[];
  transactions?: DemoTransaction[];
  lifeEvents?: DemoLifeEvent[];
  projects?: DemoProject[];
  notes?: DemoNote[];
  preferences?: DemoPreference[];
  consent?: DemoConsent[];
  /** Keep in touch every N days; the owner is the staff member who does (src/contact-state/). */
  keepInTouch?: { everyDays: number; owner: StaffKey; by: StaffKey };
}
