import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';

/**
 * What a mailing's copy is to the rest of Rapport: the brief names recent mass mail by campaign
 * ("Got Spring catalogue 2027 (a mailing) 6 days ago") without taking it for a contact; mass mail,
 * a letter to everyone included, never makes anyone waiting and never answers someone who waits;
 * a recipient removed goes to the trash and comes back; merging two recipients keeps one copy.
 */

let t: TestApp;
let manager: Client;
let clerk: Client;
let admin: Client;

const day = 86_400_000;
/** The moment the file's times are counted back from: "2 days ago" is 2 days before it to the minute, whatever the hour the tests run. */
const start = Date.now();
/** n days before the start, or at a given hour (UTC) of that day. */
const daysAgo = (n: number, hour?: number) => {
  const d = new Date(start - n * day);
  if (hour !== undefined) d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

beforeAll(async () => {
  t = await testApp();
  manager = await t.signIn('manager', { name: 'Nora Manager' });
  clerk = await t.signIn('frontline', { name: 'Earl Clerk' });
  admin = await t.signIn('admin');
});
afterAll(() => t.close());

const customer = async (displayName: string) => (await clerk.post('/api/v1/customers', { displayName })).body.id as string;
const mailing = async (name: string, channel: string, sentAt: string) => {
  const res = await manager.post('/api/v1/mailings', { name, channel, sentAt });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
};
const send = async (mailingId: string, ...customerIds: string[]) => {
  const res = await manager.post(`/api/v1/mailings/${mailingId}/recipients`, { customers: customerIds.map((customerId) => ({ customerId })) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { logged: number; already: number };
};
const state = (customerId: string) => t.database.db.selectFrom('contactStates').selectAll().where('customerId', '=', customerId).executeTakeFirst();
const briefText = async (customerId: string, who: Client = clerk) => {
  const res = await who.get(`/api/v1/customers/${customerId}/brief`);
  expect(res.status).toBe(200);
  return (res.body.sections as { sentences: string[] }[]).flatMap((s) => s.sentences).join('\n');
};
const copies = (mailingId: string) => t.database.db.selectFrom('interactions').select(['id', 'customerId', 'mailingId']).where('mailingId', '=', mailingId).execute();

describe('mass mail and waiting', () => {
  it('answers no one who waits, whatever its channel, a letter to everyone included', async () => {
    const diane = await customer('Diane Waits');
    const email = await clerk.post('/api/v1/interactions', { customerId: diane, channel: 'email', direction: 'inbound', occurredAt: daysAgo(2), summary: 'Where is my refund?' });
    expect(email.status).toBe(201);
    const before = await state(diane);
    expect(before).toMatchObject({ waitingSince: daysAgo(2), waitingCount: 1, waitingFirstInteractionId: email.body.id });
    for (const [name, channel] of [['New savings terms', 'letter'], ['Autumn newsletter', 'newsletter'], ['Winter catalogue', 'direct_mail'], ['October invoices', 'invoice_sent']] as const) {
      await send(await mailing(name, channel, daysAgo(1)), diane);
    }
    expect(await state(diane)).toEqual(before);
    const waiting = (await manager.get('/api/v1/waiting')).body.items.map((w: { customerId: string }) => w.customerId);
    expect(waiting).toContain(diane);
    expect(await briefText(diane)).toMatch(/Waiting for an answer since 2 days ago: an email\./);
    // A letter someone writes to her, by hand, does answer her.
    await clerk.post('/api/v1/interactions', { customerId: diane, channel: 'letter', direction: 'outbound', occurredAt: daysAgo(0, 0), summary: 'Wrote back about the refund' });
    expect(await state(diane)).toMatchObject({ waitingSince: null, waitingCount: 0 });
  });

  it('makes no one waiting, and keeps no one in touch', async () => {
    const quiet = await customer('Quiet Quentin');
    const kept = await customer('Kept Karen');
    expect((await clerk.put(`/api/v1/customers/${kept}/keep-in-touch`, { everyDays: 30 })).status).toBe(200);
    await clerk.post('/api/v1/interactions', { customerId: kept, channel: 'visit', direction: 'inbound', occurredAt: daysAgo(40), summary: 'Came by for paint' });
    const keptBefore = await state(kept);
    expect(keptBefore).toMatchObject({ lastContactAt: daysAgo(40), keepDueAt: expect.any(String) });
    await send(await mailing('Paint sale letter', 'letter', daysAgo(3)), quiet, kept);
    // Quentin has had nothing but mass mail: no waiting, no last contact.
    const quietState = await state(quiet);
    expect(quietState?.waitingSince ?? null).toBeNull();
    expect(quietState?.lastContactAt ?? null).toBeNull();
    // Karen is still due: a letter to everyone is not keeping in touch.
    expect(await state(kept)).toEqual(keptBefore);
    const due = (await clerk.get('/api/v1/keep-in-touch/due')).body;
    expect(JSON.stringify(due)).toContain(kept);
  });
});

describe('the brief', () => {
  it('names recent mass mail by its campaign, apart from the last contact, and forgets it after two months', async () => {
    const jim = await customer('Jim Alvarez');
    await clerk.post('/api/v1/interactions', { customerId: jim, channel: 'visit', direction: 'inbound', occurredAt: daysAgo(20), summary: 'Bought grout' });
    const spring = await mailing('Spring catalogue 2027', 'direct_mail', daysAgo(6));
    await send(spring, jim);
    await send(await mailing('Rate change letter', 'letter', daysAgo(30)), jim);
    await send(await mailing('Old newsletter', 'newsletter', daysAgo(90)), jim);
    const text = await briefText(jim);
    expect(text).toContain('Got Spring catalogue 2027 (a mailing) 6 days ago and Rate change letter (a letter) 4 weeks ago.');
    expect(text).not.toContain('Old newsletter');
    // The last contact is the visit, not the catalogue; only the visit counts as a contact this year.
    expect(text).toContain('Last contact with Earl Clerk 3 weeks ago (a visit): Bought grout');
    expect(text).toContain('One contact in the past year.');
    // Renamed, the mailing reads by its new name.
    expect((await manager.patch(`/api/v1/mailings/${spring}`, { name: 'Spring catalogue 2027 (home & garden)' })).status).toBe(200);
    expect(await briefText(jim)).toContain('Got Spring catalogue 2027 (home & garden) (a mailing) 6 days ago');
    // The timeline shows the copy with the campaign's name.
    const timeline = (await clerk.get(`/api/v1/customers/${jim}/timeline`)).body.items as { title: string; channel?: string }[];
    expect(timeline.map((i) => i.title)).toContain('Direct mail, outbound: Spring catalogue 2027');
  });
});

describe('removing a recipient, the trash and merges', () => {
  it('puts a removed copy in the trash, counts it out, and brings it back unless they were logged again', async () => {
    const m = await mailing('Trash test newsletter', 'newsletter', daysAgo(5));
    const ann = await customer('Ann Trash');
    const bob = await customer('Bob Trash');
    await send(m, ann, bob);
    const annCopy = (await copies(m)).find((c) => c.customerId === ann)!;
    expect((await clerk.delete(`/api/v1/interactions/${annCopy.id}`)).status).toBe(403);
    const trashed = await manager.delete(`/api/v1/interactions/${annCopy.id}`);
    expect(trashed.status).toBe(200);
    expect((await clerk.get(`/api/v1/mailings/${m}`)).body.recipients).toBe(1);
    // Restored, the copy is back with its mailing.
    expect((await manager.post(`/api/v1/trash/${trashed.body.trashId}/restore`)).status).toBe(200);
    expect((await copies(m)).map((c) => c.customerId).sort()).toEqual([ann, bob].sort());
    expect((await t.database.db.selectFrom('interactions').select('mailingId').where('id', '=', annCopy.id).executeTakeFirstOrThrow()).mailingId).toBe(m);
    // Removed and logged again, the old copy cannot come back beside the new one.
    const again = await manager.delete(`/api/v1/interactions/${annCopy.id}`);
    expect(await send(m, ann)).toEqual({ logged: 1, already: 0, problems: [] });
    const clash = await manager.post(`/api/v1/trash/${again.body.trashId}/restore`);
    expect(clash.status).toBe(409);
    expect((await copies(m)).filter((c) => c.customerId === ann)).toHaveLength(1);

    // A customer sent to the trash takes their copy along, and brings it back.
    const gone = await admin.delete(`/api/v1/customers/${bob}`);
    expect(gone.status).toBe(200);
    expect((await clerk.get(`/api/v1/mailings/${m}`)).body.recipients).toBe(1);
    expect((await admin.post(`/api/v1/trash/${gone.body.trashId}/restore`)).status).toBe(200);
    expect((await copies(m)).map((c) => c.customerId).sort()).toEqual([ann, bob].sort());
  });

  it('keeps one copy when two recipients are merged, and gives each theirs back when the merge is undone', async () => {
    const m = await mailing('Merge test catalogue', 'direct_mail', daysAgo(8));
    const other = await mailing('Merge test letter', 'letter', daysAgo(4));
    const robert = await customer('Robert Smith');
    const bob = await customer('Bob Smith');
    await send(m, robert, bob);
    await send(other, bob);
    const before = await copies(m);
    const merged = await manager.post(`/api/v1/customers/${robert}/merge`, { mergedId: bob });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    // Robert has the catalogue once and Bob's letter; nothing names Bob any more.
    expect((await copies(m)).map((c) => c.customerId)).toEqual([robert]);
    expect((await copies(other)).map((c) => c.customerId)).toEqual([robert]);
    expect((await clerk.get(`/api/v1/mailings/${m}`)).body.recipients).toBe(1);
    expect(await briefText(robert)).toContain('Got Merge test letter (a letter) 4 days ago and Merge test catalogue (a mailing) 8 days ago.');
    // Logging the catalogue again for Robert adds nothing.
    expect(await send(m, robert)).toMatchObject({ logged: 0, already: 1 });

    expect((await manager.post(`/api/v1/merges/${merged.body.mergeId}/undo`)).status).toBe(200);
    expect((await copies(m)).map((c) => `${c.id} ${c.customerId}`).sort()).toEqual(before.map((c) => `${c.id} ${c.customerId}`).sort());
    expect((await copies(other)).map((c) => c.customerId)).toEqual([bob]);
  });
});
