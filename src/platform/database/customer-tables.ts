import type { Database } from './schema.js';
import { minorDigits } from '../money.js';

/**
 * The registry of customer-owned tables: every table that holds something about a customer, and
 * what each whole-customer operation does with it. The trash, erasure, subject access, the export and
 * the privacy rule read this list instead of knowing the tables themselves, so a new table of customer
 * facts is one entry here (customer-tables.test.ts fails if a table with a customer column is missing).
 *
 * Roles:
 * - customer: the customers table itself.
 * - fact: rows a person records about a customer (a note, a purchase, a phone number). Exported, given
 *   in subject access, moved to the trash with their customer, erased with them.
 * - child: rows that belong to a row of another table (the items of a purchase, the people a life
 *   event involves); they go and come back with their parent.
 * - index: derived data (the lookup index), rebuilt from the facts; never exported.
 * - trail: the audit trail; kept, its content redacted when the facts it describes are purged or erased.
 * - trash / tombstone: the trash itself, and the record of an erasure.
 * - record: the record of an operation on customers that can be undone (a merge): kept while its
 *   customer is in the trash, deleted when they are erased (it holds their data as it was).
 */

export type CustomerTableRole = 'customer' | 'fact' | 'child' | 'index' | 'trail' | 'trash' | 'tombstone' | 'record';
export type TableName = keyof Database;

/** What erasure does to a customer's rows: remove them, or keep them without personal content so figures stay true. */
export type ErasurePolicy = { kind: 'delete' } | { kind: 'redact'; set: Readonly<Record<string, string | null>> } | { kind: 'none' };

export interface CustomerTableSpec {
  table: TableName;
  role: CustomerTableRole;
  /** The entity type the audit trail and the trash use for one row ('note', 'life_event'). */
  entityType: string;
  /** The export's and subject access's name for a row ('note', 'lifeEvent'). */
  recordType: string;
  /** Plural heading in subject access. */
  heading: string;
  /** The columns that identify a row. */
  key: readonly string[];
  /** Columns that name a customer. The first is the owner. */
  customerColumns: readonly string[];
  /** For children: the parent table and the column that points at it. */
  parent?: { table: TableName; column: string };
  /**
   * For children: how the export nests them in their parent's record: as a list of rows (without the
   * columns that repeat the parent), or as a list of one column's values.
   */
  nestAs?: { property: string; orderBy?: string; omit?: readonly string[]; value?: string };
  /** Private facts: the columns the one privacy rule reads (src/platform/auth/private-facts.ts). */
  privacy?: { sensitivity: string; createdBy: string; audience: string };
  /** Columns pointing at rows of the same table, written after every row is back (a refund's purchase). */
  deferred?: readonly string[];
  /**
   * Nullable columns pointing at a row of another table that can go to the trash on its own (the
   * interaction a promise was made in, the case an interaction belongs to). While that row is in
   * the trash the column is empty; when it comes back, so does the link. Declare the foreign key
   * ON DELETE SET NULL, so erasure and purge leave no dangling id.
   */
  pointers?: readonly { column: string; table: TableName }[];
  /**
   * Columns that never leave the database: kept in the trash (a restored row must work), left out of
   * the export and of the customer's copy of their data (the hash of a link's secret).
   */
  secrets?: readonly string[];
  /** Column sets that must be unique among live rows (checked before a row comes back from the trash). */
  unique?: readonly (readonly string[])[];
  /** A flag only one row per customer carries (the primary phone): a restored row that had it takes it back. */
  exclusiveFlag?: string;
  erasure: ErasurePolicy;
  /** A short label for one row in the trash (never shown to someone who may not see the row). */
  label?: (row: Record<string, unknown>) => string;
}

const text = (value: unknown, max = 80): string => {
  const s = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** "23.97 USD" from minor units, with the currency's own number of decimals (none for JPY). */
const amountText = (minor: unknown, currency: unknown): string => {
  const code = typeof currency === 'string' ? currency : '';
  const digits = minorDigits(code);
  return `${(Number(minor) / 10 ** digits).toFixed(digits)} ${text(code)}`.trim();
};

const privacy = { sensitivity: 'sensitivity', createdBy: 'createdBy', audience: 'audienceLocationId' } as const;
const owned = ['customerId'] as const;
const byId = ['id'] as const;

/**
 * In restore order: parents before children, customers before their facts. Erasure and purge walk
 * it backwards.
 */
export const customerTables: readonly CustomerTableSpec[] = [
  {
    table: 'customers',
    role: 'customer',
    entityType: 'customer',
    recordType: 'customer',
    heading: 'Customer',
    key: byId,
    customerColumns: ['id'],
    erasure: { kind: 'none' },
    label: (r) => text(r.displayName),
  },
  {
    table: 'emails',
    role: 'fact',
    exclusiveFlag: 'isPrimary',
    entityType: 'email',
    recordType: 'email',
    heading: 'Email addresses',
    key: byId,
    customerColumns: owned,
    erasure: { kind: 'delete' },
    label: (r) => `Email ${text(r.address)}`,
  },
  {
    table: 'phones',
    role: 'fact',
    exclusiveFlag: 'isPrimary',
    entityType: 'phone',
    recordType: 'phone',
    heading: 'Phone numbers',
    key: byId,
    customerColumns: owned,
    erasure: { kind: 'delete' },
    label: (r) => `Phone ${text(r.number)}`,
  },
  {
    table: 'addresses',
    role: 'fact',
    exclusiveFlag: 'isPrimary',
    entityType: 'address',
    recordType: 'address',
    heading: 'Addresses',
    key: byId,
    customerColumns: owned,
    erasure: { kind: 'delete' },
    label: (r) => `Address ${text([r.line1, r.city].filter(Boolean).join(', '))}`,
  },
  {
    table: 'externalIds',
    role: 'fact',
    entityType: 'external_id',
    recordType: 'externalId',
    heading: 'Ids in other systems',
    key: byId,
    customerColumns: owned,
    unique: [['source', 'externalId']],
    erasure: { kind: 'delete' },
    label: (r) => `${text(r.source)} id ${text(r.externalId)}`,
  },
  {
    table: 'relationships',
    role: 'fact',
    entityType: 'relationship',
    recordType: 'relationship',
    heading: 'Relationships',
    key: byId,
    customerColumns: ['customerId', 'relatedCustomerId'],
    erasure: { kind: 'delete' },
    label: (r) => `Link: ${text(r.label)}`,
  },
  {
    table: 'interactions',
    role: 'fact',
    entityType: 'interaction',
    recordType: 'interaction',
    heading: 'Contacts (calls, visits, messages)',
    key: byId,
    customerColumns: owned,
    // The case whose thread it is part of: emptied while the case is in the trash, back with it.
    pointers: [{ column: 'caseId', table: 'cases' }],
    // A customer gets a mailing once (src/mailings/): a merge keeps one copy, a restore finds the clash.
    unique: [['mailingId', 'customerId']],
    // The contact stays counted (channel, time, staff, location); what was said goes.
    erasure: { kind: 'redact', set: { summary: '[erased]', mood: null, outcome: null } },
    label: (r) => `${capital(text(r.channel).replace(/_/g, ' '))}: ${text(r.summary)}`,
  },
  {
    table: 'transactions',
    role: 'fact',
    entityType: 'transaction',
    recordType: 'transaction',
    heading: 'Purchases, payments and returns',
    key: byId,
    customerColumns: owned,
    deferred: ['relatedTransactionId'],
    // Amounts and dates stay in the figures; references and notes go.
    erasure: { kind: 'redact', set: { reference: null, note: null } },
    label: (r) => `${capital(text(r.kind))} of ${amountText(r.amountMinor, r.currency)}`,
  },
  {
    table: 'transactionItems',
    role: 'child',
    entityType: 'transaction_item',
    recordType: 'transactionItem',
    heading: 'Items bought or returned',
    key: byId,
    customerColumns: owned,
    parent: { table: 'transactions', column: 'transactionId' },
    nestAs: { property: 'items', orderBy: 'position', omit: ['transactionId', 'customerId'] },
    erasure: { kind: 'redact', set: { description: '[erased]' } },
  },
  // Email (src/email/): the message behind an email contact, and its files. They go to the trash, come back, merge and
  // export with their interaction; erasure keeps the thread's ids (for the counts) without what was said or by whom.
  {
    table: 'emailMessages',
    role: 'child',
    entityType: 'email_message',
    recordType: 'emailMessage',
    heading: 'Emails',
    key: byId,
    customerColumns: owned,
    parent: { table: 'interactions', column: 'interactionId' },
    nestAs: { property: 'emails', omit: ['interactionId', 'customerId'] },
    unique: [['customerId', 'messageId'], ['interactionId']],
    erasure: { kind: 'redact', set: { subject: null, bodyText: '[erased]', fromAddress: '[erased]', toAddresses: '[erased]', ccAddresses: null, skippedAttachments: null } },
  },
  {
    table: 'emailAttachments',
    role: 'child',
    entityType: 'email_attachment',
    recordType: 'emailAttachment',
    heading: 'Files that came with emails',
    key: byId,
    customerColumns: owned,
    parent: { table: 'interactions', column: 'interactionId' },
    // The file itself is served by the API (GET /interactions/{id}/attachments/{attachmentId}); the export and the copy say name, type and size.
    nestAs: { property: 'attachments', orderBy: 'position', omit: ['interactionId', 'customerId'] },
    secrets: ['content'],
    erasure: { kind: 'delete' },
  },
  {
    table: 'lifeEvents',
    role: 'fact',
    entityType: 'life_event',
    recordType: 'lifeEvent',
    heading: 'Life events',
    key: byId,
    customerColumns: owned,
    privacy,
    erasure: { kind: 'delete' },
    label: (r) => `Life event: ${text(r.title)}`,
  },
  {
    table: 'lifeEventCustomers',
    role: 'child',
    entityType: 'life_event_customer',
    recordType: 'lifeEventCustomer',
    heading: 'People involved in life events',
    key: ['lifeEventId', 'customerId'],
    customerColumns: owned,
    parent: { table: 'lifeEvents', column: 'lifeEventId' },
    nestAs: { property: 'involvedCustomerIds', value: 'customerId' },
    erasure: { kind: 'delete' },
  },
  {
    table: 'lifeEventAcknowledgements',
    role: 'child',
    entityType: 'life_event_acknowledgement',
    recordType: 'lifeEventAcknowledgement',
    heading: 'Life events staff acknowledged',
    key: ['lifeEventId', 'staffId'],
    customerColumns: owned,
    parent: { table: 'lifeEvents', column: 'lifeEventId' },
    nestAs: { property: 'acknowledgedBy', orderBy: 'acknowledgedAt', omit: ['lifeEventId', 'customerId'] },
    erasure: { kind: 'delete' },
  },
  {
    table: 'projects',
    role: 'fact',
    entityType: 'project',
    recordType: 'project',
    heading: 'Projects',
    key: byId,
    customerColumns: owned,
    erasure: { kind: 'delete' },
    label: (r) => `Project: ${text(r.title)}`,
  },
  {
    table: 'notes',
    role: 'fact',
    entityType: 'note',
    recordType: 'note',
    heading: 'Notes',
    key: byId,
    customerColumns: owned,
    privacy,
    erasure: { kind: 'delete' },
    label: (r) => `Note: ${text(r.body)}`,
  },
  {
    table: 'consents',
    role: 'fact',
    entityType: 'consent',
    recordType: 'consent',
    heading: 'Consent to be contacted, by channel',
    key: byId,
    customerColumns: owned,
    unique: [['customerId', 'channel']],
    erasure: { kind: 'delete' },
    label: (r) => `Consent: ${text(r.channel)} ${text(r.status).replace('_', ' ')}`,
  },
  {
    table: 'doNotContact',
    role: 'fact',
    entityType: 'do_not_contact',
    recordType: 'doNotContact',
    heading: 'Do not contact',
    key: byId,
    customerColumns: owned,
    unique: [['customerId']],
    erasure: { kind: 'delete' },
    label: (r) => `Do not contact: ${text(r.reason)}`,
  },
  {
    table: 'preferences',
    role: 'fact',
    entityType: 'preference',
    recordType: 'preference',
    heading: 'Preferences',
    key: byId,
    customerColumns: owned,
    privacy,
    erasure: { kind: 'delete' },
    label: (r) => `Preference: ${text([r.topic, r.preference].filter(Boolean).join(': '))}`,
  },
  // Promises (src/promises/): erasure keeps them counted in the on-time figures without what was said.
  {
    table: 'promises',
    role: 'fact',
    entityType: 'promise',
    recordType: 'promise',
    heading: 'Promises we made',
    key: byId,
    customerColumns: owned,
    pointers: [{ column: 'interactionId', table: 'interactions' }],
    erasure: { kind: 'redact', set: { what: '[erased]', closedReason: null } },
    label: (r) => `Promise: ${text(r.what)}`,
  },
  {
    table: 'promiseRevisions',
    role: 'child',
    entityType: 'promise_revision',
    recordType: 'promiseRevision',
    heading: 'Changes of a promised date',
    key: byId,
    customerColumns: owned,
    parent: { table: 'promises', column: 'promiseId' },
    nestAs: { property: 'revisions', omit: ['promiseId', 'customerId'] },
    erasure: { kind: 'redact', set: { reason: '[erased]' } },
  },
  {
    table: 'promiseHandovers',
    role: 'child',
    entityType: 'promise_handover',
    recordType: 'promiseHandover',
    heading: 'Promises handed to a colleague',
    key: byId,
    customerColumns: owned,
    parent: { table: 'promises', column: 'promiseId' },
    nestAs: { property: 'handovers', omit: ['promiseId', 'customerId'] },
    erasure: { kind: 'redact', set: { reason: '[erased]' } },
  },
  {
    table: 'promiseLinks',
    role: 'child',
    entityType: 'promise_link',
    recordType: 'promiseLink',
    heading: 'Links that show the customer their promise',
    key: byId,
    customerColumns: owned,
    parent: { table: 'promises', column: 'promiseId' },
    nestAs: { property: 'links', omit: ['promiseId', 'customerId'] },
    secrets: ['secretHash'],
    erasure: { kind: 'delete' },
  },
  {
    table: 'promiseLinkViews',
    role: 'child',
    entityType: 'promise_link_view',
    recordType: 'promiseLinkView',
    heading: 'Times the customer opened their promise page',
    key: byId,
    customerColumns: owned,
    parent: { table: 'promises', column: 'promiseId' },
    nestAs: { property: 'linkViews', omit: ['promiseId', 'customerId'] },
    erasure: { kind: 'delete' },
  },
  {
    table: 'keepInTouch',
    role: 'fact',
    entityType: 'keep_in_touch',
    recordType: 'keepInTouch',
    heading: 'How often we keep in touch',
    key: byId,
    customerColumns: owned,
    unique: [['customerId']],
    erasure: { kind: 'delete' },
    label: (r) => `Keep in touch every ${Number(r.everyDays)} days`,
  },
  // Cases (src/cases/): erasure keeps them counted in the response figures without what they were about.
  {
    table: 'cases',
    role: 'fact',
    entityType: 'case',
    recordType: 'case',
    heading: 'Cases (requests, complaints, questions)',
    key: byId,
    customerColumns: owned,
    // The urgent intake's words go too (callback number, where they were, the help needed, an override's reason).
    erasure: { kind: 'redact', set: { subject: '[erased]', escalationReason: null, callbackNumber: null, situation: null, helpNeeded: null, closeOverrideReason: null } },
    label: (r) => `Case: ${text(r.subject)}`,
  },
  {
    table: 'caseEvents',
    role: 'child',
    entityType: 'case_event',
    recordType: 'caseEvent',
    heading: 'The history of cases',
    key: byId,
    customerColumns: owned,
    parent: { table: 'cases', column: 'caseId' },
    nestAs: { property: 'history', orderBy: 'at', omit: ['caseId', 'customerId'] },
    erasure: { kind: 'redact', set: { note: null } },
  },
  // The fields a case's type wants (issue 11): values a person typed about the customer (colour, mileage), gone with
  // the case and with erasure; the case keeps when it was complete (completedAt), so the figures stay true.
  {
    table: 'caseFields',
    role: 'child',
    entityType: 'case_field',
    recordType: 'caseField',
    heading: 'Details recorded on cases',
    key: byId,
    customerColumns: owned,
    parent: { table: 'cases', column: 'caseId' },
    nestAs: { property: 'fields', orderBy: 'position', omit: ['caseId', 'customerId'] },
    erasure: { kind: 'delete' },
  },
  // Hand-offs (src/handoffs/): a customer in a hand-off, what was said of them (each line with its own privacy),
  // the cases handed over and promises moved with them, and who read it. The hand-off itself names no customer.
  {
    table: 'handoffCustomers',
    role: 'fact',
    entityType: 'handoff_customer',
    recordType: 'handoffCustomer',
    heading: 'Hand-offs between staff',
    key: byId,
    customerColumns: owned,
    erasure: { kind: 'delete' },
    label: () => 'Hand-off',
  },
  {
    table: 'handoffNotes',
    role: 'child',
    entityType: 'handoff_note',
    recordType: 'handoffNote',
    heading: 'What a hand-off said',
    key: byId,
    customerColumns: owned,
    parent: { table: 'handoffCustomers', column: 'handoffCustomerId' },
    nestAs: { property: 'notes', orderBy: 'createdAt', omit: ['handoffCustomerId', 'customerId'] },
    privacy,
    erasure: { kind: 'delete' },
  },
  {
    table: 'handoffCases',
    role: 'child',
    entityType: 'handoff_case',
    recordType: 'handoffCase',
    heading: 'Cases handed over',
    key: byId,
    customerColumns: owned,
    parent: { table: 'handoffCustomers', column: 'handoffCustomerId' },
    nestAs: { property: 'caseIds', value: 'caseId' },
    pointers: [{ column: 'caseId', table: 'cases' }],
    erasure: { kind: 'delete' },
  },
  {
    table: 'handoffPromises',
    role: 'child',
    entityType: 'handoff_promise',
    recordType: 'handoffPromise',
    heading: 'Promises moved by a hand-off',
    key: byId,
    customerColumns: owned,
    parent: { table: 'handoffCustomers', column: 'handoffCustomerId' },
    nestAs: { property: 'promisesMoved', omit: ['handoffCustomerId', 'customerId'] },
    pointers: [{ column: 'promiseId', table: 'promises' }],
    erasure: { kind: 'delete' },
  },
  {
    table: 'handoffReads',
    role: 'child',
    entityType: 'handoff_read',
    recordType: 'handoffRead',
    heading: 'Who read a hand-off',
    key: ['handoffCustomerId', 'staffId'],
    customerColumns: owned,
    parent: { table: 'handoffCustomers', column: 'handoffCustomerId' },
    nestAs: { property: 'reads', orderBy: 'readAt', omit: ['handoffCustomerId', 'customerId'] },
    erasure: { kind: 'delete' },
  },
  // "Not the same person" (src/merges/): a fact about two customers, gone and back with either.
  {
    table: 'distinctCustomers',
    role: 'fact',
    entityType: 'distinct_customers',
    recordType: 'distinctCustomers',
    heading: 'Records said not to be the same person',
    key: byId,
    customerColumns: ['firstCustomerId', 'secondCustomerId'],
    unique: [['firstCustomerId', 'secondCustomerId']],
    erasure: { kind: 'delete' },
    label: () => 'Not the same person',
  },
  // Calls the phone system told of (src/phone/): the customer the caller's number matched. Erasure keeps
  // when the call came and how long it lasted, and loses the numbers; the interaction it was logged as
  // is a pointer (emptied while that interaction is in the trash, back with it).
  {
    table: 'phoneCalls',
    role: 'fact',
    entityType: 'phone_call',
    recordType: 'phoneCall',
    heading: 'Phone calls',
    key: byId,
    customerColumns: owned,
    pointers: [{ column: 'interactionId', table: 'interactions' }],
    unique: [['externalCallId']],
    erasure: { kind: 'redact', set: { callerNumber: null, callerE164: null } },
    label: (r) => `${r.state === 'missed' ? 'Missed call' : 'Call'} from ${text(r.callerNumber) || 'a withheld number'}`,
  },
  { table: 'searchPostings', role: 'index', entityType: 'search', recordType: 'search', heading: '', key: ['word', 'customerId'], customerColumns: owned, erasure: { kind: 'delete' } },
  { table: 'searchPairs', role: 'index', entityType: 'search', recordType: 'search', heading: '', key: ['wordA', 'wordB', 'customerId'], customerColumns: owned, erasure: { kind: 'delete' } },
  { table: 'searchDocuments', role: 'index', entityType: 'search', recordType: 'search', heading: '', key: owned, customerColumns: owned, erasure: { kind: 'delete' } },
  // Reminders shown to staff (src/notifications/): they name the customer, so they go with the customer row and with erasure.
  // Matching (src/matching/): blocking keys from the names, and pairs that may be one person.
  { table: 'matchKeys', role: 'index', entityType: 'match_key', recordType: 'matchKey', heading: '', key: ['key', 'customerId'], customerColumns: owned, erasure: { kind: 'delete' } },
  { table: 'matchProfiles', role: 'index', entityType: 'match_profile', recordType: 'matchProfile', heading: '', key: owned, customerColumns: owned, erasure: { kind: 'delete' } },
  {
    table: 'duplicateSuspicions',
    role: 'index',
    entityType: 'duplicate_suspicion',
    recordType: 'duplicateSuspicion',
    heading: '',
    key: byId,
    customerColumns: ['firstCustomerId', 'secondCustomerId'],
    erasure: { kind: 'delete' },
  },
  { table: 'notifications', role: 'index', entityType: 'notification', recordType: 'notification', heading: '', key: byId, customerColumns: owned, erasure: { kind: 'delete' } },
  // Waiting and keep-in-touch state (src/contact-state/), recomputed from the facts above.
  { table: 'contactStates', role: 'index', entityType: 'contact_state', recordType: 'contactState', heading: '', key: owned, customerColumns: owned, erasure: { kind: 'delete' } },
  // Entries about a private fact, and a deleted private fact in the trash, carry the fact's privacy.
  {
    table: 'auditEvents',
    role: 'trail',
    entityType: 'audit',
    recordType: 'auditEvent',
    heading: 'Who changed what',
    key: byId,
    customerColumns: owned,
    privacy: { sensitivity: 'sensitivity', createdBy: 'factAuthorId', audience: 'audienceLocationId' },
    erasure: { kind: 'none' },
  },
  {
    table: 'trashEntries',
    role: 'trash',
    entityType: 'trash',
    recordType: 'trashEntry',
    heading: 'Deleted, waiting in the trash',
    key: byId,
    customerColumns: owned,
    privacy: { sensitivity: 'sensitivity', createdBy: 'factAuthorId', audience: 'audienceLocationId' },
    erasure: { kind: 'delete' },
  },
  { table: 'merges', role: 'record', entityType: 'merge', recordType: 'merge', heading: 'Merges', key: byId, customerColumns: ['survivorCustomerId', 'mergedCustomerId'], erasure: { kind: 'delete' } },
  { table: 'importWrites', role: 'record', entityType: 'import_write', recordType: 'importWrite', heading: 'Imported', key: ['importId', 'seq'], customerColumns: owned, erasure: { kind: 'delete' } },
  // Webhooks sent (src/webhooks/): each payload is a copy of the customer's data as it was. Kept while they are in the
  // trash; deleted when they are erased (by either column) or purged (webhook-outbox.ts); a merge moves the log to the survivor.
  {
    table: 'webhookDeliveries',
    role: 'record',
    entityType: 'webhook_delivery',
    recordType: 'webhookDelivery',
    heading: 'Webhooks sent to other systems',
    key: byId,
    customerColumns: ['customerId', 'originalCustomerId'],
    erasure: { kind: 'delete' },
  },
  { table: 'erasures', role: 'tombstone', entityType: 'erasure', recordType: 'erasure', heading: 'Erasures', key: byId, customerColumns: owned, erasure: { kind: 'none' } },
];

const byTable = new Map(customerTables.map((spec) => [spec.table, spec]));
const byEntity = new Map(customerTables.filter((s) => s.role === 'fact' || s.role === 'customer').map((spec) => [spec.entityType, spec]));

export function tableSpec(table: TableName): CustomerTableSpec {
  const spec = byTable.get(table);
  if (!spec) throw new Error(`${table} is not a customer-owned table`);
  return spec;
}

/** The fact (or customer) table of an entity type, e.g. 'note' → notes. */
export const specOfEntity = (entityType: string): CustomerTableSpec | undefined => byEntity.get(entityType);

/** Customer data proper: the customer, their facts and the children of those facts, in restore order. */
export const dataTables = customerTables.filter((s) => s.role === 'customer' || s.role === 'fact' || s.role === 'child');

/** The children of a table (rows that go and come back with one of its rows). */
export const childrenOf = (table: TableName): CustomerTableSpec[] => customerTables.filter((s) => s.parent?.table === table);

/** Qualified privacy columns of a private table under an alias, for the SQL form of the privacy rule. */
export function privacyColumns(table: TableName, alias: string): { sensitivity: string; createdBy: string; audience: string } {
  const p = tableSpec(table).privacy;
  if (!p) throw new Error(`${table} holds no private facts`);
  return { sensitivity: `${alias}.${p.sensitivity}`, createdBy: `${alias}.${p.createdBy}`, audience: `${alias}.${p.audience}` };
}

/** The key of one row as a string (the id, or the key columns joined). */
export const rowKey = (spec: CustomerTableSpec, row: Record<string, unknown>): string => spec.key.map((k) => String(row[k])).join(':');
