import { Type } from 'typebox';
import { decodeCursor, pageOf } from '../common/cursor.js';
import { IdParams, Page, PageQuery, ProblemSchema } from '../common/schema.js';
import { notFound } from '../platform/errors.js';
import { personOnly } from '../platform/http/actor-of.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf } from '../platform/write-context.js';
import { createSubscription, deleteSubscription, replayDelivery, sendTestEvent, updateSubscription } from './webhook-commands.js';
import { DeliveryDetail, DeliveryOut, DeliveryQuery, WebhookCreate, WebhookCreated, WebhookOut, WebhookPatch } from './webhook-schemas.js';
import { attemptsOf, findDelivery, findDeliveryWithPayload, findSubscription, listDeliveryPage, listSubscriptionPage } from './webhook-store.js';

const tags = ['webhooks'];
const errors = { 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };

/**
 * Outgoing webhooks, for admins. Subscriptions are made, changed and deleted by a person signed in,
 * never with an API token: a leaked token must not be able to send customer data to a new address.
 */
export async function webhookRoutes(app: App) {
  const subscription = async (id: string) => {
    const found = await findSubscription(app.db, id);
    if (!found) throw notFound(`Webhook subscription ${id}`);
    return found;
  };
  const delivery = async (id: string) => {
    const found = await findDelivery(app.db, id);
    if (!found) throw notFound(`Webhook delivery ${id}`);
    return found;
  };

  app.post(
    '/webhooks',
    {
      config: { access: 'admin' },
      preHandler: personOnly,
      schema: {
        tags,
        summary: 'Subscribe an address to events; the signing secret is in this answer only',
        description: 'Each event of the chosen types is POSTed to the URL as JSON, signed (X-Rapport-Signature), and retried with back-off until the receiver answers 2xx.',
        body: WebhookCreate,
        response: { 201: WebhookCreated, ...errors },
      },
    },
    async (request, reply) => {
      const { id, secret } = await app.db.transaction().execute((trx) => createSubscription(trx, writeContextOf(request), request.body));
      return reply.status(201).header('cache-control', 'no-store').header('location', `/api/v1/webhooks/${id}`).send({ ...(await subscription(id)), secret });
    },
  );

  app.get(
    '/webhooks',
    {
      config: { access: 'admin' },
      schema: { tags, summary: 'List webhook subscriptions, newest first (never their secrets)', querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: Page(WebhookOut), 400: ProblemSchema } },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const after = decodeCursor(request.query.cursor, ['text']);
      return pageOf(await listSubscriptionPage(app.db, after ? String(after[0]) : null, limit + 1), limit, (r) => [r.id]);
    },
  );

  app.get(
    '/webhooks/:id',
    { config: { access: 'admin' }, schema: { tags, summary: 'A webhook subscription (never its secret)', params: IdParams, response: { 200: WebhookOut, 404: ProblemSchema } } },
    async (request) => subscription(request.params.id),
  );

  app.patch(
    '/webhooks/:id',
    {
      config: { access: 'admin' },
      preHandler: personOnly,
      schema: { tags, summary: 'Change the name, address or event types, or pause (active: false) and resume', params: IdParams, body: WebhookPatch, response: { 200: WebhookOut, ...errors } },
    },
    async (request) => {
      await app.db.transaction().execute((trx) => updateSubscription(trx, writeContextOf(request), request.params.id, request.body));
      return subscription(request.params.id);
    },
  );

  app.delete(
    '/webhooks/:id',
    {
      config: { access: 'admin' },
      preHandler: personOnly,
      schema: { tags, summary: 'Delete a subscription with its delivery log; nothing more is sent to it', params: IdParams, response: { 204: Type.Null(), 404: ProblemSchema } },
    },
    async (request, reply) => {
      await app.db.transaction().execute((trx) => deleteSubscription(trx, writeContextOf(request), request.params.id));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/webhooks/:id/test',
    {
      config: { access: 'admin' },
      schema: { tags, summary: 'Send a ping event to this subscription alone, to check the receiver', params: IdParams, response: { 202: DeliveryOut, ...errors } },
    },
    async (request, reply) => {
      const id = await app.db.transaction().execute((trx) => sendTestEvent(trx, writeContextOf(request), request.params.id));
      return reply.status(202).send(await delivery(id));
    },
  );

  app.get(
    '/webhooks/:id/deliveries',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'The delivery log of a subscription, newest first; status filters it',
        params: IdParams,
        querystring: DeliveryQuery,
        response: { 200: Page(DeliveryOut), 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      await subscription(request.params.id);
      const limit = request.query.limit ?? 50;
      const after = decodeCursor(request.query.cursor, ['time', 'text']);
      const rows = await listDeliveryPage(app.db, {
        subscriptionId: request.params.id,
        status: request.query.status,
        before: after ? { createdAt: String(after[0]), id: String(after[1]) } : null,
        limit: limit + 1,
      });
      return pageOf(rows, limit, (r) => [r.createdAt, r.id]);
    },
  );

  app.get(
    '/webhook-deliveries/:id',
    { config: { access: 'admin' }, schema: { tags, summary: 'One delivery: the exact body sent and every attempt', params: IdParams, response: { 200: DeliveryDetail, 404: ProblemSchema } } },
    async (request) => {
      const found = await findDeliveryWithPayload(app.db, request.params.id);
      if (!found) throw notFound(`Webhook delivery ${request.params.id}`);
      return { ...found, attemptLog: await attemptsOf(app.db, found.id) };
    },
  );

  app.post(
    '/webhook-deliveries/:id/replay',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Send a delivered or failed delivery again: same event id and body, a new attempt',
        params: IdParams,
        response: { 202: DeliveryOut, ...errors },
      },
    },
    async (request, reply) => {
      await app.db.transaction().execute((trx) => replayDelivery(trx, writeContextOf(request), request.params.id));
      return reply.status(202).send(await delivery(request.params.id));
    },
  );
}
