import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';

let t: TestApp;
let clerk: Client;
let admin: Client;

beforeAll(async () => {
  t = await testApp();
  clerk = await t.signIn('frontline');
  admin = await t.signIn('admin');
});
afterAll(() => t.close());

describe('creating customers (help first)', () => {
  it('needs only a phone number, and reads it into E.164', async () => {
    const res = await clerk.post('/api/v1/customers', { phones: [{ number: '(555) 010-2030' }] });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/customers/${res.body.id}`);
    expect(res.body.phones).toEqual([expect.objectContaining({ number: '(555) 010-2030', e164: '+15550102030', primary: true })]);
    expect(res.body.displayName).toBe('(555) 010-2030');
  });

  it('needs only an email, keeping the original and a normalised form', async () => {
    const res = await clerk.post('/api/v1/customers', { emails: [{ address: '  Ana.Lopez@Example.COM ' }] });
    expect(res.status).toBe(201);
    expect(res.body.emails[0]).toMatchObject({ address: 'Ana.Lopez@Example.COM', normalized: 'ana.lopez@example.com', primary: true });
  });

  it('needs only a name, and derives the display name from given and family names', async () => {
    const res = await clerk.post('/api/v1/customers', { givenName: 'Jim', familyName: 'Alvarez', preferredName: 'Jimmy' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ displayName: 'Jim Alvarez', preferredName: 'Jimmy', kind: 'person', createdBy: clerk.staffId });
  });

  it('refuses a customer with nothing to know them by, naming the rule', async () => {
    const res = await clerk.post('/api/v1/customers', { pronouns: 'she/her' });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.detail).toMatch(/name, a phone number or an email/);
  });

  it('keeps non-Latin names and injection strings exactly as typed', async () => {
    const names = ['Zoë Åkesson-Müller', '王小明', 'Σωκράτης', "Robert'); DROP TABLE customers;--", '<script>alert(1)</script>'];
    for (const name of names) {
      const res = await clerk.post('/api/v1/customers', { displayName: name });
      expect(res.status).toBe(201);
      const read = await clerk.get(`/api/v1/customers/${res.body.id}`);
      expect(read.body.displayName).toBe(name);
    }
    expect((await clerk.get('/api/v1/customers?q=DROP')).body.items).toHaveLength(1);
  });

  it('takes an organisation with a partial birthday-less profile and a full person profile', async () => {
    const org = await clerk.post('/api/v1/customers', { kind: 'organization', displayName: 'Alvarez Builders' });
    expect(org.body.kind).toBe('organization');
    const person = await clerk.post('/api/v1/customers', {
      givenName: 'María',
      familyName: 'García',
      pronunciation: 'mah-REE-ah',
      pronouns: 'she/her',
      birthday: { month: 3, day: 14 },
      language: 'es-MX',
      gender: 'woman',
      addresses: [{ line1: '1 Main St', city: 'Springfield', country: 'us' }],
      externalIds: [{ source: 'POS', externalId: 'C-100' }],
    });
    expect(person.status).toBe(201);
    expect(person.body).toMatchObject({
      birthday: { year: null, month: 3, day: 14 },
      addresses: [expect.objectContaining({ city: 'Springfield', country: 'US', primary: true })],
      externalIds: [expect.objectContaining({ source: 'pos', externalId: 'C-100' })],
    });
  });
});

describe('bad input', () => {
  it('names each wrong field', async () => {
    const res = await clerk.post('/api/v1/customers', { givenName: 5, nickname: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: '/body/givenName', message: 'must be string or null' },
        { path: '/body/nickname', message: 'is not a known field' },
      ]),
    );
  });

  it('rejects an impossible birthday and an unreadable phone or email with 422 naming the field', async () => {
    const day = await clerk.post('/api/v1/customers', { displayName: 'X', birthday: { year: 2023, month: 2, day: 29 } });
    expect(day.status).toBe(422);
    expect(day.body.errors[0].path).toBe('/body/birthday/day');
    const phone = await clerk.post('/api/v1/customers', { displayName: 'X', phones: [{ number: 'call me' }] });
    expect(phone.status).toBe(422);
    expect(phone.body.errors[0].path).toBe('/body/phones/0/number');
    const email = await clerk.post('/api/v1/customers', { displayName: 'X', emails: [{ address: 'not-an-email' }] });
    expect(email.status).toBe(422);
    expect(email.body.errors[0].path).toBe('/body/emails/0/address');
  });

  it('saves nothing when part of a create fails', async () => {
    const before = (await clerk.get('/api/v1/customers?q=Half%20Written')).body.items.length;
    const res = await clerk.post('/api/v1/customers', { displayName: 'Half Written', phones: [{ number: '555 111 2222' }, { number: 'nope' }] });
    expect(res.status).toBe(422);
    expect((await clerk.get('/api/v1/customers?q=Half%20Written')).body.items.length).toBe(before);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const unknown = await clerk.get('/api/v1/customers/01900000-0000-7000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ status: 404, title: 'Not found' });
    const malformed = await clerk.get('/api/v1/customers/nope');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].path).toBe('/params/id');
  });

  it('answers 400 for malformed JSON, 415 for another content type, 413 for an oversized body', async () => {
    const malformed = await clerk.request('POST', '/api/v1/customers', '{"displayName":', { headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toMatch(/JSON/);
    const text = await clerk.request('POST', '/api/v1/customers', 'displayName=x', { headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    const huge = await clerk.post('/api/v1/customers', { displayName: 'x', gender: 'y'.repeat(2_000_000) });
    expect(huge.status).toBe(413);
    for (const res of [malformed, text, huge]) expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('refuses the NUL character in any field or query, naming it', async () => {
    const body = await clerk.post('/api/v1/customers', { displayName: 'a\u0000b', emails: [{ address: 'x\u0000@example.com' }] });
    expect(body.status).toBe(400);
    expect(body.body.errors).toEqual([
      { path: '/body/displayName', message: 'must not contain the NUL character' },
      { path: '/body/emails/0/address', message: 'must not contain the NUL character' },
    ]);
    const query = await clerk.get('/api/v1/customers?q=%00');
    expect(query.status).toBe(400);
    expect(query.body.errors[0].path).toBe('/query/q');
  });

  it('refuses a too-long field with 400', async () => {
    const res = await clerk.post('/api/v1/customers', { displayName: 'x'.repeat(201) });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('/body/displayName');
  });
});

describe('changing and deleting', () => {
  it('patches profile fields, clears with null, and keeps a display name', async () => {
    const { body } = await clerk.post('/api/v1/customers', { givenName: 'Sam', familyName: 'Lee', pronouns: 'they/them' });
    const res = await clerk.patch(`/api/v1/customers/${body.id}`, { givenName: 'Samantha', pronouns: null, birthday: { year: 1990 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: 'Samantha Lee', pronouns: null, birthday: { year: 1990, month: null, day: null }, updatedBy: clerk.staffId });
    const cleared = await clerk.patch(`/api/v1/customers/${body.id}`, { givenName: null, familyName: null, displayName: null });
    expect(cleared.status).toBe(422);
    expect(cleared.body.errors[0].path).toBe('/body/displayName');
  });

  it('lets only an admin delete a customer, and the customer is gone after', async () => {
    const { body } = await clerk.post('/api/v1/customers', { displayName: 'To Delete', phones: [{ number: '555 300 4000' }] });
    expect((await clerk.delete(`/api/v1/customers/${body.id}`)).status).toBe(403);
    expect(await admin.delete(`/api/v1/customers/${body.id}`)).toMatchObject({ status: 200, body: { trashId: expect.any(String) } });
    expect((await clerk.get(`/api/v1/customers/${body.id}`)).status).toBe(404);
    expect((await admin.delete(`/api/v1/customers/${body.id}`)).status).toBe(404);
  });
});

describe('contact points', () => {
  it('adds, changes and removes emails and phones, keeping exactly one primary', async () => {
    const { body } = await clerk.post('/api/v1/customers', { displayName: 'Pat', phones: [{ number: '555 200 0001' }] });
    const added = await clerk.post(`/api/v1/customers/${body.id}/phones`, { number: '+44 20 7946 0958', label: 'work', primary: true });
    expect(added.status).toBe(201);
    expect(added.body.phones.map((p: { e164: string; primary: boolean }) => [p.e164, p.primary])).toEqual([
      ['+442079460958', true],
      ['+15552000001', false],
    ]);
    const work = added.body.phones[0].id;
    // Frontline staff correct a contact point by changing it; removing one takes a manager.
    expect((await clerk.delete(`/api/v1/customers/${body.id}/phones/${work}`)).status).toBe(403);
    const removed = await admin.delete(`/api/v1/customers/${body.id}/phones/${work}`);
    expect(removed.body.phones).toEqual([expect.objectContaining({ e164: '+15552000001', primary: true })]);
    const email = await clerk.post(`/api/v1/customers/${body.id}/emails`, { address: 'pat@example.com' });
    const changed = await clerk.patch(`/api/v1/customers/${body.id}/emails/${email.body.emails[0].id}`, { label: 'home' });
    expect(changed.body.emails[0]).toMatchObject({ label: 'home', primary: true });
    expect((await admin.delete(`/api/v1/customers/${body.id}/emails/01900000-0000-7000-8000-000000000000`)).status).toBe(404);
  });

  it('keeps external ids unique per source and says which customer holds one', async () => {
    const a = await clerk.post('/api/v1/customers', { displayName: 'A', externalIds: [{ source: 'newsletter', externalId: 'N-1' }] });
    const b = await clerk.post('/api/v1/customers', { displayName: 'B' });
    const clash = await clerk.post(`/api/v1/customers/${b.body.id}/external-ids`, { source: 'Newsletter', externalId: 'N-1' });
    expect(clash.status).toBe(409);
    expect(clash.body.detail).toContain(a.body.id);
    const other = await clerk.post(`/api/v1/customers/${b.body.id}/external-ids`, { source: 'pos', externalId: 'N-1' });
    expect(other.status).toBe(201);
  });
});

describe('relationships', () => {
  it('links a household both ways and a person to an organisation', async () => {
    const mother = await clerk.post('/api/v1/customers', { displayName: 'Helen Park' });
    const son = await clerk.post('/api/v1/customers', { displayName: 'Daniel Park' });
    const org = await clerk.post('/api/v1/customers', { kind: 'organization', displayName: 'Park Dental' });
    const link = await clerk.post(`/api/v1/customers/${mother.body.id}/relationships`, {
      relatedCustomerId: son.body.id,
      label: 'parent',
      relatedLabel: 'child',
      household: true,
    });
    expect(link.status).toBe(201);
    expect(link.body.relationships).toEqual([expect.objectContaining({ relatedDisplayName: 'Daniel Park', label: 'parent', relatedLabel: 'child', household: true })]);
    const fromSon = await clerk.get(`/api/v1/customers/${son.body.id}`);
    expect(fromSon.body.relationships).toEqual([expect.objectContaining({ relatedDisplayName: 'Helen Park', label: 'child', relatedLabel: 'parent' })]);
    await clerk.post(`/api/v1/customers/${mother.body.id}/relationships`, { relatedCustomerId: org.body.id, label: 'owner' });
    const again = await clerk.post(`/api/v1/customers/${son.body.id}/relationships`, { relatedCustomerId: mother.body.id, label: 'child' });
    expect(again.status).toBe(409);
    const self = await clerk.post(`/api/v1/customers/${son.body.id}/relationships`, { relatedCustomerId: son.body.id, label: 'self' });
    expect(self.status).toBe(422);
    expect((await clerk.delete(`/api/v1/customers/${son.body.id}/relationships/${link.body.relationships[0].id}`)).status).toBe(403);
    const removed = await admin.delete(`/api/v1/customers/${son.body.id}/relationships/${link.body.relationships[0].id}`);
    expect(removed.body.relationships).toEqual([]);
  });
});

describe('listing and simple search', () => {
  it('finds by name, email and a phone typed in another format', async () => {
    const { body } = await clerk.post('/api/v1/customers', {
      givenName: 'Quentin',
      familyName: 'Zephyr',
      emails: [{ address: 'QZ@example.org' }],
      phones: [{ number: '555-987-6543' }],
    });
    for (const q of ['zephyr', 'Quent', 'qz@EXAMPLE.org', '+1 (555) 987 6543', '5559876543']) {
      const res = await clerk.get(`/api/v1/customers?q=${encodeURIComponent(q)}`);
      expect(res.body.items.map((c: { id: string }) => c.id), q).toContain(body.id);
    }
    expect((await clerk.get('/api/v1/customers?q=%25')).body.items.map((c: { id: string }) => c.id)).not.toContain(body.id);
  });

  it('lists everyone in name order, a page at a time, without repeats or gaps', async () => {
    for (let i = 0; i < 7; i++) await clerk.post('/api/v1/customers', { displayName: `Pager ${i}` });
    const seen: { id: string; displayName: string }[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string; displayName: string }[]; nextCursor: string | null } } = await clerk.get(
        `/api/v1/customers?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.map((c) => c.displayName).filter((name) => name.startsWith('Pager '))).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `Pager ${i}`));
    const everyone = (await clerk.get('/api/v1/customers?limit=200')).body.items.map((c: { id: string }) => c.id);
    expect(seen.map((c) => c.id)).toEqual(everyone);
    expect((await clerk.get('/api/v1/customers?cursor=garbage')).status).toBe(400);
  });

  it('with q, answers like the lookup: best match first, one page', async () => {
    const { body } = await clerk.post('/api/v1/customers', { givenName: 'Rosalind', familyName: 'Franklin' });
    const res = await clerk.get('/api/v1/customers?q=Rosalnd%20Franklin');
    expect(res.body.items[0].id).toBe(body.id);
    expect(res.body.nextCursor).toBeNull();
  });
});
