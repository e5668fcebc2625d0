import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app/app.js';
import { exportAll } from '../cli/export-command.js';
import type { App } from '../platform/http/types.js';
import { testApp, type Client, type TestApp } from '../test/app.js';
import type { CallOut } from './phone-schemas.js';
import { signatureHeaderValue } from '../platform/http/signature.js';

/**
 * The phone system's webhook over HTTP, on SQLite and PostgreSQL: the signature (missing, wrong,
 * stale, right), bad input, a call rung, answered and ended (one contact with its length), a missed
 * call (the customer waits), the same event twice, an unknown caller, the rate limit, the staff
 * extension an admin sets, and what erasure leaves of a call. Rows are read back after each write.
 */

const secret = 'phone-system-secret-for-the-tests-0123';
let t: TestApp;
let admin: Client;
let agent: Client;
let jim: string;
let calls = 0;

const url = '/api/v1/phone/calls';
const nowSeconds = () => Math.floor(Date.now() / 1000);
const post = (app: App, body: unknown, options: { secret?: string; at?: number; header?: string | null; remoteAddress?: string } = {}) => {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  const header = options.header === undefined ? signatureHeaderValue(options.secret ?? secret, options.at ?? nowSeconds(), payload) : options.header;
  return app.inject({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': 'application/json', ...(header === null ? {} : { 'x-rapport-signature': header }) },
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
  });
};
const send = async (body: Record<string, unknown>) => {
  const res = await post(t.app, body);
  return { status: res.statusCode, body: JSON.parse(res.body) as Answer };
};
/** A call as the webhook answers it, or a problem. */
type Answer = Partial<CallOut> & { errors?: { path: string }[]; detail?: string };
const newCallId = () => `pbx-call-${++calls}`;
const callRow = (callId: string) => t.database.db.selectFrom('phoneCalls').selectAll().where('externalCallId', '=', callId).executeTakeFirstOrThrow();
const callCount = async () => Number((await t.database.db.selectFrom('phoneCalls').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const contactsOf = (callId: string) => t.database.db.selectFrom('interactions').selectAll().where('source', '=', 'phone').where('sourceRecordId', '=', callId).execute();
const auditsOf = (id: string) => t.database.db.selectFrom('auditEvents').selectAll().where('entityId', '=', id).orderBy('at').orderBy('id').execute();
const stateOf = (customerId: string) => t.database.db.selectFrom('contactStates').selectAll().where('customerId', '=', customerId).executeTakeFirst();
const paths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path).sort();

beforeAll(async () => {
  t = await testApp({ config: { phoneWebhookSecret: secret } });
  admin = await t.signIn('admin', { name: 'Ada Admin' });
  agent = await t.signIn('frontline', { name: 'Earl Hughes' });
  expect((await admin.patch(`/api/v1/staff/${agent.staffId}`, { phoneExtension: '214' })).status).toBe(200);
  jim = (await agent.post('/api/v1/customers', { displayName: 'Jim Alvarez', phones: [{ number: '(217) 555-0142' }] })).body.id;
  // A household's landline: two customers have this number.
  for (const name of ['Sam One', 'Sam Two']) await agent.post('/api/v1/customers', { displayName: name, phones: [{ number: '217-555-0100' }] });
});
afterAll(() => t.close());

describe('the signature', () => {
  const ringing = () => ({ callId: newCallId(), event: 'ringing', from: '+12175550142', extension: '214' });

  it('is required: without it, with another secret, a changed body or an old time the answer is 401 and nothing is stored', async () => {
    const before = await callCount();
    const body = JSON.stringify(ringing());
    const refused = [
      await post(t.app, body, { header: null }),
      await post(t.app, body, { secret: 'not-the-shared-secret-at-all' }),
      await post(t.app, body, { header: signatureHeaderValue(secret, nowSeconds(), body.replace('ringing', 'ended')) }),
      await post(t.app, body, { at: nowSeconds() - 301 }),
      await post(t.app, body, { header: 'v1=deadbeef' }),
    ];
    for (const res of refused) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(JSON.parse(refused[0]!.body).detail).toMatch(/x-rapport-signature/);
    expect(JSON.parse(refused[3]!.body).detail).toMatch(/more than 5 minutes/);
    expect(await callCount()).toBe(before);
  });

  it('is checked before the body is read as JSON: an unsigned broken body is 401, a signed one 400', async () => {
    expect((await post(t.app, '{"callId":', { header: null })).statusCode).toBe(401);
    expect((await post(t.app, '{"callId":')).statusCode).toBe(400);
  });

  it('is taken when right, and four minutes old', async () => {
    const res = await post(t.app, ringing(), { at: nowSeconds() - 240 });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ state: 'ringing', recorded: true, customerId: jim, staffId: agent.staffId });
  });

  it('means nothing while the webhook is off: 404 even when signed', async () => {
    const off = await buildApp({ config: { ...t.app.config, phoneWebhookSecret: undefined }, database: t.database, logger: false, webRoot: null });
    try {
      const res = await post(off, ringing());
      expect(res.statusCode).toBe(404);
      expect(JSON.parse(res.body).detail).toMatch(/RAPPORT_PHONE_WEBHOOK_SECRET/);
    } finally {
      await off.close();
    }
  });
});

describe('bad input', () => {
  it('is refused with 400 naming the fields the schema refuses', async () => {
    const before = await callCount();
    const res = await send({ callId: 'x', event: 'hung_up', from: '', extension: 'two one four', durationSeconds: -1, surprise: 1 });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(expect.arrayContaining(['/body/event', '/body/from', '/body/extension', '/body/durationSeconds', '/body/surprise']));
    expect(paths(await send({ event: 'ringing', from: '+12175550142' }).then((r) => r.body))).toEqual(['/body/callId']);
    expect(await callCount()).toBe(before);
  });

  it('is refused when too large (413) or not JSON (415), signed or not', async () => {
    const huge = JSON.stringify({ callId: 'x'.repeat(20_000), event: 'ringing', from: '+12175550142' });
    expect((await post(t.app, huge)).statusCode).toBe(413);
    expect((await post(t.app, huge, { header: null })).statusCode).toBe(413);
    const text = await t.app.inject({ method: 'POST', url, payload: 'ringing', headers: { 'content-type': 'text/plain', 'x-rapport-signature': signatureHeaderValue(secret, nowSeconds(), 'ringing') } });
    expect(text.statusCode).toBe(415);
    expect(text.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('is refused with 422 naming the field when it breaks a rule', async () => {
    const before = await callCount();
    const blank = await send({ callId: '   ', event: 'ringing', from: '+12175550142' });
    expect([blank.status, paths(blank.body)]).toEqual([422, ['/body/callId']]);
    const early = await send({ callId: newCallId(), event: 'answered', from: '+12175550142', durationSeconds: 5 });
    expect([early.status, paths(early.body)]).toEqual([422, ['/body/durationSeconds']]);
    const ancient = await send({ callId: newCallId(), event: 'ringing', from: '+12175550142', at: '1850-01-01T00:00:00Z' });
    expect([ancient.status, paths(ancient.body)]).toEqual([422, ['/body/at']]);
    expect(await callCount()).toBe(before);
  });
});

describe('a call from a customer', () => {
  it('rings: stored with the customer its number matches in another format, the agent, and an audit row by Rapport itself', async () => {
    const callId = newCallId();
    const res = await send({ callId, event: 'ringing', from: '+12175550142', to: '+1 217 555 0100', extension: '214', at: '2026-03-02T10:00:00Z' });
    expect(res.status).toBe(200);
    const row = await callRow(callId);
    expect(row).toMatchObject({
      externalCallId: callId,
      callerNumber: '+12175550142',
      callerE164: '+12175550142',
      dialledNumber: '+1 217 555 0100',
      called: '214',
      staffId: agent.staffId,
      customerId: jim,
      state: 'ringing',
      startedAt: '2026-03-02T10:00:00.000Z',
      answeredAt: null,
      endedAt: null,
      durationSeconds: null,
      interactionId: null,
    });
    expect(res.body).toEqual({
      id: row.id,
      callId,
      state: 'ringing',
      recorded: true,
      customerId: jim,
      staffId: agent.staffId,
      interactionId: null,
      startedAt: '2026-03-02T10:00:00.000Z',
      answeredAt: null,
      endedAt: null,
      durationSeconds: null,
    });
    const audits = await auditsOf(row.id);
    expect(audits.map((a) => [a.action, a.entityType, a.staffId, a.customerId])).toEqual([['create', 'phone_call', null, jim]]);
    expect(await contactsOf(callId)).toEqual([]);
  });

  it('answered and ended: one contact, a call with its length, by the agent, linked from the call; the end again changes nothing', async () => {
    const callId = newCallId();
    await send({ callId, event: 'ringing', from: '(217) 555-0142', extension: '214', at: '2026-03-02T11:00:00Z' });
    const answered = await send({ callId, event: 'answered', from: '(217) 555-0142', extension: '214', at: '2026-03-02T11:00:08Z' });
    expect(answered.body).toMatchObject({ state: 'answered', recorded: true, answeredAt: '2026-03-02T11:00:08.000Z' });
    const ended = await send({ callId, event: 'ended', from: '(217) 555-0142', at: '2026-03-02T11:04:20Z', durationSeconds: 252 });
    expect(ended.status).toBe(200);
    const [contact, ...more] = await contactsOf(callId);
    expect(more).toEqual([]);
    expect(contact).toMatchObject({
      customerId: jim,
      channel: 'call',
      direction: 'inbound',
      occurredAt: '2026-03-02T11:00:00.000Z',
      staffId: agent.staffId,
      summary: 'Phone call from +1 217 555 0142, answered by Earl Hughes: 4 min 12 s.',
      source: 'phone',
      sourceRecordId: callId,
      createdBy: null,
    });
    const row = await callRow(callId);
    expect(row).toMatchObject({ state: 'answered', answeredAt: '2026-03-02T11:00:08.000Z', endedAt: '2026-03-02T11:04:20.000Z', durationSeconds: 252, interactionId: contact!.id });
    expect(ended.body).toMatchObject({ recorded: true, state: 'answered', interactionId: contact!.id, durationSeconds: 252 });
    expect((await auditsOf(contact!.id)).map((a) => [a.action, a.entityType, a.staffId])).toEqual([['create', 'interaction', null]]);
    expect((await auditsOf(row.id)).map((a) => a.action)).toEqual(['create', 'update', 'update', 'update']);

    const again = await send({ callId, event: 'ended', from: '(217) 555-0142', at: '2026-03-02T11:04:21Z', durationSeconds: 253 });
    expect(again.body).toMatchObject({ recorded: false, durationSeconds: 252, interactionId: contact!.id });
    const late = await send({ callId, event: 'answered', from: '(217) 555-0142' });
    expect(late.body).toMatchObject({ recorded: false, state: 'answered' });
    expect(await contactsOf(callId)).toHaveLength(1);
    expect(await callRow(callId)).toEqual(row);
    expect(await auditsOf(row.id)).toHaveLength(4);
  });

  it('loses its link to the contact while that contact is in the trash, and gets it back with it', async () => {
    const manager = await t.signIn('manager');
    const callId = newCallId();
    await send({ callId, event: 'ended', from: '+12175550142', extension: '214', durationSeconds: 12 });
    const { interactionId } = await callRow(callId);
    expect(interactionId).not.toBeNull();
    const deleted = await manager.delete(`/api/v1/interactions/${interactionId}`);
    expect(deleted.status).toBe(200);
    expect((await callRow(callId)).interactionId).toBeNull();
    expect((await manager.post(`/api/v1/trash/${deleted.body.trashId}/restore`)).status).toBe(200);
    expect((await callRow(callId)).interactionId).toBe(interactionId);
  });

  it('the same end delivered twice at once: still one contact', async () => {
    const callId = newCallId();
    await send({ callId, event: 'ringing', from: '+12175550142', extension: '214' });
    const both = await Promise.all([1, 2].map(() => send({ callId, event: 'ended', from: '+12175550142' })));
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(both.map((r) => r.body.recorded).sort()).toEqual([false, true]);
    expect(await contactsOf(callId)).toHaveLength(1);
  });

  it('missed: a missed call on the customer, who is then waiting; an answered call later answers them', async () => {
    const customer = (await agent.post('/api/v1/customers', { displayName: 'Diane Foster', phones: [{ number: '217.555.0143' }] })).body.id as string;
    const callId = newCallId();
    await send({ callId, event: 'ringing', from: '+1 217 555 0143', extension: '214', at: '2026-03-03T16:05:00Z' });
    const ended = await send({ callId, event: 'ended', from: '+1 217 555 0143', at: '2026-03-03T16:05:40Z' });
    expect(ended.body).toMatchObject({ state: 'missed', recorded: true, durationSeconds: null });
    const [contact] = await contactsOf(callId);
    expect(contact).toMatchObject({
      customerId: customer,
      channel: 'missed_call',
      direction: 'inbound',
      occurredAt: '2026-03-03T16:05:00.000Z',
      staffId: agent.staffId,
      summary: 'Missed call from +1 217 555 0143: nobody answered (it rang Earl Hughes). Call them back.',
    });
    expect(await callRow(callId)).toMatchObject({ state: 'missed', answeredAt: null, endedAt: '2026-03-03T16:05:40.000Z', durationSeconds: null, interactionId: contact!.id });
    expect(await stateOf(customer)).toMatchObject({ waitingSince: '2026-03-03T16:05:00.000Z', waitingCount: 1, waitingChannels: 'missed_call', waitingFirstInteractionId: contact!.id });
    const waiting = (await agent.get('/api/v1/waiting')).body;
    expect(JSON.stringify(waiting)).toContain(customer);

    const back = newCallId();
    await send({ callId: back, event: 'answered', from: '+12175550143', extension: '214', at: '2026-03-03T17:00:00Z' });
    await send({ callId: back, event: 'ended', from: '+12175550143', at: '2026-03-03T17:02:00Z' });
    expect((await contactsOf(back))[0]).toMatchObject({ channel: 'call', summary: 'Phone call from +1 217 555 0143, answered by Earl Hughes: 2 min.' });
    expect(await stateOf(customer)).toMatchObject({ waitingSince: null, waitingCount: 0 });
  });

  it('reported only at its end, with a length and the agent’s email: answered, started that long before', async () => {
    const callId = newCallId();
    const email = (await admin.get(`/api/v1/staff/${agent.staffId}`)).body.email as string;
    const res = await send({ callId, event: 'ended', from: '2175550142', agentEmail: email.toUpperCase(), at: '2026-03-04T09:01:00Z', durationSeconds: 30 });
    expect(res.body).toMatchObject({ state: 'answered', recorded: true, customerId: jim, staffId: agent.staffId, durationSeconds: 30 });
    expect(await callRow(callId)).toMatchObject({ startedAt: '2026-03-04T09:00:30.000Z', answeredAt: '2026-03-04T09:00:30.000Z', endedAt: '2026-03-04T09:01:00.000Z', called: email.toUpperCase() });
    expect((await contactsOf(callId))[0]).toMatchObject({ channel: 'call', occurredAt: '2026-03-04T09:00:30.000Z', staffId: agent.staffId });
  });
});

describe('a call from a number no one, or several, have', () => {
  it('is kept as a call with no customer, and no contact, when it ends missed', async () => {
    const callId = newCallId();
    expect((await send({ callId, event: 'ringing', from: '+1 (217) 555-0199', extension: '214' })).body).toMatchObject({ customerId: null, staffId: agent.staffId });
    expect((await send({ callId, event: 'ended', from: '+1 (217) 555-0199' })).body).toMatchObject({ state: 'missed', recorded: true, interactionId: null });
    expect(await callRow(callId)).toMatchObject({ customerId: null, callerE164: '+12175550199', state: 'missed', interactionId: null });
    expect(await contactsOf(callId)).toEqual([]);
  });

  it('a withheld number and an unknown extension: kept, for no one', async () => {
    const callId = newCallId();
    expect((await send({ callId, event: 'ringing', from: 'anonymous', extension: '999' })).body).toMatchObject({ customerId: null, staffId: null });
    expect(await callRow(callId)).toMatchObject({ callerNumber: 'anonymous', callerE164: null, called: '999', staffId: null });
  });

  it('a number two customers share names neither', async () => {
    const callId = newCallId();
    await send({ callId, event: 'ringing', from: '+12175550100', extension: '214' });
    await send({ callId, event: 'ended', from: '+12175550100' });
    expect(await callRow(callId)).toMatchObject({ customerId: null, callerE164: '+12175550100' });
    expect(await contactsOf(callId)).toEqual([]);
  });
});

describe('the rate limit', () => {
  it('never throttles a phone system that signs, and throttles an address that keeps sending bad signatures', async () => {
    const limited = await buildApp({ config: t.app.config, database: t.database, logger: false, webRoot: null, rateLimitPerMinute: 3 });
    try {
      const address = '198.51.100.20';
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await post(limited, { callId: newCallId(), event: 'ringing', from: '+12175550199' }, { remoteAddress: address })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
      const forged = () => post(limited, { callId: newCallId(), event: 'ringing', from: '+12175550199' }, { secret: 'guessing-the-secret-here', remoteAddress: '203.0.113.20' });
      const refused: number[] = [];
      for (let i = 0; i < 4; i++) refused.push((await forged()).statusCode);
      expect(refused).toEqual([401, 401, 401, 429]);
      // The phone system's own address is not held to the forger's budget.
      expect((await post(limited, { callId: newCallId(), event: 'ringing', from: '+12175550199' }, { remoteAddress: address })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('the staff extension', () => {
  it('is set and cleared by admins, shown to admins only, unique, and audited', async () => {
    const other = await t.signIn('frontline', { name: 'Otto Other' });
    const set = await admin.patch(`/api/v1/staff/${other.staffId}`, { phoneExtension: '215' });
    expect(set.status).toBe(200);
    expect(set.body.phoneExtension).toBe('215');
    expect((await t.database.db.selectFrom('staff').select('phoneExtension').where('id', '=', other.staffId).executeTakeFirstOrThrow()).phoneExtension).toBe('215');
    const [audit] = (await auditsOf(other.staffId)).filter((a) => a.action === 'update');
    expect(JSON.parse(audit!.diff!)).toMatchObject({ before: { phoneExtension: null }, after: { phoneExtension: '215' } });
    expect((await other.get(`/api/v1/staff/${other.staffId}`)).body).not.toHaveProperty('phoneExtension');
    expect(JSON.stringify((await other.get('/api/v1/staff')).body)).not.toContain('phoneExtension');
    expect(JSON.stringify((await other.get('/api/v1/auth/me')).body)).not.toContain('215');

    const taken = await admin.patch(`/api/v1/staff/${other.staffId}`, { phoneExtension: '214' });
    expect([taken.status, paths(taken.body)]).toEqual([409, ['/body/phoneExtension']]);
    const bad = await admin.patch(`/api/v1/staff/${other.staffId}`, { phoneExtension: '2 15' });
    expect([bad.status, paths(bad.body)]).toEqual([400, ['/body/phoneExtension']]);
    expect((await other.patch(`/api/v1/staff/${other.staffId}`, { phoneExtension: '216' })).status).toBe(403);
    expect((await admin.patch(`/api/v1/staff/${other.staffId}`, { phoneExtension: '215' })).status).toBe(200);

    const cleared = await admin.patch(`/api/v1/staff/${other.staffId}`, { phoneExtension: null });
    expect(cleared.body.phoneExtension).toBeNull();
    const callId = newCallId();
    expect((await send({ callId, event: 'ringing', from: '+12175550142', extension: '215' })).body.staffId).toBeNull();
  });
});

describe('erasure', () => {
  it('keeps when a call came and how long it lasted, and loses the numbers', async () => {
    const customer = (await agent.post('/api/v1/customers', { displayName: 'Erin Erased', phones: [{ number: '(217) 555-0177' }] })).body.id as string;
    const callId = newCallId();
    await send({ callId, event: 'answered', from: '(217) 555-0177', extension: '214', at: '2026-03-05T10:00:00Z' });
    await send({ callId, event: 'ended', from: '(217) 555-0177', at: '2026-03-05T10:03:00Z' });
    expect((await admin.post(`/api/v1/customers/${customer}/erase`, { reason: 'Asked by letter' })).status).toBe(200);
    expect(await callRow(callId)).toMatchObject({
      customerId: customer,
      callerNumber: null,
      callerE164: null,
      state: 'answered',
      startedAt: '2026-03-05T10:00:00.000Z',
      endedAt: '2026-03-05T10:03:00.000Z',
      durationSeconds: 180,
    });
  });
});

describe('a caller’s whole record', () => {
  it('takes their calls to the trash and back, to the survivor of a merge and back with its undo, and into the export', async () => {
    const manager = await t.signIn('manager');
    const caller = (await agent.post('/api/v1/customers', { displayName: 'Tess Trashed', phones: [{ number: '(217) 555-0181' }] })).body.id as string;
    const other = (await agent.post('/api/v1/customers', { displayName: 'Tess Kept', phones: [{ number: '(217) 555-0182' }] })).body.id as string;
    const callId = newCallId();
    await send({ callId, event: 'answered', from: '(217) 555-0181', extension: '214', at: '2026-03-06T09:00:00Z' });
    await send({ callId, event: 'ended', from: '(217) 555-0181', at: '2026-03-06T09:02:00Z' });
    const before = await callRow(callId);
    expect(before.customerId).toBe(caller);

    const receipt = (await admin.delete(`/api/v1/customers/${caller}`)).body;
    expect(await t.database.db.selectFrom('phoneCalls').select('id').where('id', '=', before.id).execute()).toEqual([]);
    expect((await manager.post(`/api/v1/trash/${receipt.trashId}/restore`)).status).toBe(200);
    expect(await callRow(callId)).toEqual(before);

    const merged = await manager.post(`/api/v1/customers/${other}/merge`, { mergedId: caller, reason: 'One person, two records' });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect((await callRow(callId)).customerId).toBe(other);
    expect((await manager.post(`/api/v1/merges/${merged.body.mergeId}/undo`)).status).toBe(200);
    expect(await callRow(callId)).toEqual(before);

    const lines: string[] = [];
    await exportAll(t.database.db, new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(...chunk.toString().split('\n').filter(Boolean)), done()) }));
    const exported = lines.map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> }).filter((r) => r.type === 'phoneCall' && r.data.id === before.id);
    expect(exported.map((r) => [r.data.customerId, r.data.externalCallId, r.data.durationSeconds])).toEqual([[caller, callId, 120]]);
  });
});
