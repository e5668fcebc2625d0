import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../platform/auth/actor.js';
import { testApp, type Client, type TestApp } from '../test/app.js';
import { promiseReminders } from './promise-reminders.js';
import { promiseFigures } from './promise-rules.js';
import { figureInputs, onTimeCounts } from './promise-store.js';
import { promisesOnTime, promisesToday } from './promise-today.js';

/**
 * Promises on Today and in reminders, against real rows: the owner's promises overdue or due today
 * (a manager's: their locations'), each with a one-click action that works; reminders to the owner
 * when one is due within a day, and to the owner and their managers when it is overdue.
 */

let t: TestApp;
let sam: Client;
let branchClerk: Client;
let centreManager: Client;
let branchManager: Client;
let everyManager: Client;
let admin: Client;
const ids: Record<string, string> = {};
const hour = 3_600_000;
/** Noon in Chicago on 15 June 2027: the moment Today and the reminders are asked at. */
const now = new Date('2027-06-15T17:00:00.000Z');
const at = (hours: number) => new Date(now.getTime() + hours * hour).toISOString();

const actorOf = async (client: Client): Promise<Actor> => {
  const me = (await client.get('/api/v1/auth/me')).body;
  return { staffId: me.id, name: me.name, role: me.role, locationIds: me.locationIds, via: 'session', tokenId: null, canWrite: true };
};

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin');
  const centre = (await admin.post('/api/v1/locations', { name: 'Call centre', timezone: 'America/Chicago' })).body.id;
  const branch = (await admin.post('/api/v1/locations', { name: 'Branch', timezone: 'America/Chicago' })).body.id;
  sam = await t.signIn('frontline', { locationIds: [centre], name: 'Sam Delgado' });
  branchClerk = await t.signIn('frontline', { locationIds: [branch], name: 'Tom Becker' });
  centreManager = await t.signIn('manager', { locationIds: [centre], name: 'Dana Whitfield' });
  branchManager = await t.signIn('manager', { locationIds: [branch], name: 'Grace Okafor' });
  everyManager = await t.signIn('manager', { name: 'Morgan Area' });
  const customer = (await sam.post('/api/v1/customers', { displayName: 'Ellen Farrow', locationId: centre })).body.id;
  const make = async (key: string, owner: Client, due: { dueOn?: string; dueAt?: string }) => {
    ids[key] = (await owner.post('/api/v1/promises', { customerId: customer, what: `promise ${key}`, ...due })).body.id;
  };
  await make('overdue', sam, { dueAt: at(-2) });
  await make('today', sam, { dueOn: '2027-06-15' });
  await make('tomorrowMorning', sam, { dueAt: at(20) });
  await make('later', sam, { dueAt: at(30) });
  await make('longOverdue', sam, { dueAt: at(-31 * 24) });
  await make('branch', branchClerk, { dueAt: at(-1) });
  await make('kept', sam, { dueAt: at(-5) });
  await sam.post(`/api/v1/promises/${ids.kept}/keep`, {});
});
afterAll(() => t.close());

describe('reminders of promises', () => {
  it('remind the owner of one due within a day, and the owner and their managers of one overdue (30 days back)', async () => {
    const reminders = await promiseReminders.due(t.database.db, now);
    const who = (id: string) => reminders.filter((r) => r.key.includes(id)).map((r) => r.staffId).sort();
    expect(who(ids.overdue!)).toEqual([sam.staffId, centreManager.staffId, everyManager.staffId].sort());
    expect(who(ids.today!)).toEqual([sam.staffId]);
    expect(who(ids.tomorrowMorning!)).toEqual([sam.staffId]);
    expect(who(ids.later!)).toEqual([]);
    expect(who(ids.longOverdue!)).toEqual([]);
    expect(who(ids.kept!)).toEqual([]);
    expect(who(ids.branch!)).toEqual([branchClerk.staffId, branchManager.staffId, everyManager.staffId].sort());
    expect(new Set(reminders.map((r) => r.key)).size).toBe(reminders.length);
    const mine = reminders.find((r) => r.key.startsWith(`promise-overdue:${ids.overdue}`) && r.staffId === sam.staffId)!;
    expect(mine).toMatchObject({ title: 'Your promise to Ellen Farrow is overdue', link: expect.stringMatching(/^\/customers\//) });
    expect(reminders.find((r) => r.key.includes(ids.overdue!) && r.staffId === centreManager.staffId)!.body).toContain('Its owner, Sam Delgado, has been reminded.');
    expect(reminders.find((r) => r.key.includes(ids.today!))!.title).toBe('Your promise to Ellen Farrow is due by 15 June');
  });

  it('remind again when the date changes or the promise changes hands, and never for a kept one', async () => {
    const before = (await promiseReminders.due(t.database.db, now)).filter((r) => r.key.includes(ids.tomorrowMorning!)).map((r) => r.key);
    await sam.post(`/api/v1/promises/${ids.tomorrowMorning}/revisions`, { dueAt: at(21), reason: 'The van is late', customerTold: true, toldChannel: 'sms' });
    await sam.post(`/api/v1/promises/${ids.tomorrowMorning}/handovers`, { ownerId: branchClerk.staffId, reason: 'Tom delivers in her area' });
    const after = (await promiseReminders.due(t.database.db, now)).filter((r) => r.key.includes(ids.tomorrowMorning!));
    expect(after.map((r) => r.staffId)).toEqual([branchClerk.staffId]);
    expect(before).not.toContain(after[0]!.key);
  });
});

describe('promises on Today', () => {
  it('lists my promises overdue or due today, most pressing first, each with a working one-click action', async () => {
    const section = await promisesToday(t.database.db, await actorOf(sam), now);
    expect(section).toMatchObject({ key: 'promises', heading: 'My promises overdue or due today', more: 0 });
    expect(section.items.map((i) => i.id)).toEqual([ids.longOverdue, ids.overdue, ids.today]);
    expect(section.items[0]).toMatchObject({ customerName: 'Ellen Farrow', attention: true, title: 'promise longOverdue, promised for 15 May at 12:00: 31 days overdue', detail: null });
    expect(section.items[1]!.title).toBe('promise overdue, promised for 15 June at 10:00: overdue');
    expect(section.items[2]).toMatchObject({ attention: false, title: 'promise today, promised for 15 June: due today' });
    const action = section.items[1]!.action!;
    expect(action).toEqual({ label: 'Mark kept', method: 'POST', path: `/promises/${ids.overdue}/keep`, body: {} });
    const res = await sam.request(action.method, `/api/v1${action.path}`, action.body);
    expect(res.body.status).toBe('kept');
    expect((await promisesToday(t.database.db, await actorOf(sam), now)).items.map((i) => i.id)).toEqual([ids.longOverdue, ids.today]);
  });

  it("shows a manager their locations' promises (all of them without locations), and says whose", async () => {
    const centre = await promisesToday(t.database.db, await actorOf(centreManager), now);
    expect(centre.items.map((i) => i.id)).toEqual([ids.longOverdue, ids.today]);
    expect(centre.items[0]!.detail).toBe("Sam Delgado's promise");
    const all = await promisesToday(t.database.db, await actorOf(everyManager), now);
    expect(all.items.map((i) => i.id)).toEqual([ids.longOverdue, ids.branch, ids.today]);
    const other = await promisesToday(t.database.db, await actorOf(branchClerk), now);
    expect(other.items.map((i) => i.id)).toEqual([ids.branch]);
  });

  it('counts what is beyond the list', async () => {
    const customer = (await sam.post('/api/v1/customers', { displayName: 'Busy Person' })).body.id;
    for (let i = 0; i < 11; i += 1) await sam.post('/api/v1/promises', { customerId: customer, what: `call ${i}`, dueAt: at(-3 - i) });
    const section = await promisesToday(t.database.db, await actorOf(sam), now);
    expect(section.items).toHaveLength(10);
    expect(section.more).toBe(3);
  });

  it("gives managers their locations' on-time rate, and frontline staff none", async () => {
    expect(await promisesOnTime(t.database.db, await actorOf(sam), now)).toBeNull();
    const figure = await promisesOnTime(t.database.db, await actorOf(everyManager), new Date());
    expect(figure).toMatchObject({ key: 'promises_on_time', label: 'Promises kept on time', attention: expect.any(Boolean) });
    expect(figure!.value).toMatch(/^\d+%$/);
    expect(figure!.detail).toMatch(/^\d+ of \d+ promises made in the last 90 days kept by the date first promised; \d+ of \d+ by the date in force\. \d+ slips?\.$/);
  });
});

/** The tallies as they would be recounted from the promises now: what the triggers must keep them equal to. */
async function recountedTallies() {
  const rows = await t.database.db.selectFrom('promises').select(['locationId', 'madeAt', 'status', 'keptAt', 'dueBy', 'originalDueBy', 'slips']).execute();
  const tallies = new Map<string, { closed: number; firstOnTime: number; onTime: number; slips: number }>();
  for (const p of rows) {
    const key = `${p.locationId ?? ''}|${p.madeAt.slice(0, 10)}`;
    const tally = tallies.get(key) ?? { closed: 0, firstOnTime: 0, onTime: 0, slips: 0 };
    const kept = p.status === 'kept' && p.keptAt !== null;
    tally.closed += p.status === 'kept' || p.status === 'broken' ? 1 : 0;
    tally.firstOnTime += kept && Date.parse(p.keptAt!) <= Date.parse(p.originalDueBy) ? 1 : 0;
    tally.onTime += kept && Date.parse(p.keptAt!) <= Date.parse(p.dueBy) ? 1 : 0;
    tally.slips += Number(p.slips);
    tallies.set(key, tally);
  }
  return tallies;
}

async function storedTallies() {
  const rows = await t.database.db.selectFrom('promiseTallies').selectAll().execute();
  return new Map(
    rows
      .filter((r) => Number(r.closed) || Number(r.firstOnTime) || Number(r.onTime) || Number(r.slips))
      .map((r) => [`${r.locationKey}|${r.madeOn}`, { closed: Number(r.closed), firstOnTime: Number(r.firstOnTime), onTime: Number(r.onTime), slips: Number(r.slips) }]),
  );
}
const withoutZeros = (tallies: Map<string, { closed: number; firstOnTime: number; onTime: number; slips: number }>) =>
  new Map([...tallies].filter(([, v]) => v.closed || v.firstOnTime || v.onTime || v.slips));

describe('the on-time figure in the database', () => {
  it('judges every promise as the figures route does: kept on time or late, broken, cancelled, open before or past its date, slipped', async () => {
    const real = Date.now();
    const day = 24 * hour;
    const ago = (days: number) => new Date(real - days * day).toISOString();
    const since = ago(35);
    const before = await onTimeCounts(t.database.db, { all: true }, since, new Date(real).toISOString());
    const customer = (await sam.post('/api/v1/customers', { displayName: 'Figures Person' })).body.id;
    const make = async (owner: Client, body: Record<string, unknown>) => {
      const res = await owner.post('/api/v1/promises', { customerId: customer, what: 'a figure', ...body });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const keptEarly = await make(sam, { madeAt: ago(10), dueAt: ago(2) });
    await sam.post(`/api/v1/promises/${keptEarly}/keep`, { keptAt: ago(3) });
    const keptLate = await make(sam, { madeAt: ago(10), dueAt: ago(5) });
    await sam.post(`/api/v1/promises/${keptLate}/keep`, {});
    const broken = await make(branchClerk, { madeAt: ago(20), dueAt: ago(15) });
    await branchClerk.post(`/api/v1/promises/${broken}/break`, { reason: 'No longer made' });
    const cancelled = await make(branchClerk, { madeAt: ago(20), dueAt: ago(1) });
    await branchClerk.post(`/api/v1/promises/${cancelled}/cancel`, { reason: 'Not wanted' });
    await make(sam, { madeAt: ago(4), dueAt: ago(1) }); // open, past its date
    await make(branchClerk, { madeAt: ago(4), dueAt: new Date(real + 3 * day).toISOString() }); // open, not yet due
    // Slipped twice (first date passed), then kept by the date in force; and one moved earlier (not a slip).
    const slipped = await make(sam, { madeAt: ago(30), dueAt: ago(20) });
    await sam.post(`/api/v1/promises/${slipped}/revisions`, { dueAt: ago(10), reason: 'Supplier late', customerTold: false, changedAt: ago(25) });
    await sam.post(`/api/v1/promises/${slipped}/revisions`, { dueAt: ago(6), reason: 'Supplier late again', customerTold: true, toldChannel: 'call', changedAt: ago(12) });
    await sam.post(`/api/v1/promises/${slipped}/keep`, { keptAt: ago(7) });
    const sooner = await make(branchClerk, { madeAt: ago(9), dueAt: ago(2) });
    await branchClerk.post(`/api/v1/promises/${sooner}/revisions`, { dueAt: ago(3), reason: 'Expedited', customerTold: true, toldChannel: 'call', changedAt: ago(8) });
    // Made before the period: left out, its change of date too.
    const old = await make(sam, { madeAt: ago(120), dueAt: ago(100) });
    await sam.post(`/api/v1/promises/${old}/revisions`, { dueAt: ago(50), reason: 'Late', customerTold: false, changedAt: ago(60) });
    // A manager's own promise at no location: theirs, in their figure only.
    const noPlace = await make(centreManager, { madeAt: ago(5), dueAt: ago(4), locationId: null });
    await centreManager.post(`/api/v1/promises/${noPlace}/keep`, { keptAt: ago(4.5) });

    const [centre, branch] = [(await actorOf(centreManager)).locationIds, (await actorOf(branchManager)).locationIds];
    const now = new Date(real);
    // The period starts at the beginning of the UTC day `since` falls on.
    const from = `${since.slice(0, 10)}T00:00:00.000Z`;
    const scopes = [
      { all: true as const },
      { locationIds: centre, ownerId: centreManager.staffId },
      { locationIds: branch, ownerId: sam.staffId },
      { locationIds: [...centre, ...branch], ownerId: admin.staffId },
      { locationIds: [], ownerId: sam.staffId },
    ];
    for (const scope of scopes) {
      const figures = promiseFigures(await figureInputs(t.database.db, scope, from, now.toISOString()), now);
      const counts = await onTimeCounts(t.database.db, scope, since, now.toISOString());
      expect(counts).toEqual({
        byFirstDate: { onTime: figures.byFirstDate.onTime, judged: figures.byFirstDate.judged },
        byDateInForce: { onTime: figures.byDateInForce.onTime, judged: figures.byDateInForce.judged },
        slips: figures.slips,
      });
    }
    // By the first date only the one kept early (and the manager's own) is on time; the slipped one,
    // kept by its new date, is on time by the date in force. Kept late, broken, open past its date and
    // the sooner one (open) are late; cancelled and not yet due are not judged.
    const after = await onTimeCounts(t.database.db, { all: true }, since, now.toISOString());
    expect({
      byFirstDate: { onTime: after.byFirstDate.onTime - before.byFirstDate.onTime, judged: after.byFirstDate.judged - before.byFirstDate.judged },
      byDateInForce: { onTime: after.byDateInForce.onTime - before.byDateInForce.onTime, judged: after.byDateInForce.judged - before.byDateInForce.judged },
      slips: after.slips - before.slips,
    }).toEqual({ byFirstDate: { onTime: 2, judged: 7 }, byDateInForce: { onTime: 3, judged: 7 }, slips: 2 });
    expect(await storedTallies()).toEqual(withoutZeros(await recountedTallies()));
  });

  it('stays right through the trash, its restore and erasure, which write promises without the promise commands', async () => {
    const since = new Date(Date.now() - 40 * 24 * hour).toISOString();
    const count = async () => onTimeCounts(t.database.db, { all: true }, since, new Date().toISOString());
    const customer = (await sam.post('/api/v1/customers', { displayName: 'Trashed Figures' })).body.id;
    const promise = (await sam.post('/api/v1/promises', { customerId: customer, what: 'call back', madeAt: new Date(Date.now() - 3 * 24 * hour).toISOString(), dueAt: new Date(Date.now() + 24 * hour).toISOString() })).body.id;
    await sam.post(`/api/v1/promises/${promise}/revisions`, { dueAt: new Date(Date.now() + 48 * hour).toISOString(), reason: 'Parts late', customerTold: false });
    await sam.post(`/api/v1/promises/${promise}/keep`, {});
    const withIt = await count();

    const deleted = await admin.delete(`/api/v1/customers/${customer}`);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    const receipt = deleted.body;
    const without = await count();
    expect(without.byFirstDate).toEqual({ onTime: withIt.byFirstDate.onTime - 1, judged: withIt.byFirstDate.judged - 1 });
    expect(without.slips).toBe(withIt.slips - 1);
    expect(await storedTallies()).toEqual(withoutZeros(await recountedTallies()));

    expect((await admin.post(`/api/v1/trash/${receipt.trashId}/restore`)).status).toBe(200);
    expect(await count()).toEqual(withIt);
    expect(await storedTallies()).toEqual(withoutZeros(await recountedTallies()));

    // Erasure keeps the promise counted, without what was said.
    expect((await admin.post(`/api/v1/customers/${customer}/erase`, { reason: 'Asked to be forgotten' })).status).toBe(200);
    expect(await count()).toEqual(withIt);
    expect(await storedTallies()).toEqual(withoutZeros(await recountedTallies()));
  });
});

describe('the count of promises on Today', () => {
  it('counts a manager’s own promises at another location and at theirs once each, and those of their locations', async () => {
    const manager = await actorOf(centreManager);
    const [centre, branch] = [manager.locationIds[0]!, (await actorOf(branchManager)).locationIds[0]!];
    const total = async (actor: Actor) => {
      const section = await promisesToday(t.database.db, actor, now);
      return section.items.length + section.more;
    };
    const [before, sams, everyone] = [await total(manager), await total(await actorOf(sam)), await total(await actorOf(everyManager))];
    const customer = (await sam.post('/api/v1/customers', { displayName: 'Counted Once' })).body.id;
    for (const locationId of [centre, branch]) {
      expect((await centreManager.post('/api/v1/promises', { customerId: customer, what: 'own', dueAt: at(-1), locationId })).status).toBe(201);
    }
    expect((await sam.post('/api/v1/promises', { customerId: customer, what: 'due later today', dueOn: '2027-06-15', locationId: centre })).status).toBe(201);
    expect(await total(manager)).toBe(before + 3);
    expect(await total(await actorOf(sam))).toBe(sams + 1);
    expect(await total(await actorOf(everyManager))).toBe(everyone + 3);
  });
});
