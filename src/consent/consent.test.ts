import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAll } from '../cli/export-command.js';
import { testApp, type Client, type TestApp } from '../test/app.js';

let t: TestApp;
let clerk: Client;
let manager: Client;
let customerId: string;
const missing = '01900000-0000-7000-8000-000000000000';
const today = () => new Date().toISOString().slice(0, 10);

const audits = (customer: string, entityType: string) =>
  t.database.db.selectFrom('auditEvents').selectAll().where('customerId', '=', customer).where('entityType', '=', entityType).orderBy('at').orderBy('id').execute();
const newCustomer = async (name: string) => (await clerk.post('/api/v1/customers', { displayName: name })).body.id as string;
const channel = (body: { channels: { channel: string }[] }, name: string) => body.channels.find((c) => c.channel === name) as Record<string, unknown>;
const outbound = (body: { outbound: { channel: string }[] }, name: string) => body.outbound.find((c) => c.channel === name)!;

beforeAll(async () => {
  t = await testApp();
  clerk = await t.signIn('frontline', { name: 'Tom Teller' });
  manager = await t.signIn('manager');
  customerId = await newCustomer('Maggie Chen');
});
afterAll(() => t.close());

describe('reading consent', () => {
  it('shows the four channels as not recorded, and every contact allowed, before anything is recorded', async () => {
    const res = await clerk.get(`/api/v1/customers/${customerId}/consent`);
    expect(res.status).toBe(200);
    expect(res.body.customerId).toBe(customerId);
    expect(res.body.channels.map((c: { channel: string }) => c.channel)).toEqual(['email', 'phone', 'sms', 'post']);
    for (const c of res.body.channels) {
      expect(c).toMatchObject({ status: 'not_recorded', givenOn: null, source: null, recordedBy: null, allowed: true, basis: 'not_recorded' });
    }
    expect(res.body.doNotContact).toBeNull();
    expect(res.body.outbound.every((o: { allowed: boolean }) => o.allowed)).toBe(true);
  });

  it('answers 404 for an unknown customer and 400 for a malformed id', async () => {
    expect((await clerk.get(`/api/v1/customers/${missing}/consent`)).status).toBe(404);
    const bad = await clerk.get('/api/v1/customers/nope/consent');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('/params/id');
    expect((await t.anonymous.get(`/api/v1/customers/${customerId}/consent`)).status).toBe(401);
  });
});

describe('recording a channel', () => {
  it('lets frontline staff record an opt-in with its day and source, audited, and says what it means', async () => {
    const res = await clerk.put(`/api/v1/customers/${customerId}/consent/email`, { status: 'opted_in', givenOn: '2026-03-03', source: '  at the branch ' });
    expect(res.status).toBe(200);
    expect(channel(res.body, 'email')).toMatchObject({
      status: 'opted_in',
      givenOn: '2026-03-03',
      source: 'at the branch',
      recordedBy: clerk.staffId,
      recordedByName: 'Tom Teller',
      allowed: true,
      basis: 'opted_in',
      reason: 'opted in to email on 3 March 2026 (at the branch)',
    });
    expect(channel(res.body, 'email').recordedAt).toEqual(expect.any(String));
    const rows = await audits(customerId, 'consent');
    expect(rows).toEqual([expect.objectContaining({ action: 'create', staffId: clerk.staffId })]);
    expect(JSON.parse(rows[0]!.diff!).after).toEqual({ email: 'opted_in', givenOn: '2026-03-03', source: 'at the branch' });
    expect((await clerk.get(`/api/v1/customers/${customerId}/consent`)).body).toEqual(res.body);
  });

  it('is idempotent: the same choice again changes nothing and adds nothing to the trail', async () => {
    const first = await clerk.put(`/api/v1/customers/${customerId}/consent/post`, { status: 'opted_out', source: 'told us at the counter' });
    expect(channel(first.body, 'post')).toMatchObject({ status: 'opted_out', givenOn: today(), allowed: false, basis: 'opted_out' });
    const again = await manager.put(`/api/v1/customers/${customerId}/consent/post`, { status: 'opted_out', source: 'told us at the counter' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await audits(customerId, 'consent')).filter((a) => JSON.parse(a.diff!).after.post)).toHaveLength(1);
  });

  it('changes a choice in place, auditing before and after, and keeps the day when only the source changes', async () => {
    const id = await newCustomer('Changing Mind');
    await clerk.put(`/api/v1/customers/${id}/consent/phone`, { status: 'opted_in', givenOn: '2025-01-10', source: 'web form' });
    const sourceOnly = await clerk.put(`/api/v1/customers/${id}/consent/phone`, { status: 'opted_in', source: 'web form, confirmed by phone' });
    expect(channel(sourceOnly.body, 'phone')).toMatchObject({ givenOn: '2025-01-10', source: 'web form, confirmed by phone' });
    const out = await manager.put(`/api/v1/customers/${id}/consent/phone`, { status: 'opted_out' });
    expect(channel(out.body, 'phone')).toMatchObject({ status: 'opted_out', givenOn: today(), source: null, recordedBy: manager.staffId, allowed: false });
    expect(outbound(out.body, 'call')).toMatchObject({ allowed: false, basis: 'opted_out' });
    expect(outbound(out.body, 'email')).toMatchObject({ allowed: true });
    const rows = await audits(id, 'consent');
    expect(rows.map((r) => r.action)).toEqual(['create', 'update', 'update']);
    expect(JSON.parse(rows[2]!.diff!)).toEqual({
      before: { phone: 'opted_in', givenOn: '2025-01-10', source: 'web form, confirmed by phone' },
      after: { phone: 'opted_out', givenOn: today(), source: null },
    });
    expect(await t.database.db.selectFrom('consents').select('id').where('customerId', '=', id).execute()).toHaveLength(1);
  });

  it('names each wrong field with 400', async () => {
    const url = `/api/v1/customers/${customerId}/consent/email`;
    const cases: [unknown, string][] = [
      [{}, '/body/status'],
      [{ status: 'maybe' }, '/body/status'],
      [{ status: 'opted_in', givenOn: '03/03/2026' }, '/body/givenOn'],
      [{ status: 'opted_in', source: 5 }, '/body/source'],
      [{ status: 'opted_in', source: 'x'.repeat(501) }, '/body/source'],
      [{ status: 'opted_in', colour: 'red' }, '/body/colour'],
    ];
    for (const [body, path] of cases) {
      const res = await clerk.put(url, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const pigeon = await clerk.put(`/api/v1/customers/${customerId}/consent/pigeon`, { status: 'opted_in' });
    expect(pigeon.status).toBe(400);
    expect(pigeon.body.errors[0].path).toBe('/params/channel');
  });

  it('refuses a day in the future or that does not exist with 422 naming givenOn, saving nothing', async () => {
    const id = await newCustomer('Future Day');
    for (const givenOn of ['2999-01-01', '2026-02-30']) {
      const res = await clerk.put(`/api/v1/customers/${id}/consent/sms`, { status: 'opted_in', givenOn });
      expect([400, 422], givenOn).toContain(res.status);
      expect(res.body.errors[0].path).toBe('/body/givenOn');
    }
    expect(await t.database.db.selectFrom('consents').select('id').where('customerId', '=', id).execute()).toEqual([]);
    expect(await audits(id, 'consent')).toEqual([]);
  });

  it('answers 404 for an unknown customer', async () => {
    expect((await clerk.put(`/api/v1/customers/${missing}/consent/email`, { status: 'opted_in' })).status).toBe(404);
    expect((await clerk.put(`/api/v1/customers/${missing}/do-not-contact`, { reason: 'x' })).status).toBe(404);
    expect((await clerk.delete(`/api/v1/customers/${missing}/do-not-contact`)).status).toBe(404);
  });
});

describe('do not contact', () => {
  it('is set with a reason, overrides every channel, is idempotent, and lifted by frontline staff', async () => {
    const id = await newCustomer('Please Stop');
    await clerk.put(`/api/v1/customers/${id}/consent/email`, { status: 'opted_in', givenOn: '2026-01-05' });
    const set = await clerk.put(`/api/v1/customers/${id}/do-not-contact`, { since: '2026-03-03', reason: ' asked after the bereavement ' });
    expect(set.status).toBe(200);
    expect(set.body.doNotContact).toMatchObject({ since: '2026-03-03', reason: 'asked after the bereavement', recordedBy: clerk.staffId, recordedByName: 'Tom Teller' });
    expect(channel(set.body, 'email')).toMatchObject({ status: 'opted_in', allowed: false, basis: 'do_not_contact', reason: 'do not contact since 3 March 2026 (asked after the bereavement)' });
    expect(set.body.outbound.every((o: { allowed: boolean }) => !o.allowed)).toBe(true);

    expect((await clerk.put(`/api/v1/customers/${id}/do-not-contact`, { since: '2026-03-03', reason: 'asked after the bereavement' })).body).toEqual(set.body);
    const reason = await clerk.put(`/api/v1/customers/${id}/do-not-contact`, { reason: 'moved abroad' });
    expect(reason.body.doNotContact).toMatchObject({ since: '2026-03-03', reason: 'moved abroad' });

    const lifted = await clerk.delete(`/api/v1/customers/${id}/do-not-contact`);
    expect(lifted.status).toBe(200);
    expect(lifted.body.doNotContact).toBeNull();
    expect(channel(lifted.body, 'email')).toMatchObject({ allowed: true, basis: 'opted_in' });
    expect((await clerk.delete(`/api/v1/customers/${id}/do-not-contact`)).body).toEqual(lifted.body);

    const rows = await audits(id, 'do_not_contact');
    expect(rows.map((r) => r.action)).toEqual(['create', 'update', 'delete']);
    expect(JSON.parse(rows[2]!.diff!).before).toEqual({ since: '2026-03-03', reason: 'moved abroad' });
  });

  it('needs a reason, names wrong fields, and refuses a future day', async () => {
    const url = `/api/v1/customers/${customerId}/do-not-contact`;
    for (const [body, path, status] of [
      [{}, '/body/reason', 400],
      [{ reason: '' }, '/body/reason', 400],
      [{ reason: '   ' }, '/body/reason', 422],
      [{ reason: 'x', since: 'tomorrow' }, '/body/since', 400],
      [{ reason: 'x', since: '2999-12-31' }, '/body/since', 422],
      [{ reason: 'x', until: '2027-01-01' }, '/body/until', 400],
    ] as const) {
      const res = await clerk.put(url, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await clerk.get(`/api/v1/customers/${customerId}/consent`)).body.doNotContact).toBeNull();
  });
});

describe('consent in the brief and with the customer', () => {
  it('shows in the brief, with attention when they opted out or asked not to be contacted', async () => {
    const id = await newCustomer('Brief Reader');
    const brief = async () => (await clerk.get(`/api/v1/customers/${id}/brief`)).body.sections.find((s: { key: string }) => s.key === 'contact');
    expect(await brief()).toBeUndefined();
    await clerk.put(`/api/v1/customers/${id}/consent/email`, { status: 'opted_in', givenOn: '2026-03-03', source: 'at the branch' });
    expect(await brief()).toMatchObject({ attention: false, sentences: ['Opted in to email on 3 March 2026 (at the branch).'] });
    await clerk.put(`/api/v1/customers/${id}/consent/phone`, { status: 'opted_out', givenOn: '2026-03-04', source: 'told us at the counter' });
    expect(await brief()).toMatchObject({ attention: true, sentences: expect.arrayContaining(['Opted out of phone calls on 4 March 2026 (told us at the counter).']) });
    await clerk.put(`/api/v1/customers/${id}/do-not-contact`, { since: '2026-03-05', reason: 'moved abroad' });
    expect((await brief()).sentences[0]).toBe('Do not contact since 5 March 2026 (moved abroad): no calls, emails, texts or letters from us.');
  });

  it('goes to the trash with its customer and comes back with them', async () => {
    const admin = await t.signIn('admin');
    const id = await newCustomer('Trash Consent');
    await clerk.put(`/api/v1/customers/${id}/consent/sms`, { status: 'opted_out', givenOn: '2026-02-02' });
    await clerk.put(`/api/v1/customers/${id}/do-not-contact`, { since: '2026-02-03', reason: 'asked us to stop' });
    const before = (await clerk.get(`/api/v1/customers/${id}/consent`)).body;
    const deleted = await admin.delete(`/api/v1/customers/${id}`);
    expect(deleted.status).toBe(200);
    expect(await t.database.db.selectFrom('consents').select('id').where('customerId', '=', id).execute()).toEqual([]);
    expect((await clerk.get(`/api/v1/customers/${id}/consent`)).status).toBe(404);
    expect((await manager.post(`/api/v1/trash/${deleted.body.trashId}/restore`)).status).toBe(200);
    expect((await clerk.get(`/api/v1/customers/${id}/consent`)).body).toEqual(before);
  });

  it("is in the customer's copy of everything and in the export, with their preferences, read from the registry", async () => {
    const admin = await t.signIn('admin');
    const id = await newCustomer('Copy Of Everything');
    await clerk.put(`/api/v1/customers/${id}/consent/email`, { status: 'opted_out', givenOn: '2026-03-03', source: 'web form' });
    await clerk.put(`/api/v1/customers/${id}/do-not-contact`, { since: '2026-03-04', reason: 'asked us to stop' });
    await clerk.post('/api/v1/preferences', { customerId: id, topic: 'Appointments', preference: 'mornings' });

    const report = await admin.get(`/api/v1/customers/${id}/subject-access`);
    expect(report.status).toBe(200);
    const group = (type: string) => report.body.records.find((g: { type: string }) => g.type === type)?.items;
    expect(group('consent')).toEqual([expect.objectContaining({ channel: 'email', status: 'opted_out', givenOn: '2026-03-03', source: 'web form' })]);
    expect(group('doNotContact')).toEqual([expect.objectContaining({ since: '2026-03-04', reason: 'asked us to stop' })]);
    expect(group('preference')).toEqual([expect.objectContaining({ topic: 'Appointments', preference: 'mornings', provenance: 'told_us' })]);

    let text = '';
    const out = new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    });
    await exportAll(t.database.db, out);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> });
    const mine = (type: string) => lines.filter((l) => l.type === type && l.data.customerId === id).map((l) => l.data);
    expect(mine('consent')).toEqual([expect.objectContaining({ channel: 'email', status: 'opted_out' })]);
    expect(mine('doNotContact')).toEqual([expect.objectContaining({ reason: 'asked us to stop' })]);
    expect(mine('preference')).toEqual([expect.objectContaining({ preference: 'mornings' })]);
  });
});
