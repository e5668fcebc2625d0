import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';
import { linkKey, openPromiseLink } from './promise-link-commands.js';
import { makeToken } from './promise-link-rules.js';

/**
 * The customer's own view of a promise: a link staff make and send, opened without signing in. It
 * shows what was promised, the date now expected, each change with its reason and who to contact
 * (first name, location), nothing else; an unknown, forged, revoked or expired link answers the same
 * 404; opening it is on the timeline and does not make the customer look as if they were waiting.
 */

let t: TestApp;
let agent: Client;
let manager: Client;
let customerId: string;
let promiseId: string;
const missing = '01900000-0000-7000-8000-000000000000';
const day = 86_400_000;

const open = (token: string) => t.anonymous.post('/api/v1/promise-links/open', { token });
const interactionCount = async () => (await t.database.db.selectFrom('interactions').select('id').where('customerId', '=', customerId).execute()).length;

beforeAll(async () => {
  t = await testApp();
  const admin = await t.signIn('admin');
  const centre = (await admin.post('/api/v1/locations', { name: 'Valley Connect call centre', timezone: 'America/Chicago' })).body.id;
  agent = await t.signIn('frontline', { locationIds: [centre], name: 'Samuel Ortega Delgado' });
  manager = await t.signIn('manager', { locationIds: [centre] });
  customerId = (await agent.post('/api/v1/customers', { givenName: 'Ellen', familyName: 'Farrow', emails: [{ address: 'ellen@example.net' }], locationId: centre })).body.id;
  await agent.post('/api/v1/notes', { customerId, body: 'Secret note: never shown to her', pinned: true });
  promiseId = (await agent.post('/api/v1/promises', { customerId, what: 'the free HD TV', dueOn: '2027-03-12' })).body.id;
  await agent.post(`/api/v1/promises/${promiseId}/revisions`, { dueOn: '2027-04-23', reason: 'A backlog at the supplier', customerTold: false });
  await agent.post(`/api/v1/promises/${promiseId}/revisions`, { dueOn: '2027-04-16', reason: 'We expedited the delivery', customerTold: true, toldChannel: 'call', apologised: true });
});
afterAll(() => t.close());

describe('customer links', () => {
  it('are made by staff: signed, shown once, stored as a hash, expiring in 30 days unless said, audited without the secret', async () => {
    const res = await agent.post(`/api/v1/promises/${promiseId}/links`, {});
    expect(res.status).toBe(201);
    const { token, path, id, expiresAt, state, views } = res.body;
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}\.[0-9a-z]+\.[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
    expect(path).toBe(`/your-promise#token=${token}`);
    expect({ state, views }).toEqual({ state: 'active', views: 0 });
    expect(Math.abs(Date.parse(expiresAt) - Date.now() - 30 * day)).toBeLessThan(60_000);
    const stored = await t.database.db.selectFrom('promiseLinks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const secret = token.split('.')[2];
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(stored.secretHash).toMatch(/^[0-9a-f]{64}$/);
    const audit = await t.database.db.selectFrom('auditEvents').selectAll().where('entityId', '=', id).execute();
    expect(audit).toEqual([expect.objectContaining({ action: 'create', entityType: 'promise_link', staffId: agent.staffId })]);
    expect(audit[0]!.diff).not.toContain(secret);
    expect(audit[0]!.diff).not.toContain(stored.secretHash);
    const short = await agent.post(`/api/v1/promises/${promiseId}/links`, { expiresInDays: 7 });
    expect(Math.abs(Date.parse(short.body.expiresAt) - Date.now() - 7 * day)).toBeLessThan(60_000);
    expect((await agent.post(`/api/v1/promises/${promiseId}/links`, { expiresInDays: 365 })).status).toBe(400);
    expect((await agent.post(`/api/v1/promises/${missing}/links`, {})).status).toBe(404);
    // One key for the server, made once and kept.
    const keys = await t.database.db.selectFrom('settings').select('value').where('key', '=', 'promiseLinkKey').execute();
    expect(keys).toHaveLength(1);
  });

  it('open without signing in and show only the promise, the date now expected, each change in plain words and who to contact', async () => {
    const { token } = (await agent.post(`/api/v1/promises/${promiseId}/links`, {})).body;
    const before = await interactionCount();
    const res = await open(token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      what: 'the free HD TV',
      status: 'open',
      expected: '16 April 2027',
      expectedOn: '2027-04-16',
      expectedAt: null,
      timezone: 'America/Chicago',
      firstPromised: '12 March 2027',
      changes: [
        { on: expect.any(String), from: '12 March 2027', to: '23 April 2027', reason: 'A backlog at the supplier', sentence: expect.stringMatching(/^On \d+ \w+ \d{4} the date moved from 12 March 2027 to 23 April 2027\. Why: A backlog at the supplier\.$/) },
        { on: expect.any(String), from: '23 April 2027', to: '16 April 2027', reason: 'We expedited the delivery', sentence: expect.stringMatching(/Why: We expedited the delivery\.$/) },
      ],
      contact: { firstName: 'Samuel', location: 'Valley Connect call centre' },
    });
    const text = JSON.stringify(res.body);
    for (const secret of ['Ellen', 'Farrow', 'ellen@example.net', 'Secret note', 'Ortega', 'Delgado', customerId, promiseId, agent.staffId]) expect(text).not.toContain(secret);

    // Recorded on her timeline, not as a contact from her: she is not waiting for an answer.
    expect(await interactionCount()).toBe(before);
    const timeline = (await agent.get(`/api/v1/customers/${customerId}/timeline`)).body.items;
    expect(timeline[0]).toMatchObject({ kind: 'promise', event: 'opened', title: 'Opened their promise page: the free HD TV', staffName: null, promiseId });
    const brief = (await agent.get(`/api/v1/customers/${customerId}/brief`)).body;
    expect(JSON.stringify(brief)).not.toMatch(/Waiting for an answer/);
    const promise = (await agent.get(`/api/v1/promises/${promiseId}`)).body;
    const link = promise.links.find((l: { views: number }) => l.views > 0);
    expect(link).toMatchObject({ views: 1, state: 'active' });

    // Opening again within ten minutes is the same visit.
    await open(token);
    expect((await agent.get(`/api/v1/promises/${promiseId}`)).body.links.find((l: { id: string }) => l.id === link.id).views).toBe(1);
  });

  it('answers one and the same 404 for an unknown, forged, edited, revoked or expired link', async () => {
    const { token, id } = (await agent.post(`/api/v1/promises/${promiseId}/links`, {})).body;
    const [idPart, expiry, secret, signature] = token.split('.');
    const key = await linkKey(t.database.db);
    const flip = (s: string) => (s[5] === 'A' ? `${s.slice(0, 5)}B${s.slice(6)}` : `${s.slice(0, 5)}A${s.slice(6)}`);
    const later = (parseInt(expiry, 36) + 86_400).toString(36);
    const bad = [
      'nope',
      '',
      `${idPart}.${expiry}.${flip(secret)}.${signature}`,
      `${idPart}.${later}.${secret}.${signature}`,
      `${idPart}.${expiry}.${secret}.${flip(signature)}`,
      makeToken(key, missing, new Date(Date.now() + day), secret),
      makeToken(Buffer.alloc(32, 7), id, new Date(Date.parse((await agent.get(`/api/v1/promises/${promiseId}`)).body.links[0].expiresAt)), secret),
    ];
    const answers = [];
    for (const token of bad) answers.push(await open(token));
    expect(answers[1]!.status).toBe(400);
    const notFound = answers.filter((_, i) => i !== 1);
    for (const res of notFound) expect(res.status).toBe(404);
    expect(new Set(notFound.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(notFound[0]!.body.detail).toBe('This link was not found.');

    // Expired: the same link a month and a day later.
    await expect(openPromiseLink(t.database.db, token, new Date(Date.now() + 31 * day))).rejects.toMatchObject({ kind: 'not_found', detail: 'This link was not found.' });

    expect((await open(token)).status).toBe(200);
    const revoked = await agent.post(`/api/v1/promises/${promiseId}/links/${id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.links.find((l: { id: string }) => l.id === id).state).toBe('revoked');
    const after = await open(token);
    expect(after.status).toBe(404);
    expect(after.body).toEqual(notFound[0]!.body);
    expect((await agent.post(`/api/v1/promises/${promiseId}/links/${id}/revoke`)).status).toBe(409);
    expect((await agent.post(`/api/v1/promises/${promiseId}/links/${missing}/revoke`)).status).toBe(404);
    const audit = await t.database.db.selectFrom('auditEvents').select('action').where('entityId', '=', id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'revoke']);
  });

  it('stop working while their promise is in the trash, and work again when it is restored', async () => {
    const { body: p } = await agent.post('/api/v1/promises', { customerId, what: 'a call back', dueOn: '2027-01-01' });
    const { token } = (await agent.post(`/api/v1/promises/${p.id}/links`, {})).body;
    expect((await open(token)).status).toBe(200);
    const receipt = (await manager.delete(`/api/v1/promises/${p.id}`)).body;
    expect((await open(token)).status).toBe(404);
    await manager.post(`/api/v1/trash/${receipt.trashId}/restore`);
    expect((await open(token)).body.what).toBe('a call back');
    const kept = await agent.post(`/api/v1/promises/${p.id}/keep`, {});
    expect(kept.body.status).toBe('kept');
    expect((await open(token)).body).toMatchObject({ status: 'kept' });
  });

  it('need a token in the body, and nothing else', async () => {
    expect((await t.anonymous.post('/api/v1/promise-links/open', {})).status).toBe(400);
    expect((await t.anonymous.post('/api/v1/promise-links/open', { token: 'x', customerId })).status).toBe(400);
    expect((await t.anonymous.post('/api/v1/promise-links/open', { token: 'x'.repeat(401) })).status).toBe(400);
    expect((await t.anonymous.post(`/api/v1/promises/${promiseId}/links`, {})).status).toBe(401);
  });
});
