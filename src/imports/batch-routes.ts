import type { TSchema } from 'typebox';
import { ProblemSchema } from '../common/schema.js';
import type { Db } from '../platform/database/connect.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf, type WriteContext } from '../platform/write-context.js';
import { inSavepoint } from '../platform/database/savepoint.js';
import { applyInteraction, applyTransaction, type Applied, type ImportRun, type Settled } from './import-apply.js';
import { applyCustomers } from './import-customers.js';
import type { ImportedCustomer, ImportedInteraction, ImportedTransaction } from './import-records.js';
import { problemOf } from './import-run.js';
import { BatchOut, CustomerBatch, InteractionBatch, TransactionBatch } from './batch-schemas.js';

const tags = ['imports'];

/**
 * Batches for integrators: up to 1,000 customers, purchases or contacts per request, matched and
 * written exactly as an import's records are, in one transaction, answered in the order sent. A
 * record that cannot be taken is answered with its problems and leaves nothing half-written; the
 * others are written.
 */
async function runBatch<T>(db: Db, ctx: WriteContext, source: string, records: readonly T[], apply: (trx: Db, run: ImportRun, records: readonly T[]) => Promise<Settled[]>) {
  return db.transaction().execute(async (trx) => {
    const run: ImportRun = { importId: null, source: source.trim().toLowerCase(), mode: 'import', ctx, writes: [], pending: new Map(), organizationsMade: new Map() };
    const settled = await apply(trx, run, records);
    const items = settled.map((result, index) => {
      if ('applied' in result) return { index, outcome: result.applied.outcome, customerId: result.applied.customerId, review: result.applied.review > 0, problems: [] };
      const problem = problemOf(index, result.error);
      if (!problem) throw result.error;
      return { index, outcome: 'problem' as const, customerId: null, review: false, problems: [{ field: problem.field, message: problem.message }] };
    });
    return { items };
  });
}

/** Purchases or contacts one at a time, each in a savepoint. */
const eachInSavepoint =
  <T>(apply: (trx: Db, run: ImportRun, record: T, index: number) => Promise<Applied>) =>
  async (trx: Db, run: ImportRun, records: readonly T[]): Promise<Settled[]> => {
    const settled: Settled[] = [];
    for (const [index, record] of records.entries()) {
      try {
        settled.push({ applied: await inSavepoint(trx, () => apply(trx, run, record, index)) });
      } catch (error) {
        settled.push({ error });
      }
    }
    return settled;
  };

const nullable = <T>(value: T | null | undefined): T | null => value ?? null;

/** What names an activity's customer, as sent. */
const keyOf = (key: { externalId?: string | null | undefined; email?: string | null | undefined; phone?: string | null | undefined }) => ({
  externalId: nullable(key.externalId),
  email: nullable(key.email),
  phone: nullable(key.phone),
});

export async function batchRoutes(app: App) {
  const schema = <B extends TSchema>(summary: string, body: B) => ({
    tags,
    summary,
    body,
    response: { 200: BatchOut, 400: ProblemSchema, 413: ProblemSchema },
  });

  app.post(
    '/batch/customers',
    { bodyLimit: 16 * 1024 * 1024, config: { access: 'frontline' }, schema: schema('Up to 1,000 customers from another system, matched as an import matches them (one transaction, answers in order)', CustomerBatch) },
    async (request) =>
      runBatch(app.db, writeContextOf(request), request.body.source, request.body.records, (trx, run, records) =>
        applyCustomers(
          trx,
          run,
          records.map((r, index) => {
            const { sourceRecordId, organization, note, ...customer } = r;
            const record: ImportedCustomer = { line: index, sourceRecordId: nullable(sourceRecordId), customer, organization: organization ? { name: organization.name, title: nullable(organization.title) } : null, note: nullable(note) };
            return { line: index, record };
          }),
        ),
      ),
  );

  app.post(
    '/batch/transactions',
    { bodyLimit: 16 * 1024 * 1024, config: { access: 'frontline' }, schema: schema('Up to 1,000 purchases, payments or returns, each naming its customer by an id in the source system, an email or a phone', TransactionBatch) },
    async (request) =>
      runBatch(app.db, writeContextOf(request), request.body.source, request.body.records, eachInSavepoint((trx, run, r, index) => {
        const record: ImportedTransaction = {
          line: index,
          sourceRecordId: nullable(r.sourceRecordId),
          key: keyOf(r.key),
          kind: r.kind,
          occurredAt: r.occurredAt,
          amountMinor: nullable(r.amountMinor),
          currency: r.currency.toUpperCase(),
          reference: nullable(r.reference),
          items: r.items ?? [],
        };
        return applyTransaction(trx, run, record);
      })),
  );

  app.post(
    '/batch/interactions',
    { bodyLimit: 16 * 1024 * 1024, config: { access: 'frontline' }, schema: schema('Up to 1,000 contacts (newsletters sent, service calls), each naming its customer by an id in the source system, an email or a phone', InteractionBatch) },
    async (request) =>
      runBatch(app.db, writeContextOf(request), request.body.source, request.body.records, eachInSavepoint((trx, run, r, index) => {
        const record: ImportedInteraction = {
          line: index,
          sourceRecordId: nullable(r.sourceRecordId),
          key: keyOf(r.key),
          channel: r.channel,
          direction: r.direction,
          occurredAt: r.occurredAt,
          summary: r.summary,
          outcome: nullable(r.outcome),
        };
        return applyInteraction(trx, run, record);
      })),
  );
}
