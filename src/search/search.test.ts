import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertNewCustomers, prepareNewCustomer } from '../customers/new-customers.js';
import { newId } from '../platform/ids.js';
import { testApp, type Client, type TestApp } from '../test/app.js';

let t: TestApp;
let clerk: Client;
let admin: Client;
const ids: Record<string, string> = {};

interface Item {
  id: string;
  displayName: string;
  organization: string | null;
  city: string | null;
  lastInteractionAt: string | null;
  phone: string | null;
  email: string | null;
  score: number;
  reasons: { field: string; match: string; text: string }[];
}

const search = async (q: string, limit = 10): Promise<Item[]> => {
  const res = await clerk.get(`/api/v1/search?q=${encodeURIComponent(q)}&limit=${limit}`);
  expect(res.status, `${q}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body.items;
};
const names = async (q: string) => (await search(q)).map((i) => i.displayName);

async function customer(key: string, body: Record<string, unknown>) {
  const res = await clerk.post('/api/v1/customers', body);
  expect(res.status).toBe(201);
  ids[key] = res.body.id;
  return res.body.id as string;
}

beforeAll(async () => {
  t = await testApp();
  clerk = await t.signIn('frontline');
  admin = await t.signIn('admin');
  const builders = await customer('builders', { kind: 'organization', displayName: 'Alvarez Builders', phones: [{ number: '555 900 0000' }] });
  const jim = await customer('jim', {
    givenName: 'Jim',
    familyName: 'Alvarez',
    phones: [{ number: '555 123 4567' }],
    emails: [{ address: 'Jim.Alvarez@example.com' }],
    addresses: [{ city: 'Springfield' }],
    externalIds: [{ source: 'pos', externalId: 'C-100' }],
  });
  await customer('james', { givenName: 'James', familyName: 'Alvarez', preferredName: 'Jim', addresses: [{ city: 'Shelbyville' }] });
  await customer('jimena', { givenName: 'Jimena', familyName: 'Ortiz' });
  await customer('robert', { givenName: 'Robert', familyName: 'Smith', emails: [{ address: 'rsmith@example.org' }] });
  await customer('john', { givenName: 'John', familyName: 'Smith' });
  await customer('anna', { givenName: 'Anna', familyName: 'Müller', addresses: [{ city: 'München' }] });
  await customer('zoe', { displayName: 'Zoë Åkesson-Müller' });
  await customer('maria', { givenName: 'María', familyName: 'García López' });
  await customer('wang', { displayName: '王小明' });
  await customer('siobhan', { givenName: 'Siobhán', familyName: "O'Brien" });
  for (let i = 0; i < 12; i++) await customer(`filler${i}`, { givenName: ['Jill', 'Jia', 'Jin', 'Jiro'][i % 4], familyName: `Tanaka${i}` });
  expect((await clerk.post(`/api/v1/customers/${jim}/relationships`, { relatedCustomerId: builders, label: 'employee', relatedLabel: 'employer' })).status).toBe(201);
  // Interactions are written straight to the table: this file tests the lookup, not the interactions API.
  const now = new Date().toISOString();
  const row = { customerId: jim, channel: 'visit', direction: 'inbound' as const, summary: 'Bought grout', createdAt: now, updatedAt: now, createdBy: null, updatedBy: null };
  await t.database.db.insertInto('interactions').values([
    { ...row, id: newId(), occurredAt: '2025-01-10T10:00:00.000Z' },
    { ...row, id: newId(), occurredAt: '2025-03-01T09:30:00.000Z' },
  ]).execute();
});
afterAll(() => t.close());

describe('finding by name', () => {
  it('finds Jim by his name, its start and a misspelling, ranking the exact name first', async () => {
    const jim = await search('jim');
    expect(jim.slice(0, 2).map((i) => i.id).sort()).toEqual([ids.jim, ids.james].sort());
    expect(jim.map((i) => i.id)).toContain(ids.jimena);
    expect(jim.findIndex((i) => i.id === ids.jimena)).toBeGreaterThan(1);
    expect((await search('ji')).map((i) => i.id)).toContain(ids.jim);
    expect((await search('jime'))[0]!.id).toBe(ids.jimena);
    expect((await search('jmi')).map((i) => i.id)).toContain(ids.jim);
  });

  it('finds Jim Alvarez first through typos, swapped words and a half-typed surname', async () => {
    for (const q of ['Jmi Alvrez', 'alvarez jim', 'Jim Alvarez', 'jim alv', 'ALVAREZ, Jim', 'alvares jim']) {
      const items = await search(q);
      expect(items[0]?.id, q).toBe(ids.jim);
    }
    const [first] = await search('Jmi Alvrez');
    expect(first!.reasons).toEqual(
      expect.arrayContaining([
        { field: 'name', match: 'fuzzy', text: 'Name Jim is close to “jmi”' },
        { field: 'name', match: 'fuzzy', text: 'Name Alvarez is close to “alvrez”' },
      ]),
    );
    expect(first!.score).toBeGreaterThan(1);
    expect(first!.score).toBeLessThan(2);
  });

  it('shows enough to tell two Jim Alvarezes apart', async () => {
    const items = await search('jim alvarez');
    const jim = items.find((i) => i.id === ids.jim)!;
    const james = items.find((i) => i.id === ids.james)!;
    expect(jim).toMatchObject({
      displayName: 'Jim Alvarez',
      city: 'Springfield',
      organization: 'Alvarez Builders',
      lastInteractionAt: '2025-03-01T09:30:00.000Z',
      phone: '555 123 4567',
      email: 'Jim.Alvarez@example.com',
    });
    expect(james).toMatchObject({ displayName: 'James Alvarez', city: 'Shelbyville', organization: null, lastInteractionAt: null });
    expect(james.reasons.map((r) => r.field)).toEqual(expect.arrayContaining(['preferredName']));
  });

  it('ignores accents, case and apostrophes', async () => {
    expect(await names('Muller')).toEqual(expect.arrayContaining(['Anna Müller', 'Zoë Åkesson-Müller']));
    expect(await names('zoe akesson')).toContain('Zoë Åkesson-Müller');
    expect(await names('MARIA GARCIA')).toContain('María García López');
    expect(await names('siobhan obrien')).toContain("Siobhán O'Brien");
    expect(await names('王')).toContain('王小明');
  });

  it('knows common nicknames and says so', async () => {
    const [first] = await search('Bob Smith');
    expect(first!.id).toBe(ids.robert);
    expect(first!.reasons).toContainEqual({ field: 'nickname', match: 'exact', text: 'Robert is a form of “bob”' });
    expect((await search('smith john'))[0]!.id).toBe(ids.john);
  });

  it('finds the people of an organisation by its name, after the organisation itself', async () => {
    const items = await search('alvarez builders');
    expect(items[0]!.id).toBe(ids.builders);
    const jim = items.find((i) => i.id === ids.jim)!;
    expect(jim.reasons).toContainEqual(expect.objectContaining({ field: 'organization', text: 'Organisation Alvarez Builders' }));
  });
});

describe('finding by phone, email and external id', () => {
  it('reads a phone number in any format and ranks it above name matches', async () => {
    for (const q of ['555 123 4567', '+1-555-123-4567', '(555) 123-4567', '5551234567', '+15551234567']) {
      const [first] = await search(q);
      expect(first?.id, q).toBe(ids.jim);
      expect(first!.score).toBeGreaterThanOrEqual(3);
      expect(first!.reasons[0]).toEqual({ field: 'phone', match: 'exact', text: 'Phone +1 555 123 4567' });
    }
  });

  it('finds an exact email (any case) and an email being typed', async () => {
    const [exact] = await search('JIM.alvarez@example.com');
    expect(exact).toMatchObject({ id: ids.jim, reasons: [{ field: 'email', match: 'exact', text: 'Email Jim.Alvarez@example.com' }] });
    const typing = await search('rsmith@exa');
    expect(typing[0]).toMatchObject({ id: ids.robert, reasons: [expect.objectContaining({ field: 'email', match: 'prefix' })] });
  });

  it('finds an external id from any source', async () => {
    const [first] = await search('C-100');
    expect(first).toMatchObject({ id: ids.jim, reasons: [expect.objectContaining({ field: 'externalId', match: 'exact', text: 'pos id C-100' })] });
  });

  it('finds nobody for a name or number no one has', async () => {
    expect(await search('Xylophone Quartermaine')).toEqual([]);
    expect(await search('555 000 1111')).toEqual([]);
  });
});

describe('the index follows edits', () => {
  it('forgets an old name and learns a new one', async () => {
    const id = await customer('renamed', { givenName: 'Prudence', familyName: 'Halloway' });
    expect((await search('prudence halloway'))[0]?.id).toBe(id);
    await clerk.patch(`/api/v1/customers/${id}`, { givenName: 'Temperance' });
    expect((await search('prudence halloway')).map((i) => i.id)).not.toContain(id);
    expect((await search('temperance halloway'))[0]?.id).toBe(id);
  });

  it('drops a deleted customer', async () => {
    const id = await customer('gone', { givenName: 'Evander', familyName: 'Quillfeather' });
    expect((await search('quillfeather'))[0]?.id).toBe(id);
    expect((await admin.delete(`/api/v1/customers/${id}`)).status).toBe(200);
    expect(await search('quillfeather')).toEqual([]);
  });

  it('finds a customer by a phone added later', async () => {
    const id = await customer('phoneLater', { displayName: 'Ottoline Brisk' });
    expect(await search('555 777 8899')).toEqual([]);
    await clerk.post(`/api/v1/customers/${id}/phones`, { number: '555-777-8899' });
    expect((await search('+1 555 777 8899'))[0]?.id).toBe(id);
  });

  it('follows links to organisations, their renames and their deletion', async () => {
    const org = await customer('org', { kind: 'organization', displayName: 'Quimby Tiles' });
    const person = await customer('tiler', { givenName: 'Marguerite', familyName: 'Oyelaran' });
    const link = await clerk.post(`/api/v1/customers/${person}/relationships`, { relatedCustomerId: org, label: 'employee' });
    expect((await search('quimby')).map((i) => i.id)).toEqual([org, person]);
    await clerk.patch(`/api/v1/customers/${org}`, { displayName: 'Zanzibar Tiles' });
    expect((await search('zanzibar')).map((i) => i.id)).toEqual([org, person]);
    expect(await search('quimby')).toEqual([]);
    expect((await admin.delete(`/api/v1/customers/${person}/relationships/${link.body.relationships[0].id}`)).status).toBe(200);
    expect((await search('zanzibar')).map((i) => i.id)).toEqual([org]);
    await clerk.post(`/api/v1/customers/${person}/relationships`, { relatedCustomerId: org, label: 'employee' });
    expect((await admin.delete(`/api/v1/customers/${org}`)).status).toBe(200);
    expect(await search('zanzibar')).toEqual([]);
    expect((await search('marguerite'))[0]).toMatchObject({ id: person, organization: null });
  });
});

describe('bad input', () => {
  it('answers 400 naming /query/q for an empty or missing query, and for a bad limit', async () => {
    for (const url of ['/api/v1/search?q=', '/api/v1/search?q=%20%20', '/api/v1/search']) {
      const res = await clerk.get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.errors[0].path).toBe('/query/q');
    }
    const limit = await clerk.get('/api/v1/search?q=jim&limit=500');
    expect(limit.status).toBe(400);
    expect(limit.body.errors[0].path).toMatch(/limit$/);
    expect((await clerk.get(`/api/v1/search?q=${'x'.repeat(201)}`)).status).toBe(400);
  });

  it('needs a signed-in staff member', async () => {
    expect((await t.anonymous.get('/api/v1/search?q=jim')).status).toBe(401);
  });

  it('treats SQL and LIKE characters as text', async () => {
    for (const q of ["'; drop table customers;--", '%', '_', '\\', '*', '"', '(']) {
      const res = await clerk.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
    // No one types a NUL; it is refused at the door, naming the field.
    const nul = await clerk.get(`/api/v1/search?q=${encodeURIComponent('\u0000x')}`);
    expect(nul.status).toBe(400);
    expect(nul.body.errors[0].path).toBe('/query/q');
    expect((await search('jim')).length).toBeGreaterThan(0);
  });

  it('honours the limit', async () => {
    expect(await search('ji', 3)).toHaveLength(3);
  });
});

describe('namesakes', () => {
  it('come in the order that helps the person at the counter: their own location’s first, then the most recently seen', async () => {
    const north = (await admin.post('/api/v1/locations', { name: 'North branch' })).body.id as string;
    const south = (await admin.post('/api/v1/locations', { name: 'South branch' })).body.id as string;
    const atNorth = await t.signIn('frontline', { locationIds: [north] });
    const atSouth = await t.signIn('frontline', { locationIds: [south] });
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    const make = async (locationId: string, seenDaysAgo: number | null) => {
      const id = (await admin.post('/api/v1/customers', { givenName: 'Mortimer', familyName: 'Quellhorst', locationId })).body.id as string;
      if (seenDaysAgo !== null) {
        const logged = await admin.post('/api/v1/interactions', { customerId: id, channel: 'visit', direction: 'inbound', summary: 'Came in', occurredAt: daysAgo(seenDaysAgo) });
        expect(logged.status).toBe(201);
      }
      return id;
    };
    const northLongAgo = await make(north, 400);
    const southYesterday = await make(south, 1);
    const southNever = await make(south, null);
    const southLastMonth = await make(south, 30);
    const order = async (who: Client) =>
      ((await who.get(`/api/v1/search?q=${encodeURIComponent('mortimer quellhorst')}`)).body.items as Item[]).map((i) => i.id);

    expect(await order(atNorth)).toEqual([northLongAgo, southYesterday, southLastMonth, southNever]);
    expect(await order(atSouth)).toEqual([southYesterday, southLastMonth, southNever, northLongAgo]);
    // Someone of no location: the most recently seen first.
    expect(await order(admin)).toEqual([southYesterday, southLastMonth, northLongAgo, southNever]);
    // The same customers answer the customer list's lookup in the same order.
    const listed = await atNorth.get(`/api/v1/customers?q=${encodeURIComponent('mortimer quellhorst')}`);
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([northLongAgo, southYesterday, southLastMonth, southNever]);
  });
});

describe('where people really type (issue 13)', () => {
  /** Customers written through the app's own bulk path (what createCustomer runs), many at once. */
  const many = async (names: [string, string][]) => {
    const ctx = { actor: null, phoneRegion: 'US' };
    const prepared = names.map(([givenName, familyName]) => prepareNewCustomer(ctx, { givenName, familyName }));
    await t.database.db.transaction().execute((trx) => insertNewCustomers(trx, ctx, prepared));
    return prepared.map((p) => p.customer.id);
  };
  const first = async (q: string) => (await search(q))[0]?.displayName;

  beforeAll(async () => {
    // More Millers than a family name alone is probed for, all stored before Hiroshi; Weis of other family names.
    await many(Array.from({ length: 40 }, (_, i) => [`Aaron${i}`, 'Miller'] as [string, string]));
    await customer('hiroshi', { givenName: 'Hiroshi', familyName: 'Miller' });
    await many(['Abbott', 'Bauer', 'Chen', 'Dunn', 'Ellis', 'Frost'].map((f) => ['Wei', f] as [string, string]));
    await customer('weilu', { givenName: 'Wei', familyName: 'Lu' });
    await customer('thanh', { givenName: 'Thanh', familyName: 'Ng' });
    // Twenty stored words one letter from "zandeberg", all nearer to it than Zanderberg by length.
    await many('abcdefhijklmnopqrstu'.split('').map((letter, i) => [`Other${i}`, `Zandeber${letter}`] as [string, string]));
    await customer('zanderberg', { givenName: 'Ann', familyName: 'Zanderberg' });
    // More Marias of the same particles and other family names than a pair of words is probed for, stored before Maria de la Cruz.
    await many(Array.from({ length: 130 }, (_, i) => ['Maria', `de la Rosa${i}`] as [string, string]));
    await customer('cruz', { givenName: 'Maria', familyName: 'de la Cruz' });
    await customer('johnson', { givenName: 'Mary', familyName: 'Johnson' });
    await customer('jonsonbury', { givenName: 'Mary', familyName: 'Jonsonbury' });
    await customer('wicki', { givenName: 'Wicki', familyName: 'Sapan' });
  });

  it('reads a few letters of the first name before a full family name', async () => {
    expect(await first('Hir Miller')).toBe('Hiroshi Miller');
    expect((await search('Hir Miller'))[0]!.reasons).toContainEqual({ field: 'name', match: 'prefix', text: 'Name Hiroshi starts with “hir”' });
  });

  it('lets a two-letter word have one letter wrong beside another word', async () => {
    const [lu] = await search('Wei Li');
    expect(lu!.id).toBe(ids.weilu);
    expect(lu!.reasons).toContainEqual({ field: 'name', match: 'fuzzy', text: 'Name Lu is close to “li”' });
    expect(await first('Thanh Nh')).toBe('Thanh Ng');
    // Alone, a two-letter word still means only itself or the start of a name.
    expect(await names('nh')).not.toContain('Thanh Ng');
  });

  it('reaches the intended word in a crowd of near words', async () => {
    expect(await first('Ann Zandeberg')).toBe('Ann Zanderberg');
  });

  it('keeps a three-word name with particles through to full scoring', async () => {
    expect((await search('Maria de la Cruz'))[0]!.id).toBe(ids.cruz);
  });

  it('ranks a whole word one edit away above longer words it starts, unless it is a stored name itself', async () => {
    const items = await search('Mary Jonson');
    expect(items.map((i) => i.displayName).slice(0, 2)).toEqual(['Mary Johnson', 'Mary Jonsonbury']);
    // Half-typed, it is still the start of the longer name.
    expect(await first('Mary Jonsonb')).toBe('Mary Jonsonbury');
    await customer('jonson', { givenName: 'Mary', familyName: 'Jonson' });
    expect(await first('Mary Jonson')).toBe('Mary Jonson');
  });

  it('reads words typed without their space or hyphen', async () => {
    expect(await first('WickiSapan')).toBe('Wicki Sapan');
    expect(await first('MaryJohnson')).toBe('Mary Johnson');
    expect(await first('Garcialopez')).toBe('María García López');
    expect(await first('maria garcialopez')).toBe('María García López');
  });
});
