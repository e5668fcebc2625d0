import { Type } from 'typebox';
import { decodeCursor, pageOf } from '../common/cursor.js';
import { Id, IdParams, Page, PageQuery, ProblemSchema } from '../common/schema.js';
import { gone, notFound } from '../platform/errors.js';
import { findErasure } from '../data-rights/erasure-store.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf } from '../platform/write-context.js';
import { TrashReceipt } from '../trash/trash-schemas.js';
import { addContactPoint, removeContactPoint, updateContactPoint, type ContactKind } from './contact-points.js';
import { createCustomer, deleteCustomer, updateCustomer } from './customer-commands.js';
import {
  AddressInput,
  CustomerCreate,
  CustomerOut,
  CustomerPatch,
  CustomerSummary,
  EmailInput,
  ExternalIdInput,
  PhoneInput,
} from './customer-schemas.js';
import { listCustomers, loadCustomer } from './customer-store.js';
import { searchCustomers } from '../search/search-service.js';
import { addRelationship, RelationshipInput, removeRelationship } from './relationship-commands.js';
import { candidatesOfCustomer } from '../matching/match-candidates.js';
import { presentCandidate } from '../matching/duplicate-routes.js';
import { MayBeOut } from '../matching/duplicate-schemas.js';
import { recordSuspicions } from '../matching/suspicion-store.js';
import { actorOf } from '../platform/http/actor-of.js';

const CustomerCreated = Type.Object({ ...CustomerOut.properties, mayBe: Type.Array(MayBeOut, { description: 'Customers this one may already be, best first' }) });

const tags = ['customers'];
const errors = { 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };

export async function customerRoutes(app: App) {
  const load = async (id: string) => {
    const customer = await loadCustomer(app.db, id);
    if (customer) return customer;
    const erasure = await findErasure(app.db, id);
    if (erasure) throw gone(`The personal data of this customer was erased on ${erasure.erasedAt}.`);
    throw notFound(`Customer ${id}`);
  };

  app.post(
    '/customers',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'Create a customer (a name, a phone or an email is enough); mayBe lists customers they may already be',
        description:
          'Never refused for looking like someone: the new customer is created, and customers who may be the same person come back in mayBe (best first, with the reasons) and wait in the duplicates queue (GET /duplicates).',
        body: CustomerCreate,
        response: { 201: CustomerCreated, ...errors },
      },
    },
    async (request, reply) => {
      const { id, mayBe } = await app.db.transaction().execute(async (trx) => {
        const created = await createCustomer(trx, writeContextOf(request), request.body);
        const candidates = await candidatesOfCustomer(trx, created);
        await recordSuspicions(trx, created, candidates, 'create');
        return { id: created, mayBe: candidates.map(presentCandidate) };
      });
      return reply.status(201).header('location', `/api/v1/customers/${id}`).send({ ...(await load(id)), mayBe });
    },
  );

  app.get(
    '/customers',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'List customers by name, or with q find them the way /search does (best first, one page)',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), ...PageQuery }, { additionalProperties: false }),
        response: { 200: Page(CustomerSummary), 400: ProblemSchema },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const q = request.query.q?.trim();
      if (q) {
        // With text to look for, this is the lookup (ranked, typo-tolerant): one page of the best matches.
        const items = await searchCustomers(app.db, app.database.engine, { q, limit, phoneRegion: app.config.phoneRegion, locationIds: actorOf(request).locationIds });
        return { items, nextCursor: null };
      }
      const after = decodeCursor(request.query.cursor, 2);
      const items = await listCustomers(app.db, { after: after ? { displayName: String(after[0]), id: String(after[1]) } : null, limit: limit + 1 });
      return pageOf(items, limit, (r) => [r.displayName, r.id]);
    },
  );

  app.get(
    '/customers/:id',
    { config: { access: 'frontline' }, schema: { tags, summary: 'A customer with contact points and relationships', params: IdParams, response: { 200: CustomerOut, 404: ProblemSchema, 410: ProblemSchema } } },
    async (request) => load(request.params.id),
  );

  app.patch(
    '/customers/:id',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Change profile fields (null clears one)', params: IdParams, body: CustomerPatch, response: { 200: CustomerOut, ...errors } },
    },
    async (request) => {
      await app.db.transaction().execute((trx) => updateCustomer(trx, writeContextOf(request), request.params.id, request.body));
      return load(request.params.id);
    },
  );

  app.delete(
    '/customers/:id',
    { config: { access: 'admin' }, schema: { tags, summary: 'Delete a customer: they and everything recorded about them go to the trash', params: IdParams, response: { 200: TrashReceipt, 404: ProblemSchema } } },
    async (request) => app.db.transaction().execute((trx) => deleteCustomer(trx, writeContextOf(request), request.params.id)),
  );

  const nested: [string, ContactKind, typeof EmailInput | typeof PhoneInput | typeof AddressInput | typeof ExternalIdInput][] = [
    ['emails', 'emails', EmailInput],
    ['phones', 'phones', PhoneInput],
    ['addresses', 'addresses', AddressInput],
    ['external-ids', 'externalIds', ExternalIdInput],
  ];
  const ItemParams = Type.Object({ id: Id, itemId: Id });
  for (const [segment, kind, schema] of nested) {
    app.post(
      `/customers/:id/${segment}`,
      { config: { access: 'frontline' }, schema: { tags, summary: `Add to a customer's ${segment}`, params: IdParams, body: schema, response: { 201: CustomerOut, ...errors } } },
      async (request, reply) => {
        const { id } = request.params;
        await app.db.transaction().execute(async (trx) => {
          if (!(await loadCustomer(trx, id))) throw notFound(`Customer ${id}`);
          await addContactPoint(trx, writeContextOf(request), kind, id, request.body as Record<string, unknown>, '/body');
        });
        return reply.status(201).send(await load(id));
      },
    );
    app.patch(
      `/customers/:id/${segment}/:itemId`,
      {
        config: { access: 'frontline' },
        schema: { tags, summary: `Change one of a customer's ${segment}`, params: ItemParams, body: Type.Partial(schema, { additionalProperties: false }), response: { 200: CustomerOut, ...errors } },
      },
      async (request) => {
        const { id, itemId } = request.params;
        await app.db.transaction().execute((trx) => updateContactPoint(trx, writeContextOf(request), kind, id, itemId, request.body as Record<string, unknown>));
        return load(id);
      },
    );
    app.delete(
      `/customers/:id/${segment}/:itemId`,
      { config: { access: 'manager' }, schema: { tags, summary: `Remove one of a customer's ${segment}`, params: ItemParams, response: { 200: CustomerOut, 404: ProblemSchema } } },
      async (request) => {
        const { id, itemId } = request.params;
        await app.db.transaction().execute((trx) => removeContactPoint(trx, writeContextOf(request), kind, id, itemId));
        return load(id);
      },
    );
  }

  app.post(
    '/customers/:id/relationships',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Link a customer to a relative, household member or organisation', params: IdParams, body: RelationshipInput, response: { 201: CustomerOut, ...errors } },
    },
    async (request, reply) => {
      const { id } = request.params;
      await app.db.transaction().execute(async (trx) => {
        if (!(await loadCustomer(trx, id))) throw notFound(`Customer ${id}`);
        await addRelationship(trx, writeContextOf(request), id, request.body);
      });
      return reply.status(201).send(await load(id));
    },
  );

  app.delete(
    '/customers/:id/relationships/:itemId',
    { config: { access: 'manager' }, schema: { tags, summary: 'Remove a relationship', params: ItemParams, response: { 200: CustomerOut, 404: ProblemSchema } } },
    async (request) => {
      const { id, itemId } = request.params;
      await app.db.transaction().execute((trx) => removeRelationship(trx, writeContextOf(request), id, itemId));
      return load(id);
    },
  );
}
