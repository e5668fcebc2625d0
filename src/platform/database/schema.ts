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
  passwordHash: string;
  active: Flag;
}

export interface LocationTable extends Authored {
  id: string;
  name: string;
  address: string | null;
  timezone: string | null;
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
  /** JSON: { before, after } with only the changed fields on update. */
  diff: string | null;
}

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
  sensitivity: 'normal' | 'private';
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
}

export interface NoteTable extends Authored {
  id: string;
  customerId: string;
  body: string;
  pinned: Flag;
  sensitivity: 'normal' | 'private';
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

export interface Database {
  staff: StaffTable;
  locations: LocationTable;
  staffLocations: StaffLocationTable;
  sessions: SessionTable;
  apiTokens: ApiTokenTable;
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
  searchWords: SearchWordTable;
  searchWordVariants: SearchWordVariantTable;
  searchPostings: SearchPostingTable;
  searchPairs: SearchPairTable;
  searchDocuments: SearchDocumentTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>;
export type { Generated };
