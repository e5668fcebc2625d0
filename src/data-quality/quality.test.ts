import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';

/**
 * Data quality over HTTP: what to fix on one customer, the counts per kind over the whole database,
 * and a kind's customers page by page, checked row by row against customers made with known problems.
 */
let t: TestApp;
let clerk: Client;
let manager: Client;
let admin: Client;

/** The customers made below, by what is wrong with them. */
const ids = {
  nameless: '', // a phone, no name
  typo: '', // Anna at gmial.com
  unreachable: '', // a name, no phone, no email
  initial: '', // J. Doe, an invalid phone, an address without postcode
  fine: '', // nothing wrong (an organisation, consent recorded)
  stale: '', // an email last confirmed four years ago, in touch last week
  nodot: '', // an email whose domain has no dot (written before the API checked)
  robert: '', // may be the same person as Bob
  bob: '',
  erased: '', // no contact, but erased: counted nowhere
};
const item = { initialPhone: '', initialAddress: '', staleEmail: '', nodotEmail: '', typoEmail: '', suspicion: '' };

const fourYearsAgo = () => new Date(Date.now() - 4 * 365 * 86_400_000).toISOString();
const create = async (body: Record<string, unknown>) => {
  const res = await clerk.post('/api/v1/customers', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; phones: { id: string }[]; emails: { id: string }[]; addresses: { id: string }[] };
};
const consent = async (id: string) => expect((await clerk.put(`/api/v1/customers/${id}/consent/email`, { status: 'opted_in' })).status).toBe(200);

beforeAll(async () => {
  t = await testApp();
  clerk = await t.signIn('frontline');
  manager = await t.signIn('manager');
  admin = await t.signIn('admin');
  const db = t.database.db;

  ids.nameless = (await create({ phones: [{ number: '(217) 555-0101' }] })).id;
  const typo = await create({ givenName: 'Anna', familyName: 'Kowalski', emails: [{ address: 'anna.k@gmial.com' }] });
  ids.typo = typo.id;
  item.typoEmail = typo.emails[0]!.id;
  ids.unreachable = (await create({ givenName: 'Cara', familyName: 'Quinn' })).id;
  const initial = await create({
    givenName: 'J.',
    familyName: 'Doe',
    phones: [{ number: '(555) 010-2030' }],
    addresses: [{ line1: '5 Oak Street', city: 'Bloomington' }],
  });
  ids.initial = initial.id;
  item.initialPhone = initial.phones[0]!.id;
  item.initialAddress = initial.addresses[0]!.id;
  ids.fine = (await create({ kind: 'organization', displayName: 'Alvarez Builders', emails: [{ address: 'office@alvarez.example' }] })).id;
  await consent(ids.fine);

  // In touch last week; the email was last confirmed four years ago (set in the database: the API stamps now).
  const stale = await create({ givenName: 'Stella', familyName: 'Old', emails: [{ address: 'stella@example.com' }] });
  ids.stale = stale.id;
  item.staleEmail = stale.emails[0]!.id;
  await consent(ids.stale);
  const call = await clerk.post('/api/v1/interactions', { customerId: ids.stale, channel: 'call', direction: 'inbound', summary: 'Asked about opening hours' });
  expect(call.status, JSON.stringify(call.body)).toBe(201);
  await db.updateTable('emails').set({ updatedAt: fourYearsAgo(), createdAt: fourYearsAgo() }).where('id', '=', item.staleEmail).execute();

  // The API refuses an email without a dotted domain; older records may hold one.
  ids.nodot = (await create({ givenName: 'Nils', familyName: 'Dot', phones: [{ number: '(217) 555-0123' }] })).id;
  await consent(ids.nodot);
  item.nodotEmail = newId();
  await db
    .insertInto('emails')
    .values({ id: item.nodotEmail, customerId: ids.nodot, address: 'nils@localhost', normalized: 'nils@localhost', label: null, isPrimary: true, createdAt: nowIso(), updatedAt: nowIso(), createdBy: null, updatedBy: null })
    .execute();

  // Two records the duplicates queue holds as one person, perhaps.
  ids.robert = (await create({ givenName: 'Robert', familyName: 'Smith', phones: [{ number: '(217) 555-0145' }] })).id;
  ids.bob = (await create({ givenName: 'Bob', familyName: 'Smith', phones: [{ number: '(217) 555-0146' }] })).id;
  await consent(ids.robert);
  await consent(ids.bob);
  item.suspicion = newId();
  const [first, second] = ids.robert < ids.bob ? [ids.robert, ids.bob] : [ids.bob, ids.robert];
  await db
    .insertInto('duplicateSuspicions')
    .values({ id: item.suspicion, firstCustomerId: first, secondCustomerId: second, score: 7.5, reasons: '[]', foundBy: 'scan', importId: null, createdAt: nowIso() })
    .execute();

  ids.erased = (await create({ givenName: 'Zed', familyName: 'Gone' })).id;
  expect((await admin.post(`/api/v1/customers/${ids.erased}/erase`, { reason: 'Asked by letter' })).status).toBe(200);
  // Only the pair above: creating them may have queued others (Bob and Robert are one name to matching).
  await db.deleteFrom('duplicateSuspicions').where('id', '!=', item.suspicion).execute();
});
afterAll(() => t.close());

const quality = async (id: string) => {
  const res = await clerk.get(`/api/v1/customers/${id}/quality`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { customerId: string; findings: { kind: string; severity: string; field: string; itemId: string | null; otherCustomer: { id: string; displayName: string } | null; sentence: string }[] };
};
const lines = async (id: string) => (await quality(id)).findings.map((f) => `${f.severity} ${f.kind} ${f.field}${f.itemId ? ` ${f.itemId}` : ''}: ${f.sentence}`);

describe('GET /customers/{id}/quality', () => {
  it('says what to fix on each customer, field by field, most serious first', async () => {
    expect(await lines(ids.nameless)).toEqual([
      'high no_name givenName: No way to greet them: add a given name or the name they go by.',
      'low no_consent consent: No consent recorded for any channel: ask how they like to be contacted (email, phone, text, post) and record it.',
    ]);
    expect(await lines(ids.typo)).toEqual([
      `medium email_typo emails ${item.typoEmail}: The email anna.k@gmial.com looks misspelt: did they mean anna.k@gmail.com?`,
      'low no_consent consent: No consent recorded for any channel: ask how they like to be contacted (email, phone, text, post) and record it.',
    ]);
    expect(await lines(ids.unreachable)).toEqual([
      'high no_contact contact: No way to reach them: add a phone number or an email.',
      'low no_consent consent: No consent recorded for any channel: ask how they like to be contacted (email, phone, text, post) and record it.',
    ]);
    expect(await lines(ids.initial)).toEqual([
      'medium initial_only givenName: Only an initial to greet them by (“J.”): add their given name or the name they go by.',
      `medium phone_invalid phones ${item.initialPhone}: The phone number (555) 010-2030 is not a valid number: check it with them.`,
      'low no_consent consent: No consent recorded for any channel: ask how they like to be contacted (email, phone, text, post) and record it.',
      `low address_incomplete addresses ${item.initialAddress}: The address 5 Oak Street has no postcode: ask them for the full address.`,
    ]);
    expect(await lines(ids.nodot)).toEqual([`medium email_invalid emails ${item.nodotEmail}: The email nils@localhost cannot work: its domain has no dot. Check it with them.`]);
    expect(await quality(ids.fine)).toEqual({ customerId: ids.fine, findings: [] });
  });

  it('asks to confirm old details of a customer in touch since, until someone does', async () => {
    const [only, ...rest] = (await quality(ids.stale)).findings;
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ kind: 'stale_contact', severity: 'low', field: 'emails', itemId: item.staleEmail });
    expect(only!.sentence).toMatch(/^The email stella@example\.com was not confirmed or changed since \w+ \d{4}, and they have been in touch since: check it is still right\.$/);
    // "Still right": saving the email as it is confirms it.
    expect((await clerk.patch(`/api/v1/customers/${ids.stale}/emails/${item.staleEmail}`, {})).status).toBe(200);
    expect((await quality(ids.stale)).findings).toEqual([]);
    await t.database.db.updateTable('emails').set({ updatedAt: fourYearsAgo() }).where('id', '=', item.staleEmail).execute();
  });

  it('names the other record of a possible duplicate, both ways', async () => {
    const robert = (await quality(ids.robert)).findings;
    expect(robert).toEqual([
      {
        kind: 'duplicate_suspected',
        severity: 'medium',
        field: 'duplicates',
        itemId: item.suspicion,
        otherCustomer: { id: ids.bob, displayName: 'Bob Smith' },
        sentence: 'May be the same person as Bob Smith: compare the two records and merge them, or say they are two people.',
      },
    ]);
    expect((await quality(ids.bob)).findings.map((f) => f.otherCustomer)).toEqual([{ id: ids.robert, displayName: 'Robert Smith' }]);
  });

  it('answers 404 for no such customer, 410 for an erased one, 400 for an id that is not one', async () => {
    expect((await clerk.get('/api/v1/customers/01900000-0000-7000-8000-000000000000/quality')).status).toBe(404);
    const erased = await clerk.get(`/api/v1/customers/${ids.erased}/quality`);
    expect(erased.status).toBe(410);
    expect(erased.body.detail).toContain('erased on');
    const bad = await clerk.get('/api/v1/customers/not-an-id/quality');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('/params/id');
    expect((await t.anonymous.get(`/api/v1/customers/${ids.typo}/quality`)).status).toBe(401);
  });
});

describe('GET /data-quality', () => {
  it('counts each kind over the whole database, live customers only, and says which it cannot count', async () => {
    const res = await manager.get('/api/v1/data-quality');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.customers).toBe(9);
    expect(Date.parse(res.body.countedAt)).toBeGreaterThan(Date.now() - 60_000);
    const counts = Object.fromEntries(res.body.kinds.map((k: { kind: string; count: number | null }) => [k.kind, k.count]));
    expect(counts).toEqual({
      no_name: 1,
      initial_only: 1,
      no_contact: 1,
      no_consent: 4,
      email_invalid: 1,
      email_typo: 1,
      phone_invalid: null,
      address_incomplete: 1,
      stale_contact: null,
      duplicate_suspected: 2,
    });
    const kind = (name: string) => res.body.kinds.find((k: { kind: string }) => k.kind === name);
    expect(kind('phone_invalid')).toMatchObject({ severity: 'medium', label: 'A phone number that is not a valid number', count: null, note: expect.stringContaining('libphonenumber') });
    expect(kind('stale_contact')).toMatchObject({ severity: 'low', count: null, note: expect.stringContaining('no index serves') });
    expect(res.body.kinds.find((k: { kind: string }) => k.kind === 'no_name')).toEqual({ kind: 'no_name', severity: 'high', label: 'No name to greet them by', count: 1, note: null });
  });

  it('lists the customers of a kind in name order, page by page, each with its findings of that kind', async () => {
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { kind: string; items: { customerId: string; displayName: string; findings: { kind: string }[] }[]; nextCursor: string | null; note: string | null } } =
        await manager.get(`/api/v1/data-quality?kind=no_consent&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.kind).toBe('no_consent');
      expect(res.body.note).toBeNull();
      for (const i of res.body.items) expect(i.findings.map((f) => f.kind)).toEqual(['no_consent']);
      names.push(...res.body.items.map((i) => i.displayName));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(names).toEqual(['(217) 555-0101', 'Anna Kowalski', 'Cara Quinn', 'J. Doe']);

    const typo = await manager.get('/api/v1/data-quality?kind=email_typo');
    expect(typo.body).toEqual({
      kind: 'email_typo',
      items: [
        {
          customerId: ids.typo,
          displayName: 'Anna Kowalski',
          findings: [
            {
              kind: 'email_typo',
              severity: 'medium',
              field: 'emails',
              itemId: item.typoEmail,
              otherCustomer: null,
              sentence: 'The email anna.k@gmial.com looks misspelt: did they mean anna.k@gmail.com?',
            },
          ],
        },
      ],
      nextCursor: null,
      note: null,
    });
    const one = async (kind: string) => (await manager.get(`/api/v1/data-quality?kind=${kind}`)).body.items.map((i: { customerId: string }) => i.customerId);
    expect(await one('no_name')).toEqual([ids.nameless]);
    expect(await one('initial_only')).toEqual([ids.initial]);
    expect(await one('no_contact')).toEqual([ids.unreachable]);
    expect(await one('email_invalid')).toEqual([ids.nodot]);
    expect(await one('address_incomplete')).toEqual([ids.initial]);
    expect(await one('stale_contact')).toEqual([ids.stale]);
    expect(await one('duplicate_suspected')).toEqual([ids.bob, ids.robert]);
  });

  it('finds invalid phone numbers by reading the customers with phones, and says how', async () => {
    const res = await manager.get('/api/v1/data-quality?kind=phone_invalid&limit=5');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { displayName: string; findings: { itemId: string }[] }) => [i.displayName, i.findings.map((f) => f.itemId)])).toEqual([['J. Doe', [item.initialPhone]]]);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.note).toMatch(/500 customers at a time/);
    // A page of one stops at the first one found, and reads on from there.
    const first = await manager.get('/api/v1/data-quality?kind=phone_invalid&limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const next = await manager.get(`/api/v1/data-quality?kind=phone_invalid&limit=1&cursor=${first.body.nextCursor}`);
    expect(next.body).toMatchObject({ items: [], nextCursor: null });
  });

  it('refuses what it cannot read, naming the field', async () => {
    const unknown = await manager.get('/api/v1/data-quality?kind=gossip');
    expect(unknown.status).toBe(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual(['/query/kind']);
    const cursorAlone = await manager.get('/api/v1/data-quality?cursor=abc');
    expect(cursorAlone.status).toBe(400);
    expect(cursorAlone.body.errors).toEqual([{ path: '/query/kind', message: 'is needed with a cursor' }]);
    const badCursor = await manager.get('/api/v1/data-quality?kind=no_name&cursor=notacursor');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors[0].path).toBe('/query/cursor');
    expect((await manager.get('/api/v1/data-quality?kind=no_name&limit=0')).body.errors[0].path).toBe('/query/limit');
    expect((await manager.get('/api/v1/data-quality?kind=no_name&extra=1')).status).toBe(400);
  });

  it('is for managers and admins: frontline staff get 403, nobody signed in 401', async () => {
    const res = await clerk.get('/api/v1/data-quality');
    expect(res.status).toBe(403);
    expect((await clerk.get('/api/v1/data-quality?kind=no_name')).status).toBe(403);
    expect((await admin.get('/api/v1/data-quality')).status).toBe(200);
    expect((await t.anonymous.get('/api/v1/data-quality')).status).toBe(401);
  });
});
