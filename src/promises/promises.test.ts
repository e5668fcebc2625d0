import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';
import { localDate } from './promise-time.js';

/**
 * The commitments ledger over HTTP: making a promise (where it belongs, when it is due), changing its
 * date (why, whether and how the customer was told, an apology), telling them later, keeping,
 * breaking, cancelling, handing over, the figures, the brief's prompt, the timeline, the trash.
 */

let t: TestApp;
let admin: Client;
let clerk: Client;
let colleague: Client;
let manager: Client;
let chicago: string;
let london: string;
let customerId: string;
const missing = '01900000-0000-7000-8000-000000000000';
const day = 86_400_000;

const audits = (entityId: string) => t.database.db.selectFrom('auditEvents').selectAll().where('entityId', '=', entityId).orderBy('at').orderBy('id').execute();
/** A day relative to today in Chicago: -1 is yesterday there. */
const chicagoDay = (offset: number) => localDate(Date.now() + offset * day, 'America/Chicago');

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin');
  chicago = (await admin.post('/api/v1/locations', { name: 'Call centre', timezone: 'America/Chicago' })).body.id;
  london = (await admin.post('/api/v1/locations', { name: 'Harbour Street', timezone: 'Europe/London' })).body.id;
  clerk = await t.signIn('frontline', { locationIds: [chicago], name: 'Sam Delgado' });
  colleague = await t.signIn('frontline', { locationIds: [chicago], name: 'Nadia Brooks' });
  manager = await t.signIn('manager', { locationIds: [chicago] });
  customerId = (await clerk.post('/api/v1/customers', { givenName: 'Ellen', familyName: 'Farrow', locationId: london })).body.id;
});
afterAll(() => t.close());

describe('making a promise', () => {
  it('defaults the owner to the maker and the place to their location, reads the day there, and audits', async () => {
    const res = await clerk.post('/api/v1/promises', { customerId, what: 'the free HD TV', dueOn: '2027-03-12' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/promises/${res.body.id}`);
    // The customer's home is London, but Sam works in Chicago: the promise is read in Chicago time.
    expect(res.body).toMatchObject({
      customerId,
      what: 'the free HD TV',
      ownerId: clerk.staffId,
      ownerName: 'Sam Delgado',
      locationId: chicago,
      timezone: 'America/Chicago',
      dueOn: '2027-03-12',
      dueAt: null,
      dueBy: '2027-03-13T05:59:59.999Z',
      originalDueOn: '2027-03-12',
      originalDueBy: '2027-03-13T05:59:59.999Z',
      status: 'open',
      overdue: false,
      slips: 0,
      needsTelling: false,
      revisions: [],
      handovers: [],
      links: [],
      createdBy: clerk.staffId,
    });
    const rows = await audits(res.body.id);
    expect(rows).toEqual([expect.objectContaining({ action: 'create', entityType: 'promise', staffId: clerk.staffId, customerId })]);
    expect((await clerk.get(`/api/v1/promises/${res.body.id}`)).body).toEqual(res.body);
  });

  it("uses the customer's home when the owner works there, a named location, or a moment instead of a day", async () => {
    const londoner = await t.signIn('frontline', { locationIds: [chicago, london] });
    const home = await londoner.post('/api/v1/promises', { customerId, what: 'a call back', dueOn: '2027-07-01' });
    expect(home.body).toMatchObject({ locationId: london, timezone: 'Europe/London', dueBy: '2027-07-01T22:59:59.999Z' });
    const named = await clerk.post('/api/v1/promises', { customerId, what: 'a brochure', dueOn: '2027-01-05', locationId: london });
    expect(named.body).toMatchObject({ locationId: london, dueBy: '2027-01-05T23:59:59.999Z' });
    const moment = await clerk.post('/api/v1/promises', { customerId, what: 'a call at three', dueAt: '2027-01-05T15:00:00-06:00', ownerId: colleague.staffId });
    expect(moment.body).toMatchObject({ dueOn: null, dueAt: '2027-01-05T21:00:00.000Z', dueBy: '2027-01-05T21:00:00.000Z', ownerId: colleague.staffId, ownerName: 'Nadia Brooks' });
  });

  it('keeps the contact it was made in, of the same customer only', async () => {
    const contact = await clerk.post('/api/v1/interactions', { customerId, channel: 'call', direction: 'inbound', summary: 'Asked about the TV' });
    const res = await clerk.post('/api/v1/promises', { customerId, what: 'a delivery date', dueOn: '2027-02-01', interactionId: contact.body.id });
    expect(res.body.interactionId).toBe(contact.body.id);
    const other = (await clerk.post('/api/v1/customers', { displayName: 'Someone Else' })).body.id;
    const wrong = await clerk.post('/api/v1/promises', { customerId: other, what: 'x', dueOn: '2027-02-01', interactionId: contact.body.id });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]).toEqual({ path: '/body/interactionId', message: 'is a contact with another customer' });
  });

  it('names each wrong field with 400', async () => {
    const cases: [unknown, string][] = [
      [{ what: 'x', dueOn: '2027-01-01' }, '/body/customerId'],
      [{ customerId, dueOn: '2027-01-01' }, '/body/what'],
      [{ customerId, what: '', dueOn: '2027-01-01' }, '/body/what'],
      [{ customerId, what: 'x'.repeat(501), dueOn: '2027-01-01' }, '/body/what'],
      [{ customerId, what: 'x', dueOn: '2027-02-30' }, '/body/dueOn'],
      [{ customerId, what: 'x', dueOn: '12 March' }, '/body/dueOn'],
      [{ customerId, what: 'x', dueAt: 'tomorrow' }, '/body/dueAt'],
      [{ customerId, what: 'x', dueOn: '2027-01-01', ownerId: 'me' }, '/body/ownerId'],
      [{ customerId, what: 'x', dueOn: '2027-01-01', colour: 'red' }, '/body/colour'],
      [{ customerId, what: 'x', dueOn: '2027-01-01', status: 'kept' }, '/body/status'],
    ];
    for (const [body, path] of cases) {
      const res = await clerk.post('/api/v1/promises', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });

  it('refuses readable input that breaks a rule with 422 naming the field, saving nothing', async () => {
    const integration = (await admin.post('/api/v1/staff/integrations', { name: 'POS sync', role: 'frontline' })).body.id;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ customerId, what: '   ', dueOn: '2027-01-01' }, '/body/what', /blank/],
      [{ customerId, what: 'x' }, '/body/dueOn', /give the day/],
      [{ customerId, what: 'x', dueOn: '2027-01-01', dueAt: '2027-01-01T10:00:00Z' }, '/body/dueAt', /not both/],
      [{ customerId, what: 'x', dueOn: '1850-01-01' }, '/body/dueOn', /from 1900/],
      [{ customerId: missing, what: 'x', dueOn: '2027-01-01' }, '/body/customerId', /does not exist/],
      [{ customerId, what: 'x', dueOn: '2027-01-01', ownerId: missing }, '/body/ownerId', /does not exist/],
      [{ customerId, what: 'x', dueOn: '2027-01-01', ownerId: integration }, '/body/ownerId', /only active staff/],
      [{ customerId, what: 'x', dueOn: '2027-01-01', locationId: missing }, '/body/locationId', /does not exist/],
      [{ customerId, what: 'x', dueOn: '2027-01-01', interactionId: missing }, '/body/interactionId', /does not exist/],
      [{ customerId, what: 'x', dueOn: '2027-01-01', madeAt: new Date(Date.now() + 2 * day).toISOString() }, '/body/madeAt', /future/],
    ];
    const before = await t.database.db.selectFrom('promises').select('id').execute();
    for (const [body, path, message] of cases) {
      const res = await clerk.post('/api/v1/promises', body);
      expect(res.status, path).toBe(422);
      expect(res.body.errors[0].path).toBe(path);
      expect(res.body.errors[0].message).toMatch(message);
    }
    expect(await t.database.db.selectFrom('promises').select('id').execute()).toHaveLength(before.length);
  });

  it('answers 404 for an unknown promise and 400 for a malformed id', async () => {
    expect((await clerk.get(`/api/v1/promises/${missing}`)).status).toBe(404);
    expect((await clerk.post(`/api/v1/promises/${missing}/keep`, {})).status).toBe(404);
    expect((await manager.delete(`/api/v1/promises/${missing}`)).status).toBe(404);
    const malformed = await clerk.get('/api/v1/promises/nope');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].path).toBe('/params/id');
  });
});

describe('changing the date', () => {
  it('records each change with its reason, and whether and how the customer was told, with an apology', async () => {
    const { body: p } = await clerk.post('/api/v1/promises', { customerId, what: 'the garden table', dueOn: '2027-04-01' });
    const first = await clerk.post(`/api/v1/promises/${p.id}/revisions`, { dueOn: '2027-05-15', reason: 'A backlog at the supplier', customerTold: false });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ dueOn: '2027-05-15', originalDueOn: '2027-04-01', slips: 1, needsTelling: true, customerEverTold: false });
    expect(first.body.revisions[0]).toMatchObject({ fromDueOn: '2027-04-01', toDueOn: '2027-05-15', reason: 'A backlog at the supplier', slip: true, toldAt: null, apologised: false, createdByName: 'Sam Delgado' });
    const second = await colleague.post(`/api/v1/promises/${p.id}/revisions`, { dueOn: '2027-05-01', reason: 'Expedited', customerTold: true, toldChannel: 'call', apologised: true });
    expect(second.body).toMatchObject({ slips: 1, needsTelling: false, customerEverTold: true });
    expect(second.body.revisions[1]).toMatchObject({ toDueOn: '2027-05-01', slip: false, toldChannel: 'call', toldBy: colleague.staffId, toldByName: 'Nadia Brooks', apologised: true });
    expect(second.body.revisions[1].toldAt).toBe(second.body.revisions[1].createdAt);
    const trail = await t.database.db.selectFrom('auditEvents').selectAll().where('entityType', '=', 'promise_revision').where('customerId', '=', customerId).execute();
    expect(trail.length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(trail.at(-1)!.diff!).after).toMatchObject({ toDueOn: '2027-05-01', reason: 'Expedited', apologised: true });
  });

  it('needs a reason, a channel when told, no apology without telling, and a different date', async () => {
    const { body: p } = await clerk.post('/api/v1/promises', { customerId, what: 'a refund', dueOn: '2027-04-01' });
    const url = `/api/v1/promises/${p.id}/revisions`;
    const bad: [Record<string, unknown>, number, string][] = [
      [{ dueOn: '2027-04-02', customerTold: false }, 400, '/body/reason'],
      [{ dueOn: '2027-04-02', reason: 'x' }, 400, '/body/customerTold'],
      [{ dueOn: '2027-04-02', reason: 'x', customerTold: true, toldChannel: 'pigeon' }, 400, '/body/toldChannel'],
      [{ dueOn: '2027-04-02', reason: '  ', customerTold: false }, 422, '/body/reason'],
      [{ dueOn: '2027-04-02', reason: 'x', customerTold: true }, 422, '/body/toldChannel'],
      [{ dueOn: '2027-04-02', reason: 'x', customerTold: false, toldChannel: 'call' }, 422, '/body/toldChannel'],
      [{ dueOn: '2027-04-02', reason: 'x', customerTold: false, apologised: true }, 422, '/body/apologised'],
      [{ dueOn: '2027-04-01', reason: 'x', customerTold: false }, 422, '/body/dueOn'],
      [{ reason: 'x', customerTold: false }, 422, '/body/dueOn'],
      [{ dueOn: '2027-04-02', reason: 'x', customerTold: false, changedAt: '2020-01-01T00:00:00Z' }, 422, '/body/changedAt'],
    ];
    for (const [body, status, path] of bad) {
      const res = await clerk.post(url, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await clerk.get(`/api/v1/promises/${p.id}`)).body.revisions).toEqual([]);
  });

  it('records telling the customer later, on the latest change, and an apology after that', async () => {
    const { body: p } = await clerk.post('/api/v1/promises', { customerId, what: 'a new router', dueOn: '2027-04-01' });
    const told = `/api/v1/promises/${p.id}/told`;
    expect((await clerk.post(told, { channel: 'call' })).status).toBe(409);
    await clerk.post(`/api/v1/promises/${p.id}/revisions`, { dueOn: '2027-04-10', reason: 'Out of stock', customerTold: false });
    await clerk.post(`/api/v1/promises/${p.id}/revisions`, { dueOn: '2027-04-20', reason: 'Still out of stock', customerTold: false });
    expect((await clerk.post(told, { channel: 'fax' })).status).toBe(400);
    const res = await colleague.post(told, { channel: 'email' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ needsTelling: false, customerEverTold: true });
    expect(res.body.revisions.map((r: { toldChannel: string | null }) => r.toldChannel)).toEqual([null, 'email']);
    expect((await colleague.post(told, { channel: 'email' })).status).toBe(409);
    const sorry = await colleague.post(told, { channel: 'email', apologised: true });
    expect(sorry.body.revisions[1]).toMatchObject({ toldChannel: 'email', apologised: true });
    const trail = (await audits(res.body.revisions[1].id)).map((a) => a.action);
    expect(trail).toEqual(['create', 'update', 'update']);
  });
});

describe('keeping, breaking, cancelling, handing over', () => {
  it('marks a promise kept (now or earlier) once, and only an open promise changes', async () => {
    const { body: p } = await clerk.post('/api/v1/promises', { customerId, what: 'a callback', dueOn: chicagoDay(1) });
    expect((await clerk.post(`/api/v1/promises/${p.id}/keep`, { keptAt: new Date(Date.now() + day).toISOString() })).status).toBe(422);
    expect((await clerk.post(`/api/v1/promises/${p.id}/keep`, { keptAt: '2001-01-01T00:00:00Z' })).body.errors[0]).toEqual({
      path: '/body/keptAt',
      message: 'cannot be before the promise was made',
    });
    const kept = await clerk.post(`/api/v1/promises/${p.id}/keep`, {});
    expect(kept.body).toMatchObject({ status: 'kept', closedBy: clerk.staffId });
    expect(Date.now() - Date.parse(kept.body.keptAt)).toBeLessThan(60_000);
    for (const [verb, body] of [
      ['keep', {}],
      ['break', { reason: 'x' }],
      ['cancel', { reason: 'x' }],
      ['revisions', { dueOn: '2030-01-01', reason: 'x', customerTold: false }],
      ['handovers', { ownerId: colleague.staffId, reason: 'x' }],
    ] as const) {
      const res = await clerk.post(`/api/v1/promises/${p.id}/${verb}`, body);
      expect(res.status, verb).toBe(409);
      expect(res.body.detail).toBe('This promise is kept already; only an open promise can change.');
    }
    const update = (await audits(p.id)).find((a) => a.action === 'update')!;
    expect(JSON.parse(update.diff!)).toMatchObject({ before: { status: 'open', keptAt: null }, after: { status: 'kept' } });
  });

  it('breaks or cancels a promise with a reason', async () => {
    const { body: a } = await clerk.post('/api/v1/promises', { customerId, what: 'the spare key', dueOn: '2027-01-01' });
    expect((await clerk.post(`/api/v1/promises/${a.id}/break`, {})).status).toBe(400);
    expect((await clerk.post(`/api/v1/promises/${a.id}/break`, { reason: ' ' })).status).toBe(422);
    expect((await clerk.post(`/api/v1/promises/${a.id}/break`, { reason: 'The part is discontinued' })).body).toMatchObject({ status: 'broken', closedReason: 'The part is discontinued' });
    const { body: b } = await clerk.post('/api/v1/promises', { customerId, what: 'a visit', dueOn: '2027-01-01' });
    expect((await clerk.post(`/api/v1/promises/${b.id}/cancel`, { reason: 'She no longer needs it' })).body).toMatchObject({ status: 'cancelled', closedReason: 'She no longer needs it' });
  });

  it('hands a promise to a colleague with a reason, keeping the history', async () => {
    const { body: p } = await clerk.post('/api/v1/promises', { customerId, what: 'a quote', dueOn: '2027-01-01' });
    expect((await clerk.post(`/api/v1/promises/${p.id}/handovers`, { ownerId: clerk.staffId, reason: 'x' })).body.errors[0].path).toBe('/body/ownerId');
    expect((await clerk.post(`/api/v1/promises/${p.id}/handovers`, { ownerId: missing, reason: 'x' })).status).toBe(422);
    expect((await clerk.post(`/api/v1/promises/${p.id}/handovers`, { ownerId: colleague.staffId })).status).toBe(400);
    const res = await clerk.post(`/api/v1/promises/${p.id}/handovers`, { ownerId: colleague.staffId, reason: 'Going on leave' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ownerId: colleague.staffId, ownerName: 'Nadia Brooks' });
    const back = await colleague.post(`/api/v1/promises/${p.id}/handovers`, { ownerId: clerk.staffId, reason: 'Back from leave' });
    expect(back.body.handovers.map((h: { fromStaffName: string; toStaffName: string; reason: string }) => `${h.fromStaffName} → ${h.toStaffName}: ${h.reason}`)).toEqual([
      'Sam Delgado → Nadia Brooks: Going on leave',
      'Nadia Brooks → Sam Delgado: Back from leave',
    ]);
  });

  it('rewords what was promised, and lists by due date with paging and filters', async () => {
    const { body: c } = await clerk.post('/api/v1/customers', { displayName: 'List Me' });
    const made: string[] = [];
    for (const [i, dueOn] of ['2027-01-03', '2027-01-01', '2027-01-02', '2020-01-01'].entries()) {
      made.push((await clerk.post('/api/v1/promises', { customerId: c.id, what: `promise ${i}`, dueOn })).body.id);
    }
    expect((await clerk.patch(`/api/v1/promises/${made[0]}`, { what: 'promise zero' })).body.what).toBe('promise zero');
    expect((await clerk.patch(`/api/v1/promises/${made[0]}`, { dueOn: '2027-01-01' })).status).toBe(400);
    const all = await clerk.get(`/api/v1/promises?customerId=${c.id}`);
    expect(all.body.items.map((p: { what: string }) => p.what)).toEqual(['promise 3', 'promise 1', 'promise 2', 'promise zero']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await clerk.get(`/api/v1/promises?customerId=${c.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.items.map((p) => p.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((p: { id: string }) => p.id));
    const overdue = await clerk.get(`/api/v1/promises?customerId=${c.id}&overdue=true`);
    expect(overdue.body.items.map((p: { what: string; overdue: boolean }) => [p.what, p.overdue])).toEqual([['promise 3', true]]);
    expect((await clerk.get(`/api/v1/promises?customerId=${missing}`)).status).toBe(404);
    expect((await clerk.get(`/api/v1/promises?status=late`)).status).toBe(400);
    expect((await clerk.get(`/api/v1/promises?customerId=${c.id}&cursor=garbage`)).status).toBe(400);
  });
});

describe('overdue, the brief and the figures (S3)', () => {
  let ellen: string;
  let tv: string;

  beforeAll(async () => {
    ellen = (await clerk.post('/api/v1/customers', { givenName: 'Ellen', familyName: 'Farrow', locationId: chicago })).body.id;
    const made = new Date(Date.now() - 190 * day).toISOString();
    tv = (await clerk.post('/api/v1/promises', { customerId: ellen, what: 'the free HD TV', dueOn: chicagoDay(-120), madeAt: made })).body.id;
    await clerk.post(`/api/v1/promises/${tv}/revisions`, { dueOn: chicagoDay(-50), reason: 'A backlog at the supplier', customerTold: false, changedAt: new Date(Date.now() - 95 * day).toISOString() });
    await clerk.post(`/api/v1/promises/${tv}/revisions`, { dueOn: chicagoDay(-3), reason: 'Shipping expedited', customerTold: false, changedAt: new Date(Date.now() - 48 * day).toISOString() });
  });

  it('is overdue after the end of its day in Chicago, and the brief prompts the next agent to explain and apologise', async () => {
    const p = (await colleague.get(`/api/v1/promises/${tv}`)).body;
    expect(p).toMatchObject({ overdue: true, slips: 2, needsTelling: true, customerEverTold: false });
    const brief = (await colleague.get(`/api/v1/customers/${ellen}/brief`)).body;
    const owed = brief.sections.find((s: { key: string }) => s.key === 'owed');
    expect(owed.attention).toBe(true);
    const first = localDate(Date.now() - 120 * day, 'America/Chicago');
    const [y, m, d] = first.split('-').map(Number) as [number, number, number];
    const month = new Date(Date.UTC(y, m - 1, d)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
    const thisYear = localDate(Date.now(), 'America/Chicago').slice(0, 4) === String(y);
    expect(owed.sentences).toContain(`The free HD TV, promised for ${d} ${month}${thisYear ? '' : ` ${y}`}, slipped twice and Ellen was never told: explain and apologise.`);
    expect(owed.sentences.some((s: string) => /^Overdue since .*: the free HD TV \(Sam Delgado's promise\)\.$/.test(s))).toBe(true);
  });

  it('counts the slip in the on-time rate once the next agent explains, apologises and gives a new date', async () => {
    const res = await colleague.post(`/api/v1/promises/${tv}/revisions`, { dueOn: chicagoDay(7), reason: 'We underestimated demand; I have asked for it to be sent first', customerTold: true, toldChannel: 'call', apologised: true });
    expect(res.body).toMatchObject({ overdue: false, slips: 3, needsTelling: false });
    const owed = (await colleague.get(`/api/v1/customers/${ellen}/brief`)).body.sections.find((s: { key: string }) => s.key === 'owed');
    expect(owed.sentences.join(' ')).not.toMatch(/explain and apologise/);
    expect(owed.sentences.join(' ')).toMatch(/^Promised by .*: the free HD TV \(Sam Delgado's promise\)\./);
    const figures = (await colleague.get(`/api/v1/promises/figures?customerId=${ellen}&by=customer`)).body;
    expect(figures.scope).toBe("this customer's promises");
    expect(figures.total).toMatchObject({ made: 1, open: 1, slips: 3, slipsPerPromise: 3, byFirstDate: { onTime: 0, judged: 1, rate: 0 }, byDateInForce: { onTime: 0, judged: 0, rate: null } });
    expect(figures.groups).toEqual([expect.objectContaining({ key: ellen, name: 'Ellen Farrow' })]);
    await colleague.post(`/api/v1/promises/${tv}/keep`, {});
    const after = (await colleague.get(`/api/v1/promises/figures?customerId=${ellen}`)).body;
    expect(after.total).toMatchObject({ kept: 1, byFirstDate: { onTime: 0, judged: 1 }, byDateInForce: { onTime: 1, judged: 1, rate: 1 } });
    expect(after.groups).toEqual([expect.objectContaining({ key: clerk.staffId, name: 'Sam Delgado' })]);
  });

  it('shows frontline staff their own figures, managers their locations, and checks the period', async () => {
    const mine = (await colleague.get('/api/v1/promises/figures')).body;
    expect(mine.scope).toBe('your promises');
    expect(mine.groups.every((g: { key: string }) => g.key === colleague.staffId)).toBe(true);
    const theirs = (await manager.get('/api/v1/promises/figures?by=location')).body;
    expect(theirs.scope).toBe('promises at your locations');
    expect(theirs.groups.map((g: { name: string }) => g.name)).toContain('Call centre');
    expect((await admin.get('/api/v1/promises/figures')).body.scope).toBe('every promise');
    const bad = await manager.get('/api/v1/promises/figures?from=2027-01-02T00:00:00Z&to=2027-01-01T00:00:00Z');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('/query/from');
    expect((await manager.get('/api/v1/promises/figures?by=team')).status).toBe(400);
    expect((await manager.get(`/api/v1/promises/figures?customerId=${missing}`)).status).toBe(404);
  });

  it('shows on the timeline: made, each change, kept; and the customer told at once with the change', async () => {
    const items = (await colleague.get(`/api/v1/customers/${ellen}/timeline?kinds=promise`)).body.items as { event: string; title: string; detail: string | null; staffName: string | null }[];
    expect(items.map((i) => i.event)).toEqual(['kept', 'revised', 'revised', 'revised', 'made']);
    expect(items[0]).toMatchObject({ title: 'Promise kept: the free HD TV', staffName: 'Nadia Brooks' });
    expect(items[1]!.detail).toBe('Why: We underestimated demand; I have asked for it to be sent first. Told them by phone, with an apology.');
    expect(items[2]!.detail).toBe('Why: Shipping expedited. The customer was not told.');
    const first = localDate(Date.now() - 120 * day, 'America/Chicago');
    expect(items[4]!.title).toBe(`Promise made: the free HD TV, by ${new Date(`${first}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}`);
  });
});

describe('deleting a promise', () => {
  it('is for managers: to the trash with its history, and back exactly as it was', async () => {
    const { body: p } = await clerk.post('/api/v1/promises', { customerId, what: 'made in error', dueOn: '2027-01-01' });
    await clerk.post(`/api/v1/promises/${p.id}/revisions`, { dueOn: '2027-01-02', reason: 'x', customerTold: false });
    const before = (await clerk.get(`/api/v1/promises/${p.id}`)).body;
    expect((await clerk.delete(`/api/v1/promises/${p.id}`)).status).toBe(403);
    const receipt = await manager.delete(`/api/v1/promises/${p.id}`);
    expect(receipt).toMatchObject({ status: 200, body: { entityType: 'promise', entityId: p.id } });
    expect((await clerk.get(`/api/v1/promises/${p.id}`)).status).toBe(404);
    expect(await t.database.db.selectFrom('promiseRevisions').select('id').where('promiseId', '=', p.id).execute()).toEqual([]);
    expect((await manager.post(`/api/v1/trash/${receipt.body.trashId}/restore`)).status).toBe(200);
    expect((await clerk.get(`/api/v1/promises/${p.id}`)).body).toEqual(before);
  });

  it('keeps the link to the contact it was made in across that contact going to the trash and back', async () => {
    const contact = (await clerk.post('/api/v1/interactions', { customerId, channel: 'call', direction: 'outbound', summary: 'Sold the switch' })).body.id;
    const { body: p } = await clerk.post('/api/v1/promises', { customerId, what: 'the free HD TV', dueOn: '2027-01-01', interactionId: contact });
    const receipt = (await manager.delete(`/api/v1/interactions/${contact}`)).body;
    expect((await clerk.get(`/api/v1/promises/${p.id}`)).body.interactionId).toBeNull();
    expect((await manager.post(`/api/v1/trash/${receipt.trashId}/restore`)).status).toBe(200);
    expect((await clerk.get(`/api/v1/promises/${p.id}`)).body.interactionId).toBe(contact);
  });
});

describe("a customer's rights", () => {
  it('gives promises in the copy of their data, and erasure keeps them counted without what was said', async () => {
    const { body: c } = await clerk.post('/api/v1/customers', { displayName: 'Erase Me Soon' });
    const { body: p } = await clerk.post('/api/v1/promises', { customerId: c.id, what: "Erase Me Soon's new boiler", dueOn: '2020-01-01' });
    await clerk.post(`/api/v1/promises/${p.id}/revisions`, { dueOn: '2020-02-01', reason: 'Erase Me Soon was away', customerTold: false });
    await clerk.post(`/api/v1/promises/${p.id}/handovers`, { ownerId: colleague.staffId, reason: 'Erase Me Soon asked for Nadia' });
    const { token } = (await clerk.post(`/api/v1/promises/${p.id}/links`, {})).body;
    await t.anonymous.post('/api/v1/promise-links/open', { token });

    const copy = (await admin.get(`/api/v1/customers/${c.id}/subject-access`)).body;
    const headings = copy.records.map((g: { heading: string }) => g.heading);
    expect(headings).toEqual(expect.arrayContaining(['Promises we made', 'Changes of a promised date', 'Promises handed to a colleague', 'Links that show the customer their promise', 'Times the customer opened their promise page']));
    // The link is listed (made, expiring), its secret's hash is not: a secret column never leaves the database.
    const links = copy.records.find((g: { heading: string }) => g.heading === 'Links that show the customer their promise').items;
    expect(links).toEqual([expect.objectContaining({ promiseId: p.id, expiresAt: expect.any(String) })]);
    const secretHash = (await t.database.db.selectFrom('promiseLinks').select('secretHash').where('promiseId', '=', p.id).executeTakeFirstOrThrow()).secretHash;
    expect(JSON.stringify(copy)).not.toContain(secretHash);

    expect((await admin.post(`/api/v1/customers/${c.id}/erase`, { reason: 'Asked to be forgotten' })).status).toBe(200);
    const db = t.database.db;
    const row = await db.selectFrom('promises').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ what: '[erased]', status: 'open' });
    expect((await db.selectFrom('promiseRevisions').select('reason').where('promiseId', '=', p.id).execute()).map((r) => r.reason)).toEqual(['[erased]']);
    expect((await db.selectFrom('promiseHandovers').select('reason').where('promiseId', '=', p.id).execute()).map((r) => r.reason)).toEqual(['[erased]']);
    expect(await db.selectFrom('promiseLinks').select('id').where('promiseId', '=', p.id).execute()).toEqual([]);
    expect(await db.selectFrom('promiseLinkViews').select('id').where('promiseId', '=', p.id).execute()).toEqual([]);
    const trail = await db.selectFrom('auditEvents').select('diff').where('customerId', '=', c.id).execute();
    expect(JSON.stringify(trail)).not.toContain('Erase Me Soon');
    expect((await t.anonymous.post('/api/v1/promise-links/open', { token })).status).toBe(404);
    // Still counted: made, and late by the date first promised.
    const figures = (await admin.get(`/api/v1/promises/figures?by=staff&from=2000-01-01T00:00:00Z`)).body;
    expect(figures.total.made).toBeGreaterThanOrEqual(1);
  });
});
