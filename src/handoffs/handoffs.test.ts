import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';

/**
 * Hand-offs over HTTP (scenario S5): writing one (what goes with it, bad input), who sees it
 * pending, accepting it (the promises and cases move, the first to accept wins), the brief's banner
 * until read, "since you last saw them", reassigning, the shift view, the timeline, and a private
 * sensitivity that no one outside its audience reads on any path.
 */

let t: TestApp;
let admin: Client;
let night: Client;
let day: Client;
let day2: Client;
let wardManager: Client;
let otherManager: Client;
let outsider: Client;
let ward: string;
let elsewhere: string;
let walter: string;
let karen: string;
let promiseId: string;
let caseId: string;
const missing = '01900000-0000-7000-8000-000000000000';
const secret = 'Does not want his son told anything: they are estranged';

const db = () => t.database.db;

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin');
  ward = (await admin.post('/api/v1/locations', { name: 'Ward 6', timezone: 'America/Chicago' })).body.id;
  elsewhere = (await admin.post('/api/v1/locations', { name: 'Harbour Street', timezone: 'Europe/London' })).body.id;
  night = await t.signIn('frontline', { locationIds: [ward], name: 'Joy Mensah' });
  day = await t.signIn('frontline', { locationIds: [ward], name: 'Ben Castillo' });
  day2 = await t.signIn('frontline', { locationIds: [ward], name: 'Ada Ruiz' });
  wardManager = await t.signIn('manager', { locationIds: [ward], name: 'Ruth Adeyemi' });
  otherManager = await t.signIn('manager', { locationIds: [elsewhere], name: 'Other Manager' });
  outsider = await t.signIn('frontline', { locationIds: [elsewhere] });
  walter = (await night.post('/api/v1/customers', { givenName: 'Walter', familyName: 'Brandt', locationId: ward })).body.id;
  karen = (await night.post('/api/v1/customers', { givenName: 'Karen', familyName: 'Brandt-Mills', locationId: ward })).body.id;
  promiseId = (await night.post('/api/v1/promises', { customerId: karen, what: "call the daughter after the consultant's round", dueOn: '2031-01-05' })).body.id;
  caseId = (await night.post('/api/v1/cases', { customerId: walter, subject: 'Hearing aid missing since the move from ER' })).body.id;
});
afterAll(() => t.close());

const write = (as: Client, body: Record<string, unknown>) => as.post('/api/v1/handoffs', body);
const family = () => [
  {
    customerId: walter,
    caseIds: [caseId],
    notes: [
      { topic: 'told', body: 'The consultant sees him on the morning round; the X-ray looked better.' },
      { topic: 'worries', body: 'Worried he will not be home for his wife’s birthday on Friday.' },
      { topic: 'sensitivities', body: secret, sensitivity: 'private' },
      { topic: 'next_step', body: 'After the round, call Karen with the plan.' },
    ],
  },
  { customerId: karen, notes: [{ topic: 'worries', body: 'Lives two hours away; calls every evening.' }] },
];
const brief = async (as: Client, id: string) => (await as.get(`/api/v1/customers/${id}/brief`)).body;
const ownerOfPromise = async (id: string) => (await db().selectFrom('promises').select('ownerId').where('id', '=', id).executeTakeFirstOrThrow()).ownerId;
const ownerOfCase = async (id: string) => (await db().selectFrom('cases').select('ownerId').where('id', '=', id).executeTakeFirstOrThrow()).ownerId;
const seesSecret = (value: unknown) => JSON.stringify(value).includes('estranged');

let handoffId: string;
let raceWinner: Client;

describe('writing a hand-off', () => {
  it('addresses a location’s next shift, carries the open promises and cases, keeps them with the writer until accepted, and audits', async () => {
    const res = await write(night, { toLocationId: ward, customers: family() });
    expect(res.status).toBe(201);
    handoffId = res.body.id;
    expect(res.headers.location).toBe(`/api/v1/handoffs/${handoffId}`);
    expect(res.body).toMatchObject({
      status: 'pending',
      fromStaffId: night.staffId,
      fromStaffName: 'Joy Mensah',
      toStaffId: null,
      toLocationId: ward,
      toLocationName: 'Ward 6',
      locationId: ward,
      acceptedBy: null,
      canAccept: false,
      canReassign: false,
    });
    const [w, k] = res.body.customers;
    expect(w).toMatchObject({ customerId: walter, displayName: 'Walter Brandt', cases: [{ id: caseId, ownerId: night.staffId }], promises: [] });
    expect(w.notes.map((n: { topic: string }) => n.topic)).toEqual(['told', 'worries', 'sensitivities', 'next_step']);
    expect(w.notes[2]).toMatchObject({ sensitivity: 'private', audienceLocationId: ward, createdBy: night.staffId });
    expect(k).toMatchObject({ customerId: karen, promises: [{ id: promiseId, what: "call the daughter after the consultant's round", ownerId: night.staffId }] });
    // Still the writer's until someone accepts.
    expect(await ownerOfPromise(promiseId)).toBe(night.staffId);
    expect(await ownerOfCase(caseId)).toBe(night.staffId);
    const audits = await db().selectFrom('auditEvents').select(['entityType', 'customerId', 'sensitivity', 'staffId']).where('entityType', 'like', 'handoff%').execute();
    expect(audits.filter((a) => a.entityType === 'handoff')).toHaveLength(1);
    expect(audits.filter((a) => a.entityType === 'handoff_customer').map((a) => a.customerId).sort()).toEqual([walter, karen].sort());
    expect(audits.filter((a) => a.entityType === 'handoff_note' && a.sensitivity === 'private')).toHaveLength(1);
  });

  it('shows as pending to both: outgoing for the writer, incoming for the next shift, not for others', async () => {
    const outgoing = await night.get('/api/v1/handoffs?box=outgoing');
    expect(outgoing.body.items.map((h: { id: string; status: string }) => [h.id, h.status])).toEqual([[handoffId, 'pending']]);
    expect((await night.get('/api/v1/handoffs')).body.items).toEqual([]);
    const incoming = await day.get('/api/v1/handoffs?box=incoming');
    expect(incoming.body.items).toHaveLength(1);
    expect(incoming.body.items[0]).toMatchObject({ id: handoffId, canAccept: true });
    expect((await outsider.get('/api/v1/handoffs')).body.items).toEqual([]);
    expect((await day.get('/api/v1/handoffs?box=nope')).status).toBe(400);
    expect((await day.get('/api/v1/handoffs?cursor=zzz')).status).toBe(400);
  });

  it('lists the customers the writer holds open promises or cases for', async () => {
    const res = await night.get('/api/v1/handoffs/held-customers');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { customerId: karen, displayName: 'Karen Brandt-Mills', promises: [expect.objectContaining({ id: promiseId })], cases: [] },
      { customerId: walter, displayName: 'Walter Brandt', promises: [], cases: [expect.objectContaining({ id: caseId, status: 'new' })] },
    ]);
    expect((await day.get('/api/v1/handoffs/held-customers')).body.items).toEqual([]);
  });

  it('answers bad input with 400 or 422 naming the field', async () => {
    const one = [{ customerId: karen }];
    const cases: [Record<string, unknown>, number, string][] = [
      [{ toLocationId: ward }, 400, '/body/customers'],
      [{ toLocationId: ward, customers: [] }, 400, '/body/customers'],
      [{ toLocationId: 'ward', customers: one }, 400, '/body/toLocationId'],
      [{ toLocationId: ward, customers: one, extra: 1 }, 400, '/body/extra'],
      [{ toLocationId: ward, customers: [{ customerId: karen, notes: [{ topic: 'gossip', body: 'x' }] }] }, 400, '/body/customers/0/notes/0/topic'],
      [{ customers: one }, 422, '/body/toStaffId'],
      [{ toStaffId: day.staffId, toLocationId: ward, customers: one }, 422, '/body/toLocationId'],
      [{ toStaffId: night.staffId, customers: one }, 422, '/body/toStaffId'],
      [{ toStaffId: missing, customers: one }, 422, '/body/toStaffId'],
      [{ toLocationId: missing, customers: one }, 422, '/body/toLocationId'],
      [{ toLocationId: ward, locationId: missing, customers: one }, 422, '/body/locationId'],
      [{ toLocationId: ward, customers: [{ customerId: missing }] }, 422, '/body/customers/0/customerId'],
      [{ toLocationId: ward, customers: [{ customerId: karen }, { customerId: karen }] }, 422, '/body/customers/1/customerId'],
      [{ toLocationId: ward, customers: [{ customerId: karen, caseIds: [caseId] }] }, 422, '/body/customers/0/caseIds/0'],
      [{ toLocationId: ward, customers: [{ customerId: walter, caseIds: [missing] }] }, 422, '/body/customers/0/caseIds/0'],
      [{ toLocationId: ward, customers: [{ customerId: karen, notes: [{ topic: 'told', body: '   ' }] }] }, 422, '/body/customers/0/notes/0/body'],
      [{ toLocationId: ward, customers: [{ customerId: karen, notes: [{ topic: 'told', body: 'x', audienceLocationId: missing }] }] }, 422, '/body/customers/0/notes/0/audienceLocationId'],
    ];
    for (const [body, status, path] of cases) {
      const res = await write(night, body);
      expect([res.status, JSON.stringify(body)]).toEqual([status, JSON.stringify(body)]);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await t.anonymous.post('/api/v1/handoffs', { toLocationId: ward, customers: one })).status).toBe(401);
    expect(await db().selectFrom('handoffs').select('id').execute()).toHaveLength(1);
  });
});

describe('privacy of a private sensitivity', () => {
  it('is read by its author, the ward’s managers and admins, on every path; not by a manager elsewhere or by other frontline staff', async () => {
    for (const [who, sees] of [
      [night, true],
      [wardManager, true],
      [admin, true],
      [otherManager, false],
      [day, false],
      [outsider, false],
    ] as const) {
      const one = await who.get(`/api/v1/handoffs/${handoffId}`);
      expect(one.status).toBe(200);
      expect(one.body.customers[0].notes.length).toBe(sees ? 4 : 3);
      expect(seesSecret(one.body)).toBe(sees);
      expect(seesSecret(await brief(who, walter))).toBe(sees);
      expect(seesSecret((await who.get(`/api/v1/customers/${walter}/timeline?kinds=handoff`)).body)).toBe(sees);
      expect(seesSecret((await who.get(`/api/v1/customers/${walter}/timeline`)).body)).toBe(sees);
      expect(seesSecret((await who.get(`/api/v1/customers/${walter}/history`)).body)).toBe(sees);
    }
    // The shift view: the ward's manager reads it there; a manager elsewhere may not open the ward's.
    expect(seesSecret((await wardManager.get('/api/v1/handoffs/shift')).body)).toBe(true);
    expect((await otherManager.get(`/api/v1/handoffs/shift?locationId=${ward}`)).status).toBe(403);
    const theirs = await otherManager.get('/api/v1/handoffs/shift');
    expect(theirs.status).toBe(200);
    expect(seesSecret(theirs.body)).toBe(false);
  });
});

describe('the shift view', () => {
  it('shows a location’s open hand-offs, who has not accepted theirs, their customers and cases (managers of it, admins)', async () => {
    const res = await wardManager.get('/api/v1/handoffs/shift');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ locationId: ward, locationName: 'Ward 6', acceptedLately: [] });
    expect(res.body.pending.map((h: { id: string }) => h.id)).toEqual([handoffId]);
    expect(res.body.pending[0]).toMatchObject({ canReassign: true, customers: [{ customerId: walter, cases: [{ id: caseId }] }, { customerId: karen }] });
    expect(res.body.waitingOn).toEqual([{ staffId: null, name: 'The next shift at Ward 6', handoffs: 1, since: expect.any(String) }]);
    expect((await admin.get(`/api/v1/handoffs/shift?locationId=${ward}`)).body.pending).toHaveLength(1);
    expect((await admin.get('/api/v1/handoffs/shift')).status).toBe(422);
    expect((await admin.get(`/api/v1/handoffs/shift?locationId=${missing}`)).status).toBe(422);
    expect((await admin.get('/api/v1/handoffs/shift?locationId=x')).status).toBe(400);
    expect((await day.get('/api/v1/handoffs/shift')).status).toBe(403);
  });
});

describe('the brief while pending', () => {
  it('shows the hand-off at the top for everyone, with what travels with it and the lines they may read', async () => {
    const b = await brief(day, karen);
    expect(b.handoffs).toEqual([
      expect.objectContaining({ handoffId, status: 'pending', fromStaffName: 'Joy Mensah', toName: 'the next shift at Ward 6', promises: [expect.objectContaining({ id: promiseId })] }),
    ]);
  });
});

describe('accepting', () => {
  it('is refused to the writer (409) and to someone it is not addressed to (403)', async () => {
    expect((await night.post(`/api/v1/handoffs/${handoffId}/accept`)).status).toBe(409);
    expect((await outsider.post(`/api/v1/handoffs/${handoffId}/accept`)).status).toBe(403);
    expect((await day.post(`/api/v1/handoffs/${missing}/accept`)).status).toBe(404);
    expect((await day.post('/api/v1/handoffs/nope/accept')).status).toBe(400);
  });

  it('moves the writer’s open promises to those customers and the cases to the acceptor, audited, and answers 409 to the next', async () => {
    const res = await day.post(`/api/v1/handoffs/${handoffId}/accept`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'accepted', acceptedBy: day.staffId, acceptedByName: 'Ben Castillo', canAccept: false });
    expect(res.body.customers[1].promises).toEqual([expect.objectContaining({ id: promiseId, ownerId: day.staffId, ownerName: 'Ben Castillo' })]);
    expect(res.body.customers[0].cases).toEqual([expect.objectContaining({ id: caseId, ownerId: day.staffId })]);
    expect(await ownerOfPromise(promiseId)).toBe(day.staffId);
    expect(await ownerOfCase(caseId)).toBe(day.staffId);
    const handover = await db().selectFrom('promiseHandovers').selectAll().where('promiseId', '=', promiseId).executeTakeFirstOrThrow();
    expect(handover).toMatchObject({ fromStaffId: night.staffId, toStaffId: day.staffId, createdBy: day.staffId });
    expect(await db().selectFrom('handoffPromises').select(['promiseId', 'customerId']).execute()).toEqual([{ promiseId, customerId: karen }]);
    const caseEvents = await db().selectFrom('caseEvents').select(['kind', 'fromValue', 'toValue']).where('caseId', '=', caseId).where('kind', '=', 'owner').execute();
    expect(caseEvents).toEqual([{ kind: 'owner', fromValue: night.staffId, toValue: day.staffId }]);
    const audits = await db().selectFrom('auditEvents').select(['entityType', 'action']).where('staffId', '=', day.staffId).execute();
    expect(audits).toEqual(expect.arrayContaining([{ entityType: 'handoff', action: 'update' }, { entityType: 'promise_handover', action: 'create' }, { entityType: 'case', action: 'update' }]));
    expect((await day2.post(`/api/v1/handoffs/${handoffId}/accept`)).status).toBe(409);
    expect((await day.get('/api/v1/handoffs?box=accepted')).body.items.map((h: { id: string }) => h.id)).toEqual([handoffId]);
    expect((await day.get('/api/v1/handoffs')).body.items).toEqual([]);
    expect((await wardManager.get('/api/v1/handoffs/shift')).body).toMatchObject({ pending: [], waitingOn: [], acceptedLately: [{ id: handoffId }] });
  });

  it('gives a location hand-off to exactly one of two who accept at once', async () => {
    const p = (await night.post('/api/v1/promises', { customerId: walter, what: 'bring the large-print menu', dueOn: '2031-01-06' })).body.id;
    const id = (await write(night, { toLocationId: ward, customers: [{ customerId: walter }] })).body.id;
    const answers = await Promise.all([day.post(`/api/v1/handoffs/${id}/accept`), day2.post(`/api/v1/handoffs/${id}/accept`)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers[0]!.status === 200 ? day : day2;
    raceWinner = winner;
    expect(await ownerOfPromise(p)).toBe(winner.staffId);
    expect(await db().selectFrom('promiseHandovers').select('id').where('promiseId', '=', p).execute()).toHaveLength(1);
    expect((await db().selectFrom('handoffs').select(['status', 'acceptedBy']).where('id', '=', id).executeTakeFirstOrThrow())).toEqual({ status: 'accepted', acceptedBy: winner.staffId });
  });
});

describe('the brief after accepting', () => {
  it('keeps the banner until the new owner has read it, then drops it for everyone; a reader who read it no longer sees it', async () => {
    const first = await brief(day, karen);
    expect(first.handoffs.map((h: { handoffId: string }) => h.handoffId)).toEqual([handoffId]);
    expect(first.handoffs[0]).toMatchObject({ status: 'accepted', acceptedByName: 'Ben Castillo' });
    // Someone else reads it: gone for them only.
    expect((await day2.post(`/api/v1/handoffs/${handoffId}/read`, { customerId: karen })).status).toBe(200);
    expect((await brief(day2, karen)).handoffs).toEqual([]);
    expect((await brief(wardManager, karen)).handoffs).toHaveLength(1);
    // The new owner reads it: gone for everyone.
    const read = await day.post(`/api/v1/handoffs/${handoffId}/read`, { customerId: karen });
    expect(read.status).toBe(200);
    expect(read.body.customers[1].reads.map((r: { staffId: string }) => r.staffId)).toEqual([day2.staffId, day.staffId]);
    expect((await brief(day, karen)).handoffs).toEqual([]);
    expect((await brief(wardManager, karen)).handoffs).toEqual([]);
    // Walter's part is read separately.
    expect((await brief(day, walter)).handoffs.map((h: { handoffId: string }) => h.handoffId)).toContain(handoffId);
    expect((await day.post(`/api/v1/handoffs/${handoffId}/read`, { customerId: missing })).status).toBe(422);
    expect((await day.post(`/api/v1/handoffs/${handoffId}/read`, {})).status).toBe(400);
    expect((await day.post(`/api/v1/handoffs/${missing}/read`, { customerId: karen })).status).toBe(404);
  });

  it('starts "since you last saw them" with the reader’s own open promises, then what others did: the hand-off, the promise', async () => {
    const since = (await brief(day, karen)).sections.find((s: { key: string }) => s.key === 'since');
    expect(since.sentences[0]).toMatch(/^You promised Karen: call the daughter after the consultant's round \(by 5 January 2031\)\.$/);
    // The winner of the race below took the promise to Walter: it comes first in their brief of him.
    const walterSince = (await brief(raceWinner, walter)).sections.find((s: { key: string }) => s.key === 'since');
    expect(walterSince.sentences[0]).toMatch(/^You promised Walter: bring the large-print menu/);
  });

  it('puts the hand-off, written and accepted, on the customer’s timeline', async () => {
    const items = (await day.get(`/api/v1/customers/${karen}/timeline?kinds=handoff`)).body.items;
    expect(items.map((i: { event: string; title: string }) => [i.event, i.title])).toEqual([
      ['accepted', 'Hand-off accepted by Ben Castillo: 1 promise now Ben Castillo\'s'],
      ['written', 'Handed over by Joy Mensah to the next shift at Ward 6'],
    ]);
    expect(items[1].detail).toBe('Worries: Lives two hours away; calls every evening.');
  });
});

describe('reassigning', () => {
  it('lets a manager of its location give an unaccepted hand-off to a person or back to the next shift; not others, not once accepted', async () => {
    const id = (await write(night, { toStaffId: day.staffId, customers: [{ customerId: karen }] })).body.id;
    expect((await day2.post(`/api/v1/handoffs/${id}/accept`)).status).toBe(403);
    expect((await day.post(`/api/v1/handoffs/${id}/reassign`, { toStaffId: day2.staffId })).status).toBe(403);
    expect((await otherManager.post(`/api/v1/handoffs/${id}/reassign`, { toStaffId: day2.staffId })).status).toBe(403);
    const bad: [Record<string, unknown>, number, string][] = [
      [{}, 422, '/body/toStaffId'],
      [{ toStaffId: day2.staffId, toLocationId: ward }, 422, '/body/toLocationId'],
      [{ toStaffId: night.staffId }, 422, '/body/toStaffId'],
      [{ toStaffId: day.staffId }, 422, '/body/toStaffId'],
      [{ toStaffId: missing }, 422, '/body/toStaffId'],
      [{ toStaffId: 'x' }, 400, '/body/toStaffId'],
    ];
    for (const [body, status, path] of bad) {
      const res = await wardManager.post(`/api/v1/handoffs/${id}/reassign`, body);
      expect([res.status, JSON.stringify(body)]).toEqual([status, JSON.stringify(body)]);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const moved = await wardManager.post(`/api/v1/handoffs/${id}/reassign`, { toStaffId: day2.staffId });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ toStaffId: day2.staffId, toStaffName: 'Ada Ruiz', status: 'pending' });
    expect((await day.post(`/api/v1/handoffs/${id}/accept`)).status).toBe(403);
    const back = await admin.post(`/api/v1/handoffs/${id}/reassign`, { toLocationId: ward });
    expect(back.body).toMatchObject({ toStaffId: null, toLocationId: ward });
    expect((await db().selectFrom('auditEvents').select('id').where('entityType', '=', 'handoff').where('entityId', '=', id).where('action', '=', 'update').execute())).toHaveLength(2);
    expect((await day.post(`/api/v1/handoffs/${id}/accept`)).status).toBe(200);
    expect((await wardManager.post(`/api/v1/handoffs/${id}/reassign`, { toStaffId: day2.staffId })).status).toBe(409);
    expect((await wardManager.post(`/api/v1/handoffs/${missing}/reassign`, { toStaffId: day2.staffId })).status).toBe(404);
  });
});

describe('the trash', () => {
  it('takes a customer’s part of a hand-off with them and brings it back; a case in the trash leaves the hand-off until it returns', async () => {
    const id = (await write(night, { toStaffId: day.staffId, customers: [{ customerId: walter, caseIds: [caseId], notes: [{ topic: 'told', body: 'Kept for the trash test' }] }, { customerId: karen }] })).body.id;
    const customers = async () => (await wardManager.get(`/api/v1/handoffs/${id}`)).body.customers;
    const gone = await admin.delete(`/api/v1/cases/${caseId}`);
    expect(gone.status).toBe(200);
    expect((await customers())[0].cases).toEqual([]);
    expect((await admin.post(`/api/v1/trash/${gone.body.trashId}/restore`)).status).toBe(200);
    expect((await customers())[0].cases.map((c: { id: string }) => c.id)).toEqual([caseId]);

    const trashed = await admin.delete(`/api/v1/customers/${walter}`);
    expect(trashed.status).toBe(200);
    expect((await customers()).map((c: { customerId: string }) => c.customerId)).toEqual([karen]);
    expect((await admin.post(`/api/v1/trash/${trashed.body.trashId}/restore`)).status).toBe(200);
    const back = await customers();
    expect(back.map((c: { customerId: string }) => c.customerId)).toEqual([walter, karen]);
    expect(back[0].notes.map((n: { body: string }) => n.body)).toContain('Kept for the trash test');
    expect(seesSecret(back)).toBe(false);
  });
});
