import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';

/**
 * Mailings through the API: a manager logs a campaign and its recipients as JSON (by customer id,
 * email, or an id in another system); each customer named gets one interaction, checked row by row;
 * rows naming no one or several are reported with their place; frontline staff read but do not log.
 */

let t: TestApp;
let manager: Client;
let clerk: Client;
let jim: string;
let helen: string;
let pat: string;
let sam: string;
const unknownId = '01900000-0000-7000-8000-000000000000';

const paths = (res: { body: { errors?: { path: string }[] } }) => (res.body.errors ?? []).map((e) => e.path);

beforeAll(async () => {
  t = await testApp();
  manager = await t.signIn('manager', { name: 'Nora Manager' });
  clerk = await t.signIn('frontline', { name: 'Clara Clerk' });
  jim = (await clerk.post('/api/v1/customers', { displayName: 'Jim Alvarez', emails: [{ address: 'Jim.Alvarez@example.com' }], externalIds: [{ source: 'pos', externalId: 'C-100' }] })).body.id;
  helen = (await clerk.post('/api/v1/customers', { displayName: 'Helen Park', emails: [{ address: 'helen.park@example.org' }] })).body.id;
  // Pat and Sam share the family's email: an email alone cannot say which of them got it.
  pat = (await clerk.post('/api/v1/customers', { displayName: 'Pat Lee', emails: [{ address: 'family.lee@example.net' }] })).body.id;
  sam = (await clerk.post('/api/v1/customers', { displayName: 'Sam Lee', emails: [{ address: 'family.lee@example.net' }] })).body.id;
});
afterAll(() => t.close());

const mailingOf = async (body: Record<string, unknown>) => {
  const res = await manager.post('/api/v1/mailings', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; sentAt: string; recipients: number };
};

describe('logging a mailing', () => {
  it('keeps the campaign, reads a day as that day, and audits it', async () => {
    const res = await manager.post('/api/v1/mailings', { name: '  Spring   catalogue 2027 ', channel: 'direct_mail', sentAt: '2026-03-02', note: 'Printed by Allied' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/mailings/${res.body.id}`);
    expect(res.body).toMatchObject({ name: 'Spring catalogue 2027', channel: 'direct_mail', sentAt: '2026-03-02T12:00:00.000Z', note: 'Printed by Allied', recipients: 0, createdBy: manager.staffId, createdByName: 'Nora Manager' });
    const stored = await t.database.db.selectFrom('mailings').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ name: 'Spring catalogue 2027', channel: 'direct_mail', sentAt: '2026-03-02T12:00:00.000Z', note: 'Printed by Allied', createdBy: manager.staffId });
    const audit = await t.database.db.selectFrom('auditEvents').selectAll().where('entityId', '=', res.body.id).execute();
    expect(audit).toEqual([expect.objectContaining({ action: 'create', entityType: 'mailing', staffId: manager.staffId, customerId: null })]);
    // A date and time with a zone is kept as that moment.
    const timed = await mailingOf({ name: 'March invoices', channel: 'invoice_sent', sentAt: '2026-03-31T17:30:00-05:00' });
    expect(timed.sentAt).toBe('2026-03-31T22:30:00.000Z');
  });

  it('refuses bad input naming the field, and a campaign logged twice', async () => {
    const wrong = await manager.post('/api/v1/mailings', { name: 42, channel: 'pigeon', extra: 1 });
    expect(wrong.status).toBe(400);
    expect(paths(wrong)).toEqual(expect.arrayContaining(['/body/name', '/body/channel', '/body/sentAt', '/body/extra']));
    expect(wrong.body.errors.find((e: { path: string }) => e.path === '/body/channel').message).toMatch(/newsletter, direct_mail, invoice_sent, letter/);
    for (const [body, path] of [
      [{ name: '   ', channel: 'letter', sentAt: '2026-03-02' }, '/body/name'],
      [{ name: 'Bad day', channel: 'letter', sentAt: '2026-02-30' }, '/body/sentAt'],
      [{ name: 'Bad day', channel: 'letter', sentAt: 'last Tuesday' }, '/body/sentAt'],
      [{ name: 'Bad day', channel: 'letter', sentAt: '2026-03-02T10:00:00' }, '/body/sentAt'],
      [{ name: 'Bad day', channel: 'letter', sentAt: '1899-12-31' }, '/body/sentAt'],
    ] as const) {
      const res = await manager.post('/api/v1/mailings', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(paths(res)).toEqual([path]);
    }
    const first = await mailingOf({ name: 'Autumn letter', channel: 'letter', sentAt: '2026-09-01' });
    const again = await manager.post('/api/v1/mailings', { name: 'Autumn letter', channel: 'letter', sentAt: '2026-09-01' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain(first.id);
    expect(await t.database.db.selectFrom('mailings').select('id').where('name', '=', 'Autumn letter').execute()).toHaveLength(1);
  });

  it('lets frontline staff read mailings but not log or change them, and needs a sign-in', async () => {
    const m = await mailingOf({ name: 'Clerk-proof newsletter', channel: 'newsletter', sentAt: '2026-04-01' });
    expect((await clerk.post('/api/v1/mailings', { name: 'Mine', channel: 'newsletter', sentAt: '2026-04-01' })).status).toBe(403);
    expect((await clerk.patch(`/api/v1/mailings/${m.id}`, { name: 'Renamed' })).status).toBe(403);
    expect((await clerk.post(`/api/v1/mailings/${m.id}/recipients`, { customers: [{ customerId: jim }] })).status).toBe(403);
    expect((await clerk.get(`/api/v1/mailings/${m.id}/uploads`)).status).toBe(403);
    expect(await t.database.db.selectFrom('interactions').select('id').where('mailingId', '=', m.id).execute()).toEqual([]);
    expect((await clerk.get(`/api/v1/mailings/${m.id}`)).body).toMatchObject({ name: 'Clerk-proof newsletter', recipients: 0 });
    expect((await clerk.get('/api/v1/mailings')).status).toBe(200);
    expect((await clerk.get(`/api/v1/mailings/${m.id}/recipients`)).status).toBe(200);
    expect((await t.anonymous.get('/api/v1/mailings')).status).toBe(401);
  });

  it('renames a mailing and changes its note, audited, but not what went out or when', async () => {
    const m = await mailingOf({ name: 'Sprng sale', channel: 'newsletter', sentAt: '2026-05-01' });
    const res = await manager.patch(`/api/v1/mailings/${m.id}`, { name: 'Spring sale', note: 'Typo fixed' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Spring sale', note: 'Typo fixed', channel: 'newsletter', updatedBy: manager.staffId });
    const fixed = await manager.patch(`/api/v1/mailings/${m.id}`, { channel: 'letter', sentAt: '2026-01-01' });
    expect(fixed.status).toBe(400);
    expect(paths(fixed)).toEqual(expect.arrayContaining(['/body/channel', '/body/sentAt']));
    expect((await manager.patch(`/api/v1/mailings/${m.id}`, { name: ' ' })).status).toBe(422);
    expect((await manager.patch(`/api/v1/mailings/${m.id}`, {})).status).toBe(400);
    const audit = await t.database.db.selectFrom('auditEvents').select(['action', 'diff']).where('entityId', '=', m.id).orderBy('at').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.parse(audit[1]!.diff!)).toMatchObject({ before: { name: 'Sprng sale' }, after: { name: 'Spring sale', note: 'Typo fixed' } });
  });

  it('answers 404 for an unknown mailing and 400 for a malformed id', async () => {
    for (const res of [
      await clerk.get(`/api/v1/mailings/${unknownId}`),
      await manager.patch(`/api/v1/mailings/${unknownId}`, { name: 'x' }),
      await manager.post(`/api/v1/mailings/${unknownId}/recipients`, { customers: [{ customerId: jim }] }),
      await clerk.get(`/api/v1/mailings/${unknownId}/recipients`),
      await manager.get(`/api/v1/mailings/${unknownId}/uploads/${unknownId}`),
    ]) {
      expect(res.status).toBe(404);
    }
    const bad = await clerk.get('/api/v1/mailings/nope');
    expect(bad.status).toBe(400);
    expect(paths(bad)).toEqual(['/params/id']);
  });
});

describe('recipients sent as JSON', () => {
  it('logs one interaction per customer named, by id, email or an id in another system, and reports the rest by their place', async () => {
    const m = await mailingOf({ name: 'Spring catalogue', channel: 'direct_mail', sentAt: '2026-03-02' });
    const res = await manager.post(`/api/v1/mailings/${m.id}/recipients`, {
      customers: [
        { source: 'POS', externalId: 'C-100' },
        { email: 'HELEN.PARK@example.org ' },
        { customerId: jim },
        { email: 'family.lee@example.net' },
        { email: 'nobody@example.com' },
        { email: 'not an email' },
        { customerId: unknownId, email: 'helen.park@example.org' },
        { source: 'pos', externalId: 'C-999' },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      logged: 2,
      already: 2,
      problems: [
        { index: 3, field: 'email', message: '2 customers have the email family.lee@example.net: add a column with their customer id to say which one got it.' },
        { index: 4, field: 'email', message: 'No customer has the email nobody@example.com.' },
        { index: 5, field: 'email', message: "Email 'not an email' is not an email address." },
        { index: 7, field: 'externalId', message: 'No customer has pos id C-999.' },
      ],
    });
    // Row by row: one interaction each for Jim and Helen, the mailing's channel, outbound, when it went out, named by the campaign.
    const rows = await t.database.db.selectFrom('interactions').selectAll().where('mailingId', '=', m.id).orderBy('customerId').execute();
    expect(rows.map((r) => r.customerId).sort()).toEqual([jim, helen].sort());
    for (const row of rows) {
      expect(row).toMatchObject({ mailingId: m.id, channel: 'direct_mail', direction: 'outbound', occurredAt: '2026-03-02T12:00:00.000Z', summary: 'Spring catalogue', staffId: null, locationId: null, createdBy: manager.staffId, caseId: null });
    }
    const audit = await t.database.db.selectFrom('auditEvents').selectAll().where('entityId', 'in', rows.map((r) => r.id)).execute();
    expect(audit.map((a) => [a.entityId, a.action, a.entityType, a.customerId, a.staffId]).sort()).toEqual(rows.map((r) => [r.id, 'create', 'interaction', r.customerId, manager.staffId]).sort());
    expect(JSON.parse(audit[0]!.diff!).after).toMatchObject({ mailingId: m.id, channel: 'direct_mail' });
    expect((await clerk.get(`/api/v1/mailings/${m.id}`)).body.recipients).toBe(2);

    // The same list again adds nobody; Sam named by his id is added.
    const again = await manager.post(`/api/v1/mailings/${m.id}/recipients`, { customers: [{ customerId: jim }, { email: 'helen.park@example.org' }, { customerId: sam, email: 'family.lee@example.net' }] });
    expect(again.body).toEqual({ logged: 1, already: 2, problems: [] });
    expect(await t.database.db.selectFrom('interactions').select('customerId').where('mailingId', '=', m.id).execute()).toHaveLength(3);
    const listed = await clerk.get(`/api/v1/mailings/${m.id}/recipients?limit=2`);
    expect(listed.body.items).toHaveLength(2);
    const rest = await clerk.get(`/api/v1/mailings/${m.id}/recipients?limit=2&cursor=${listed.body.nextCursor}`);
    const all = [...listed.body.items, ...rest.body.items];
    expect(all.map((r: { customerId: string }) => r.customerId).sort()).toEqual([jim, helen, sam].sort());
    expect(all.find((r: { customerId: string }) => r.customerId === sam)).toMatchObject({ displayName: 'Sam Lee', interactionId: expect.any(String) });
    expect(rest.body.nextCursor).toBeNull();
    // Pat was not named alone and got nothing.
    expect(await t.database.db.selectFrom('interactions').select('id').where('customerId', '=', pat).execute()).toEqual([]);
  });

  it('logs a customer once when several requests name them at the same moment', async () => {
    const m = await mailingOf({ name: 'Busy day letter', channel: 'letter', sentAt: '2026-07-01' });
    const body = { customers: [{ customerId: jim }, { customerId: helen }, { customerId: pat }] };
    const answers = await Promise.all([1, 2, 3].map(() => manager.post(`/api/v1/mailings/${m.id}/recipients`, body)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.reduce((n, a) => n + a.body.logged, 0)).toBe(3);
    expect(answers.reduce((n, a) => n + a.body.already, 0)).toBe(6);
    const rows = await t.database.db.selectFrom('interactions').select(['id', 'customerId']).where('mailingId', '=', m.id).execute();
    expect(rows.map((r) => r.customerId).sort()).toEqual([jim, helen, pat].sort());
    const audits = await t.database.db.selectFrom('auditEvents').select('entityId').where('entityType', '=', 'interaction').where('entityId', 'in', rows.map((r) => r.id)).execute();
    expect(audits).toHaveLength(3);
  });

  it('refuses a list that names no one, or an id without its system, and writes nothing', async () => {
    const m = await mailingOf({ name: 'Refused list', channel: 'newsletter', sentAt: '2026-06-01' });
    for (const [customers, path] of [
      [[{ customerId: jim }, {}], '/body/customers/1'],
      [[{ externalId: 'C-100' }], '/body/customers/0/source'],
      [[{ source: 'pos' }], '/body/customers/0/externalId'],
    ] as const) {
      const res = await manager.post(`/api/v1/mailings/${m.id}/recipients`, { customers });
      expect(res.status, path).toBe(422);
      expect(paths(res)).toEqual([path]);
    }
    const malformed = await manager.post(`/api/v1/mailings/${m.id}/recipients`, { customers: [{ customerId: 'nope', phone: '555' }] });
    expect(malformed.status).toBe(400);
    expect(paths(malformed)).toEqual(expect.arrayContaining(['/body/customers/0/customerId', '/body/customers/0/phone']));
    expect((await manager.post(`/api/v1/mailings/${m.id}/recipients`, { customers: [] })).status).toBe(400);
    const tooMany = await manager.post(`/api/v1/mailings/${m.id}/recipients`, { customers: Array.from({ length: 1001 }, () => ({ customerId: jim })) });
    expect(tooMany.status).toBe(400);
    expect(await t.database.db.selectFrom('interactions').select('id').where('mailingId', '=', m.id).execute()).toEqual([]);
  });

  it('lists mailings newest first with their counts, a page at a time', async () => {
    const seen: { name: string; sentAt: string; recipients: number }[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { items: { name: string; sentAt: string; recipients: number }[]; nextCursor: string | null } } = await clerk.get(`/api/v1/mailings?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    const all = await t.database.db.selectFrom('mailings').select('id').execute();
    expect(seen).toHaveLength(all.length);
    expect(seen.map((m) => m.sentAt)).toEqual([...seen.map((m) => m.sentAt)].sort().reverse());
    expect(seen.find((m) => m.name === 'Spring catalogue')?.recipients).toBe(3);
    expect((await clerk.get('/api/v1/mailings?cursor=garbage')).status).toBe(400);
  });
});
