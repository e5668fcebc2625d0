import type { CustomerCreate } from '../customers/customer-schemas.js';
import type { Channel, Direction } from '../interactions/interaction-schemas.js';
import type { ItemInput } from '../transactions/transaction-schemas.js';
import type { TransactionKind } from '../transactions/transaction-rules.js';
import type { Static } from 'typebox';

/**
 * What an import reads out of a file, before it touches the database: one shape per kind of record,
 * whatever the file was (a CSV through a column mapping, a vCard, Rapport's own JSON lines). The
 * readers (src/imports/readers/) make these; matching (src/matching/) compares them; the import job
 * writes them through the same commands as the API.
 */

/** Where a record was in its file: a CSV's line (1 is the header), a vCard's BEGIN line, a JSON line. */
export interface SourcePlace {
  line: number;
}

/** A problem with one record or one field of it; the import shows every one with its line. */
export interface RowProblem extends SourcePlace {
  /** The column (CSV header), vCard property or JSON field it is about; null for the whole record. */
  field: string | null;
  message: string;
}

/** A customer as read: the API's CustomerCreate, with the organisation a person works for and where it came from. */
export interface ImportedCustomer extends SourcePlace {
  /** The record's id in the source system (a CSV's id column, a vCard's UID), kept as an external id. */
  sourceRecordId: string | null;
  customer: Omit<CustomerCreate, 'locationId' | 'externalIds'> & { externalIds?: { source: string; externalId: string }[] };
  /** The organisation a person belongs to (vCard ORG, a CSV's company column), with their title there. */
  organization: { name: string; title: string | null } | null;
  /** Free text the source kept about them (vCard NOTE, a Notes column): becomes a note. */
  note: string | null;
}

/** How an activity names its customer: any of these, tried in this order. */
export interface CustomerKey {
  externalId: string | null;
  email: string | null;
  phone: string | null;
}

/** A purchase, refund, invoice or payment from another system (a point of sale). */
export interface ImportedTransaction extends SourcePlace {
  sourceRecordId: string | null;
  key: CustomerKey;
  kind: TransactionKind;
  occurredAt: string;
  amountMinor: number | null;
  currency: string;
  reference: string | null;
  items: ItemInput[];
}

/** A contact from another system: a newsletter or direct mail sent, a service call. */
export interface ImportedInteraction extends SourcePlace {
  sourceRecordId: string | null;
  key: CustomerKey;
  channel: Static<typeof Channel>;
  direction: Static<typeof Direction>;
  occurredAt: string;
  summary: string;
  outcome: string | null;
}
