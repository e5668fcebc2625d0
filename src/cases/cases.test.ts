import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';

/**
 * Cases over HTTP, on SQLite and on PostgreSQL: opening, the thread, status and priority, escalation,
 * targets in business hours (a location that counts every hour, and one that is never open), the
 * breach on the case, in lists, figures, the brief and the timeline, the trash, and who may do what.
 */

let t: TestApp;
let clerk: Client;
let manager: Client;
let admin: Client;
let allHours: string; // no opening hours: every hour counts
let neverOpen: string; // hours set, every day closed
let customerId: string;
let otherCustomerId: string;
const missing = '01900000-0000-7000-8000-000000000000';
const hoursAgo = (n: number) => new Date(Date.now() - n * 3_600_000).toISOString();

const audits = (entityId: string) => t.database.db.selectFrom('auditEvents').selectAll().where('entityId', '=', entityId).orderBy('at').orderBy('id').execute();
const countCases = async () => Number((await t.database.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const target = (c: { targets: { kind: string }[] }, kind: string) => c.targets.find((x) => x.kind === kind) as Record<string, unknown>;
const contact = async (direction: 'inbound' | 'outbound', occurredAt?: string, customer = customerId) =>
  (await clerk.post('/api/v1/interactions', { customerId: customer, channel: direction === 'inbound' ? 'email' : 'call', direction, summary: `${direction} about the boiler`, ...(occurredAt ? { occurredAt } : {}) })).body.id as string;

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin', { name: 'Ada Admin' });
  allHours = (await admin.post('/api/v1/locations', { name: 'Call centre' })).body.id;
  const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
  neverOpen = (await admin.post('/api/v1/locations', { name: 'Shut shop', timezone: 'Europe/London', openingHours: closed })).body.id;
  clerk = await t.signIn('frontline', { name: 'Clara Clerk', locationIds: [allHours] });
  manager = await t.signIn('manager', { name: 'Grace Manager', locationIds: [allHours] });
  customerId = (await clerk.post('/api/v1/customers', { displayName: 'Helen Park', locationId: allHours })).body.id;
  otherCustomerId = (await clerk.post('/api/v1/customers', { displayName: 'Jim Alvarez' })).body.id;
});
afterAll(() => t.close());

describe('opening a case', () => {
  it('opens with defaults, the targets of its priority counting at once, a history and an audit row', async () => {
    const res = await clerk.post('/api/v1/cases', { customerId, subject: '  The boiler  ' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/cases/${res.body.id}`);
    expect(res.body).toMatchObject({
      customerId,
      customerName: 'Helen Park',
      subject: 'The boiler',
      type: 'general',
      status: 'new',
      priority: 'normal',
      ownerId: clerk.staffId,
      ownerName: 'Clara Clerk',
      locationId: allHours,
      locationName: 'Call centre',
      escalation: null,
      breaches: 0,
      attention: null,
      thread: [],
      history: [expect.objectContaining({ kind: 'opened', text: 'Opened', staffName: 'Clara Clerk' })],
    });
    expect(target(res.body, 'first_response')).toMatchObject({ targetMinutes: 480, state: 'running', breached: false });
    expect(target(res.body, 'first_response').leftMinutes).toBeGreaterThan(478);
    expect(target(res.body, 'next_response')).toMatchObject({ targetMinutes: 480, state: 'idle' });
    expect(target(res.body, 'resolution')).toMatchObject({ targetMinutes: 2400, state: 'running' });
    const [audit] = await audits(res.body.id);
    expect(audit).toMatchObject({ action: 'create', entityType: 'case', staffId: clerk.staffId, customerId });
    expect(JSON.parse(audit!.diff!).after).toMatchObject({ subject: 'The boiler', status: 'new', priority: 'normal' });
    expect((await clerk.get(`/api/v1/cases/${res.body.id}`)).body).toEqual({ ...res.body, targets: expect.any(Array) });
  });

  it('takes a type, priority, owner, location and the contact it came from', async () => {
    const inbound = await contact('inbound', hoursAgo(1));
    const res = await clerk.post('/api/v1/cases', { customerId, subject: 'Complaint about the engineer', type: 'Complaint', priority: 'high', ownerId: manager.staffId, locationId: neverOpen, openedAt: hoursAgo(1), interactionId: inbound });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: 'Complaint', priority: 'high', ownerId: manager.staffId, locationId: neverOpen, thread: [expect.objectContaining({ id: inbound, direction: 'inbound' })] });
    // Never open: the targets never fall due, and nothing is used.
    expect(target(res.body, 'first_response')).toMatchObject({ targetMinutes: 240, state: 'running', usedMinutes: 0, leftMinutes: 240, dueAt: null });
    expect((await clerk.get(`/api/v1/interactions/${inbound}`)).body.caseId).toBe(res.body.id);
  });

  it('names each malformed field with 400', async () => {
    const cases: [unknown, string][] = [
      [{ customerId }, '/body/subject'],
      [{ subject: 'x' }, '/body/customerId'],
      [{ customerId, subject: 'x', priority: 'asap' }, '/body/priority'],
      [{ customerId, subject: 'x', status: 'open' }, '/body/status'],
      [{ customerId, subject: 'x', ownerId: 'me' }, '/body/ownerId'],
      [{ customerId, subject: 'x', openedAt: 'yesterday' }, '/body/openedAt'],
      [{ customerId, subject: 'x'.repeat(501) }, '/body/subject'],
      [{ customerId, subject: '' }, '/body/subject'],
    ];
    for (const [body, path] of cases) {
      const res = await clerk.post('/api/v1/cases', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });

  it('refuses what breaks a rule with 422 naming the field, and saves nothing', async () => {
    const before = await countCases();
    const foreign = await contact('inbound', undefined, otherCustomerId);
    const bot = (await admin.post('/api/v1/staff/integrations', { name: 'POS sync', role: 'frontline' })).body.id;
    const cases: [Record<string, unknown>, string][] = [
      [{ subject: '   ' }, '/body/subject'],
      [{ customerId: missing }, '/body/customerId'],
      [{ ownerId: missing }, '/body/ownerId'],
      [{ ownerId: bot }, '/body/ownerId'],
      [{ locationId: missing }, '/body/locationId'],
      [{ openedAt: new Date(Date.now() + 3_600_000).toISOString() }, '/body/openedAt'],
      [{ interactionId: foreign }, '/body/interactionId'],
      [{ interactionId: missing }, '/body/interactionId'],
    ];
    for (const [over, path] of cases) {
      const res = await clerk.post('/api/v1/cases', { customerId, subject: 'A question', ...over });
      expect(res.status, path).toBe(422);
      expect(res.body.errors[0].path).toBe(path);
    }
    expect(await countCases()).toBe(before);
  });
});

describe('the thread and the targets', () => {
  it('stops the first response at an answer, runs a next response after a new message, and takes contacts out again', async () => {
    const { body: c } = await clerk.post('/api/v1/cases', { customerId, subject: 'Radiator', openedAt: hoursAgo(3) });
    const answer = await contact('outbound', hoursAgo(2));
    const linked = await clerk.post(`/api/v1/cases/${c.id}/thread`, { interactionId: answer });
    expect(linked.status).toBe(200);
    expect(target(linked.body, 'first_response')).toMatchObject({ state: 'met', usedMinutes: 60 });
    expect(linked.body.firstResponseAt).toBeTruthy();
    expect((await clerk.post(`/api/v1/cases/${c.id}/thread`, { interactionId: answer })).status).toBe(200);

    const again = await contact('inbound', hoursAgo(1));
    const waiting = (await clerk.post(`/api/v1/cases/${c.id}/thread`, { interactionId: again })).body;
    expect(target(waiting, 'next_response')).toMatchObject({ state: 'running', targetMinutes: 480 });
    expect(waiting.thread.map((i: { id: string }) => i.id)).toEqual([answer, again]);
    const audit = (await audits(again)).at(-1)!;
    expect(JSON.parse(audit.diff!)).toEqual({ before: { caseId: null }, after: { caseId: c.id } });

    const removed = await clerk.delete(`/api/v1/cases/${c.id}/thread/${again}`);
    expect(removed.status).toBe(200);
    expect(target(removed.body, 'next_response').state).toBe('idle');
    expect((await clerk.delete(`/api/v1/cases/${c.id}/thread/${again}`)).status).toBe(404);
  });

  it('refuses a contact of another customer (422) or in another case (409), and unknown cases (404)', async () => {
    const { body: first } = await clerk.post('/api/v1/cases', { customerId, subject: 'First' });
    const { body: second } = await clerk.post('/api/v1/cases', { customerId, subject: 'Second' });
    const shared = await contact('inbound');
    expect((await clerk.post(`/api/v1/cases/${first.id}/thread`, { interactionId: shared })).status).toBe(200);
    const taken = await clerk.post(`/api/v1/cases/${second.id}/thread`, { interactionId: shared });
    expect(taken.status).toBe(409);
    expect(taken.body.errors[0].path).toBe('/body/interactionId');
    const foreign = await clerk.post(`/api/v1/cases/${second.id}/thread`, { interactionId: await contact('inbound', undefined, otherCustomerId) });
    expect(foreign.status).toBe(422);
    expect((await clerk.post(`/api/v1/cases/${missing}/thread`, { interactionId: shared })).status).toBe(404);
    expect((await clerk.post(`/api/v1/cases/${first.id}/thread`, { interactionId: 'nope' })).status).toBe(400);
  });

  it('pauses while waiting on the customer, stops on resolving, never goes back to new, and records each step', async () => {
    const { body: c } = await clerk.post('/api/v1/cases', { customerId, subject: 'Thermostat', openedAt: hoursAgo(2) });
    const waiting = await clerk.patch(`/api/v1/cases/${c.id}`, { status: 'waiting_on_customer' });
    expect(waiting.status).toBe(200);
    expect(waiting.body.targets.map((x: { state: string }) => x.state)).toEqual(['paused', 'idle', 'paused']);
    expect(target(waiting.body, 'first_response').dueAt).toBeNull();
    const back = await clerk.patch(`/api/v1/cases/${c.id}`, { status: 'new' });
    expect(back.status).toBe(422);
    expect(back.body.errors[0]).toEqual({ path: '/body/status', message: 'a case cannot go back to new' });
    const resolved = (await clerk.patch(`/api/v1/cases/${c.id}`, { status: 'resolved' })).body;
    expect(resolved.resolvedAt).toBeTruthy();
    expect(resolved.targets.map((x: { state: string }) => x.state)).toEqual(['met', 'idle', 'met']);
    const reopened = (await clerk.patch(`/api/v1/cases/${c.id}`, { status: 'waiting_on_us' })).body;
    expect(reopened.resolvedAt).toBeNull();
    expect(reopened.history.map((e: { text: string }) => e.text)).toEqual([
      'Opened',
      'Status: new → waiting on the customer',
      'Status: waiting on the customer → resolved',
      'Status: resolved → waiting on us',
    ]);
    const changes = (await audits(c.id)).filter((a) => a.action === 'update').map((a) => JSON.parse(a.diff!).after.status);
    expect(changes).toEqual(['waiting_on_customer', 'resolved', 'waiting_on_us']);
  });

  it('takes the targets of a new priority, a new owner and location, and changes nothing for an empty patch', async () => {
    const { body: c } = await clerk.post('/api/v1/cases', { customerId, subject: 'Leak' });
    const urgent = (await clerk.patch(`/api/v1/cases/${c.id}`, { priority: 'urgent', ownerId: manager.staffId, subject: 'Leak under the sink' })).body;
    expect(urgent).toMatchObject({ priority: 'urgent', ownerName: 'Grace Manager', subject: 'Leak under the sink' });
    expect(target(urgent, 'first_response').targetMinutes).toBe(60);
    expect(urgent.history.map((e: { text: string }) => e.text)).toEqual(['Opened', 'Priority: normal → urgent', 'Owner: Clara Clerk → Grace Manager']);
    const before = (await audits(c.id)).length;
    expect((await clerk.patch(`/api/v1/cases/${c.id}`, {})).status).toBe(200);
    expect((await clerk.patch(`/api/v1/cases/${c.id}`, { priority: 'urgent' })).status).toBe(200);
    expect(await audits(c.id)).toHaveLength(before);
    for (const [body, status] of [
      [{ priority: 'soon' }, 400],
      [{ customerId }, 400],
      [{ ownerId: missing }, 422],
      [{ locationId: missing }, 422],
      [{ subject: ' ' }, 422],
    ] as const) {
      expect((await clerk.patch(`/api/v1/cases/${c.id}`, body)).status, JSON.stringify(body)).toBe(status);
    }
    expect((await clerk.patch(`/api/v1/cases/${missing}`, { priority: 'low' })).status).toBe(404);
  });
});

describe('keeping the stored clocks true', () => {
  it('works a case out again when a contact of its thread is deleted, and when its location’s hours change', async () => {
    const stored = (id: string) => t.database.db.selectFrom('cases').select(['firstResponseAt', 'dueAt', 'targetKind', 'clockAt']).where('id', '=', id).executeTakeFirstOrThrow();
    const { body: c } = await clerk.post('/api/v1/cases', { customerId, subject: 'Boiler pressure', openedAt: hoursAgo(2), interactionId: await contact('outbound', hoursAgo(1)) });
    expect((await stored(c.id)).firstResponseAt).not.toBeNull();
    const answer = c.thread[0].id;
    expect((await manager.delete(`/api/v1/interactions/${answer}`)).status).toBe(200);
    expect(await stored(c.id)).toMatchObject({ firstResponseAt: null, targetKind: 'first_response' });

    // At the shop that never opens nothing falls due; open it every hour and the job that refreshes clocks sees it.
    const { body: shut } = await clerk.post('/api/v1/cases', { customerId, subject: 'At the shut shop', locationId: neverOpen, openedAt: hoursAgo(2) });
    expect((await stored(shut.id)).dueAt).toBeNull();
    await new Promise((r) => setTimeout(r, 5));
    expect((await admin.patch(`/api/v1/locations/${neverOpen}`, { openingHours: null })).status).toBe(200);
    const { refreshStaleClocks } = await import('./case-refresh-job.js');
    expect(await refreshStaleClocks(t.database.db)).toBeGreaterThanOrEqual(1);
    expect(Date.parse((await stored(shut.id)).dueAt!)).toBe(Date.parse(shut.openedAt) + 8 * 3_600_000);
    expect(await refreshStaleClocks(t.database.db)).toBe(0);
  });
});

describe('escalation', () => {
  it('puts the case on the manager’s list with the reason, in its history and audit', async () => {
    const { body: c } = await clerk.post('/api/v1/cases', { customerId, subject: 'Third visit, still broken' });
    const res = await clerk.post(`/api/v1/cases/${c.id}/escalate`, { managerId: manager.staffId, reason: 'She is thinking of leaving us' });
    expect(res.status).toBe(200);
    expect(res.body.escalation).toMatchObject({ managerId: manager.staffId, managerName: 'Grace Manager', reason: 'She is thinking of leaving us' });
    expect(res.body.history.at(-1)).toMatchObject({ kind: 'escalated', text: 'Escalated to Grace Manager: She is thinking of leaving us', staffName: 'Clara Clerk' });
    const list = await manager.get(`/api/v1/cases?escalatedTo=${manager.staffId}&open=true`);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
    const audit = (await audits(c.id)).at(-1)!;
    expect(JSON.parse(audit.diff!).after).toMatchObject({ escalatedTo: manager.staffId, escalationReason: 'She is thinking of leaving us' });
  });

  it('needs a manager or admin, a reason and an open case', async () => {
    const { body: c } = await clerk.post('/api/v1/cases', { customerId, subject: 'Noise' });
    const toClerk = await clerk.post(`/api/v1/cases/${c.id}/escalate`, { managerId: clerk.staffId, reason: 'Help' });
    expect(toClerk.status).toBe(422);
    expect(toClerk.body.errors[0]).toEqual({ path: '/body/managerId', message: 'must be a manager or an admin' });
    expect((await clerk.post(`/api/v1/cases/${c.id}/escalate`, { managerId: missing, reason: 'Help' })).status).toBe(422);
    expect((await clerk.post(`/api/v1/cases/${c.id}/escalate`, { managerId: manager.staffId, reason: '  ' })).status).toBe(422);
    expect((await clerk.post(`/api/v1/cases/${c.id}/escalate`, { managerId: manager.staffId })).status).toBe(400);
    await clerk.patch(`/api/v1/cases/${c.id}`, { status: 'closed' });
    expect((await clerk.post(`/api/v1/cases/${c.id}/escalate`, { managerId: admin.staffId, reason: 'Help' })).status).toBe(409);
    expect((await clerk.post(`/api/v1/cases/${missing}/escalate`, { managerId: admin.staffId, reason: 'Help' })).status).toBe(404);
  });
});

describe('a breach', () => {
  let breached: string;
  beforeAll(async () => {
    // Urgent, opened three hours ago where every hour counts: the hour's first-response target passed two hours ago.
    const res = await clerk.post('/api/v1/cases', { customerId, subject: 'The boiler is leaking', priority: 'urgent', openedAt: hoursAgo(3) });
    breached = res.body.id;
  });

  it('shows on the case and in the lists', async () => {
    const c = (await clerk.get(`/api/v1/cases/${breached}`)).body;
    expect(c).toMatchObject({ attention: 'breached', breaches: 1 });
    expect(target(c, 'first_response')).toMatchObject({ state: 'running', breached: true });
    expect(target(c, 'first_response').leftMinutes).toBeLessThanOrEqual(-119);
    const list = (await clerk.get('/api/v1/cases?attention=breached')).body.items.map((i: { id: string }) => i.id);
    expect(list).toContain(breached);
    const mine = (await clerk.get(`/api/v1/cases?customerId=${customerId}&open=true`)).body.items.find((i: { id: string }) => i.id === breached);
    expect(mine.attention).toBe('breached');
  });

  it('is counted per location and owner, for managers only', async () => {
    expect((await clerk.get('/api/v1/cases/figures')).status).toBe(403);
    const res = await manager.get('/api/v1/cases/figures');
    expect(res.status).toBe(200);
    const here = res.body.byLocation.find((r: { id: string }) => r.id === allHours);
    expect(here).toMatchObject({ name: 'Call centre' });
    expect(here.breachedNow).toBeGreaterThanOrEqual(1);
    expect(here.withBreach).toBeGreaterThanOrEqual(1);
    const owner = res.body.byOwner.find((r: { id: string }) => r.id === clerk.staffId);
    expect(owner.breachedNow).toBeGreaterThanOrEqual(1);
    expect(owner.metRate).toBeLessThan(1);
    expect((await manager.get('/api/v1/cases/figures?from=2030-01-01T00:00:00Z&to=2029-01-01T00:00:00Z')).status).toBe(422);
    expect((await manager.get('/api/v1/cases/figures?from=soon')).status).toBe(400);
  });

  it('prompts the next person to explain and apologise, until someone records that they did', async () => {
    const brief = async () => (await manager.get(`/api/v1/customers/${customerId}/brief`)).body.sections.find((s: { key: string }) => s.key === 'owed');
    const owed = await brief();
    expect(owed.attention).toBe(true);
    expect(owed.sentences).toContainEqual(expect.stringMatching(/^The case about the boiler is leaking passed its first-response target 2 business hours( \d+ minutes?)? ago: explain and apologise\.$/));
    const res = await manager.post(`/api/v1/cases/${breached}/apologies`, { note: 'Called her, explained, apologised' });
    expect(res.status).toBe(200);
    expect(res.body.history.at(-1)).toMatchObject({ kind: 'apology', note: 'Called her, explained, apologised' });
    expect((await brief()).sentences.join(' ')).not.toContain('the boiler is leaking passed');
    expect((await manager.post(`/api/v1/cases/${breached}/apologies`, { note: 5 })).status).toBe(400);
  });

  it('is on the customer’s timeline, with the opening and the escalation', async () => {
    await clerk.post(`/api/v1/cases/${breached}/escalate`, { managerId: manager.staffId, reason: 'Water everywhere' });
    const items = (await clerk.get(`/api/v1/customers/${customerId}/timeline?kinds=case`)).body.items.filter((i: { caseId: string }) => i.caseId === breached);
    expect(items.map((i: { event: string }) => i.event)).toEqual(['escalated', 'apology', 'breach', 'opened']);
    expect(items.find((i: { event: string }) => i.event === 'breach').title).toBe('Case passed its first-response target: The boiler is leaking');
  });
});

describe('deleting and restoring', () => {
  it('lets a manager move a case to the trash, its thread losing the link, and a restore brings it all back', async () => {
    const inbound = await contact('inbound');
    const { body: c } = await clerk.post('/api/v1/cases', { customerId, subject: 'Delete me', interactionId: inbound });
    expect((await clerk.delete(`/api/v1/cases/${c.id}`)).status).toBe(403);
    const receipt = await manager.delete(`/api/v1/cases/${c.id}`);
    expect(receipt).toMatchObject({ status: 200, body: { entityType: 'case', entityId: c.id, trashId: expect.any(String) } });
    expect((await clerk.get(`/api/v1/cases/${c.id}`)).status).toBe(404);
    expect((await clerk.get(`/api/v1/interactions/${inbound}`)).body.caseId).toBeNull();
    expect((await manager.delete(`/api/v1/cases/${c.id}`)).status).toBe(404);

    expect((await manager.post(`/api/v1/trash/${receipt.body.trashId}/restore`)).status).toBe(200);
    const back = (await clerk.get(`/api/v1/cases/${c.id}`)).body;
    expect(back.thread.map((i: { id: string }) => i.id)).toEqual([inbound]);
    expect(back.history.map((e: { kind: string }) => e.kind)).toEqual(['opened']);
    expect((await clerk.get(`/api/v1/interactions/${inbound}`)).body.caseId).toBe(c.id);
  });
});

describe('deleting a contact and its case', () => {
  it('keeps the link while both wait in the trash, and puts it back whichever returns first', async () => {
    const inbound = await contact('inbound');
    const { body: c } = await clerk.post('/api/v1/cases', { customerId, subject: 'Both deleted', interactionId: inbound });
    const contactTrash = (await manager.delete(`/api/v1/interactions/${inbound}`)).body.trashId;
    const caseTrash = (await manager.delete(`/api/v1/cases/${c.id}`)).body.trashId;
    expect((await manager.post(`/api/v1/trash/${contactTrash}/restore`)).status).toBe(200);
    expect((await clerk.get(`/api/v1/interactions/${inbound}`)).body.caseId).toBeNull();
    expect((await manager.post(`/api/v1/trash/${caseTrash}/restore`)).status).toBe(200);
    expect((await clerk.get(`/api/v1/interactions/${inbound}`)).body.caseId).toBe(c.id);
    expect((await clerk.get(`/api/v1/cases/${c.id}`)).body.thread.map((i: { id: string }) => i.id)).toEqual([inbound]);
  });
});

describe('response targets', () => {
  it('are read by anyone and set by admins, audited, with each priority once', async () => {
    const read = await clerk.get('/api/v1/case-targets');
    expect(read.status).toBe(200);
    expect(read.body.items.map((i: { priority: string }) => i.priority)).toEqual(['urgent', 'high', 'normal', 'low']);
    const body = { items: [{ priority: 'low', firstResponseMinutes: 600, nextResponseMinutes: null, resolutionMinutes: 6000 }] };
    expect((await manager.put('/api/v1/case-targets', body)).status).toBe(403);
    const set = await admin.put('/api/v1/case-targets', body);
    expect(set.status).toBe(200);
    expect(set.body.items.find((i: { priority: string }) => i.priority === 'low')).toMatchObject({ firstResponseMinutes: 600, nextResponseMinutes: null, resolutionMinutes: 6000, updatedBy: admin.staffId });
    const audit = (await audits('low')).at(-1)!;
    expect(audit).toMatchObject({ action: 'update', entityType: 'case_targets', staffId: admin.staffId });
    // A case opened now takes them; one opened before keeps its own.
    const { body: c } = await clerk.post('/api/v1/cases', { customerId, subject: 'Low', priority: 'low' });
    expect(target(c, 'next_response').state).toBe('none');
    for (const [bad, status] of [
      [{ items: [{ ...body.items[0], firstResponseMinutes: 0 }] }, 400],
      [{ items: [] }, 400],
      [{ items: [{ ...body.items[0], priority: 'asap' }] }, 400],
      [{ items: [body.items[0], body.items[0]] }, 422],
      [{ items: [{ ...body.items[0], resolutionMinutes: 60 }] }, 422],
    ] as const) {
      expect((await admin.put('/api/v1/case-targets', bad)).status, JSON.stringify(bad)).toBe(status);
    }
  });
});

describe('lists and access', () => {
  it('pages newest first without repeats, filters by owner and customer, and checks its query', async () => {
    const { body: fresh } = await clerk.post('/api/v1/customers', { displayName: 'Pager Person' });
    for (let i = 0; i < 5; i++) await clerk.post('/api/v1/cases', { customerId: fresh.id, subject: `#${i}`, openedAt: hoursAgo(5 - i) });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { subject: string }[]; nextCursor: string | null } } = await clerk.get(`/api/v1/cases?customerId=${fresh.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.items.map((i) => i.subject));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['#4', '#3', '#2', '#1', '#0']);
    const theirs = (await clerk.get(`/api/v1/cases?ownerId=${manager.staffId}`)).body.items;
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((i: { ownerId: string }) => i.ownerId === manager.staffId)).toBe(true);
    for (const q of ['cursor=garbage', 'open=maybe', 'attention=soon', 'limit=0', 'ownerId=nope', 'colour=red']) {
      expect((await clerk.get(`/api/v1/cases?${q}`)).status, q).toBe(400);
    }
  });

  it('answers 401 without a session and 400 for a malformed id', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/cases'],
      ['POST', '/api/v1/cases'],
      ['GET', `/api/v1/cases/${missing}`],
      ['PATCH', `/api/v1/cases/${missing}`],
      ['POST', `/api/v1/cases/${missing}/escalate`],
      ['POST', `/api/v1/cases/${missing}/thread`],
      ['DELETE', `/api/v1/cases/${missing}/thread/${missing}`],
      ['POST', `/api/v1/cases/${missing}/apologies`],
      ['DELETE', `/api/v1/cases/${missing}`],
      ['GET', '/api/v1/cases/figures'],
      ['GET', '/api/v1/case-targets'],
      ['PUT', '/api/v1/case-targets'],
    ] as const) {
      expect((await t.anonymous.request(method, url, method === 'GET' || method === 'DELETE' ? undefined : {})).status, `${method} ${url}`).toBe(401);
    }
    const malformed = await clerk.get('/api/v1/cases/nope');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].path).toBe('/params/id');
    expect((await clerk.get(`/api/v1/cases/${missing}`)).status).toBe(404);
  });
});
