import type { KyselyPlugin } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../audit/audit-store.js';
import { createCustomer } from '../customers/customer-commands.js';
import { importCheckJob, importRunJob, importUndoJob } from '../imports/import-jobs.js';
import type { Db } from '../platform/database/connect.js';
import { newId } from '../platform/ids.js';
import { createJobWorker } from '../platform/jobs/job-worker.js';
import { testApp, type Client, type TestApp } from '../test/app.js';
import { startReceiver, type RapportEvent, type Receiver } from '../test/webhook-receiver.js';
import { webhookDeliverJob } from './webhook-delivery-job.js';
import { webhookEventTypes } from './webhook-rules.js';

/**
 * Every event type raised by its real write through the API, received by a real HTTP server on
 * 127.0.0.1 that checks the signature as the README says, and stored row by row in the delivery
 * log. Events come from one place (the audit trail's outbox): a write that rolls back sends
 * nothing, a private fact's event never carries what it says, and an import of many customers
 * reads the subscriptions a handful of times, not once a customer.
 */

let t: TestApp;
let admin: Client;
let manager: Client;
let clerk: Client;
let receiver: Receiver;
let subscriptionId: string;

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin', { name: 'Ada Admin' });
  manager = await t.signIn('manager', { name: 'Nora Manager' });
  clerk = await t.signIn('frontline', { name: 'Cleo Clerk' });
  receiver = await startReceiver();
  const created = await admin.post('/api/v1/webhooks', { name: 'Everything', url: receiver.url, eventTypes: [...webhookEventTypes] });
  expect(created.status).toBe(201);
  subscriptionId = created.body.id;
  receiver.secret = created.body.secret;
});
afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

const worker = (db: Db = t.database.db) =>
  createJobWorker({ database: { db, engine: t.database.engine }, kinds: [webhookDeliverJob, importCheckJob, importRunJob, importUndoJob], log: pino({ level: 'silent' }) });

/** Runs the queue, then the events received since `from`, of one type. */
async function sent(type: string, from: number): Promise<RapportEvent[]> {
  await worker().runDue();
  return receiver.received.slice(from).filter((r) => r.verified && r.event?.type === type).map((r) => r.event!);
}

const deliveriesOfEvent = (eventId: string) => t.database.db.selectFrom('webhookDeliveries').selectAll().where('eventId', '=', eventId).execute();

/** The delivery of one event as stored: delivered once, its body the bytes received, its customer named. */
async function expectStored(event: RapportEvent, customerId: string | null) {
  const rows = await deliveriesOfEvent(event.id);
  expect(rows).toHaveLength(1);
  const received = receiver.received.find((r) => r.headers['x-rapport-delivery'] === rows[0]!.id)!;
  expect(rows[0]).toMatchObject({ subscriptionId, eventType: event.type, customerId, originalCustomerId: customerId, status: 'delivered', attempts: 1, lastStatusCode: 204, lastError: null });
  expect(rows[0]!.payload).toBe(received.body);
  expect(received.headers['x-rapport-event']).toBe(event.type);
  // The event's id is the id of the audit entry that raised it.
  expect(await t.database.db.selectFrom('auditEvents').select('id').where('id', '=', event.id).executeTakeFirst()).toBeDefined();
}

async function newCustomer(givenName: string, familyName: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await clerk.post('/api/v1/customers', { givenName, familyName, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

describe('events from real writes', () => {
  it('customer.created: one event with the new customer and the contact points written with them', async () => {
    const from = receiver.received.length;
    const id = await newCustomer('Ines', 'Duarte', { emails: [{ address: 'ines@example.com' }], phones: [{ number: '217 555 0188' }] });
    const [event, more] = await sent('customer.created', from);
    expect(more).toBeUndefined();
    expect(event).toMatchObject({
      type: 'customer.created',
      data: {
        action: 'create',
        customerId: id,
        entityType: 'customer',
        entityId: id,
        record: { id, givenName: 'Ines', familyName: 'Duarte', displayName: 'Ines Duarte', createdBy: clerk.staffId, emails: [expect.objectContaining({ address: 'ines@example.com' })], phones: [expect.objectContaining({ e164: '+12175550188' })] },
      },
    });
    expect(Date.parse(event!.occurredAt)).not.toBeNaN();
    // No customer.changed for the contact points of a new customer.
    expect(receiver.received.slice(from).filter((r) => r.event?.type === 'customer.changed')).toEqual([]);
    await expectStored(event!, id);
  });

  it('customer.changed: a profile change says what changed; a new email says which record', async () => {
    const id = await newCustomer('Ravi', 'Patel');
    let from = receiver.received.length;
    expect((await clerk.patch(`/api/v1/customers/${id}`, { preferredName: 'Rav' })).status).toBe(200);
    const [changed] = await sent('customer.changed', from);
    expect(changed!.data).toMatchObject({ action: 'update', customerId: id, entityType: 'customer', entityId: id, record: { preferredName: 'Rav', givenName: 'Ravi' }, changes: { before: { preferredName: null }, after: { preferredName: 'Rav' } } });
    await expectStored(changed!, id);

    from = receiver.received.length;
    expect((await clerk.post(`/api/v1/customers/${id}/emails`, { address: 'ravi@example.com' })).status).toBe(201);
    const [email] = await sent('customer.changed', from);
    expect(email!.data).toMatchObject({ action: 'create', customerId: id, entityType: 'email', record: { address: 'ravi@example.com' } });
    await expectStored(email!, id);
  });

  it('customer.merged through the merge API; the merged record’s log moves to the survivor, and back with an undo', async () => {
    const survivor = await newCustomer('Robert', 'Smith', { phones: [{ number: '312 555 0142' }] });
    const merged = await newCustomer('Bob', 'Smith', { phones: [{ number: '312 555 0142' }] });
    await worker().runDue();
    const mergedLog = await t.database.db.selectFrom('webhookDeliveries').select(['id', 'customerId', 'originalCustomerId']).where('originalCustomerId', '=', merged).execute();
    expect(mergedLog).toHaveLength(1);

    const from = receiver.received.length;
    const receipt = await manager.post(`/api/v1/customers/${survivor}/merge`, { mergedId: merged, reason: 'Same phone' });
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(200);
    const [event] = await sent('customer.merged', from);
    expect(event!.data).toMatchObject({ action: 'merge', customerId: survivor, entityType: 'customer', entityId: survivor, mergedCustomerId: merged, mergeId: receipt.body.mergeId, record: { id: survivor } });
    expect(event!.data.record).not.toHaveProperty('mergedName');
    await expectStored(event!, survivor);
    expect(await t.database.db.selectFrom('webhookDeliveries').select(['id', 'customerId', 'originalCustomerId']).where('id', '=', mergedLog[0]!.id).execute()).toEqual([{ id: mergedLog[0]!.id, customerId: survivor, originalCustomerId: merged }]);

    const undoFrom = receiver.received.length;
    expect((await manager.post(`/api/v1/merges/${receipt.body.mergeId}/undo`)).status).toBe(200);
    const changes = await sent('customer.changed', undoFrom);
    expect(changes.map((e) => [e.data.action, e.data.customerId])).toEqual(expect.arrayContaining([['unmerge', survivor], ['restore', merged]]));
    expect(await t.database.db.selectFrom('webhookDeliveries').select(['customerId']).where('id', '=', mergedLog[0]!.id).execute()).toEqual([{ customerId: merged }]);
  });

  it('interaction.logged, transaction.recorded, promise.changed and case.changed from their writes', async () => {
    const id = await newCustomer('Katie', 'Nolan');
    let from = receiver.received.length;
    const interaction = (await clerk.post('/api/v1/interactions', { customerId: id, channel: 'call', direction: 'inbound', summary: 'Asked about the boiler service' })).body.id;
    const [logged] = await sent('interaction.logged', from);
    expect(logged!.data).toMatchObject({ action: 'create', customerId: id, entityType: 'interaction', entityId: interaction, interactionId: interaction, record: { summary: 'Asked about the boiler service', channel: 'call', direction: 'inbound' } });
    await expectStored(logged!, id);

    from = receiver.received.length;
    const purchase = await clerk.post('/api/v1/transactions', { customerId: id, kind: 'purchase', currency: 'GBP', items: [{ description: 'Boiler service', quantity: 1, unitPriceMinor: 8900 }] });
    expect(purchase.status, JSON.stringify(purchase.body)).toBe(201);
    const [recorded] = await sent('transaction.recorded', from);
    expect(recorded!.data).toMatchObject({ action: 'create', customerId: id, transactionId: purchase.body.id, record: { kind: 'purchase', amountMinor: 8900, currency: 'GBP' } });
    expect(JSON.stringify(recorded!.data.record)).toContain('Boiler service');
    await expectStored(recorded!, id);

    from = receiver.received.length;
    const promise = (await clerk.post('/api/v1/promises', { customerId: id, what: 'Call back with a quote', dueAt: new Date(Date.now() + 86_400_000).toISOString() })).body.id;
    expect((await clerk.post(`/api/v1/promises/${promise}/keep`, {})).status).toBe(200);
    const promises = await sent('promise.changed', from);
    expect(promises.map((e) => e.data.action)).toEqual(['create', 'update']);
    expect(promises[0]!.data).toMatchObject({ promiseId: promise, record: { what: 'Call back with a quote', status: 'open' } });
    expect(promises[1]!.data).toMatchObject({ promiseId: promise, changes: { before: { status: 'open' }, after: { status: 'kept' } } });
    for (const e of promises) await expectStored(e, id);

    from = receiver.received.length;
    const opened = (await clerk.post('/api/v1/cases', { customerId: id, subject: 'Boiler leaks' })).body.id;
    expect((await clerk.patch(`/api/v1/cases/${opened}`, { priority: 'high' })).status).toBe(200);
    const cases = await sent('case.changed', from);
    expect(cases.map((e) => [e.data.action, e.data.caseId])).toEqual([
      ['create', opened],
      ['update', opened],
    ]);
    expect(cases[0]!.data.record).toMatchObject({ subject: 'Boiler leaks' });
    expect(cases[1]!.data.changes).toMatchObject({ after: { priority: 'high' } });
    for (const e of cases) await expectStored(e, id);
  });

  it('sends a subscription only the types it chose, and a paused one nothing', async () => {
    const other = await startReceiver();
    try {
      const made = await admin.post('/api/v1/webhooks', { name: 'Cases only', url: other.url, eventTypes: ['case.changed'] });
      other.secret = made.body.secret;
      const id = await newCustomer('Tom', 'Reyes');
      await clerk.post('/api/v1/cases', { customerId: id, subject: 'Quote please' });
      await worker().runDue();
      expect(other.events().map((e) => e.type)).toEqual(['case.changed']);

      await admin.patch(`/api/v1/webhooks/${made.body.id}`, { active: false });
      await clerk.post('/api/v1/cases', { customerId: id, subject: 'Second quote' });
      await worker().runDue();
      expect(other.events()).toHaveLength(1);
      expect(await t.database.db.selectFrom('webhookDeliveries').select('id').where('subscriptionId', '=', made.body.id).execute()).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});

describe('what is never sent', () => {
  it('nothing for a write that rolled back', async () => {
    const deliveries = async () => (await t.database.db.selectFrom('webhookDeliveries').select('id').execute()).length;
    const jobs = async () => (await t.database.db.selectFrom('jobs').select('id').where('kind', '=', 'webhooks.deliver').execute()).length;
    const [beforeDeliveries, beforeJobs] = [await deliveries(), await jobs()];
    class Refused extends Error {}
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await createCustomer(trx, { actor: null, phoneRegion: 'US' }, { givenName: 'Never', familyName: 'Committed' });
        expect((await trx.selectFrom('webhookDeliveries').select('id').execute()).length).toBe(beforeDeliveries + 1);
        throw new Refused();
      }),
    ).rejects.toThrow(Refused);
    expect([await deliveries(), await jobs()]).toEqual([beforeDeliveries, beforeJobs]);
    const from = receiver.received.length;
    await worker().runDue();
    expect(receiver.received.slice(from).filter((r) => r.body.includes('Committed'))).toEqual([]);
  });

  it('a private fact’s event carries ids only; a private note sends nothing', async () => {
    const id = await newCustomer('Priya', 'Shah');
    const from = receiver.received.length;
    expect((await clerk.post('/api/v1/notes', { customerId: id, body: 'Going through a divorce', sensitivity: 'private' })).status).toBe(201);
    // No event type covers notes; the audit trail's privacy rule is what guards the event types that may one day hold private rows.
    const interactionId = newId();
    await t.database.db.transaction().execute((trx) =>
      recordAudit(trx, { staffId: clerk.staffId, tokenId: null }, {
        action: 'create',
        entityType: 'interaction',
        entityId: interactionId,
        customerId: id,
        after: { id: interactionId, customerId: id, summary: 'Told us about the diagnosis', sensitivity: 'private', createdBy: clerk.staffId, audienceLocationId: null },
      }),
    );
    const [event] = await sent('interaction.logged', from);
    expect(event!.data).toEqual({ action: 'create', customerId: id, entityType: 'interaction', entityId: interactionId, interactionId });
    const bodies = receiver.received.slice(from).map((r) => r.body).join('\n');
    expect(bodies).not.toContain('diagnosis');
    expect(bodies).not.toContain('divorce');
    const stored = await deliveriesOfEvent(event!.id);
    expect(stored[0]!.payload).not.toContain('diagnosis');
  });
});

describe('an import of many customers', () => {
  const csv = (prefix: string, n: number) =>
    ['Email Address,First Name,Last Name', ...Array.from({ length: n }, (_, i) => `${prefix}${i}@import.example,${prefix}${String.fromCharCode(65 + (i % 26))}${i},Importer${Math.floor(i / 26)}`)].join('\n');

  /** Imports a CSV in the background, counting the queries that read the subscriptions. */
  async function importCounting(name: string, body: string) {
    const started = await manager.request('POST', `/api/v1/imports?fileName=${name}&source=shop-${name}`, body, { headers: { 'content-type': 'text/csv' } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    await worker().runDue();
    expect((await manager.post(`/api/v1/imports/${started.body.id}/commit`)).status).toBe(202);
    const counts = { subscriptionReads: 0, queries: 0 };
    const counter: KyselyPlugin = {
      transformQuery: ({ node }) => {
        counts.queries++;
        if (/"webhook_?subscriptions"/i.test(JSON.stringify(node))) counts.subscriptionReads++;
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    await createJobWorker({ database: { db: t.database.db.withPlugin(counter), engine: t.database.engine }, kinds: [importRunJob], log: pino({ level: 'silent' }) }).runDue();
    const done = (await manager.get(`/api/v1/imports/${started.body.id}`)).body;
    expect(done.status, JSON.stringify(done)).toBe('done');
    return { created: done.result.created as number, ...counts };
  }

  const customerCreatedDeliveries = async () => (await t.database.db.selectFrom('webhookDeliveries').select('id').where('eventType', '=', 'customer.created').execute()).length;

  it('with no active subscription: no delivery, and the subscriptions read a few times, not once a customer', async () => {
    await admin.patch(`/api/v1/webhooks/${subscriptionId}`, { active: false });
    try {
      const before = await customerCreatedDeliveries();
      const run = await importCounting('quiet', csv('quiet', 300));
      expect(run.created).toBe(300);
      expect(await customerCreatedDeliveries()).toBe(before);
      expect(run.subscriptionReads).toBeGreaterThan(0);
      expect(run.subscriptionReads).toBeLessThanOrEqual(10);
    } finally {
      await admin.patch(`/api/v1/webhooks/${subscriptionId}`, { active: true });
    }
  });

  it('with one: a delivery per new customer, the subscriptions still read a few times', async () => {
    const before = await customerCreatedDeliveries();
    const run = await importCounting('loud', csv('loud', 300));
    expect(run.created).toBe(300);
    expect(await customerCreatedDeliveries()).toBe(before + 300);
    expect(run.subscriptionReads).toBeLessThanOrEqual(10);
    const from = receiver.received.length;
    await worker().runDue();
    const created = receiver.received.slice(from).filter((r) => r.verified && r.event?.type === 'customer.created');
    expect(created).toHaveLength(300);
    expect(new Set(created.map((r) => r.event!.data.customerId)).size).toBe(300);
    expect(created.map((r) => (r.event!.data.record as { emails?: { address: string }[] }).emails?.[0]?.address)).toContain('loud7@import.example');
  });
});
