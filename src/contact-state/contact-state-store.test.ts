import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../interactions/interaction-schemas.js';
import type { Actor } from '../platform/auth/actor.js';
import { newId } from '../platform/ids.js';
import { testApp, type Client, type TestApp } from '../test/app.js';
import { keepInTouchReminders } from './contact-state-reminders.js';
import { contactStateOf, isPersonal, unansweredOf, type Message } from './contact-state-rules.js';
import { refreshContactState } from './contact-state-store.js';
import { countDue, countWaiting } from './contact-lists-store.js';
import { keepInTouchDue, waitingOnMe } from './contact-state-today.js';

/**
 * The store against the rules, on the engine the tests run on: random histories written to the
 * database give the state the reference definition gives; and Today's sections and the
 * keep-in-touch reminders read real data written through the API.
 */

let t: TestApp;
let admin: Client;
let clerk: Client;

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin');
  clerk = await t.signIn('frontline', { name: 'Clara Clerk' });
});
afterAll(() => t.close());

const now = Date.now();
const daysAgo = (n: number) => new Date(now - n * 86_400_000).toISOString();
const actorOf = (client: Client, name: string, locationIds: string[] = []): Actor => ({
  staffId: client.staffId,
  name,
  role: client.role,
  locationIds,
  via: 'session',
  tokenId: null,
  canWrite: true,
});

describe('the database agrees with the reference definition', () => {
  it('for random histories of messages, answers, mailings and transactions', async () => {
    const db = t.database.db;
    const customerId = (await clerk.post('/api/v1/customers', { displayName: 'Random History' })).body.id as string;
    const staff = [clerk.staffId, admin.staffId, null];
    const contact = fc.record({
      channel: fc.constantFrom(...channels),
      direction: fc.constantFrom('inbound' as const, 'outbound' as const),
      day: fc.integer({ min: 0, max: 12 }),
      staff: fc.constantFrom(...staff),
      // A service desk's status: "solved" and " Closed " say it was dealt with; "open" and a staff member's words do not.
      outcome: fc.constantFrom(null, 'solved', ' Closed ', 'open', 'Will call back'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(contact, { maxLength: 14 }), fc.option(fc.integer({ min: 1, max: 15 }), { nil: null }), async (history, purchaseDay) => {
        await db.deleteFrom('interactions').where('customerId', '=', customerId).execute();
        await db.deleteFrom('transactions').where('customerId', '=', customerId).execute();
        const rows = history.map((h) => ({
          id: newId(),
          customerId,
          channel: h.channel,
          direction: h.direction,
          occurredAt: daysAgo(h.day),
          summary: 'x',
          staffId: h.staff,
          locationId: null,
          mood: null,
          outcome: h.outcome,
          createdAt: daysAgo(0),
          updatedAt: daysAgo(0),
          createdBy: null,
          updatedBy: null,
        }));
        if (rows.length) await db.insertInto('interactions').values(rows).execute();
        if (purchaseDay !== null) {
          const at = daysAgo(purchaseDay);
          await db
            .insertInto('transactions')
            .values({ id: newId(), customerId, kind: 'purchase', occurredAt: at, amountMinor: 100, currency: 'USD', reference: null, relatedTransactionId: null, staffId: null, locationId: null, note: null, createdAt: at, updatedAt: at, createdBy: null, updatedBy: null })
            .execute();
        }
        await db.transaction().execute((trx) => refreshContactState(trx, customerId));
        const stored = await db.selectFrom('contactStates').selectAll().where('customerId', '=', customerId).executeTakeFirst();

        const personal = rows.filter((r) => isPersonal(r.channel)).sort((a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.id.localeCompare(a.id));
        const expected = contactStateOf({
          customerId,
          locationId: null,
          erased: false,
          lastInteractionAt: personal[0]?.occurredAt ?? null,
          lastStaffId: personal.find((r) => r.staffId)?.staffId ?? null,
          lastTransactionAt: purchaseDay === null ? null : daysAgo(purchaseDay),
          keep: null,
          unanswered: unansweredOf(rows as Message[]),
        });
        expect(stored ? { ...stored, waitingCount: Number(stored.waitingCount) } : null).toEqual(expected);
      }),
      { seed: 42, numRuns: 40 },
    );
  });
});

describe("Today's sections and reminders, from real data", () => {
  it('lists customers waiting on me (mine to keep in touch with, or my last contact) and keep-in-touch due, each with one action', async () => {
    const north = (await admin.post('/api/v1/locations', { name: 'North' })).body.id as string;
    const earl = await t.signIn('frontline', { name: 'Earl Hutchins', locationIds: [north] });
    const grace = await t.signIn('manager', { name: 'Grace Okafor', locationIds: [north] });
    const create = async (name: string) => (await earl.post('/api/v1/customers', { displayName: name, locationId: north })).body.id as string;
    const log = (client: Client, customerId: string, channel: string, direction: string, occurredAt: string) =>
      client.post('/api/v1/interactions', { customerId, channel, direction, occurredAt, summary: `${channel} ${direction}` });

    const jim = await create('Jim Alvarez');
    await log(earl, jim, 'visit', 'inbound', daysAgo(3));
    await log(clerk, jim, 'voicemail', 'inbound', daysAgo(2));
    await t.database.db.updateTable('interactions').set({ staffId: null }).where('customerId', '=', jim).where('channel', '=', 'voicemail').execute();
    await t.database.db.transaction().execute((trx) => refreshContactState(trx, jim));
    const helen = await create('Helen Park');
    await log(earl, helen, 'call', 'outbound', daysAgo(122));
    await earl.put(`/api/v1/customers/${helen}/keep-in-touch`, { everyDays: 90 });
    const kim = await create('Kim Owned');
    await log(earl, kim, 'meeting', 'outbound', daysAgo(10));
    await earl.put(`/api/v1/customers/${kim}/keep-in-touch`, { everyDays: 30 });
    await log(clerk, kim, 'email', 'inbound', daysAgo(1));
    const stranger = await create('Someone Else');
    await log(clerk, stranger, 'email', 'inbound', daysAgo(4));

    const at = new Date();
    const mine = await waitingOnMe(t.database.db, actorOf(earl, 'Earl Hutchins', [north]), at);
    expect(mine).toMatchObject({ key: 'waiting', more: 0 });
    expect(mine.items.map((i) => i.customerName)).toEqual(['Jim Alvarez', 'Kim Owned']);
    expect(mine.items[0]).toMatchObject({
      customerId: jim,
      title: 'Waiting for an answer since 2 days ago: a voicemail',
      attention: true,
      action: { label: 'Log a reply', method: 'POST', path: '/interactions', body: { customerId: jim, channel: 'call', direction: 'outbound' } },
    });
    // The action works as given, and takes Jim off.
    const action = mine.items[0]!.action!;
    expect((await earl.request(action.method, `/api/v1${action.path}`, action.body)).status).toBe(201);
    expect((await waitingOnMe(t.database.db, actorOf(earl, 'Earl Hutchins', [north]), new Date())).items.map((i) => i.customerName)).toEqual(['Kim Owned']);

    // The manager sees everyone waiting at their location.
    const team = await waitingOnMe(t.database.db, actorOf(grace, 'Grace Okafor', [north]), new Date());
    expect(team.items.map((i) => i.customerName)).toEqual(['Someone Else', 'Kim Owned']);

    const due = await keepInTouchDue(t.database.db, actorOf(earl, 'Earl Hutchins', [north]), new Date());
    expect(due).toMatchObject({ key: 'keep_in_touch', more: 0 });
    expect(due.items).toEqual([
      expect.objectContaining({
        customerId: helen,
        title: 'Last seen 4 months ago; you keep in touch every 3 months',
        attention: true,
        action: { label: 'Log a call', method: 'POST', path: '/interactions', body: expect.objectContaining({ customerId: helen, channel: 'call', direction: 'outbound' }) },
      }),
    ]);
    expect((await keepInTouchDue(t.database.db, actorOf(grace, 'Grace Okafor', [north]), new Date())).items[0]).toMatchObject({ title: 'Last seen 4 months ago; Earl Hutchins keeps in touch every 3 months' });
    expect((await keepInTouchDue(t.database.db, actorOf(clerk, 'Clara Clerk'), new Date())).items).toEqual([]);

    // The owner is reminded once per due date (the key names it).
    const reminders = (await keepInTouchReminders.due(t.database.db, new Date())).filter((r) => r.customerId === helen);
    const dueAt = new Date(Date.parse(daysAgo(122)) + 90 * 86_400_000).toISOString();
    expect(reminders).toEqual([
      {
        key: `keep-in-touch-due:${helen}:${earl.staffId}:${dueAt}`,
        staffId: earl.staffId,
        customerId: helen,
        title: 'Time to get in touch with Helen Park',
        body: 'Last seen 4 months ago; you keep in touch every 3 months.',
        link: `/customers/${helen}`,
      },
    ]);
    // A contact logged takes her off Today and gives no more reminders until she is due again.
    const call = due.items[0]!.action!;
    expect((await earl.request(call.method, `/api/v1${call.path}`, call.body)).status).toBe(201);
    expect((await keepInTouchDue(t.database.db, actorOf(earl, 'Earl Hutchins', [north]), new Date())).items).toEqual([]);
    expect((await keepInTouchReminders.due(t.database.db, new Date())).filter((r) => r.customerId === helen)).toEqual([]);
    // "And N more" counts each customer once across the ranges, up to a cap.
    const waitingRows = await t.database.db.selectFrom('contactStates').select('customerId').where('waitingSince', 'is not', null).execute();
    expect(await countWaiting(t.database.db, [{ all: true }, { locationId: north }, { keepOwnerId: earl.staffId }], 1000)).toBe(waitingRows.length);
    expect(await countWaiting(t.database.db, [{ all: true }], 1)).toBe(1);
    expect(await countDue(t.database.db, [{ all: true }, { keepOwnerId: earl.staffId }], new Date(Date.now() + 400 * 86_400_000).toISOString(), 1000)).toBe(2);
    // A week after it comes due (or was set), it is no longer sent again: it stays on the lists.
    const kimDue = (await keepInTouchReminders.due(t.database.db, new Date(Date.now() + 31 * 86_400_000))).filter((r) => r.customerId === kim);
    expect(kimDue).toHaveLength(1);
    expect((await keepInTouchReminders.due(t.database.db, new Date(Date.now() + 40 * 86_400_000))).filter((r) => r.customerId === kim)).toEqual([]);
  });
});
