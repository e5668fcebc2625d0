import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../platform/auth/actor.js';
import { testApp, type Client, type TestApp } from '../test/app.js';
import { fillCaseFields } from './case-field-commands.js';
import { percentile } from './case-field-rules.js';
import { fillInLaterToday } from './fill-in-later-today.js';

/**
 * Help first, fill in later (issue 11, S4), over HTTP on SQLite and PostgreSQL: the urgent intake
 * (who the caller is), help dispatched and given, the fields of a case's type filled in later, the
 * fill-in-later list on Today, the close check and a manager's override, case types (admins), and
 * the time-to-help report against figures worked out by hand.
 */

let t: TestApp;
let admin: Client;
let clerk: Client;
let other: Client;
let manager: Client;
let centre: string;
let elsewhere: string;
let katie: string;
const missing = '01900000-0000-7000-8000-000000000000';
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
const actorOf = (c: Client, role: Actor['role'], locationIds: string[]): Actor => ({ staffId: c.staffId, name: '', role, locationIds, via: 'session', tokenId: null, canWrite: true });
const audits = (entityId: string) => t.database.db.selectFrom('auditEvents').selectAll().where('entityId', '=', entityId).orderBy('at').orderBy('id').execute();
const field = (c: { fields: { key: string }[] }, key: string) => c.fields.find((f) => f.key === key) as Record<string, unknown>;
const paths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path).sort();

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin', { name: 'Ada Admin' });
  centre = (await admin.post('/api/v1/locations', { name: 'Call centre' })).body.id;
  elsewhere = (await admin.post('/api/v1/locations', { name: 'Depot' })).body.id;
  clerk = await t.signIn('frontline', { name: 'Nina Night', locationIds: [centre] });
  other = await t.signIn('frontline', { name: 'Otto Other', locationIds: [centre] });
  manager = await t.signIn('manager', { name: 'Grace Manager', locationIds: [centre] });
  // A type wanting one thing before closing.
  await admin.post('/api/v1/case-types', { key: 'callout', label: 'Call-out', fields: [{ key: 'outcome', label: 'What was done', due: 'close' }] });
  katie = (await clerk.post('/api/v1/customers', { displayName: 'Katie Brennan', phones: [{ number: '(217) 555-0177' }] })).body.id;
  // Two customers share this number: an urgent call from it is nobody's in particular.
  for (const name of ['Sam One', 'Sam Two']) await clerk.post('/api/v1/customers', { displayName: name, phones: [{ number: '217-555-0100' }] });
});
afterAll(() => t.close());

describe('the urgent intake', () => {
  it('finds the one customer with the callback number, opens an urgent case with two fields typed, the rest missing', async () => {
    const res = await clerk.post('/api/v1/urgent-cases', {
      callbackNumber: '+1 217 555 0177',
      situation: 'Route 9 near mile marker 42, flat tyre, freezing',
      helpNeeded: 'Wheel change',
      type: 'roadside',
      locationId: centre,
      fields: { registration: ' KB 448 ', vehicle: 'Blue Corolla' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/cases/${res.body.id}`);
    expect(res.body).toMatchObject({
      customerFound: true,
      customerId: katie,
      subject: 'Wheel change',
      type: 'roadside',
      priority: 'urgent',
      urgent: true,
      callbackNumber: '+1 217 555 0177',
      situation: 'Route 9 near mile marker 42, flat tyre, freezing',
      helpNeeded: 'Wheel change',
      helpDispatched: null,
      helpGiven: null,
      completedAt: null,
      ownerId: clerk.staffId,
    });
    expect(res.body.fields.map((f: { key: string }) => f.key)).toEqual(['registration', 'vehicle', 'membership', 'colour', 'mileage']);
    expect(field(res.body, 'registration')).toMatchObject({ value: 'KB 448', filledBy: clerk.staffId, filledByName: 'Nina Night', due: 'dispatch', dueAt: null });
    expect(field(res.body, 'colour')).toMatchObject({ value: null, due: 'close', dueAt: null, overdue: false });
    const opened = Date.parse(res.body.openedAt);
    expect(Date.parse(field(res.body, 'membership').dueAt as string)).toBe(opened + 24 * 3_600_000);
    const [audit] = await audits(res.body.id);
    expect(audit).toMatchObject({ action: 'create', entityType: 'case', staffId: clerk.staffId, customerId: katie });
    expect(JSON.parse(audit!.diff!).after).toMatchObject({ urgent: true, priority: 'urgent', fields: { registration: 'KB 448', vehicle: 'Blue Corolla', colour: null } });
  });

  it('creates a customer from the number when nobody or more than one has it, and from a name alone', async () => {
    const fresh = await clerk.post('/api/v1/urgent-cases', { callbackNumber: '217 555 0199', situation: 'Stuck in a ditch' });
    expect(fresh.status).toBe(201);
    expect(fresh.body).toMatchObject({ customerFound: false, subject: 'Stuck in a ditch', type: 'general', urgent: true });
    const customer = (await clerk.get(`/api/v1/customers/${fresh.body.customerId}`)).body;
    expect(customer.phones).toEqual([expect.objectContaining({ e164: '+12175550199', label: 'callback' })]);
    expect(customer.locationId).toBe(centre);
    const shared = await clerk.post('/api/v1/urgent-cases', { callbackNumber: '2175550100' });
    expect(shared.body.customerFound).toBe(false);
    expect(shared.body.subject).toBe('Urgent call');
    const named = await clerk.post('/api/v1/urgent-cases', { name: 'Lorry driver', helpNeeded: 'Tow' });
    expect(named.body).toMatchObject({ customerFound: false, customerName: 'Lorry driver' });
    // A number that cannot be read, with a name: the name makes the customer, the number stays on the case as typed.
    const garbled = await clerk.post('/api/v1/urgent-cases', { name: 'Pat', callbackNumber: '55' });
    expect(garbled.body).toMatchObject({ customerName: 'Pat', callbackNumber: '55' });
    const known = await clerk.post('/api/v1/urgent-cases', { customerId: katie, helpNeeded: 'Jump start' });
    expect(known.body).toMatchObject({ customerFound: true, customerId: katie });
  });

  it('refuses bad input naming the field', async () => {
    const none = await clerk.post('/api/v1/urgent-cases', { situation: 'Somewhere' });
    expect(none.status).toBe(422);
    expect(paths(none.body)).toEqual(['/body/callbackNumber']);
    expect(paths((await clerk.post('/api/v1/urgent-cases', { callbackNumber: '12' })).body)).toEqual(['/body/callbackNumber']);
    expect(paths((await clerk.post('/api/v1/urgent-cases', { customerId: missing })).body)).toEqual(['/body/customerId']);
    const unknown = await clerk.post('/api/v1/urgent-cases', { name: 'X', type: 'roadside', fields: { wheels: '4', colour: 'red' } });
    expect(unknown.status).toBe(422);
    expect(paths(unknown.body)).toEqual(['/body/fields/wheels']);
    expect((await clerk.post('/api/v1/urgent-cases', { name: 'X', colourOfSky: 'blue' })).status).toBe(400);
    expect((await clerk.post('/api/v1/urgent-cases', { name: 'X', openedAt: 'yesterday' })).status).toBe(400);
    expect((await clerk.post('/api/v1/urgent-cases', { name: 'X', locationId: missing })).status).toBe(422);
    expect((await t.anonymous.post('/api/v1/urgent-cases', { name: 'X' })).status).toBe(401);
  });
});

describe('help dispatched and given, fields filled in later', () => {
  let id: string;
  beforeAll(async () => {
    id = (await clerk.post('/api/v1/urgent-cases', { customerId: katie, type: 'roadside', openedAt: minutesAgo(30), fields: { registration: 'KB 448' } })).body.id;
  });

  it('records help dispatched once, with who and when; the fields due at dispatch fall due then', async () => {
    const at = minutesAgo(24);
    const res = await clerk.post(`/api/v1/cases/${id}/help-dispatched`, { at });
    expect(res.status).toBe(200);
    expect(res.body.helpDispatched).toEqual({ at, staffId: clerk.staffId, staffName: 'Nina Night' });
    expect(res.body.minutesToHelp).toBe(6);
    expect(field(res.body, 'vehicle')).toMatchObject({ dueAt: at, overdue: true, value: null });
    expect(field(res.body, 'registration')).toMatchObject({ dueAt: at, overdue: false });
    const again = await other.post(`/api/v1/cases/${id}/help-dispatched`, {});
    expect(again.body.helpDispatched.staffId).toBe(clerk.staffId);
    const entries = (await audits(id)).filter((a) => a.diff?.includes('helpDispatchedAt'));
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.diff!).after).toEqual({ helpDispatchedAt: at });
  });

  it('records help given; refuses a time in the future, before opening, or an unknown case', async () => {
    expect(paths((await clerk.post(`/api/v1/cases/${id}/help-given`, { at: new Date(Date.now() + 3_600_000).toISOString() })).body)).toEqual(['/body/at']);
    expect(paths((await clerk.post(`/api/v1/cases/${id}/help-given`, { at: minutesAgo(60) })).body)).toEqual(['/body/at']);
    expect((await clerk.post(`/api/v1/cases/${id}/help-given`, { at: 'soon' })).status).toBe(400);
    expect((await clerk.post(`/api/v1/cases/${missing}/help-given`, {})).status).toBe(404);
    const res = await other.post(`/api/v1/cases/${id}/help-given`, {});
    expect(res.status).toBe(200);
    expect(res.body.helpGiven).toMatchObject({ staffId: other.staffId, staffName: 'Otto Other' });
    expect((await audits(id)).some((a) => a.diff?.includes('helpGivenAt') && a.staffId === other.staffId)).toBe(true);
  });

  it('shows help dispatched and given in the case’s history, in time order, with who did each', async () => {
    const history = (await clerk.get(`/api/v1/cases/${id}`)).body.history as { kind: string; at: string; staffName: string | null; text: string }[];
    expect(history.map((h) => h.kind)).toEqual(['opened', 'help_dispatched', 'help_given']);
    expect(history[1]).toMatchObject({ id: `${id}-help-dispatched`, staffId: clerk.staffId, staffName: 'Nina Night', text: 'Help dispatched' });
    expect(history[2]).toMatchObject({ staffId: other.staffId, staffName: 'Otto Other', text: 'Help given' });
    const times = history.map((h) => Date.parse(h.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // A later step of the case's own history comes after them.
    const changed = await clerk.patch(`/api/v1/cases/${id}`, { priority: 'high' });
    expect(changed.body.history.map((h: { kind: string }) => h.kind)).toEqual(['opened', 'help_dispatched', 'help_given', 'priority']);
  });

  it('lists the missing fields on the owner’s Today, overdue first, and fills one in through the item’s action', async () => {
    const today = (await clerk.get('/api/v1/today')).body;
    const section = today.sections.find((s: { key: string }) => s.key === 'fill_in_later');
    expect(section).toMatchObject({ heading: 'To fill in later', status: 'ok' });
    const mine = section.items.filter((i: { action: { path: string } }) => i.action.path === `/cases/${id}/fields`);
    expect(mine.map((i: { title: string }) => i.title.split(' for ')[0])).toEqual(['Make and model', 'Membership number', 'Colour', 'Mileage']);
    expect(mine[0]).toMatchObject({ attention: true, customerId: katie, customerName: 'Katie Brennan' });
    expect(mine[0].title).toMatch(/overdue by/);
    expect(mine[2].title).toMatch(/due before closing$/);
    // Overdue ones first in the whole section.
    const flags = section.items.map((i: { attention: boolean }) => i.attention);
    expect(flags).toEqual([...flags].sort((a: boolean, b: boolean) => Number(b) - Number(a)));
    const action = mine[0].action;
    expect(action).toMatchObject({ method: 'PATCH', body: { fields: { vehicle: null } } });
    const filled = await clerk.patch(`/api/v1${action.path}`, { fields: { vehicle: 'Blue Corolla' } });
    expect(filled.status).toBe(200);
    expect(field(filled.body, 'vehicle')).toMatchObject({ value: 'Blue Corolla', overdue: false, filledBy: clerk.staffId });
    const after = (await fillInLaterToday(t.database.db, actorOf(clerk, 'frontline', [centre]), new Date())).items.filter((i) => i.action?.path === `/cases/${id}/fields`);
    expect(after.map((i) => i.title.split(' for ')[0])).toEqual(['Membership number', 'Colour', 'Mileage']);
    // Someone else's Today does not list them.
    const others = await fillInLaterToday(t.database.db, actorOf(other, 'frontline', [centre]), new Date());
    expect(others.items.some((i) => i.action?.path === `/cases/${id}/fields`)).toBe(false);
  });

  it('refuses unknown fields by name; audits each fill; empties a field with null', async () => {
    const bad = await clerk.patch(`/api/v1/cases/${id}/fields`, { fields: { wheels: '4' } });
    expect(bad.status).toBe(422);
    expect(paths(bad.body)).toEqual(['/body/fields/wheels']);
    // The message reads on its own (the web app shows it without the path).
    expect(bad.body.errors[0].message).toBe('“wheels” is not a field of the type roadside');
    expect((await clerk.patch(`/api/v1/cases/${id}/fields`, { fields: { colour: 5 } })).status).toBe(400);
    expect((await clerk.patch(`/api/v1/cases/${missing}/fields`, { fields: {} })).status).toBe(404);
    await clerk.patch(`/api/v1/cases/${id}/fields`, { fields: { colour: 'Blue' } });
    const emptied = await clerk.patch(`/api/v1/cases/${id}/fields`, { fields: { colour: '  ' } });
    expect(field(emptied.body, 'colour')).toMatchObject({ value: null, filledAt: null });
    const entries = (await audits(id)).filter((a) => a.diff?.includes('"fields"'));
    expect(JSON.parse(entries.at(-1)!.diff!)).toMatchObject({ before: { fields: { colour: 'Blue' } }, after: { fields: { colour: null } } });
  });
});

describe('closing asks for what is due', () => {
  let id: string;
  beforeAll(async () => {
    id = (await clerk.post('/api/v1/urgent-cases', { customerId: katie, type: 'roadside', fields: { registration: 'KB 448', vehicle: 'Corolla' } })).body.id;
  });

  it('refuses to resolve or close with fields missing, naming each', async () => {
    for (const status of ['resolved', 'closed']) {
      const res = await clerk.patch(`/api/v1/cases/${id}`, { status });
      expect(res.status).toBe(422);
      expect(paths(res.body)).toEqual(['/body/fields/colour', '/body/fields/membership', '/body/fields/mileage']);
    }
    expect((await clerk.get(`/api/v1/cases/${id}`)).body.status).toBe('new');
  });

  it('lets a manager override with a reason, recorded on the case and in the audit trail; frontline cannot', async () => {
    const frontline = await clerk.patch(`/api/v1/cases/${id}`, { status: 'closed', overrideReason: 'Caller hung up' });
    expect(frontline.status).toBe(403);
    expect((await manager.patch(`/api/v1/cases/${id}`, { status: 'closed', overrideReason: '   ' })).status).toBe(422);
    const res = await manager.patch(`/api/v1/cases/${id}`, { status: 'closed', overrideReason: 'Caller unreachable; towed by the police' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'closed', closeOverride: { reason: 'Caller unreachable; towed by the police', staffId: manager.staffId, staffName: 'Grace Manager' } });
    const entry = (await audits(id)).find((a) => a.diff?.includes('closeOverrideReason'));
    expect(entry).toMatchObject({ staffId: manager.staffId });
    expect(JSON.parse(entry!.diff!).after).toMatchObject({ status: 'closed', closeOverrideReason: 'Caller unreachable; towed by the police' });
    // A closed case's fields are off the fill-in-later list.
    const items = (await fillInLaterToday(t.database.db, actorOf(clerk, 'frontline', [centre]), new Date())).items;
    expect(items.some((i) => i.action?.path === `/cases/${id}/fields`)).toBe(false);
  });

  it('closes once everything is filled in, and records when the case became complete', async () => {
    const c = (await clerk.post('/api/v1/urgent-cases', { customerId: katie, type: 'callout' })).body;
    expect(c.completedAt).toBeNull();
    const filled = await clerk.patch(`/api/v1/cases/${c.id}/fields`, { fields: { outcome: 'Tow arranged' } });
    expect(filled.body.completedAt).not.toBeNull();
    expect(filled.body.minutesToComplete).toBeGreaterThanOrEqual(0);
    const closed = await clerk.patch(`/api/v1/cases/${c.id}`, { status: 'resolved' });
    expect(closed.status).toBe(200);
    expect(closed.body.closeOverride).toBeNull();
    // A type that wants nothing (general) is complete at once.
    const nothing = (await clerk.post('/api/v1/urgent-cases', { customerId: katie, type: 'general' })).body;
    expect(nothing.fields).toEqual([]);
    expect(nothing.minutesToComplete).toBe(0);
  });
});

describe('case types', () => {
  it('lists the seeded types to everyone', async () => {
    const res = await clerk.get('/api/v1/case-types');
    expect(res.status).toBe(200);
    expect(res.body.items.map((x: { key: string }) => x.key)).toEqual(expect.arrayContaining(['roadside', 'medical', 'complaint', 'general']));
    const roadside = res.body.items.find((x: { key: string }) => x.key === 'roadside');
    expect(roadside.fields).toContainEqual({ key: 'membership', label: 'Membership number', due: 'hours', hours: 24 });
    expect(roadside.fields).toContainEqual({ key: 'colour', label: 'Colour', due: 'close', hours: null });
  });

  it('lets admins add and change types; only admins; bad policies named by field', async () => {
    const body = { label: 'Lock-out', fields: [{ key: 'address', label: 'Address', due: 'dispatch' }, { key: 'proof', label: 'Proof of residence', due: 'hours', hours: 2 }] };
    expect((await clerk.post('/api/v1/case-types', body)).status).toBe(403);
    expect((await manager.post('/api/v1/case-types', body)).status).toBe(403);
    const res = await admin.post('/api/v1/case-types', body);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/api/v1/case-types/lock_out');
    expect(res.body.items.find((x: { key: string }) => x.key === 'lock_out')).toMatchObject({ label: 'Lock-out', createdBy: admin.staffId });
    expect((await admin.post('/api/v1/case-types', body)).status).toBe(409);
    const twice = await admin.post('/api/v1/case-types', { label: 'Twice', fields: [{ key: 'a', label: 'A', due: 'close' }, { key: 'a', label: 'A again', due: 'close' }] });
    expect(paths(twice.body)).toEqual(['/body/fields/1/key']);
    const noHours = await admin.post('/api/v1/case-types', { label: 'Hours', fields: [{ key: 'a', label: 'A', due: 'hours' }] });
    expect(paths(noHours.body)).toEqual(['/body/fields/0/hours']);
    expect(paths((await admin.post('/api/v1/case-types', { label: '  ', fields: [] })).body)).toEqual(['/body/label']);
    expect((await admin.post('/api/v1/case-types', { label: 'Bad key', fields: [{ key: 'Bad Key', label: 'A', due: 'close' }] })).status).toBe(400);
    expect((await admin.post('/api/v1/case-types', { label: 'Bad due', fields: [{ key: 'a', label: 'A', due: 'tomorrow' }] })).status).toBe(400);
    expect(await audits('lock_out')).toHaveLength(1);

    // A case opened before the change keeps its fields; one opened after takes the new ones.
    const before = (await clerk.post('/api/v1/urgent-cases', { customerId: katie, type: 'Lock-out' })).body;
    expect(before.fields).toEqual([]);
    const lockout = (await clerk.post('/api/v1/urgent-cases', { customerId: katie, type: 'lock_out' })).body;
    expect(lockout.fields.map((f: { key: string }) => f.key)).toEqual(['address', 'proof']);
    const put = await admin.put('/api/v1/case-types/lock_out', { label: 'Locked out', fields: [{ key: 'address', label: 'Where', due: 'dispatch' }] });
    expect(put.status).toBe(200);
    expect(put.body.items.find((x: { key: string }) => x.key === 'lock_out')).toMatchObject({ label: 'Locked out', fields: [{ key: 'address', label: 'Where', due: 'dispatch', hours: null }] });
    expect((await clerk.get(`/api/v1/cases/${lockout.id}`)).body.fields.map((f: { key: string }) => f.key)).toEqual(['address', 'proof']);
    const later = (await clerk.post('/api/v1/urgent-cases', { customerId: katie, type: 'lock_out' })).body;
    expect(later.fields.map((f: { label: string }) => f.label)).toEqual(['Where']);
    expect((await clerk.put('/api/v1/case-types/lock_out', { label: 'X', fields: [] })).status).toBe(403);
    expect((await admin.put('/api/v1/case-types/nothing_here', { label: 'X', fields: [] })).status).toBe(404);
    expect((await admin.put('/api/v1/case-types/lock_out', { label: 'X' })).status).toBe(400);
  });

  it('changing a case’s type brings the new type’s fields and keeps what was filled in', async () => {
    const c = (await clerk.post('/api/v1/urgent-cases', { customerId: katie, type: 'callout', fields: { outcome: 'Talked through it' } })).body;
    const res = await clerk.patch(`/api/v1/cases/${c.id}`, { type: 'medical' });
    expect(res.body.fields.map((f: { key: string }) => f.key)).toEqual(['outcome', 'breathing', 'age', 'doctor', 'next_of_kin']);
    expect(res.body.completedAt).toBeNull();
  });
});

describe('time to help and time to complete', () => {
  // Hand-worked: times to help 5, 10, 15, 20 and 40 minutes → median 15, p90 at rank 3.6 = 20 + 0.6 × 20 = 32.
  // Times to complete 30, 60, 90 and 120 minutes (the fifth never completed) → median 75, p90 at rank 2.7 = 90 + 0.7 × 30 = 111.
  const base = Date.parse('2024-01-10T00:30:00.000Z');
  const iso = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
  let reportManager: Client;

  beforeAll(async () => {
    const help = [5, 10, 15, 20, 40];
    const complete = [30, 60, 90, 120, null];
    for (let i = 0; i < help.length; i++) {
      const openedAt = iso(i * 1440);
      const c = (await clerk.post('/api/v1/urgent-cases', { customerId: katie, type: 'callout', locationId: elsewhere, openedAt })).body;
      await clerk.post(`/api/v1/cases/${c.id}/help-dispatched`, { at: iso(i * 1440 + help[i]!) });
      const done = complete[i];
      if (done !== null && done !== undefined) {
        await t.database.db.transaction().execute((trx) => fillCaseFields(trx, { actor: null, phoneRegion: 'US' }, c.id, { outcome: 'Done' }, iso(i * 1440 + done)));
      }
    }
    // One roadside case at the same place, never dispatched: a row of its own.
    await clerk.post('/api/v1/urgent-cases', { customerId: katie, type: 'roadside', locationId: elsewhere, openedAt: iso(60) });
    // Outside the period.
    await clerk.post('/api/v1/urgent-cases', { customerId: katie, type: 'callout', locationId: elsewhere, openedAt: iso(-1440) });
    reportManager = await t.signIn('manager', { locationIds: [elsewhere] });
  });

  it('the percentile rule matches the hand-worked figures', () => {
    expect(percentile([40, 5, 20, 10, 15], 0.5)).toBe(15);
    expect(percentile([5, 10, 15, 20, 40], 0.9)).toBeCloseTo(32);
    expect(percentile([30, 60, 90, 120], 0.5)).toBe(75);
    expect(percentile([30, 60, 90, 120], 0.9)).toBeCloseTo(111);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('reports count, median and 90th percentile per type and location', async () => {
    const res = await reportManager.get(`/api/v1/cases/help-report?from=${encodeURIComponent(iso(0))}&to=${encodeURIComponent(iso(7 * 1440))}`);
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([
      { type: 'callout', typeLabel: 'Call-out', locationId: elsewhere, locationName: 'Depot', cases: 5, helped: 5, completed: 4, helpMedian: 15, helpP90: 32, completeMedian: 75, completeP90: 111 },
      { type: 'roadside', typeLabel: 'Roadside', locationId: elsewhere, locationName: 'Depot', cases: 1, helped: 0, completed: 0, helpMedian: null, helpP90: null, completeMedian: null, completeP90: null },
    ]);
    const one = await reportManager.get(`/api/v1/cases/help-report?from=${encodeURIComponent(iso(0))}&to=${encodeURIComponent(iso(7 * 1440))}&type=Roadside`);
    expect(one.body.rows.map((r: { type: string }) => r.type)).toEqual(['roadside']);
  });

  it('is for managers, of their locations; bad periods are named', async () => {
    expect((await clerk.get('/api/v1/cases/help-report')).status).toBe(403);
    const theirs = await manager.get(`/api/v1/cases/help-report?from=${encodeURIComponent(iso(0))}&to=${encodeURIComponent(iso(7 * 1440))}`);
    expect(theirs.body.rows).toEqual([]);
    const all = await admin.get(`/api/v1/cases/help-report?from=${encodeURIComponent(iso(0))}&to=${encodeURIComponent(iso(7 * 1440))}&locationId=${elsewhere}`);
    expect(all.body.rows).toHaveLength(2);
    const backwards = await reportManager.get(`/api/v1/cases/help-report?from=${encodeURIComponent(iso(10))}&to=${encodeURIComponent(iso(0))}`);
    expect(backwards.status).toBe(422);
    expect(paths(backwards.body)).toEqual(['/query/from']);
    expect((await reportManager.get('/api/v1/cases/help-report?from=monday')).status).toBe(400);
  });
});

describe('the whole fill-in-later list', () => {
  let lister: Client;
  const mine: string[] = [];
  let away: string;
  type Item = { id: string; caseId: string; key: string; overdue: boolean; ownerName: string | null };
  const all = async (client: Client, query: string, limit: number) => {
    const items: Item[] = [];
    let cursor: string | null = null;
    let total = -1;
    do {
      const res: { status: number; body: { items: Item[]; nextCursor: string | null; total: number } } = await client.get(`/api/v1/cases/fill-in-later?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
      total = res.body.total;
    } while (cursor);
    return { items, total };
  };

  beforeAll(async () => {
    lister = await t.signIn('frontline', { name: 'Lena Lister', locationIds: [centre] });
    // Three roadside cases at the centre (5 fields each, 2 typed on the first), one dispatched long ago: its dispatch fields are overdue.
    for (const [i, fields] of [{ registration: 'AB 1', vehicle: 'Van' }, {}, {}].entries()) {
      const c = (await lister.post('/api/v1/urgent-cases', { customerId: katie, type: 'roadside', locationId: centre, openedAt: minutesAgo(120 - i), fields })).body;
      mine.push(c.id);
    }
    await lister.post(`/api/v1/cases/${mine[2]}/help-dispatched`, { at: minutesAgo(60) });
    away = (await lister.post('/api/v1/urgent-cases', { customerId: katie, type: 'complaint', locationId: elsewhere })).body.id;
  });

  it('pages through all of one’s missing fields in Today’s order, overdue first', async () => {
    const { items, total } = await all(lister, '', 4);
    expect(total).toBe(3 + 5 + 5 + 3);
    expect(items).toHaveLength(total);
    expect(new Set(items.map((i) => i.id)).size).toBe(total);
    expect(items.slice(0, 2).map((i) => [i.caseId, i.key, i.overdue])).toEqual([
      [mine[2], 'registration', true],
      [mine[2], 'vehicle', true],
    ]);
    expect(items.slice(2).every((i) => !i.overdue)).toBe(true);
    const today = await fillInLaterToday(t.database.db, actorOf(lister, 'frontline', [centre]), new Date());
    expect(items.slice(0, 8).map((i) => i.id)).toEqual(today.items.map((i) => i.id));
    expect(today.more).toBe(total - 8);
    expect(items[0]).toMatchObject({ customerName: 'Katie Brennan', ownerName: 'Lena Lister', label: 'Registration plate', due: 'dispatch', subject: 'Urgent call', type: 'roadside' });
  });

  it('is a manager’s for their locations (everyone’s there); refuses that to frontline, and bad cursors', async () => {
    const { items } = await all(manager, '&scope=locations', 50);
    const cases = new Set(items.map((i) => i.caseId));
    for (const id of mine) expect(cases.has(id)).toBe(true);
    expect(cases.has(away)).toBe(false);
    expect(new Set(items.map((i) => i.ownerName)).size).toBeGreaterThan(1);
    const own = await all(manager, '&scope=mine', 50);
    expect(own.items.every((i) => !cases.has(i.caseId) || i.ownerName === 'Grace Manager')).toBe(true);
    expect((await lister.get('/api/v1/cases/fill-in-later?scope=locations')).status).toBe(403);
    const bad = await lister.get('/api/v1/cases/fill-in-later?cursor=nonsense');
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(['/query/cursor']);
    expect((await lister.get('/api/v1/cases/fill-in-later?scope=all')).status).toBe(400);
    expect((await lister.get('/api/v1/cases/fill-in-later?limit=0')).status).toBe(400);
    expect((await t.anonymous.get('/api/v1/cases/fill-in-later')).status).toBe(401);
  });

  it('drops a field once filled in', async () => {
    await lister.patch(`/api/v1/cases/${mine[2]}/fields`, { fields: { registration: 'CD 2' } });
    const { items, total } = await all(lister, '', 50);
    expect(total).toBe(15);
    expect(items[0]).toMatchObject({ caseId: mine[2], key: 'vehicle' });
  });
});

describe('archiving case types', () => {
  let kept: string;
  let boiler: string;
  beforeAll(async () => {
    kept = (await clerk.post('/api/v1/urgent-cases', { customerId: katie, type: 'complaint', locationId: centre })).body.id;
    boiler = (await clerk.post('/api/v1/cases', { customerId: katie, subject: 'Boiler' })).body.id;
  });

  it('archives and restores (admins only, audited, once)', async () => {
    expect((await clerk.post('/api/v1/case-types/complaint/archive', {})).status).toBe(403);
    expect((await manager.post('/api/v1/case-types/complaint/archive', {})).status).toBe(403);
    expect((await admin.post('/api/v1/case-types/nothing_here/archive', {})).status).toBe(404);
    expect((await admin.post('/api/v1/case-types/Not-A-Key/archive', {})).status).toBe(400);
    const res = await admin.post('/api/v1/case-types/complaint/archive', {});
    expect(res.status).toBe(200);
    expect(res.body.items.find((x: { key: string }) => x.key === 'complaint')).toMatchObject({ archivedAt: expect.any(String), updatedBy: admin.staffId });
    expect(res.body.items.find((x: { key: string }) => x.key === 'roadside').archivedAt).toBeNull();
    await admin.post('/api/v1/case-types/complaint/archive', {});
    const entries = (await audits('complaint')).filter((a) => a.diff?.includes('archivedAt'));
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.diff!)).toMatchObject({ before: { archivedAt: null }, after: { archivedAt: expect.any(String) } });
    // Listed to everyone, archived ones marked.
    expect((await clerk.get('/api/v1/case-types')).body.items.find((x: { key: string }) => x.key === 'complaint').archivedAt).not.toBeNull();
  });

  it('refuses an archived type for a new case, naming the field; its cases keep it and the report shows them', async () => {
    for (const [path, body] of [
      ['/api/v1/urgent-cases', { customerId: katie, type: 'complaint' }],
      ['/api/v1/cases', { customerId: katie, subject: 'Rude driver', type: 'Complaint' }],
    ] as const) {
      const res = await clerk.post(path, body);
      expect(res.status).toBe(422);
      expect(paths(res.body)).toEqual(['/body/type']);
      expect(res.body.errors[0].message).toBe('Complaint is archived: choose another type');
    }
    expect(paths((await clerk.patch(`/api/v1/cases/${boiler}`, { type: 'complaint' })).body)).toEqual(['/body/type']);
    const c = (await clerk.get(`/api/v1/cases/${kept}`)).body;
    expect(c.type).toBe('complaint');
    expect(c.fields.map((f: { key: string }) => f.key)).toEqual(['what_happened', 'reference', 'outcome_wanted']);
    // Its own cases may still be changed, and keep it.
    expect((await clerk.patch(`/api/v1/cases/${kept}`, { type: 'Complaint', subject: 'Late refund' })).status).toBe(200);
    expect((await clerk.patch(`/api/v1/cases/${kept}/fields`, { fields: { reference: 'R-1' } })).status).toBe(200);
    const report = await admin.get(`/api/v1/cases/help-report?type=complaint&locationId=${centre}`);
    expect(report.body.rows).toEqual([expect.objectContaining({ type: 'complaint', typeLabel: 'Complaint', locationName: 'Call centre', cases: 1 })]);
  });

  it('offers a restored type again', async () => {
    const res = await admin.post('/api/v1/case-types/complaint/restore', {});
    expect(res.body.items.find((x: { key: string }) => x.key === 'complaint').archivedAt).toBeNull();
    expect((await clerk.post('/api/v1/urgent-cases', { customerId: katie, type: 'complaint' })).status).toBe(201);
    expect((await audits('complaint')).filter((a) => a.diff?.includes('archivedAt'))).toHaveLength(2);
  });
});
