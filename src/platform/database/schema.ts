import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types as Kysely sees them. Columns are snake_case in SQL and camelCase here
 * (CamelCasePlugin). Times are ISO-8601 UTC strings on both engines; booleans are
 * booleans (the SQLite driver wrapper binds them as 0/1, rows are mapped back in the stores).
 */

type Timestamp = string;
/** SQLite hands booleans back as 0/1. */
type Flag = ColumnType<boolean | number, boolean, boolean>;
/** Every column of type Flag, for code that reads rows without their types (the export, subject access). */
export const flagColumns: ReadonlySet<string> = new Set(['active', 'isPrimary', 'household', 'pinned', 'apologised', 'flagCleared', 'urgent']);
/** A row read without its types, with 0/1 in a flag column made true/false as on PostgreSQL. */
export const withBooleanFlags = <T extends Record<string, unknown>>(row: T): T =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, flagColumns.has(k) && typeof v === 'number' ? v !== 0 : v])) as T;

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
  /** What the phone system calls this agent (src/phone/, migration 0020); unique when set; optional when inserting. */
  phoneExtension: ColumnType<string | null, string | null | undefined, string | null>;
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

/** One file imported from another system (src/imports/). */
export interface ImportTable {
  id: string;
  source: string;
  kind: 'customers' | 'transactions' | 'interactions';
  format: 'csv' | 'vcard' | 'jsonl';
  fileName: string;
  fileSha256: string;
  /** How the file is read (JSON: preset, column mapping, phone region). */
  options: string;
  status: ImportStatus;
  /** Records in the file; from its undo on, the rows it wrote or filled in. */
  totalRows: Generated<number>;
  /** Records done: a resumed run starts after them. While undoing, the rows undone. */
  processedRows: Generated<number>;
  /** What the check (dry run) and the import found (JSON ImportCounts); the import's, with its undo's state under `undo`. */
  checkCounts: string | null;
  importCounts: string | null;
  error: string | null;
  createdAt: Timestamp;
  createdBy: string | null;
  checkedAt: Timestamp | null;
  committedAt: Timestamp | null;
  committedBy: string | null;
  finishedAt: Timestamp | null;
  /** Set when its undo finished: status 'undone' with no undoneAt is an undo under way (src/imports/import-undo-rules.ts). */
  undoneAt: Timestamp | null;
  undoneBy: string | null;
}
export type ImportStatus = 'checking' | 'checked' | 'importing' | 'done' | 'failed' | 'undone';

export interface ImportFileTable {
  importId: string;
  content: Buffer;
}

export interface ImportProblemTable {
  importId: string;
  seq: number;
  line: number;
  field: string | null;
  message: string;
}

/** A row an import wrote or filled in: how an imported fact traces to its source, and what undo reverses. */
export interface ImportWriteTable {
  importId: string;
  seq: number;
  action: 'created' | 'filled';
  tableName: string;
  rowId: string;
  customerId: string;
  line: number;
  sourceRecordId: string | null;
  /** On the first row a record wrote for its customer: a hash of the record (import-identity.ts), by which the same record from the same source is found applied already. */
  recordKey: string | null;
  /** For 'filled': the columns before and after (JSON). */
  before: string | null;
  after: string | null;
}

/** A customer's blocking key for matching (src/matching/): derived from their names, kept with the lookup. */
export interface MatchKeyTable {
  key: string;
  customerId: string;
}

/** A customer as matching compares them (JSON of a MatchRecord without its id, and the display name). */
export interface MatchProfileTable {
  customerId: string;
  profile: string;
}

/** Two customers who may be one person (the review band), stored with the smaller id first. */
export interface DuplicateSuspicionTable {
  id: string;
  firstCustomerId: string;
  secondCustomerId: string;
  score: number;
  /** JSON MatchReason[]: the explanation field by field. */
  reasons: string;
  /** 'import', 'create' or 'scan'. */
  foundBy: string;
  importId: string | null;
  createdAt: Timestamp;
}

/** One customer record merged into another (src/merges/): what is needed to undo it exactly. */
export interface MergeTable {
  id: string;
  survivorCustomerId: string;
  mergedCustomerId: string;
  /** The merged customer's row as it was (JSON). */
  mergedRow: string;
  /** The survivor's profile fields before and after the merge (JSON objects of the same keys). */
  survivorBefore: string;
  survivorAfter: string;
  /** Rows set aside because they could not live on the survivor (JSON HeldRow[]). */
  stashed: string;
  reason: string | null;
  createdAt: Timestamp;
  createdBy: string | null;
  undoneAt: Timestamp | null;
  undoneBy: string | null;
}

/** A row a merge moved: its key after the move (JSON), the customer column changed, a primary flag it gave up. */
export interface MergeMoveTable {
  mergeId: string;
  tableName: string;
  columnName: string;
  rowKey: string;
  flagCleared: Flag;
}

/** "Not the same person": a pair (first < second) matching must not suggest again. */
export interface DistinctCustomerTable {
  id: string;
  firstCustomerId: string;
  secondCustomerId: string;
  reason: string | null;
  createdAt: Timestamp;
  createdBy: string | null;
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
  /** The case whose thread it is part of (src/cases/, migration 0009); optional when inserting. */
  caseId: ColumnType<string | null, string | null | undefined, string | null>;
  /** The other system it was imported from, and its id there (migration 0015); optional when inserting. */
  source: ColumnType<string | null, string | null | undefined, string | null>;
  sourceRecordId: ColumnType<string | null, string | null | undefined, string | null>;
  /** The mailing it is one recipient's copy of (src/mailings/, migration 0022); optional when inserting. */
  mailingId: ColumnType<string | null, string | null | undefined, string | null>;
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
  /** The other system it was imported from, and its id there (migration 0015); optional when inserting. */
  source: ColumnType<string | null, string | null | undefined, string | null>;
  sourceRecordId: ColumnType<string | null, string | null | undefined, string | null>;
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

/** A staff member acknowledged a life event Today suggested (migration 0012_today): it leaves their list for good. */
export interface LifeEventAcknowledgementTable {
  lifeEventId: string;
  staffId: string;
  /** The event's owner. */
  customerId: string;
  acknowledgedAt: Timestamp;
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

/** A promise made to a customer (src/promises/, migration 0008_promises). */
export interface PromiseTable extends Authored {
  id: string;
  customerId: string;
  what: string;
  /** When it was promised (may be before it was recorded). */
  madeAt: Timestamp;
  ownerId: string;
  /** The location it belongs to: its time zone reads a due day. */
  locationId: string | null;
  /** The IANA time zone `dueOn` is read in (the location's when the date was set; UTC without one). */
  timezone: string;
  /** Due by the end of this local day (YYYY-MM-DD), or by `dueAt`: exactly one is set. */
  dueOn: string | null;
  dueAt: Timestamp | null;
  /** The moment it is due by, either way: what overdue and the lists compare with. */
  dueBy: Timestamp;
  originalDueOn: string | null;
  originalDueAt: Timestamp | null;
  originalDueBy: Timestamp;
  status: PromiseStatus;
  keptAt: Timestamp | null;
  closedAt: Timestamp | null;
  closedBy: string | null;
  closedReason: string | null;
  /** The contact it was made in (emptied while that contact is in the trash). */
  interactionId: string | null;
  /** How many of its changes of date moved it later (kept by revisePromise). */
  slips: Generated<number>;
}

/**
 * The on-time figure's closed promises, per location ('' for none) and UTC day made: kept by
 * triggers on promises (migration 0013), never written by the application.
 */
export interface PromiseTallyTable {
  locationKey: string;
  madeOn: string;
  closed: number;
  firstOnTime: number;
  onTime: number;
  slips: number;
}

export type PromiseStatus = 'open' | 'kept' | 'broken' | 'cancelled';
export type ToldChannel = 'call' | 'email' | 'sms' | 'letter' | 'visit' | 'meeting' | 'chat' | 'other';

/** A change of a promise's due date: why, and whether (and how) the customer was told. */
export interface PromiseRevisionTable {
  id: string;
  promiseId: string;
  customerId: string;
  fromDueOn: string | null;
  fromDueAt: Timestamp | null;
  fromDueBy: Timestamp;
  toDueOn: string | null;
  toDueAt: Timestamp | null;
  toDueBy: Timestamp;
  reason: string;
  toldAt: Timestamp | null;
  toldChannel: ToldChannel | null;
  toldBy: string | null;
  apologised: Flag;
  createdAt: Timestamp;
  createdBy: string | null;
}

/** A promise handed from one owner to another. */
export interface PromiseHandoverTable {
  id: string;
  promiseId: string;
  customerId: string;
  fromStaffId: string;
  toStaffId: string;
  reason: string;
  createdAt: Timestamp;
  createdBy: string | null;
}

/** A link that shows the customer their promise: only the secret's SHA-256 is kept. */
export interface PromiseLinkTable {
  id: string;
  promiseId: string;
  customerId: string;
  secretHash: string;
  expiresAt: Timestamp;
  revokedAt: Timestamp | null;
  revokedBy: string | null;
  createdAt: Timestamp;
  createdBy: string | null;
}

/** The customer opened their promise page. */
export interface PromiseLinkViewTable {
  id: string;
  promiseId: string;
  linkId: string;
  customerId: string;
  at: Timestamp;
}

/** Keep in touch with a customer every N days, and who does (src/contact-state/, migration 0011). */
export interface KeepInTouchTable extends Authored {
  id: string;
  customerId: string;
  everyDays: number;
  /** The staff member who keeps in touch; null: no one in particular (their location's managers see it). */
  ownerId: string | null;
}

/**
 * Derived, one row per customer with a contact or a cadence (src/contact-state/, migration 0011):
 * recomputed from interactions, transactions, keep_in_touch and the customer by one function on
 * every write that changes them; `rapport rebuild` recomputes them all.
 */
export interface ContactStateTable {
  customerId: string;
  /** The customer's home location, copied for the per-location lists. */
  locationId: string | null;
  /** The last personal contact or transaction (mailings and invoices sent do not count). */
  lastContactAt: Timestamp | null;
  /** Who dealt with them last (the latest personal contact that names a staff member). */
  lastContactStaffId: string | null;
  /** The first inbound message no later answer has answered; null: not waiting. */
  waitingSince: Timestamp | null;
  waitingCount: ColumnType<number, number | undefined, number>;
  /** The channels of the unanswered messages, oldest first, comma-separated (at most 20). */
  waitingChannels: string | null;
  waitingFirstInteractionId: string | null;
  keepEveryDays: number | null;
  keepOwnerId: string | null;
  /** When a contact is next due (the last contact, or the day the cadence was set, plus the cadence). */
  keepDueAt: Timestamp | null;
  /** When the owner is reminded: the due time, or the cadence's last change when that came after it. */
  keepRemindAt: Timestamp | null;
}

export type CaseStatus = 'new' | 'open' | 'waiting_on_customer' | 'waiting_on_us' | 'resolved' | 'closed';
export type CasePriority = 'low' | 'normal' | 'high' | 'urgent';
export type CaseTargetKind = 'first_response' | 'next_response' | 'resolution';

/** A service request, complaint or question (src/cases/, migration 0009_cases). */
export interface CaseTable extends Authored {
  id: string;
  customerId: string;
  subject: string;
  caseType: string;
  status: CaseStatus;
  priority: CasePriority;
  ownerId: string | null;
  locationId: string | null;
  openedAt: Timestamp;
  statusChangedAt: Timestamp;
  resolvedAt: Timestamp | null;
  escalatedTo: string | null;
  escalatedAt: Timestamp | null;
  escalationReason: string | null;
  /** The targets of its priority when opened or re-prioritised, in business minutes; null: none. */
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  /** Derived from the case, its history and its thread (src/cases/case-clock-rules.ts), for lists and reminders. */
  firstResponseAt: Timestamp | null;
  targetKind: CaseTargetKind | null;
  warnAt: Timestamp | null;
  dueAt: Timestamp | null;
  lateCount: number;
  clockAt: Timestamp;
  /** Help first (issue 11, migration 0017_urgent_cases): opened through the urgent intake, with what it took. */
  urgent: Flag;
  callbackNumber: ColumnType<string | null, string | null | undefined, string | null>;
  situation: ColumnType<string | null, string | null | undefined, string | null>;
  helpNeeded: ColumnType<string | null, string | null | undefined, string | null>;
  helpDispatchedAt: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  helpDispatchedBy: ColumnType<string | null, string | null | undefined, string | null>;
  helpGivenAt: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  helpGivenBy: ColumnType<string | null, string | null | undefined, string | null>;
  /** When every field its type wants was filled in (time to complete: opened → this). */
  completedAt: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  /** A manager closed it with fields still missing: why, who, when. */
  closeOverrideReason: ColumnType<string | null, string | null | undefined, string | null>;
  closeOverrideBy: ColumnType<string | null, string | null | undefined, string | null>;
  closeOverrideAt: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
}

/** A case type's policy (migration 0017): the fields it wants, as JSON [{ key, label, due, hours? }]. */
export interface CaseTypeTable extends Authored {
  key: string;
  label: string;
  fields: string;
  /** Set when an admin archives the type: offered for new cases no more. */
  archivedAt: Timestamp | null;
}

/** A field a case's type wanted when it was opened, its deadline, and its value once filled in (migration 0017). */
export interface CaseFieldTable {
  id: string;
  caseId: string;
  customerId: string;
  fieldKey: string;
  label: string;
  position: number;
  due: 'dispatch' | 'close' | 'hours';
  dueHours: number | null;
  /** hours: opened + N h; dispatch: when help was dispatched; close: null. */
  dueAt: Timestamp | null;
  value: string | null;
  filledAt: Timestamp | null;
  filledBy: string | null;
}

/** One step in a case's history: opened, a change of status, priority, owner or location, an escalation, an apology. */
export interface CaseEventTable {
  id: string;
  caseId: string;
  customerId: string;
  at: Timestamp;
  kind: 'opened' | 'status' | 'priority' | 'owner' | 'location' | 'escalated' | 'apology';
  fromValue: string | null;
  toValue: string | null;
  note: string | null;
  staffId: string | null;
}

/** Response targets per priority, in business minutes (null: no target). */
export interface CaseTargetTable {
  priority: CasePriority;
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  updatedAt: Timestamp;
  updatedBy: string | null;
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

/** What a staff member should look at: one reminder, notified once (src/notifications/, migration 0010_notifications). */
export interface NotificationTable {
  id: string;
  /** The reminder's key: unique, so that a reminder is notified once. */
  key: string;
  /** The source that gave it ('promises.due'). */
  kind: string;
  staffId: string;
  customerId: string | null;
  title: string;
  body: string;
  /** Where it opens in the web app: a path such as /customers/<id>. */
  link: string;
  createdAt: Timestamp;
  readAt: Timestamp | null;
  emailedAt: Timestamp | null;
}

/** Hand-offs (src/handoffs/, migration 0018_handoffs): to a colleague or to a location's next shift. Not customer data itself. */
export interface HandoffTable {
  id: string;
  fromStaffId: string;
  toStaffId: string | null;
  toLocationId: string | null;
  /** The location whose shift view shows it. */
  locationId: string | null;
  status: HandoffStatus;
  acceptedBy: string | null;
  acceptedAt: Timestamp | null;
  withdrawnBy: string | null;
  withdrawnAt: Timestamp | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  createdBy: string | null;
  updatedBy: string | null;
}
export type HandoffStatus = 'pending' | 'accepted' | 'withdrawn';
export type HandoffTopic = 'told' | 'worries' | 'sensitivities' | 'next_step';

/** A customer in a hand-off. */
export interface HandoffCustomerTable {
  id: string;
  handoffId: string;
  customerId: string;
  position: number;
  createdAt: Timestamp;
  createdBy: string | null;
}

/** What the outgoing staff member says of a customer, one topic a row, each with its own privacy. */
export interface HandoffNoteTable {
  id: string;
  handoffCustomerId: string;
  customerId: string;
  topic: HandoffTopic;
  body: string;
  sensitivity: ColumnType<Sensitivity, Sensitivity | undefined, Sensitivity>;
  audienceLocationId: string | null;
  createdAt: Timestamp;
  createdBy: string | null;
}

/** A case handed over with a customer. */
export interface HandoffCaseTable {
  id: string;
  handoffCustomerId: string;
  customerId: string;
  caseId: string | null;
}

/** An open promise that moved to the acceptor. */
export interface HandoffPromiseTable {
  id: string;
  handoffCustomerId: string;
  customerId: string;
  promiseId: string | null;
  movedAt: Timestamp;
}

/** Who read the hand-off of a customer, when. */
export interface HandoffReadTable {
  handoffCustomerId: string;
  staffId: string;
  customerId: string;
  readAt: Timestamp;
}

/** The email behind an interaction of channel 'email' (src/email/, migration 0019_email): one row per interaction. */
export interface EmailMessageTable {
  id: string;
  interactionId: string;
  customerId: string;
  /** The RFC 5322 Message-ID without angle brackets; unique per customer. */
  messageId: string;
  inReplyTo: string | null;
  /** Space-separated Message-IDs, no brackets. */
  referencesIds: string | null;
  /** The Message-ID of the thread's first message as far as known. */
  threadId: string;
  subject: string | null;
  fromAddress: string;
  /** Comma-separated. */
  toAddresses: string;
  ccAddresses: string | null;
  bodyText: string;
  receivedVia: EmailReceivedVia;
  /** One line per attachment that was not kept, and why; optional when inserting. */
  skippedAttachments: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: Timestamp;
}
export type EmailReceivedVia = 'smtp' | 'imap' | 'sent';

/** A file that came with an email, checked before it was stored. */
export interface EmailAttachmentTable {
  id: string;
  interactionId: string;
  customerId: string;
  position: number;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  content: Buffer;
  createdAt: Timestamp;
}

/** Mail the listener could not place on a customer, waiting to be filed by hand. Not customer data until filed. */
export interface UnfiledEmailTable {
  id: string;
  messageId: string;
  /** The message source: UTF-8 text, or base64 when it is not that (rawEncoding); empty once filed or discarded. */
  raw: string;
  rawEncoding: ColumnType<'utf8' | 'base64', 'utf8' | 'base64' | undefined, 'utf8' | 'base64'>;
  fromAddress: string;
  toAddresses: string;
  subject: string | null;
  /** The first lines of its text, to decide where it goes. */
  preview: string | null;
  receivedAt: Timestamp;
  receivedVia: 'smtp' | 'imap';
  /** Why it was not placed, in words. */
  reason: string;
  status: ColumnType<UnfiledEmailStatus, UnfiledEmailStatus | undefined, UnfiledEmailStatus>;
  /** Space-separated ids of the interactions it became when filed. */
  filedInteractionIds: string | null;
  handledBy: string | null;
  handledAt: Timestamp | null;
}
export type UnfiledEmailStatus = 'waiting' | 'filed' | 'discarded';

/** A newsletter, direct-mail piece, batch of invoices or letter sent to many (src/mailings/, migration 0022). Names no customer. */
export interface MailingTable extends Authored {
  id: string;
  name: string;
  channel: MailingChannel;
  sentAt: Timestamp;
  note: string | null;
}
export type MailingChannel = 'newsletter' | 'direct_mail' | 'invoice_sent' | 'letter';

/** A CSV of a mailing's recipients, logged in the background in batches. */
export interface MailingUploadTable {
  id: string;
  mailingId: string;
  fileName: string;
  fileSha256: string;
  /** How the file is read (JSON): the source of its ids, a column mapping, the separator. */
  options: string;
  /** The file, until it has been gone through. */
  content: Buffer | null;
  status: MailingUploadStatus;
  totalRows: ColumnType<number, number | undefined, number>;
  processedRows: ColumnType<number, number | undefined, number>;
  logged: ColumnType<number, number | undefined, number>;
  already: ColumnType<number, number | undefined, number>;
  problemRows: ColumnType<number, number | undefined, number>;
  error: string | null;
  createdAt: Timestamp;
  createdBy: string | null;
  finishedAt: Timestamp | null;
}
export type MailingUploadStatus = 'queued' | 'logging' | 'done' | 'failed';

/** A row of an upload that was not placed on one customer, and why. */
export interface MailingUploadProblemTable {
  uploadId: string;
  seq: number;
  line: number;
  field: string | null;
  message: string;
}

/** An outgoing webhook subscription (src/webhooks/, migration 0021_webhooks). Not customer data. */
export interface WebhookSubscriptionTable extends Authored {
  id: string;
  name: string;
  url: string;
  /** JSON array of event type names. */
  eventTypes: string;
  /** Signs every delivery; shown once at creation, never listed. */
  secret: string;
  active: Flag;
}

/** One event for one subscription, sent by the job queue (kind webhooks.deliver). */
export interface WebhookDeliveryTable {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  /** Whose log it is now (a merge moves it to the surviving record). */
  customerId: string | null;
  /** Whom the event was about when it happened. */
  originalCustomerId: string | null;
  /** The exact JSON sent. */
  payload: string;
  status: WebhookDeliveryStatus;
  attempts: Generated<number>;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: Timestamp | null;
  nextAttemptAt: Timestamp | null;
  deliveredAt: Timestamp | null;
  createdAt: Timestamp;
}
export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One try of a delivery: the HTTP status or the error. */
export interface WebhookDeliveryAttemptTable {
  id: string;
  deliveryId: string;
  attempt: number;
  at: Timestamp;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** A call the phone system told Rapport of (src/phone/, migration 0020_phone_calls). */
export interface PhoneCallTable {
  id: string;
  /** The phone system's own id of the call; unique. */
  externalCallId: string;
  /** The caller's number as received, and in E.164 when it reads as a phone number; both null once the customer is erased. */
  callerNumber: string | null;
  callerE164: string | null;
  /** The number the caller dialled, as received. */
  dialledNumber: string | null;
  /** The extension or agent email the phone system named. */
  called: string | null;
  /** The agent it rang (or who answered); null when the phone system named no one Rapport knows. */
  staffId: string | null;
  /** The customer the number matched, when exactly one did. */
  customerId: string | null;
  state: PhoneCallState;
  startedAt: Timestamp;
  answeredAt: Timestamp | null;
  endedAt: Timestamp | null;
  /** Talk time of an answered call; null while it lasts and for a missed call. */
  durationSeconds: number | null;
  /** The interaction logged when it ended. */
  interactionId: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}
export type PhoneCallState = 'ringing' | 'answered' | 'missed';

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
  lifeEventAcknowledgements: LifeEventAcknowledgementTable;
  projects: ProjectTable;
  notes: NoteTable;
  consents: ConsentTable;
  doNotContact: DoNotContactTable;
  preferences: PreferenceTable;
  cases: CaseTable;
  caseEvents: CaseEventTable;
  caseTargets: CaseTargetTable;
  caseTypes: CaseTypeTable;
  caseFields: CaseFieldTable;
  keepInTouch: KeepInTouchTable;
  contactStates: ContactStateTable;
  promises: PromiseTable;
  promiseTallies: PromiseTallyTable;
  merges: MergeTable;
  mergeMoves: MergeMoveTable;
  distinctCustomers: DistinctCustomerTable;
  imports: ImportTable;
  importFiles: ImportFileTable;
  importProblems: ImportProblemTable;
  importWrites: ImportWriteTable;
  matchKeys: MatchKeyTable;
  matchProfiles: MatchProfileTable;
  duplicateSuspicions: DuplicateSuspicionTable;
  promiseRevisions: PromiseRevisionTable;
  promiseHandovers: PromiseHandoverTable;
  promiseLinks: PromiseLinkTable;
  promiseLinkViews: PromiseLinkViewTable;
  searchWords: SearchWordTable;
  searchWordVariants: SearchWordVariantTable;
  searchPostings: SearchPostingTable;
  searchPairs: SearchPairTable;
  searchDocuments: SearchDocumentTable;
  jobs: JobTable;
  notifications: NotificationTable;
  erasures: ErasureTable;
  trashEntries: TrashEntryTable;
  trashRows: TrashRowTable;
  settings: SettingTable;
  handoffs: HandoffTable;
  handoffCustomers: HandoffCustomerTable;
  handoffNotes: HandoffNoteTable;
  handoffCases: HandoffCaseTable;
  handoffPromises: HandoffPromiseTable;
  handoffReads: HandoffReadTable;
  emailMessages: EmailMessageTable;
  emailAttachments: EmailAttachmentTable;
  unfiledEmails: UnfiledEmailTable;
  mailings: MailingTable;
  mailingUploads: MailingUploadTable;
  mailingUploadProblems: MailingUploadProblemTable;
  webhookSubscriptions: WebhookSubscriptionTable;
  webhookDeliveries: WebhookDeliveryTable;
  webhookDeliveryAttempts: WebhookDeliveryAttemptTable;
  phoneCalls: PhoneCallTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>;
export type { Generated };
