import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types as Kysely sees them. Columns are snake_case in SQL and camelCase here
 * (CamelCasePlugin). Times are ISO-8601 UTC strings on both engines; booleans are
 * booleans (the SQLite driver wrapper binds them as 0/1, rows are mapped back in the stores).
 */

type Timestamp = string;
/** SQLite hands booleans back as 0/1. */
type Flag = ColumnType<boolean | number, boolean, boolean>;

export interface Authored {
  createdAt: Timestamp;
  updatedAt: Timestamp;
  createdBy: string | null;
  updatedBy: string | null;
}

export interface StaffTable extends Authored {
  id: string;
  email: string;
  name: string;
  role: 'frontline' | 'manager' | 'admin';
  /** 'none' (src/auth/secrets.ts) while an invited person has not chosen one, after a reset, and for integrations. */
  passwordHash: string;
  active: Flag;
  /** A person signs in; an integration acts only through API tokens (migration 0005_staff_access). */
  kind: ColumnType<StaffKind, StaffKind | undefined, StaffKind>;
}

export type StaffKind = 'person' | 'integration';

/** A one-time link to choose a password: an invitation or a reset. Only the secret's SHA-256 is kept. */
export interface PasswordLinkTable {
  id: string;
  staffId: string;
  purpose: 'invite' | 'reset';
  tokenHash: string;
  createdAt: Timestamp;
  createdBy: string | null;
  expiresAt: Timestamp;
}

export interface LocationTable extends Authored {
  id: string;
  name: string;
  address: string | null;
  timezone: string | null;
  /** JSON of the weekly opening hours (src/locations/location-calendar-rules.ts), null when none are set (migration 0006). */
  openingHours: string | null;
}

/** A day a location is closed: a local date YYYY-MM-DD (migration 0006_location_calendar). */
export interface LocationHolidayTable {
  locationId: string;
  date: string;
  name: string;
}

export interface StaffLocationTable {
  staffId: string;
  locationId: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie value: a stolen database does not yield live sessions. */
  id: string;
  staffId: string;
  csrfToken: string;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
  ip: string | null;
  userAgent: string | null;
}

export interface ApiTokenTable {
  id: string;
  name: string;
  tokenHash: string;
  staffId: string;
  scope: 'read' | 'read_write';
  createdAt: Timestamp;
  createdBy: string | null;
  lastUsedAt: Timestamp | null;
  revokedAt: Timestamp | null;
}

export interface LoginFailureTable {
  id: string;
  email: string;
  ip: string;
  at: Timestamp;
}

export interface AuditEventTable {
  id: string;
  at: Timestamp;
  staffId: string | null;
  tokenId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  customerId: string | null;
  /** JSON: { before, after } with only the changed fields on update; null once redacted (purge, erasure). */
  diff: string | null;
  /** An entry about a private fact is itself private, to the fact's audience (see FactPrivacy). */
  sensitivity: ColumnType<Sensitivity, Sensitivity | undefined, Sensitivity>;
  factAuthorId: string | null;
  audienceLocationId: string | null;
}

export type Sensitivity = 'normal' | 'private';

/** How we know a personal fact: the customer told us, from our own records, from another system (migration 0007). */
export type Provenance = 'told_us' | 'our_records' | 'other_system';
type ProvenanceColumn = ColumnType<Provenance, Provenance | undefined, Provenance>;

export interface CustomerTable extends Authored {
  id: string;
  kind: 'person' | 'organization';
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  preferredName: string | null;
  pronunciation: string | null;
  pronouns: string | null;
  birthYear: number | null;
  birthMonth: number | null;
  birthDay: number | null;
  language: string | null;
  gender: string | null;
  /** The home location (branch, store, ward) whose managers look after this customer. */
  locationId: string | null;
  /** Set when the customer's personal data was erased: the row stays as a tombstone (see erasures). */
  erasedAt: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
}

/** Who erased a customer's personal data, when and why (the tombstone's story). */
export interface ErasureTable {
  id: string;
  customerId: string;
  erasedAt: Timestamp;
  erasedBy: string | null;
  reason: string;
}

/** A deleted record and everything that hung from it, kept until restored or purged. */
export interface TrashEntryTable {
  id: string;
  entityType: string;
  entityId: string;
  customerId: string | null;
  label: string;
  rowCount: number;
  deletedAt: Timestamp;
  deletedBy: string | null;
  /** The privacy of the deleted fact, so the trash shows it only to those who could see it. */
  sensitivity: ColumnType<Sensitivity, Sensitivity | undefined, Sensitivity>;
  factAuthorId: string | null;
  audienceLocationId: string | null;
}

/** One row of a trash entry, as it was stored (JSON of the row's columns). */
export interface TrashRowTable {
  trashId: string;
  position: number;
  tableName: string;
  rowId: string;
  data: string;
}

export interface SettingTable {
  key: string;
  /** JSON. */
  value: string;
  updatedAt: Timestamp;
  updatedBy: string | null;
}

export interface EmailTable extends Authored {
  id: string;
  customerId: string;
  address: string;
  normalized: string;
  label: string | null;
  isPrimary: Flag;
}

export interface PhoneTable extends Authored {
  id: string;
  customerId: string;
  number: string;
  /** E.164 when the number could be parsed, else the digits as typed. */
  e164: string;
  label: string | null;
  isPrimary: Flag;
}

export interface AddressTable extends Authored {
  id: string;
  customerId: string;
  label: string | null;
  isPrimary: Flag;
  line1: string | null;
  line2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
}

export interface ExternalIdTable extends Authored {
  id: string;
  customerId: string;
  source: string;
  externalId: string;
}

export interface RelationshipTable extends Authored {
  id: string;
  customerId: string;
  relatedCustomerId: string;
  /** What the customer is to the related one: "parent", "spouse", "employee". */
  label: string;
  /** What the related customer is to this one: "child", "spouse", "employer". */
  relatedLabel: string | null;
  household: Flag;
}

export interface InteractionTable extends Authored {
  id: string;
  customerId: string;
  channel: string;
  direction: 'inbound' | 'outbound';
  occurredAt: Timestamp;
  summary: string;
  staffId: string | null;
  locationId: string | null;
  mood: string | null;
  outcome: string | null;
}

export interface TransactionTable extends Authored {
  id: string;
  customerId: string;
  kind: 'purchase' | 'payment' | 'invoice' | 'return' | 'refund' | 'credit';
  occurredAt: Timestamp;
  amountMinor: number;
  currency: string;
  reference: string | null;
  relatedTransactionId: string | null;
  staffId: string | null;
  locationId: string | null;
  note: string | null;
}

export interface TransactionItemTable {
  id: string;
  transactionId: string;
  customerId: string;
  position: number;
  description: string;
  sku: string | null;
  quantity: number;
  unitPriceMinor: number;
}

export interface LifeEventTable extends Authored {
  id: string;
  customerId: string;
  kind: string;
  title: string;
  year: number | null;
  month: number | null;
  day: number | null;
  sensitivity: Sensitivity;
  /** Whose managers may read it when private: fixed when written (see src/platform/auth/private-facts.ts). */
  audienceLocationId: string | null;
  provenance: ProvenanceColumn;
}

export interface LifeEventCustomerTable {
  lifeEventId: string;
  customerId: string;
}

export interface ProjectTable extends Authored {
  id: string;
  customerId: string;
  title: string;
  status: 'active' | 'paused' | 'done' | 'abandoned';
  startedOn: string | null;
  endedOn: string | null;
  detail: string | null;
  provenance: ProvenanceColumn;
}

export interface NoteTable extends Authored {
  id: string;
  customerId: string;
  body: string;
  pinned: Flag;
  sensitivity: Sensitivity;
  /** Whose managers may read it when private: fixed when written (see src/platform/auth/private-facts.ts). */
  audienceLocationId: string | null;
  provenance: ProvenanceColumn;
}

/** A customer's choice about one channel (src/consent/, migration 0007): opted in or out, on which day, from where. */
export interface ConsentTable extends Authored {
  id: string;
  customerId: string;
  channel: 'email' | 'phone' | 'sms' | 'post';
  status: 'opted_in' | 'opted_out';
  /** The day the customer gave it, YYYY-MM-DD. */
  givenOn: string;
  source: string | null;
}

/** A customer who asked not to be contacted at all, while it lasts (one row per customer). */
export interface DoNotContactTable extends Authored {
  id: string;
  customerId: string;
  /** YYYY-MM-DD. */
  since: string;
  reason: string;
}

/** What a customer prefers ("Appointments": "mornings, never Mondays"); private-capable like notes. */
export interface PreferenceTable extends Authored {
  id: string;
  customerId: string;
  topic: string | null;
  preference: string;
  provenance: ProvenanceColumn;
  sensitivity: Sensitivity;
  audienceLocationId: string | null;
}

/** The customer lookup index (src/search/, migration 0002_search). */
export interface SearchWordTable {
  word: string;
}
export interface SearchWordVariantTable {
  variant: string;
  word: string;
}
export interface SearchPostingTable {
  word: string;
  customerId: string;
}
export interface SearchPairTable {
  wordA: string;
  wordB: string;
  customerId: string;
}
export interface SearchDocumentTable {
  customerId: string;
  names: string;
  preferred: string | null;
  organizations: string | null;
}

/** The job queue (src/platform/jobs/, migration 0004_jobs). */
export interface JobTable {
  id: string;
  kind: string;
  /** JSON. */
  payload: string;
  key: string | null;
  state: 'pending' | 'running' | 'done' | 'failed';
  /** While pending, when it is due; while running, when its lease ends. */
  runAt: Timestamp;
  attempts: Generated<number>;
  claimToken: string | null;
  lastError: string | null;
  createdAt: Timestamp;
  startedAt: Timestamp | null;
  finishedAt: Timestamp | null;
}

export interface Database {
  staff: StaffTable;
  locations: LocationTable;
  locationHolidays: LocationHolidayTable;
  staffLocations: StaffLocationTable;
  sessions: SessionTable;
  apiTokens: ApiTokenTable;
  passwordLinks: PasswordLinkTable;
  loginFailures: LoginFailureTable;
  auditEvents: AuditEventTable;
  customers: CustomerTable;
  emails: EmailTable;
  phones: PhoneTable;
  addresses: AddressTable;
  externalIds: ExternalIdTable;
  relationships: RelationshipTable;
  interactions: InteractionTable;
  transactions: TransactionTable;
  transactionItems: TransactionItemTable;
  lifeEvents: LifeEventTable;
  lifeEventCustomers: LifeEventCustomerTable;
  projects: ProjectTable;
  notes: NoteTable;
  consents: ConsentTable;
  doNotContact: DoNotContactTable;
  preferences: PreferenceTable;
  searchWords: SearchWordTable;
  searchWordVariants: SearchWordVariantTable;
  searchPostings: SearchPostingTable;
  searchPairs: SearchPairTable;
  searchDocuments: SearchDocumentTable;
  jobs: JobTable;
  erasures: ErasureTable;
  trashEntries: TrashEntryTable;
  trashRows: TrashRowTable;
  settings: SettingTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>;
export type { Generated };
