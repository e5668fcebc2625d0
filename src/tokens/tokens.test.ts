import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../auth/secrets.js';
import { bearer, integrationTokenClient, tokenClient } from '../test/bearer.js';
import { testApp, type Client, type TestApp } from '../test/app.js';

let t: TestApp;
let admin: Client;
let clerk: Client;

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin', { name: 'Ada Admin' });
  clerk = await t.signIn('frontline', { name: 'Cleo Clerk' });
});
afterAll(() => t.close());

const auditOf = (entityId: string) => t.database.db.selectFrom('auditEvents').selectAll().where('entityId', '=', entityId).orderBy('id').execute();

describe('creating tokens', () => {
  it('shows the secret once, stores only its SHA-256, and acts as the admin by default', async () => {
    const res = await admin.post('/api/v1/tokens', { name: 'POS sync', scope: 'read_write' });
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ name: 'POS sync', scope: 'read_write', staffId: admin.staffId, staffName: 'Ada Admin', createdBy: admin.staffId, lastUsedAt: null, revokedAt: null });
    expect(res.body.secret).toMatch(/^rpt_[A-Za-z0-9_-]{43}$/);
    const row = await t.database.db.selectFrom('apiTokens').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(row.tokenHash).toBe(sha256(res.body.secret));
    expect(JSON.stringify(row)).not.toContain(res.body.secret);
    const listed = await admin.get('/api/v1/tokens');
    const item = listed.body.items.find((x: { id: string }) => x.id === res.body.id);
    expect(Object.keys(item).sort()).toEqual(['createdAt', 'createdBy', 'id', 'lastUsedAt', 'name', 'revokedAt', 'scope', 'staffId', 'staffKind', 'staffName']);
    expect(item.staffKind).toBe('person');
    expect(JSON.stringify(listed.body)).not.toContain(res.body.secret);
    expect(JSON.stringify(listed.body)).not.toContain(row.tokenHash);
    const [audit] = await auditOf(res.body.id);
    expect(audit).toMatchObject({ action: 'create', entityType: 'api_token', staffId: admin.staffId });
    expect(audit!.diff).not.toContain(res.body.secret);
    expect(audit!.diff).not.toContain(row.tokenHash);
  });

  it('can act as an integration account, with its role and no email', async () => {
    const token = await integrationTokenClient(t, admin, 'read_write', { name: 'POS sync', role: 'frontline' });
    const me = await token.get('/api/v1/auth/me');
    expect(me.body).toMatchObject({ id: token.staffId, name: 'POS sync', email: null, role: 'frontline', via: 'token', csrfToken: null });
    expect((await token.get('/api/v1/audit')).status).toBe(403);
    const made = await token.post('/api/v1/customers', { displayName: 'Via token' });
    expect(made.status).toBe(201);
    expect(made.body.createdBy).toBe(token.staffId);
    const listed = (await admin.get('/api/v1/tokens')).body.items.find((x: { id: string }) => x.id === token.tokenId);
    expect(listed).toMatchObject({ staffId: token.staffId, staffName: 'POS sync', staffKind: 'integration', createdBy: admin.staffId });
  });

  it('never acts as another person: 422 naming staffId and saying why', async () => {
    const res = await admin.post('/api/v1/tokens', { name: 'Cleo’s', scope: 'read', staffId: clerk.staffId });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: '/body/staffId', message: expect.stringMatching(/acts only as the person who creates it, or as an integration account; Cleo Clerk is a person/) }]);
    const otherAdmin = await t.signIn('admin');
    expect((await admin.post('/api/v1/tokens', { name: 'x', scope: 'read', staffId: otherAdmin.staffId })).status).toBe(422);
    const own = await admin.post('/api/v1/tokens', { name: 'Mine', scope: 'read', staffId: admin.staffId });
    expect(own.status).toBe(201);
    expect(own.body.staffId).toBe(admin.staffId);
    const count = await t.database.db.selectFrom('apiTokens').select('id').where('staffId', 'in', [clerk.staffId, otherAdmin.staffId]).execute();
    expect(count).toEqual([]);
  });

  it('refuses bad input and non-admins', async () => {
    expect((await admin.post('/api/v1/tokens', { name: 'x', scope: 'write' })).status).toBe(400);
    expect((await admin.post('/api/v1/tokens', { scope: 'read' })).status).toBe(400);
    expect((await admin.post('/api/v1/tokens', { name: 'x', scope: 'read', staffId: 'me' })).status).toBe(400);
    const unknown = await admin.post('/api/v1/tokens', { name: 'x', scope: 'read', staffId: '01900000-0000-7000-8000-000000000000' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe('/body/staffId');
    const gone = (await admin.post('/api/v1/staff/integrations', { name: 'Old feed', role: 'frontline' })).body.id;
    await admin.patch(`/api/v1/staff/${gone}`, { active: false });
    const disabled = await admin.post('/api/v1/tokens', { name: 'x', scope: 'read', staffId: gone });
    expect(disabled.status).toBe(422);
    expect(disabled.body.errors[0]).toEqual({ path: '/body/staffId', message: "Old feed's account is disabled" });
    expect((await clerk.post('/api/v1/tokens', { name: 'x', scope: 'read' })).status).toBe(403);
    expect((await clerk.get('/api/v1/tokens')).status).toBe(403);
  });
});

describe('using tokens', () => {
  it('records when a token was last used', async () => {
    const token = await tokenClient(t, admin, 'read');
    const before = Date.now();
    expect((await token.get('/api/v1/customers')).status).toBe(200);
    const listed = (await admin.get('/api/v1/tokens')).body.items.find((x: { id: string }) => x.id === token.tokenId);
    expect(Date.parse(listed.lastUsedAt)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('lets a read token read but not write', async () => {
    const token = await tokenClient(t, admin, 'read');
    expect((await token.get('/api/v1/staff')).status).toBe(200);
    for (const [method, url] of [
      ['POST', '/api/v1/customers'],
      ['PATCH', `/api/v1/staff/${clerk.staffId}`],
      ['DELETE', `/api/v1/tokens/${token.tokenId}`],
    ] as const) {
      const res = await token.request(method, url, method === 'DELETE' ? undefined : { displayName: 'No' });
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(res.body.detail).toBe('This API token is read-only.');
    }
  });

  it('needs no CSRF header, since a bearer token does not ride along with cross-site requests', async () => {
    const token = await tokenClient(t, admin, 'read_write');
    expect((await token.post('/api/v1/customers', { displayName: 'No CSRF needed' })).status).toBe(201);
  });

  it('marks writes made with a token in the audit trail', async () => {
    const token = await tokenClient(t, admin, 'read_write');
    const created = await token.post('/api/v1/customers', { displayName: 'Audited via token' });
    await token.patch(`/api/v1/customers/${created.body.id}`, { preferredName: 'Audi' });
    const rows = await t.database.db.selectFrom('auditEvents').selectAll().where('customerId', '=', created.body.id).execute();
    expect(rows.map((r) => r.action).sort()).toEqual(['create', 'update']);
    for (const row of rows) expect(row).toMatchObject({ staffId: admin.staffId, tokenId: token.tokenId });
    const sessionWrite = await admin.post('/api/v1/customers', { displayName: 'Via session' });
    const [own] = await auditOf(sessionWrite.body.id);
    expect(own!.tokenId).toBeNull();
  });

  it('cannot manage staff accounts or tokens, even an admin read-write one: that takes a person signed in', async () => {
    const token = await tokenClient(t, admin, 'read_write');
    const person = await t.signIn('frontline');
    const attempts = [
      await token.post('/api/v1/tokens', { name: 'Escalation', scope: 'read_write' }),
      await token.delete(`/api/v1/tokens/${token.tokenId}`),
      await token.post('/api/v1/staff', { email: 'new@test.example', name: 'New', role: 'admin', password: 'a long enough password' }),
      await token.patch(`/api/v1/staff/${person.staffId}`, { role: 'admin' }),
      await token.post('/api/v1/staff/invitations', { email: 'invitee@test.example', name: 'Invitee', role: 'admin' }),
      await token.post('/api/v1/staff/integrations', { name: 'Shadow feed', role: 'admin' }),
      await token.post(`/api/v1/staff/${person.staffId}/password-reset`),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(403);
      expect(res.body.detail).toMatch(/managed by a person signed in/);
    }
    expect((await token.get('/api/v1/tokens')).status).toBe(200);
    expect((await token.get('/api/v1/customers')).status).toBe(200);
    expect((await admin.get(`/api/v1/staff/${person.staffId}`)).body.role).toBe('frontline');
  });

  it('is revoked when its account is disabled, and stays revoked when the account is enabled again', async () => {
    const token = await integrationTokenClient(t, admin, 'read', { name: 'Kiosk' });
    expect((await token.get('/api/v1/customers')).status).toBe(200);
    await admin.patch(`/api/v1/staff/${token.staffId}`, { active: false });
    expect((await token.get('/api/v1/customers')).status).toBe(401);
    await admin.patch(`/api/v1/staff/${token.staffId}`, { active: true });
    expect((await token.get('/api/v1/customers')).status).toBe(401);
    const listed = (await admin.get('/api/v1/tokens?limit=200')).body.items.find((x: { id: string }) => x.id === token.tokenId);
    expect(listed.revokedAt).not.toBeNull();
    expect((await auditOf(token.tokenId)).map((r) => r.action)).toEqual(['create', 'revoke']);
  });

  it('is revoked, with the sessions ended, when its person’s password is set anew or reset', async () => {
    for (const change of ['patch', 'reset'] as const) {
      const colleague = await t.signIn('admin');
      const created = await colleague.post('/api/v1/tokens', { name: 'Own script', scope: 'read' });
      const token = bearer(t, created.body.secret, created.body.id);
      expect((await token.get('/api/v1/customers')).status).toBe(200);
      const res =
        change === 'patch'
          ? await admin.patch(`/api/v1/staff/${colleague.staffId}`, { password: 'a brand new passphrase' })
          : await admin.post(`/api/v1/staff/${colleague.staffId}/password-reset`);
      expect(res.status, change).toBe(200);
      expect((await token.get('/api/v1/customers')).status, change).toBe(401);
      expect((await colleague.get('/api/v1/auth/me')).status, change).toBe(401);
      const [, revoke] = await auditOf(token.tokenId);
      expect(revoke).toMatchObject({ action: 'revoke', staffId: admin.staffId, tokenId: null });
    }
  });
});

describe('revoking tokens', () => {
  it('makes the token answer 401 from then on, and is audited once', async () => {
    const token = await tokenClient(t, admin, 'read_write');
    expect((await token.get('/api/v1/customers')).status).toBe(200);
    const res = await admin.delete(`/api/v1/tokens/${token.tokenId}`);
    expect(res.status).toBe(204);
    const denied = await token.get('/api/v1/customers');
    expect(denied.status).toBe(401);
    expect(denied.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await admin.delete(`/api/v1/tokens/${token.tokenId}`)).status).toBe(204);
    const listed = (await admin.get('/api/v1/tokens')).body.items.find((x: { id: string }) => x.id === token.tokenId);
    expect(listed.revokedAt).not.toBeNull();
    expect((await auditOf(token.tokenId)).map((r) => r.action)).toEqual(['create', 'revoke']);
  });

  it('answers 404 for an unknown token and 403 for non-admins', async () => {
    expect((await admin.delete('/api/v1/tokens/01900000-0000-7000-8000-000000000000')).status).toBe(404);
    const token = await tokenClient(t, admin, 'read');
    expect((await clerk.delete(`/api/v1/tokens/${token.tokenId}`)).status).toBe(403);
    expect((await bearer(t, `${token.secret}x`).get('/api/v1/customers')).status).toBe(401);
  });
});

describe('listing tokens', () => {
  it('pages newest first', async () => {
    const all = (await admin.get('/api/v1/tokens?limit=200')).body.items.map((x: { id: string }) => x.id);
    expect(all.length).toBeGreaterThan(5);
    expect([...all].sort().reverse()).toEqual(all);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await admin.get(`/api/v1/tokens?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.items.map((x) => x.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });
});
