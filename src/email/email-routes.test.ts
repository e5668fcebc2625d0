import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenClient, type TokenClient } from '../test/bearer.js';
import type { Client } from '../test/app.js';
import { mailWorld, type MailWorld } from './mail-test-kit.js';

/**
 * The email endpoints over HTTP: what each answers, its bad input (400 for what cannot be read, 422
 * naming the field for what breaks a rule), who may call it (401, 403 for a read-only token), and
 * what each write stores and audits.
 */

let w: MailWorld;
let clerk: Client;
let readOnly: TokenClient;

beforeAll(async () => {
  w = await mailWorld();
  clerk = await w.t.signIn('frontline');
  readOnly = await tokenClient(w.t, await w.t.signIn('admin'), 'read');
});
afterAll(() => w.close());

const uid = () => randomBytes(6).toString('hex');
const missing = '01900000-0000-7000-8000-000000000000';

/** A message from an unknown sender, waiting on the list; its id. */
async function waitingMail(subject = 'Unknown sender'): Promise<string> {
  const messageId = `u-${uid()}@else.example`;
  await w.send({ from: `someone-${uid()}@else.example`, to: 'support@shop.example', subject, text: 'Please file me', messageId: `<${messageId}>` });
  const row = await w.db.selectFrom('unfiledEmails').select('id').where('messageId', '=', messageId).executeTakeFirstOrThrow();
  return row.id;
}

describe('GET /interactions/{id}/email and its files', () => {
  it('answers 404 for a contact logged by hand (no email behind it), 400 for an id that is not one', async () => {
    const customer = await w.customer('Hand Logged', `hand-${uid()}@example.com`);
    const logged = await clerk.post('/api/v1/interactions', { customerId: customer, channel: 'email', direction: 'inbound', summary: 'Typed in' });
    expect(logged.status).toBe(201);
    expect((await clerk.get(`/api/v1/interactions/${logged.body.id}/email`)).status).toBe(404);
    const bad = await clerk.get('/api/v1/interactions/not-an-id/email');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('/params/id');
    expect((await clerk.get(`/api/v1/interactions/${logged.body.id}/attachments/${missing}`)).status).toBe(404);
    expect((await w.t.anonymous.get(`/api/v1/interactions/${logged.body.id}/email`)).status).toBe(401);
  });

  it('gives the whole email, and a file only under its own contact', async () => {
    const a = await w.customer('Ida A', `ida-${uid()}@example.com`);
    const address = (await w.db.selectFrom('emails').select('address').where('customerId', '=', a).executeTakeFirstOrThrow()).address;
    await w.send({ from: address, to: 'support@shop.example', cc: 'other@shop.example', subject: 'Photo', text: 'Here.', attachments: [{ filename: 'p.txt', content: 'hello' }] });
    const interaction = await w.db.selectFrom('interactions').select('id').where('customerId', '=', a).executeTakeFirstOrThrow();
    const email = await readOnly.get(`/api/v1/interactions/${interaction.id}/email`);
    expect(email.status).toBe(200);
    expect(email.body).toMatchObject({ interactionId: interaction.id, customerId: a, subject: 'Photo', from: address.toLowerCase(), to: ['support@shop.example'], cc: ['other@shop.example'], bodyText: 'Here.', receivedVia: 'smtp', references: [], skippedAttachments: [] });
    const other = await w.customer('Other', `other-${uid()}@example.com`);
    const otherContact = await clerk.post('/api/v1/interactions', { customerId: other, channel: 'visit', direction: 'inbound', summary: 'x' });
    expect((await clerk.get(`/api/v1/interactions/${otherContact.body.id}/attachments/${email.body.attachments[0].id}`)).status).toBe(404);
    const file = await clerk.get(email.body.attachments[0].url);
    expect(file.status).toBe(200);
    expect(file.raw.body).toBe('hello');
  });
});

describe('GET /customers/{id}/email-threads', () => {
  it('answers 404 for a customer who does not exist, 400 for a bad limit', async () => {
    expect((await clerk.get(`/api/v1/customers/${missing}/email-threads`)).status).toBe(404);
    const customer = await w.customer('No Mail', `nomail-${uid()}@example.com`);
    expect((await clerk.get(`/api/v1/customers/${customer}/email-threads`)).body).toEqual({ items: [] });
    const bad = await clerk.get(`/api/v1/customers/${customer}/email-threads?limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('/query/limit');
  });
});

describe('GET /unfiled-emails', () => {
  it('lists waiting mail by default, the latest first, page by page, and the other states when asked', async () => {
    const first = await waitingMail('first');
    const second = await waitingMail('second');
    const page = await clerk.get('/api/v1/unfiled-emails?limit=1');
    expect(page.status).toBe(200);
    expect(page.body.items.map((i: { id: string }) => i.id)).toEqual([second]);
    const next = await clerk.get(`/api/v1/unfiled-emails?limit=1&cursor=${encodeURIComponent(page.body.nextCursor)}`);
    expect(next.body.items.map((i: { id: string }) => i.id)).toEqual([first]);
    await clerk.post(`/api/v1/unfiled-emails/${first}/discard`);
    expect((await clerk.get('/api/v1/unfiled-emails?status=discarded')).body.items.map((i: { id: string }) => i.id)).toContain(first);
    expect((await clerk.get('/api/v1/unfiled-emails')).body.items.map((i: { id: string }) => i.id)).not.toContain(first);
    const bad = await clerk.get('/api/v1/unfiled-emails?status=lost');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('/query/status');
    expect((await w.t.anonymous.get('/api/v1/unfiled-emails')).status).toBe(401);
  });
});

describe('POST /unfiled-emails/{id}/file', () => {
  it('refuses what cannot be read (400), a customer who does not exist (422 naming the field), an unknown id (404)', async () => {
    const id = await waitingMail();
    const noCustomer = await clerk.post(`/api/v1/unfiled-emails/${id}/file`, {});
    expect(noCustomer.status).toBe(400);
    const badDirection = await clerk.post(`/api/v1/unfiled-emails/${id}/file`, { customerId: missing, direction: 'sideways' });
    expect(badDirection.status).toBe(400);
    expect(badDirection.body.errors[0].path).toBe('/body/direction');
    const unknown = await clerk.post(`/api/v1/unfiled-emails/${id}/file`, { customerId: missing });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ path: '/body/customerId', message: `customer ${missing} does not exist` }]);
    expect((await clerk.post(`/api/v1/unfiled-emails/${missing}/file`, { customerId: missing })).status).toBe(404);
    // Nothing was written by the refusals.
    expect(await w.db.selectFrom('unfiledEmails').select(['status', 'handledBy']).where('id', '=', id).executeTakeFirst()).toEqual({ status: 'waiting', handledBy: null });
  });

  it('is refused to a read-only token (403) and to no one signed in (401)', async () => {
    const id = await waitingMail();
    const customer = await w.customer('Token Test', `token-${uid()}@example.com`);
    expect((await readOnly.post(`/api/v1/unfiled-emails/${id}/file`, { customerId: customer })).status).toBe(403);
    expect((await readOnly.post(`/api/v1/unfiled-emails/${id}/discard`)).status).toBe(403);
    expect((await w.t.anonymous.post(`/api/v1/unfiled-emails/${id}/file`, { customerId: customer })).status).toBe(401);
    expect((await w.db.selectFrom('unfiledEmails').select('status').where('id', '=', id).executeTakeFirst())?.status).toBe('waiting');
  });

  it('files it the way asked, audits who filed it, and will not file it twice (409)', async () => {
    const id = await waitingMail('Filed outbound');
    const customer = await w.customer('Filed On', `filed-${uid()}@example.com`);
    const filed = await clerk.post(`/api/v1/unfiled-emails/${id}/file`, { customerId: customer, direction: 'outbound' });
    expect(filed.status).toBe(200);
    const interaction = await w.db.selectFrom('interactions').select(['id', 'direction', 'channel', 'staffId']).where('customerId', '=', customer).executeTakeFirstOrThrow();
    expect(interaction).toEqual({ id: filed.body.interactionId, direction: 'outbound', channel: 'email', staffId: clerk.staffId });
    const trail = await w.db.selectFrom('auditEvents').select(['action', 'staffId', 'customerId', 'diff']).where('entityType', '=', 'unfiled_email').where('entityId', '=', id).orderBy('id').execute();
    expect(trail.map((a) => [a.action, a.staffId])).toEqual([
      ['create', null],
      ['update', clerk.staffId],
    ]);
    expect(trail[1]!.customerId).toBe(customer);
    expect(JSON.parse(trail[1]!.diff!)).toMatchObject({ before: { status: 'waiting' }, after: { status: 'filed', interactionIds: [interaction.id] } });
    const again = await clerk.post(`/api/v1/unfiled-emails/${id}/file`, { customerId: customer });
    expect(again.status).toBe(409);
    expect((await clerk.post(`/api/v1/unfiled-emails/${id}/discard`)).status).toBe(409);
  });
});

describe('POST /unfiled-emails/{id}/discard', () => {
  it('discards it, forgets its source, and audits who did', async () => {
    const id = await waitingMail('Spam');
    const discarded = await clerk.post(`/api/v1/unfiled-emails/${id}/discard`);
    expect(discarded.status).toBe(200);
    expect(discarded.body).toMatchObject({ id, status: 'discarded', handledBy: clerk.staffId, filedInteractionIds: [] });
    expect(await w.db.selectFrom('unfiledEmails').select(['status', 'raw', 'handledBy']).where('id', '=', id).executeTakeFirst()).toEqual({ status: 'discarded', raw: '', handledBy: clerk.staffId });
    const trail = await w.db.selectFrom('auditEvents').select(['action', 'staffId']).where('entityType', '=', 'unfiled_email').where('entityId', '=', id).orderBy('id').execute();
    expect(trail).toEqual([
      { action: 'create', staffId: null },
      { action: 'update', staffId: clerk.staffId },
    ]);
    expect((await clerk.post(`/api/v1/unfiled-emails/${missing}/discard`)).status).toBe(404);
    expect((await clerk.post('/api/v1/unfiled-emails/nope/discard')).status).toBe(400);
  });
});
