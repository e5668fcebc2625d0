import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';

/**
 * Hand-offs (scenario S5), the second part: withdrawing a pending one (who may, 409 once settled,
 * nothing moves, where it leaves and where it stays), telling the addressee in their staff
 * notifications (a colleague, or a location's staff; nobody else), and the lists a page at a time.
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
  outsider = await t.signIn('frontline', { locationIds: [elsewhere], name: 'Olga Outside' });
  walter = (await night.post('/api/v1/customers', { givenName: 'Walter', familyName: 'Brandt', locationId: ward })).body.id;
  karen = (await night.post('/api/v1/customers', { givenName: 'Karen', familyName: 'Brandt-Mills', locationId: ward })).body.id;
  promiseId = (await night.post('/api/v1/promises', { customerId: karen, what: 'call the daughter', dueOn: '2031-01-05' })).body.id;
  caseId = (await night.post('/api/v1/cases', { customerId: walter, subject: 'Hearing aid missing' })).body.id;
});
afterAll(() => t.close());

const write = (as: Client, body: Record<string, unknown>) => as.post('/api/v1/handoffs', body);
const both = () => [{ customerId: walter, caseIds: [caseId], notes: [{ topic: 'told', body: 'The X-ray looked better.' }] }, { customerId: karen }];
const ownerOfPromise = async () => (await db().selectFrom('promises').select('ownerId').where('id', '=', promiseId).executeTakeFirstOrThrow()).ownerId;
const ownerOfCase = async () => (await db().selectFrom('cases').select('ownerId').where('id', '=', caseId).executeTakeFirstOrThrow()).ownerId;
const ids = (items: { id: string }[]) => items.map((i) => i.id);
const notificationsOf = (handoffId: string) =>
  db().selectFrom('notifications').select(['staffId', 'kind', 'title', 'body', 'link', 'customerId']).where('link', '=', `/handoffs?handoff=${handoffId}`).orderBy('staffId').execute();

describe('withdrawing a pending hand-off', () => {
  it('by its writer: nothing moves, it leaves the pending lists, the brief and the shift view, and shows withdrawn on the timeline; audited', async () => {
    const id = (await write(night, { toLocationId: ward, customers: both() })).body.id;
    expect((await night.get(`/api/v1/handoffs/${id}`)).body).toMatchObject({ canWithdraw: true, canAccept: false });
    expect((await day.get(`/api/v1/handoffs/${id}`)).body).toMatchObject({ canWithdraw: false, canAccept: true });
    expect((await wardManager.get(`/api/v1/handoffs/${id}`)).body.canWithdraw).toBe(true);
    expect((await otherManager.get(`/api/v1/handoffs/${id}`)).body.canWithdraw).toBe(false);
    expect((await admin.get(`/api/v1/handoffs/${id}`)).body.canWithdraw).toBe(true);
    expect(ids((await day.get('/api/v1/handoffs?box=incoming')).body.items)).toEqual([id]);
    expect((await day.get(`/api/v1/customers/${karen}/brief`)).body.handoffs.map((h: { handoffId: string }) => h.handoffId)).toEqual([id]);

    // Refused to those who may not.
    for (const who of [day, day2, outsider, otherManager]) expect((await who.post(`/api/v1/handoffs/${id}/withdraw`)).status).toBe(403);
    expect((await night.post(`/api/v1/handoffs/${missing}/withdraw`)).status).toBe(404);
    expect((await night.post('/api/v1/handoffs/nope/withdraw')).status).toBe(400);
    expect((await night.post(`/api/v1/handoffs/${id}/withdraw`, { extra: 1 })).status).toBe(400);
    expect((await t.anonymous.post(`/api/v1/handoffs/${id}/withdraw`, {})).status).toBe(401);

    const res = await night.post(`/api/v1/handoffs/${id}/withdraw`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'withdrawn', withdrawnBy: night.staffId, withdrawnByName: 'Joy Mensah', withdrawnAt: expect.any(String), acceptedBy: null, canAccept: false, canWithdraw: false, canReassign: false });
    // Nothing moved: the writer keeps the promise and the case; no promise rows were linked.
    expect(await ownerOfPromise()).toBe(night.staffId);
    expect(await ownerOfCase()).toBe(night.staffId);
    expect(await db().selectFrom('handoffPromises').select('id').execute()).toEqual([]);
    expect(await db().selectFrom('promiseHandovers').select('id').execute()).toEqual([]);
    // Gone from the pending lists, the brief, the shift view.
    expect((await day.get('/api/v1/handoffs?box=incoming')).body.items).toEqual([]);
    expect((await night.get('/api/v1/handoffs?box=outgoing')).body.items.map((h: { id: string; status: string }) => [h.id, h.status])).toEqual([[id, 'withdrawn']]);
    expect((await day.get(`/api/v1/customers/${karen}/brief`)).body.handoffs).toEqual([]);
    expect((await night.get(`/api/v1/customers/${walter}/brief`)).body.handoffs).toEqual([]);
    expect((await wardManager.get('/api/v1/handoffs/shift')).body).toMatchObject({ pending: [], waitingOn: [], acceptedLately: [] });
    // The timeline: written, then withdrawn.
    const timeline = (await day.get(`/api/v1/customers/${walter}/timeline?kinds=handoff`)).body.items;
    expect(timeline.map((i: { event: string; status: string; title: string }) => [i.event, i.status, i.title])).toEqual([
      ['withdrawn', 'withdrawn', 'Hand-off withdrawn by Joy Mensah: nothing moved, it stays with Joy Mensah'],
      ['written', 'withdrawn', 'Handed over by Joy Mensah to the next shift at Ward 6'],
    ]);
    // Audited: the hand-off once, each customer on their trail.
    const audits = await db().selectFrom('auditEvents').select(['entityType', 'customerId', 'diff']).where('action', '=', 'update').where('staffId', '=', night.staffId).execute();
    expect(audits.filter((a) => a.entityType === 'handoff')).toHaveLength(1);
    expect(JSON.stringify(audits.find((a) => a.entityType === 'handoff')!.diff)).toContain('withdrawn');
    expect(audits.filter((a) => a.entityType === 'handoff_customer').map((a) => a.customerId).sort()).toEqual([walter, karen].sort());

    // 409 once withdrawn: withdrawing again, accepting, reassigning.
    expect((await night.post(`/api/v1/handoffs/${id}/withdraw`)).status).toBe(409);
    expect((await day.post(`/api/v1/handoffs/${id}/accept`)).status).toBe(409);
    expect((await wardManager.post(`/api/v1/handoffs/${id}/reassign`, { toStaffId: day.staffId })).status).toBe(409);
    expect(await ownerOfPromise()).toBe(night.staffId);
  });

  it('by a manager of its location, or an admin; 409 once accepted', async () => {
    const a = (await write(night, { toStaffId: day.staffId, customers: [{ customerId: karen }] })).body.id;
    const w = await wardManager.post(`/api/v1/handoffs/${a}/withdraw`, {});
    expect(w.status).toBe(200);
    expect(w.body).toMatchObject({ status: 'withdrawn', withdrawnBy: wardManager.staffId, withdrawnByName: 'Ruth Adeyemi' });
    const b = (await write(night, { toStaffId: day.staffId, customers: [{ customerId: karen }] })).body.id;
    expect((await admin.post(`/api/v1/handoffs/${b}/withdraw`)).body.status).toBe('withdrawn');
    const c = (await write(night, { toStaffId: day.staffId, customers: [{ customerId: karen }] })).body.id;
    expect((await day.post(`/api/v1/handoffs/${c}/accept`)).status).toBe(200);
    const late = await night.post(`/api/v1/handoffs/${c}/withdraw`);
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/accepted/);
    expect(await ownerOfPromise()).toBe(day.staffId);
    // Back to the writer for the tests below.
    expect((await day.post(`/api/v1/promises/${promiseId}/handovers`, { ownerId: night.staffId, reason: 'Back to Joy' })).status).toBeLessThan(300);
  });

  it('and an acceptance at the same moment: exactly one of the two happens', async () => {
    const id = (await write(night, { toStaffId: day.staffId, customers: [{ customerId: walter }] })).body.id;
    const [withdrawn, accepted] = await Promise.all([night.post(`/api/v1/handoffs/${id}/withdraw`), day.post(`/api/v1/handoffs/${id}/accept`)]);
    expect([withdrawn.status, accepted.status].sort()).toEqual([200, 409]);
    const row = await db().selectFrom('handoffs').select(['status', 'acceptedBy', 'withdrawnBy']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual(withdrawn.status === 200 ? { status: 'withdrawn', acceptedBy: null, withdrawnBy: night.staffId } : { status: 'accepted', acceptedBy: day.staffId, withdrawnBy: null });
  });
});

describe('telling the addressee', () => {
  it('a colleague: a notification for them alone, linking to the hand-off, naming the one customer', async () => {
    const id = (await write(night, { toStaffId: day.staffId, customers: [{ customerId: walter }] })).body.id;
    expect(await notificationsOf(id)).toEqual([
      {
        staffId: day.staffId,
        kind: 'handoffs.to-you',
        title: 'Joy Mensah handed over Walter Brandt to you',
        body: expect.stringContaining('stay with Joy Mensah'),
        link: `/handoffs?handoff=${id}`,
        customerId: walter,
      },
    ]);
    // In their Notifications, and nobody else's.
    const theirs = (await day.get('/api/v1/notifications')).body;
    expect(theirs.items.filter((n: { link: string }) => n.link === `/handoffs?handoff=${id}`)).toHaveLength(1);
    expect(theirs.unread).toBeGreaterThan(0);
    for (const who of [night, day2, wardManager, outsider, admin]) {
      expect((await who.get('/api/v1/notifications')).body.items.filter((n: { link: string }) => n.link.includes(id))).toEqual([]);
    }
    await night.post(`/api/v1/handoffs/${id}/withdraw`);
  });

  it("a location's next shift: its active staff (managers too), not the writer, not staff elsewhere, not the inactive", async () => {
    const leaver = await t.signIn('frontline', { locationIds: [ward], name: 'Lee Leaver' });
    await db().updateTable('staff').set({ active: false }).where('id', '=', leaver.staffId).execute();
    const id = (await write(night, { toLocationId: ward, customers: both() })).body.id;
    const rows = await notificationsOf(id);
    expect(rows.map((r) => r.staffId).sort()).toEqual([day.staffId, day2.staffId, wardManager.staffId].sort());
    expect(rows[0]).toMatchObject({ title: 'Joy Mensah handed over 2 customers to the next shift at Ward 6', customerId: null, link: `/handoffs?handoff=${id}` });
    await night.post(`/api/v1/handoffs/${id}/withdraw`);
  });

  it('reassigned: the new addressee is told; not the manager who reassigned it, nor the one it left', async () => {
    const id = (await write(night, { toStaffId: day.staffId, customers: [{ customerId: karen }] })).body.id;
    expect((await wardManager.post(`/api/v1/handoffs/${id}/reassign`, { toStaffId: day2.staffId })).status).toBe(200);
    const rows = await notificationsOf(id);
    expect(rows.map((r) => [r.staffId, r.title]).sort()).toEqual(
      [
        [day.staffId, 'Joy Mensah handed over Karen Brandt-Mills to you'],
        [day2.staffId, 'Ruth Adeyemi gave you the hand-off from Joy Mensah (Karen Brandt-Mills)'],
      ].sort(),
    );
    // To a location: its staff, less the manager who did it and the writer.
    expect((await wardManager.post(`/api/v1/handoffs/${id}/reassign`, { toLocationId: elsewhere })).status).toBe(200);
    const after = (await notificationsOf(id)).filter((r) => r.title.includes('Harbour Street'));
    expect(after.map((r) => r.staffId).sort()).toEqual([otherManager.staffId, outsider.staffId].sort());
    // Written to nobody new: a failed write tells no one.
    const before = (await db().selectFrom('notifications').select('id').execute()).length;
    expect((await write(night, { toStaffId: missing, customers: [{ customerId: karen }] })).status).toBe(422);
    expect((await db().selectFrom('notifications').select('id').execute()).length).toBe(before);
    await admin.post(`/api/v1/handoffs/${id}/withdraw`);
  });
});

describe('lists beyond one page', () => {
  it('pages incoming, outgoing and accepted with cursors; the shift view pages its open and accepted hand-offs, waitingOn counts all', async () => {
    const written: string[] = [];
    for (let i = 0; i < 5; i++) written.push((await write(night, { toLocationId: ward, customers: [{ customerId: karen }] })).body.id);
    const walk = async (as: Client, path: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url = `${path}${path.includes('?') ? '&' : '?'}limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await as.get(url);
        expect(res.status).toBe(200);
        const body = res.body as { items: { id: string }[]; nextCursor: string | null };
        expect(body.items.length).toBeLessThanOrEqual(2);
        seen.push(...ids(body.items));
        cursor = body.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      return seen;
    };
    const incoming = await walk(day, '/api/v1/handoffs?box=incoming');
    expect(incoming).toEqual([...written].reverse());
    const outgoing = await walk(night, '/api/v1/handoffs?box=outgoing');
    expect(new Set(outgoing).size).toBe(outgoing.length);
    expect(outgoing.slice(0, 5)).toEqual([...written].reverse());
    expect(outgoing.length).toBe((await db().selectFrom('handoffs').select('id').where('fromStaffId', '=', night.staffId).execute()).length);

    // The shift view: pending oldest first, a page at a time; waitingOn counts all five.
    const first = await wardManager.get('/api/v1/handoffs/shift?limit=2');
    expect(ids(first.body.pending)).toEqual(written.slice(0, 2));
    expect(first.body.waitingOn).toEqual([{ staffId: null, name: 'The next shift at Ward 6', handoffs: 5, since: expect.any(String) }]);
    const second = await wardManager.get(`/api/v1/handoffs/shift?limit=2&cursor=${first.body.nextCursor}`);
    expect(ids(second.body.pending)).toEqual(written.slice(2, 4));
    const third = await wardManager.get(`/api/v1/handoffs/shift?limit=2&cursor=${second.body.nextCursor}`);
    expect(ids(third.body.pending)).toEqual(written.slice(4));
    expect(third.body.nextCursor).toBeNull();

    // Accepted: paged both in "accepted" and in the shift view's acceptedLately (newest first).
    for (const id of written) expect((await day.post(`/api/v1/handoffs/${id}/accept`)).status).toBe(200);
    const acceptedBox = await walk(day, '/api/v1/handoffs?box=accepted');
    expect(acceptedBox.slice(0, 5)).toEqual([...written].reverse());
    const lately: string[] = [];
    let cursor: string | null = null;
    do {
      const path = `/api/v1/handoffs/shift?limit=2${cursor ? `&acceptedCursor=${cursor}` : ''}`;
      const body = (await wardManager.get(path)).body as { acceptedLately: { id: string }[]; acceptedNextCursor: string | null; pending: unknown[] };
      lately.push(...ids(body.acceptedLately));
      expect(body.pending).toEqual([]);
      cursor = body.acceptedNextCursor;
    } while (cursor);
    expect(lately.slice(0, 5)).toEqual([...written].reverse());
    expect(new Set(lately).size).toBe(lately.length);

    for (const bad of ['cursor=zzz', 'acceptedCursor=zzz', 'limit=0', 'limit=201']) expect((await wardManager.get(`/api/v1/handoffs/shift?${bad}`)).status).toBe(400);
  });
});
