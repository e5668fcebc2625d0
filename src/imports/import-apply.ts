import { createHash } from 'node:crypto';
import { normalizeEmail, normalizePhone } from '../common/contact-rules.js';
import { createInteraction } from '../interactions/interaction-commands.js';
import type { MatchRecord } from '../matching/match-record.js';
import type { Db } from '../platform/database/connect.js';
import type { NewRow } from '../platform/database/schema.js';
import type { WriteContext } from '../platform/write-context.js';
import { createTransaction } from '../transactions/transaction-commands.js';
import type { ImportedInteraction, ImportedTransaction } from './import-records.js';
import { customerByKey, sourceRecordExists } from './import-store.js';

/**
 * What an import does with one record, the same way in a check (nothing written: what would happen)
 * and in the import itself (written through the same commands as the API, so every write is
 * validated and audited): a purchase or a contact is added to the customer its key names, once per
 * record of the source. Customers are matched and written by import-customers.ts.
 */

export type Outcome = 'created' | 'updated' | 'unchanged';

/** Everything one run of an import shares across its records. */
export interface ImportRun {
  /** Null for a batch through the API (no file, no import to undo). */
  importId: string | null;
  source: string;
  mode: 'check' | 'import';
  ctx: WriteContext;
  /** Rows written (import mode), appended in order: what the undo reverses and where each fact came from. */
  writes: Omit<NewRow<'importWrites'>, 'importId' | 'seq'>[];
  /** A check's customers that would be created, by blocking key (and by record key, 'r' and the key: import-identity.ts): a later row of the same file matches them. */
  pending: Map<string, MatchRecord[]>;
  /**
   * Organisations the run has made for the people who work there, by name key (import-organizations.ts
   * nameKeyOf): the organisation's own record later in the file is that one, and counts as created.
   */
  organizationsMade: Map<string, string>;
}

export const written = (run: ImportRun, line: number, sourceRecordId: string | null, table: string, rowId: string, customerId: string) =>
  run.writes.push({ action: 'created', tableName: table, rowId, customerId, line, sourceRecordId, before: null, after: null });

/** What became of one record: the outcome, the customer it is now (null in a check when new), and how many may be them. */
export interface Applied {
  outcome: Outcome;
  customerId: string | null;
  review: number;
}

/** A record applied, or the error that left it out (nothing of it written). */
export type Settled = { applied: Applied } | { error: unknown };

/** The source's id of an activity, or one made from what the row says when it has none: the same row imported again is the same record. */
const recordIdOf = (record: { sourceRecordId: string | null; line: number }) => {
  if (record.sourceRecordId) return record.sourceRecordId;
  const { line: _line, ...content } = record;
  return `row:${createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 32)}`;
};

async function customerOf(db: Db, run: ImportRun, key: ImportedTransaction['key']): Promise<string> {
  const email = key.email ? normalizeEmail(key.email) : null;
  const phone = key.phone ? normalizePhone(key.phone, run.ctx.phoneRegion) : null;
  const id = await customerByKey(db, run.source, { externalId: key.externalId, email, phone });
  if (id) return id;
  const named = [key.externalId ? `${run.source} id ${key.externalId}` : null, email, phone].filter(Boolean).join(', ');
  throw new NoCustomer(named ? `No customer has ${named}: import the customers of ${run.source} first.` : 'The row does not say whose it is: give a customer id, an email or a phone.');
}

/** An activity whose customer cannot be found: a problem with the row, not with the import. */
export class NoCustomer extends Error {}

export async function applyTransaction(db: Db, run: ImportRun, record: ImportedTransaction): Promise<Applied> {
  const customerId = await customerOf(db, run, record.key);
  const sourceRecordId = recordIdOf(record);
  if (await sourceRecordExists(db, 'transactions', run.source, sourceRecordId)) return { outcome: 'unchanged', customerId, review: 0 };
  if (run.mode === 'check') return { outcome: 'created', customerId, review: 0 };
  const id = await createTransaction(
    db,
    run.ctx,
    {
      customerId,
      kind: record.kind,
      occurredAt: record.occurredAt,
      currency: record.currency,
      reference: record.reference,
      items: record.items,
      ...(record.amountMinor !== null ? { amountMinor: record.amountMinor } : {}),
    },
    { source: run.source, sourceRecordId },
  );
  written(run, record.line, sourceRecordId, 'transactions', id, customerId);
  return { outcome: 'created', customerId, review: 0 };
}

export async function applyInteraction(db: Db, run: ImportRun, record: ImportedInteraction): Promise<Applied> {
  const customerId = await customerOf(db, run, record.key);
  const sourceRecordId = recordIdOf(record);
  if (await sourceRecordExists(db, 'interactions', run.source, sourceRecordId)) return { outcome: 'unchanged', customerId, review: 0 };
  if (run.mode === 'check') return { outcome: 'created', customerId, review: 0 };
  const id = await createInteraction(
    db,
    run.ctx,
    { customerId, channel: record.channel, direction: record.direction, occurredAt: record.occurredAt, summary: record.summary, outcome: record.outcome },
    { source: run.source, sourceRecordId },
  );
  written(run, record.line, sourceRecordId, 'interactions', id, customerId);
  return { outcome: 'created', customerId, review: 0 };
}
