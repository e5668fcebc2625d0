import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../platform/auth/actor.js';
import { newId } from '../platform/ids.js';
import { testApp, type Client, type TestApp } from '../test/app.js';
import { caseReminderSource } from './case-reminders.js';
import { findCaseRow, insertCase, updateCaseRow } from './case-store.js';
import { casesToday } from './case-today.js';

/**
 * The reminders and the Today section that cases offer (wired by src/app/reminders.ts and
 * src/app/today.ts), against real cases in a real database: who is reminded of what and when, and
 * what each person's Today lists, with an action that works.
 */

let t: TestApp;
let clerk: Client;
let manager: Client;
let elsewhere: Client;
let location: string;
let customerId: string;
const ids: Record<string, string> = {};
const hoursAgo = (n: number) => new Date(Date.now() - n * 3_600_000).toISOString();
const actorOf = (c: Client, role: Actor['role'], locationIds: string[]): Actor => ({ staffId: c.staffId, name: '', role, locationIds, via: 'session', tokenId: null, canWrite: true });

beforeAll(async () => {
  t = await testApp();
  const admin = await t.signIn('admin');
  location = (await admin.post('/api/v1/locations', { name: 'Every hour counts' })).body.id;
  const other = (await admin.post('/api/v1/locations', { name: 'Another branch' })).body.id;
  clerk = await t.signIn('frontline', { name: 'Clara Clerk', locationIds: [location] });
  manager = await t.signIn('manager', { name: 'Grace Manager', locationIds: [location] });
  elsewhere = await t.signIn('manager', { name: 'Other Manager', locationIds: [other] });
  customerId = (await clerk.post('/api/v1/customers', { displayName: 'Helen Park', locationId: location })).body.id;
  const open = async (key: string, body: Record<string, unknown>) => {
    ids[key] = (await clerk.post('/api/v1/cases', { customerId, ...body })).body.id;
  };
  // Urgent (an hour to the first response), opened three hours ago: breached two hours ago.
  await open('breached', { subject: 'The boiler is leaking', priority: 'urgent', openedAt: hoursAgo(3) });
  // Normal (eight hours), opened seven hours ago: 87% used, near.
  await open('near', { subject: 'Radiator cold', openedAt: hoursAgo(7) });
  // Normal, an hour old: nothing to say yet.
  await open('calm', { subject: 'Question about the bill', openedAt: hoursAgo(1) });
  await open('escalated', { subject: 'Third visit, still broken', openedAt: hoursAgo(1) });
  await clerk.post(`/api/v1/cases/${ids.escalated}/escalate`, { managerId: manager.staffId, reason: 'She is thinking of leaving' });
});
afterAll(() => t.close());

describe('case reminders', () => {
  it('reminds the owner at 80% and on a breach, the location’s managers on a breach, the manager of an escalation', async () => {
    const reminders = await caseReminderSource.due(t.database.db, new Date());
    const seen = reminders.map((r) => [r.key.split(':')[0], r.customerId === customerId ? Object.keys(ids).find((k) => r.link === `/cases/${ids[k]}`) : null, r.staffId]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['case-breach', 'breached', clerk.staffId],
        ['case-breach', 'breached', manager.staffId],
        ['case-near', 'near', clerk.staffId],
        ['case-escalated', 'escalated', manager.staffId],
      ]),
    );
    expect(seen.some(([, key]) => key === 'calm')).toBe(false);
    expect(reminders.some((r) => r.staffId === elsewhere.staffId)).toBe(false);
    const breach = reminders.find((r) => r.key.startsWith('case-breach') && r.staffId === clerk.staffId)!;
    expect(breach.title).toBe('Case past its first-response target: The boiler is leaking (Helen Park)');
    expect(breach.body).toMatch(/^It passed a 1-hour first-response target at .+ and is 2 business hours( \d+ minutes?)? past it\. Answer the customer, explain and apologise\.$/);
    const escalation = reminders.find((r) => r.key.startsWith('case-escalated'))!;
    expect(escalation).toMatchObject({ title: 'Case escalated to you: Third visit, still broken (Helen Park)', body: 'Why: She is thinking of leaving' });
    // Asked again, the same reminders with the same keys: the scan sends each once.
    expect((await caseReminderSource.due(t.database.db, new Date())).map((r) => r.key).sort()).toEqual(reminders.map((r) => r.key).sort());
    expect(new Set(reminders.map((r) => r.key)).size).toBe(reminders.length);
  });

  it('stops reminding of a target once it is answered', async () => {
    const { body: c } = await clerk.post('/api/v1/cases', { customerId, subject: 'Answered in time', openedAt: hoursAgo(7) });
    const before = await caseReminderSource.due(t.database.db, new Date());
    expect(before.some((r) => r.link === `/cases/${c.id}`)).toBe(true);
    const reply = (await clerk.post('/api/v1/interactions', { customerId, channel: 'call', direction: 'outbound', summary: 'Called back' })).body.id;
    await clerk.post(`/api/v1/cases/${c.id}/thread`, { interactionId: reply });
    const after = await caseReminderSource.due(t.database.db, new Date());
    expect(after.some((r) => r.link === `/cases/${c.id}` && r.key.includes('first_response'))).toBe(false);
  });
});

describe('the cases section of Today', () => {
  it('lists a staff member’s own cases near or past a target, the breached first, each with one action', async () => {
    const section = await casesToday(t.database.db, actorOf(clerk, 'frontline', [location]), new Date());
    expect(section).toMatchObject({ key: 'cases', heading: 'Cases near or past a target', more: 0 });
    const listed = section.items.map((i) => Object.keys(ids).find((k) => ids[k] === i.id));
    expect(listed.slice(0, 2)).toEqual(['breached', 'near']);
    expect(listed).not.toContain('calm');
    const [first, second] = section.items;
    expect(first).toMatchObject({ customerId, customerName: 'Helen Park', attention: true, action: { label: 'Mark waiting on the customer', method: 'PATCH', path: `/cases/${ids.breached}`, body: { status: 'waiting_on_customer' } } });
    expect(first!.title).toMatch(/^The boiler is leaking: first-response target passed 2 business hours( \d+ minutes?)? ago$/);
    expect(second!.title).toMatch(/^Radiator cold: (59|60|1 business hour|\d+ business minutes).* left to the first-response target$/);
    expect(second!.attention).toBe(false);
  });

  it('gives a manager their location’s cases and those escalated to them, to take with one action that works', async () => {
    const section = await casesToday(t.database.db, actorOf(manager, 'manager', [location]), new Date());
    const byKey = new Map(section.items.map((i) => [Object.keys(ids).find((k) => ids[k] === i.id), i]));
    expect([...byKey.keys()]).toEqual(expect.arrayContaining(['breached', 'near', 'escalated']));
    expect(byKey.get('escalated')).toMatchObject({ attention: true, detail: expect.stringContaining('Escalated to you: She is thinking of leaving') });
    const take = byKey.get('breached')!.action!;
    expect(take).toMatchObject({ label: 'Take it', method: 'PATCH', body: { ownerId: manager.staffId } });
    const res = await manager.request(take.method, `/api/v1${take.path}`, take.body);
    expect(res.status).toBe(200);
    expect(res.body.ownerId).toBe(manager.staffId);
    const other = await casesToday(t.database.db, actorOf(elsewhere, 'manager', [(await t.database.db.selectFrom('locations').select('id').where('name', '=', 'Another branch').executeTakeFirstOrThrow()).id]), new Date());
    expect(other.items).toEqual([]);
  });
});

describe('the count and order of Today’s cases, from the stored clocks', () => {
  let boss: Client;
  let clerkA: Client;
  let branchA: string;
  let branchB: string;
  let elsewhereId: string;
  const opened: Record<string, string> = {};

  beforeAll(async () => {
    const admin = await t.signIn('admin');
    const place = async (name: string) => (await admin.post('/api/v1/locations', { name })).body.id as string;
    [branchA, branchB, elsewhereId] = [await place('Branch A'), await place('Branch B'), await place('Somewhere else')];
    clerkA = await t.signIn('frontline', { name: 'Ann Clerk', locationIds: [branchA] });
    boss = await t.signIn('manager', { name: 'Bo Boss', locationIds: [branchA, branchB] });
    const customer = async (locationId: string) => (await clerkA.post('/api/v1/customers', { displayName: 'Ivy Stone', locationId })).body.id as string;
    const [atA, atB, atElsewhere] = [await customer(branchA), await customer(branchB), await customer(elsewhereId)];
    const open = async (key: string, body: Record<string, unknown>) => {
      const res = await clerkA.post('/api/v1/cases', body);
      expect(res.status).toBe(201);
      opened[key] = res.body.id;
      return res.body.id as string;
    };
    // Breached (urgent, an hour to the first response), from 3 to 12 hours ago: ten of the clerk's at branch A.
    for (let i = 0; i < 10; i++) await open(`breached${i}`, { customerId: atA, subject: `Breached ${i}`, priority: 'urgent', openedAt: hoursAgo(3 + i), locationId: branchA });
    // Near (normal, eight hours; seven used) at branch B; calm ones at branch A.
    for (let i = 0; i < 2; i++) await open(`near${i}`, { customerId: atB, subject: `Near ${i}`, openedAt: hoursAgo(7), locationId: branchB });
    for (let i = 0; i < 3; i++) await open(`calm${i}`, { customerId: atA, subject: `Calm ${i}`, openedAt: hoursAgo(1), locationId: branchA });
    // The manager's own: breached elsewhere (theirs, not their locations'), and breached at branch A (both: counted once).
    await open('ownElsewhere', { customerId: atElsewhere, subject: 'Own, elsewhere', priority: 'urgent', openedAt: hoursAgo(4), ownerId: boss.staffId, locationId: elsewhereId });
    await open('ownAtA', { customerId: atA, subject: 'Own, at A', priority: 'urgent', openedAt: hoursAgo(4), ownerId: boss.staffId, locationId: branchA });
    // Escalated to the manager: calm at A, breached at A (in both lists: counted once), calm elsewhere.
    for (const [key, body] of [
      ['escalatedCalm', { customerId: atA, subject: 'Escalated, calm', openedAt: hoursAgo(1), locationId: branchA }],
      ['escalatedBreached', { customerId: atA, subject: 'Escalated, breached', priority: 'urgent', openedAt: hoursAgo(5), locationId: branchA }],
      ['escalatedElsewhere', { customerId: atElsewhere, subject: 'Escalated, elsewhere', openedAt: hoursAgo(1), locationId: elsewhereId }],
    ] as const) {
      const id = await open(key, body);
      expect((await clerkA.post(`/api/v1/cases/${id}/escalate`, { managerId: boss.staffId, reason: 'Asked for a manager' })).status).toBe(200);
    }
  });

  it('counts every case near or past a target and every escalation once, lists the first 8, the longest past due first', async () => {
    const section = await casesToday(t.database.db, actorOf(boss, 'manager', [branchA, branchB]), new Date());
    const keyOf = (id: string) => Object.keys(opened).find((k) => opened[k] === id);
    // 10 breached + 2 near + own elsewhere + own at A + 3 escalated = 17: 8 listed, 9 more.
    expect(section.items).toHaveLength(8);
    expect(section.more).toBe(9);
    // The breached (the escalated one among them) by how long ago the target passed: the oldest opened first.
    expect(section.items.map((i) => keyOf(i.id))).toEqual(['breached9', 'breached8', 'breached7', 'breached6', 'breached5', 'breached4', 'breached3', 'breached2']);
    expect(section.items.every((i) => i.attention)).toBe(true);
    const mine = await casesToday(t.database.db, actorOf(clerkA, 'frontline', [branchA]), new Date());
    // The clerk's own (they opened them): 10 breached, 2 near and the breached one escalated; not the calm ones.
    expect(mine.items).toHaveLength(8);
    expect(mine.more).toBe(5);
  });

  it('counts beyond any number read (hundreds), exactly', async () => {
    const row = (await findCaseRow(t.database.db, opened.near0!))!;
    for (let i = 0; i < 210; i++) await insertCase(t.database.db, { ...row, urgent: Boolean(row.urgent), id: newId(), ownerId: null });
    const section = await casesToday(t.database.db, actorOf(boss, 'manager', [branchA, branchB]), new Date());
    expect(section.more).toBe(9 + 210);
    const admin = await casesToday(t.database.db, actorOf(await t.signIn('admin'), 'admin', []), new Date());
    expect(admin.items).toHaveLength(8);
    // Everyone's: at least these 15 near or past a target and the 210 (not the calm ones escalated to the manager).
    expect(admin.more).toBeGreaterThanOrEqual(15 + 210 - 8);
  });

  it('works the shown cases out afresh: a stored clock out of date is neither listed nor counted', async () => {
    const before = await casesToday(t.database.db, actorOf(boss, 'manager', [branchA, branchB]), new Date());
    // A calm case whose stored clock says it fell due long ago (as if its location's hours had just changed).
    await updateCaseRow(t.database.db, opened.calm0!, { warnAt: '2020-01-01T00:00:00.000Z', dueAt: '2020-01-02T00:00:00.000Z' });
    const after = await casesToday(t.database.db, actorOf(boss, 'manager', [branchA, branchB]), new Date());
    expect(after.items.map((i) => i.id)).toEqual(before.items.map((i) => i.id));
    expect(after.more).toBe(before.more);
  });
});
