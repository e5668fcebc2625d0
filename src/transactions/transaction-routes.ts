import { decodeCursor, pageOf } from '../common/cursor.js';
import { IdParams, Page, ProblemSchema } from '../common/schema.js';
import { customerExists } from '../customers/customer-store.js';
import { notFound } from '../platform/errors.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf } from '../platform/write-context.js';
import { TrashReceipt } from '../trash/trash-schemas.js';
import { accountOf } from './account.js';
import { createTransaction, deleteTransaction, updateTransaction } from './transaction-commands.js';
import { AccountOut, TransactionCreate, TransactionListQuery, TransactionOut, TransactionPatch, TransactionSummary } from './transaction-schemas.js';
import { listTransactions, loadTransaction } from './transaction-store.js';

const tags = ['transactions'];
const errors = { 400: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema };

export async function transactionRoutes(app: App) {
  const load = async (id: string) => {
    const transaction = await loadTransaction(app.db, id);
    if (!transaction) throw notFound(`Transaction ${id}`);
    return transaction;
  };

  app.post(
    '/transactions',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'Record a purchase, payment, invoice, return, refund or credit, with its items',
        body: TransactionCreate,
        response: { 201: TransactionOut, ...errors },
      },
    },
    async (request, reply) => {
      const id = await app.db.transaction().execute((trx) => createTransaction(trx, writeContextOf(request), request.body));
      return reply.status(201).header('location', `/api/v1/transactions/${id}`).send(await load(id));
    },
  );

  app.get(
    '/transactions',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'Transactions, newest first; filter by customer and kind',
        querystring: TransactionListQuery,
        response: { 200: Page(TransactionSummary), 400: ProblemSchema },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const after = decodeCursor(request.query.cursor, ['time', 'text']);
      const items = await listTransactions(app.db, {
        customerId: request.query.customerId ?? null,
        kind: request.query.kind ?? null,
        after: after ? { occurredAt: String(after[0]), id: String(after[1]) } : null,
        limit: limit + 1,
      });
      return pageOf(items, limit, (r) => [r.occurredAt, r.id]);
    },
  );

  app.get(
    '/transactions/:id',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'One transaction with its items', params: IdParams, response: { 200: TransactionOut, 400: ProblemSchema, 404: ProblemSchema } },
    },
    async (request) => load(request.params.id),
  );

  app.patch(
    '/transactions/:id',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'Correct a transaction; items, when given, replace all items (and set the amount unless it is given)',
        params: IdParams,
        body: TransactionPatch,
        response: { 200: TransactionOut, ...errors },
      },
    },
    async (request) => {
      await app.db.transaction().execute((trx) => updateTransaction(trx, writeContextOf(request), request.params.id, request.body));
      return load(request.params.id);
    },
  );

  app.delete(
    '/transactions/:id',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Delete a transaction and its items, to the trash (not while another transaction points at it)',
        params: IdParams,
        response: { 200: TrashReceipt, 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (request) => app.db.transaction().execute((trx) => deleteTransaction(trx, writeContextOf(request), request.params.id)),
  );

  app.get(
    '/customers/:id/account',
    {
      config: { access: 'frontline' },
      schema: {
        tags: ['transactions', 'customers'],
        summary: 'Balance owed and lifetime value, per currency',
        params: IdParams,
        response: { 200: AccountOut, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!(await customerExists(app.db, id))) throw notFound(`Customer ${id}`);
      return { currencies: await accountOf(app.db, id) };
    },
  );
}
