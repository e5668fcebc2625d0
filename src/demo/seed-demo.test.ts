import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../interactions/interaction-schemas.js';
import { DomainError } from '../platform/errors.js';
import { testApp, type TestApp } from '../test/app.js';
import { transactionKinds } from '../transactions/transaction-rules.js';
import { countRows, demoPlan, seedDemo, type SeedSummary } from './seed-demo.js';

const password = 'demo password for tests';
const dayMs = 86_400_000;
let t: TestApp;
let summary: SeedSummary;

beforeAll(async () => {
  t = await testApp();
  summary = await seedDemo(t.database.db, { password, force: false, seed: 1, phoneRegion: 'US' });
}, 120_000);
afterAll(() => t.close());

const id = (key: string) => summary.customers.get(key)!;
const staffId = (email: string) => summary.staff.find((s) => s.email === email)!.id;

/** Signs in as a demo staff member with the password given to seed-demo. */
async function as(email: string) {
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  expect(login.statusCode).toBe(200);
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return async (url: string) => JSON.parse((await t.app.inject({ method: 'GET', url, headers: { cookie } })).body);
}

describe('seed-demo', () => {
  it('builds about 200 customers, the staff and the five locations', async () => {
    expect(summary.counts).toMatchObject({ customers: 200, staff: 13, locations: 5 });
    expect(summary.counts.interactions).toBeGreaterThan(300);
    expect(summary.counts.transactions).toBeGreaterThan(300);
    expect(summary.counts['audit events']).toBeGreaterThan(summary.counts.customers! + summary.counts.interactions!);
    const db = t.database.db;
    const used = await db.selectFrom('interactions').select('channel').distinct().execute();
    expect(used.map((r) => r.channel).sort()).toEqual([...channels].sort());
    const kinds = await db.selectFrom('transactions').select('kind').distinct().execute();
    expect(kinds.map((r) => r.kind).sort()).toEqual([...transactionKinds].sort());
    expect(await countRows(db, 'lifeEvents')).toBeGreaterThan(20);
    expect(await countRows(db, 'projects')).toBeGreaterThan(10);
    const orgs = await db.selectFrom('customers').select('id').where('kind', '=', 'organization').execute();
    expect(orgs.length).toBeGreaterThanOrEqual(8);
  });

  it('S1: Jim Alvarez, found by a typo or his phone in another format, with his story', async () => {
    const earl = await as('earl@demo.example');
    for (const q of ['jim', 'jmi', '217.555.0142', '+1 217 555 0142']) {
      const found = await earl(`/api/v1/search?q=${encodeURIComponent(q)}`);
      expect(found.items[0]?.id, q).toBe(id('jim-alvarez'));
    }
    const db = t.database.db;
    const jim = id('jim-alvarez');
    const firstPurchase = await db.selectFrom('transactions').select('occurredAt').where('customerId', '=', jim).orderBy('occurredAt').executeTakeFirstOrThrow();
    expect(new Date(firstPurchase.occurredAt).getFullYear()).toBe(2019);
    const last = await db.selectFrom('interactions').selectAll().where('customerId', '=', jim).orderBy('occurredAt', 'desc').executeTakeFirstOrThrow();
    expect(last.staffId).toBe(staffId('earl@demo.example'));
    const daysAgo = (Date.now() - Date.parse(last.occurredAt)) / dayMs;
    expect(daysAgo).toBeGreaterThan(2);
    expect(daysAgo).toBeLessThan(4);
    const ret = await db.selectFrom('transactions').selectAll().where('customerId', '=', jim).where('kind', '=', 'return').executeTakeFirstOrThrow();
    const bought = await db.selectFrom('transactions').selectAll().where('id', '=', ret.relatedTransactionId!).executeTakeFirstOrThrow();
    expect(bought.kind).toBe('purchase');
    expect(new Date(bought.occurredAt).getDay()).toBe(6);
    expect(Date.now() - Date.parse(bought.occurredAt)).toBeLessThan(8 * dayMs);
    const projects = await db.selectFrom('projects').selectAll().where('customerId', '=', jim).where('status', '=', 'active').execute();
    expect(projects.map((p) => p.title)).toEqual(expect.arrayContaining(['Fixing up the two-story house on Birch Lane', 'Tiling the upstairs bathroom']));
    const tiling = projects.find((p) => p.title.includes('bathroom'))!;
    expect(tiling.startedOn?.slice(0, 7)).toBe(new Date().toISOString().slice(0, 7));
  });

  it('S2: the teller sees Maggie and her son starting college, not the private note; her adviser and manager do', async () => {
    const maggie = id('maggie-chen');
    const db = t.database.db;
    const profile = await db.selectFrom('customers').selectAll().where('id', '=', maggie).executeTakeFirstOrThrow();
    expect(profile.preferredName).toBe('Maggie');
    const event = await db.selectFrom('lifeEvents').selectAll().where('customerId', '=', maggie).where('kind', '=', 'school_start').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ sensitivity: 'normal', month: 9, createdBy: staffId('priya@demo.example') });
    const involved = await db.selectFrom('lifeEventCustomers').select('customerId').where('lifeEventId', '=', event.id).execute();
    expect(involved.map((r) => r.customerId).sort()).toEqual([maggie, id('daniel-chen')].sort());

    const privateNotes = (notes: { items: { body: string; sensitivity: string }[] }) => notes.items.filter((n) => n.sensitivity === 'private');
    const url = `/api/v1/notes?customerId=${maggie}`;
    const teller = await (await as('tom@demo.example'))(url);
    expect(teller.items.length).toBeGreaterThan(0);
    expect(privateNotes(teller)).toEqual([]);
    for (const email of ['priya@demo.example', 'grace@demo.example']) {
      const seen = privateNotes(await (await as(email))(url));
      expect(seen, email).toHaveLength(1);
      expect(seen[0]!.body).toMatch(/arrears/);
    }
  });

  it('S2 with tact and consent: the car loan is from our records, the college start she told us; email yes, post no', async () => {
    const maggie = id('maggie-chen');
    const db = t.database.db;
    const events = await db.selectFrom('lifeEvents').select(['title', 'provenance', 'sensitivity']).where('customerId', '=', maggie).execute();
    expect(events).toEqual(
      expect.arrayContaining([
        { title: 'Financed a car through our loan department', provenance: 'our_records', sensitivity: 'normal' },
        { title: 'Her son Daniel started college at Illinois State', provenance: 'told_us', sensitivity: 'normal' },
      ]),
    );
    const preferences = await db.selectFrom('preferences').select(['topic', 'preference', 'provenance']).where('customerId', '=', maggie).orderBy('createdAt').execute();
    expect(preferences).toEqual([
      { topic: 'Appointments', preference: 'late mornings, never Mondays', provenance: 'told_us' },
      { topic: 'Statements', preference: 'on paper, once a quarter', provenance: 'our_records' },
    ]);

    const teller = await as('tom@demo.example');
    const consent = await teller(`/api/v1/customers/${maggie}/consent`);
    const byChannel = Object.fromEntries(consent.channels.map((c: { channel: string; status: string }) => [c.channel, c.status]));
    expect(byChannel).toEqual({ email: 'opted_in', phone: 'not_recorded', sms: 'not_recorded', post: 'opted_out' });
    expect(consent.channels.find((c: { channel: string }) => c.channel === 'email').source).toBe('told us at the branch');
    expect(consent.doNotContact).toBeNull();

    const brief = await teller(`/api/v1/customers/${maggie}/brief`);
    const section = (key: string) => brief.sections.find((s: { key: string }) => s.key === key);
    const life = section('life').sentences.join(' ');
    expect(life).toMatch(/Financed a car through our loan department \([A-Z][a-z]+ \d{4}\): from our records, let them mention it\./);
    expect(life).toMatch(/Her son Daniel started college at Illinois State \(September \d{4}\)\. /);
    expect(section('greeting').sentences.join(' ')).toContain('Prefers — Appointments: late mornings, never Mondays; Statements: on paper, once a quarter (from our records, let them mention it).');
    expect(section('contact')).toMatchObject({ attention: true, sentences: [expect.stringMatching(/^Opted in to email on .* \(told us at the branch\)\.$/), expect.stringMatching(/^Opted out of post on /)] });
  });

  it('links households and organisations both ways', async () => {
    const links = await t.database.db.selectFrom('relationships').selectAll().execute();
    const between = (a: string, b: string) => links.find((l) => (l.customerId === id(a) && l.relatedCustomerId === id(b)) || (l.customerId === id(b) && l.relatedCustomerId === id(a)));
    expect(between('maggie-chen', 'daniel-chen')).toMatchObject({ label: 'parent', relatedLabel: 'child' });
    expect(Boolean(between('maggie-chen', 'daniel-chen')!.household)).toBe(true);
    expect(between('jim-alvarez', 'carmen-alvarez')).toMatchObject({ label: 'spouse', relatedLabel: 'spouse' });
    expect(between('raj-patel', 'noah-patel')).toMatchObject({ label: 'parent' });
    expect(between('raj-patel', 'anita-patel')).toMatchObject({ label: 'spouse' });
    expect(links.filter((l) => Boolean(l.household)).length).toBeGreaterThan(40);
    expect(links.filter((l) => l.relatedLabel === 'employer' || l.relatedLabel === 'business').length).toBeGreaterThanOrEqual(8);
  });

  it('S7 and S8: one customer waiting since yesterday 16:05 on two channels; one not seen for four months', async () => {
    const db = t.database.db;
    const waiting = await db.selectFrom('interactions').selectAll().where('customerId', '=', id('diane-foster')).where('direction', '=', 'inbound').orderBy('occurredAt').execute();
    expect(waiting.map((i) => i.channel)).toEqual(['web_form', 'voicemail', 'email']);
    const voicemail = new Date(waiting[1]!.occurredAt);
    expect([voicemail.getHours(), voicemail.getMinutes()]).toEqual([16, 5]);
    expect(voicemail.toDateString()).toBe(new Date(Date.now() - dayMs).toDateString());
    const helen = await db.selectFrom('interactions').select('occurredAt').where('customerId', '=', id('helen-park')).orderBy('occurredAt', 'desc').executeTakeFirstOrThrow();
    expect(Math.round((Date.now() - Date.parse(helen.occurredAt)) / dayMs)).toBeGreaterThanOrEqual(120);

    // The waiting list shows Diane once, since the voicemail; the crowd's messages were answered but for a few days' worth.
    const agent = await as('sam@demo.example');
    const list = await agent('/api/v1/waiting?limit=200');
    const diane = list.items.filter((w: { customerId: string }) => w.customerId === id('diane-foster'));
    expect(diane).toEqual([expect.objectContaining({ waitingSince: waiting[1]!.occurredAt, messages: 2, channels: ['voicemail', 'email'] })]);
    expect(list.items.length).toBeLessThan(10);
    // Helen is on her adviser's keep-in-touch list, and the brief says so to her.
    const priya = await as('priya@demo.example');
    const due = await priya('/api/v1/keep-in-touch/due');
    expect(due.items.map((d: { customerId: string }) => d.customerId)).toContain(id('helen-park'));
    const brief = await priya(`/api/v1/customers/${id('helen-park')}/brief`);
    const owed = brief.sections.find((s: { key: string }) => s.key === 'owed');
    expect(owed).toMatchObject({ attention: true });
    expect(owed.sentences).toContain('Last seen 4 months ago; you keep in touch every 3 months, so they are due a contact.');
  });

  it('cases in every state, one past its first-response target at the call centre, one escalated, on real calendars', async () => {
    const db = t.database.db;
    const locations = await db.selectFrom('locations').select(['name', 'timezone', 'openingHours']).execute();
    expect(locations.every((l) => l.timezone === 'America/Chicago')).toBe(true);
    expect(locations.filter((l) => l.openingHours !== null)).toHaveLength(3);
    expect(await countRows(db, 'locationHolidays')).toBeGreaterThanOrEqual(9);
    const cases = await db.selectFrom('cases').select(['status']).execute();
    expect([...new Set(cases.map((c) => c.status))].sort()).toEqual(['closed', 'new', 'open', 'resolved', 'waiting_on_customer', 'waiting_on_us']);
    expect(summary.counts.cases).toBe(cases.length);

    const agent = await as('sam@demo.example');
    const [diane] = (await agent(`/api/v1/cases?customerId=${id('diane-foster')}`)).items;
    expect(diane).toMatchObject({ status: 'new', priority: 'high', attention: 'breached', locationName: expect.stringContaining('call centre') });
    expect(diane.targets[0]).toMatchObject({ kind: 'first_response', state: 'running', breached: true });
    const brief = await agent(`/api/v1/customers/${id('diane-foster')}/brief`);
    expect(brief.sections.find((s: { key: string }) => s.key === 'owed').sentences).toContainEqual(
      expect.stringMatching(/^The case about internet drops every evening since the router swap passed its first-response target .+ ago: explain and apologise\.$/),
    );
    const detail = await agent(`/api/v1/cases/${diane.id}`);
    expect(detail.thread.map((i: { channel: string }) => i.channel)).toEqual(['voicemail', 'email']);

    const grace = await as('grace@demo.example');
    const escalated = (await grace(`/api/v1/cases?escalatedTo=${staffId('grace@demo.example')}&open=true`)).items;
    expect(escalated).toEqual([expect.objectContaining({ customerId: id('carmen-alvarez'), status: 'waiting_on_us', escalation: expect.objectContaining({ managerName: 'Grace Okafor' }) })]);
    const figures = await grace('/api/v1/cases/figures');
    expect(figures.byLocation.map((r: { name: string }) => r.name)).toEqual(['First Valley Bank, Riverside branch', 'Hutchins Hardware, Elm Street']);
  });

  it('S4: Katie’s night call, helped within minutes with two fields typed, the rest on the agent’s fill-in-later list; the report has figures', async () => {
    const agent = await as('sam@demo.example');
    const [night] = (await agent(`/api/v1/cases?customerId=${id('katie-brennan')}`)).items;
    expect(night).toMatchObject({ urgent: true, priority: 'urgent', type: 'roadside', minutesToHelp: 6, completedAt: null, ownerId: staffId('sam@demo.example') });
    expect(new Date(night.openedAt).getHours()).toBe(0);
    const detail = await agent(`/api/v1/cases/${night.id}`);
    const missing = detail.fields.filter((f: { value: string | null }) => f.value === null).map((f: { key: string }) => f.key);
    expect(missing).toEqual(['colour', 'mileage']);
    const today = await agent('/api/v1/today');
    const later = today.sections.find((s: { key: string }) => s.key === 'fill_in_later');
    expect(later.items.map((i: { title: string }) => i.title)).toEqual(expect.arrayContaining([expect.stringMatching(/^Colour for/), expect.stringMatching(/^Mileage for/)]));
    const report = await (await as('dana@demo.example'))('/api/v1/cases/help-report');
    const roadside = report.rows.find((r: { type: string }) => r.type === 'roadside');
    expect(roadside).toMatchObject({ cases: 4, helped: 4, completed: 3, helpMedian: 11 });
  });

  it('S3: the TV promised with the switch slipped twice, nobody told Ellen, and it is overdue; a kept promise and one due tomorrow', async () => {
    const nadia = await as('nadia@demo.example');
    const [tv] = (await nadia(`/api/v1/promises?customerId=${id('ellen-farrow')}`)).items;
    expect(tv).toMatchObject({ what: 'the free HD TV', ownerName: 'Sam Delgado', status: 'open', overdue: true, slips: 2, needsTelling: true, customerEverTold: false, timezone: 'America/Chicago' });
    expect(tv.revisions.map((r: { reason: string }) => r.reason)).toEqual(['A backlog at the TV supplier: about six weeks more', 'The supplier expedited the shipment: early next month']);
    const sale = await t.database.db.selectFrom('interactions').select(['summary', 'occurredAt']).where('id', '=', tv.interactionId).executeTakeFirstOrThrow();
    expect(sale.summary).toMatch(/^Sold the switch from cable/);
    expect(tv.madeAt).toBe(sale.occurredAt);
    // Due 8 to 10 weeks after the sale: by the end of the tenth week.
    expect(Math.round((Date.parse(tv.originalDueBy) - Date.parse(sale.occurredAt)) / dayMs)).toBe(70);
    const owed = (await nadia(`/api/v1/customers/${id('ellen-farrow')}/brief`)).sections.find((s: { key: string }) => s.key === 'owed');
    expect(owed.attention).toBe(true);
    expect(owed.sentences).toContainEqual(expect.stringMatching(/^The free HD TV, promised for \d+ [A-Z][a-z]+( \d{4})?, slipped twice and Ellen was never told: explain and apologise\.$/));
    // Overdue to its owner and to the call-centre supervisor; the on-time rate counts it.
    for (const email of ['sam@demo.example', 'dana@demo.example']) {
      const overdue = (await (await as(email))('/api/v1/promises?overdue=true')).items.map((p: { id: string }) => p.id);
      expect(overdue, email).toContain(tv.id);
    }
    const figures = await (await as('dana@demo.example'))('/api/v1/promises/figures?by=location');
    expect(figures.total.byFirstDate.judged).toBeGreaterThanOrEqual(2);
    expect(figures.total.slips).toBe(2);

    const [help] = (await nadia(`/api/v1/promises?customerId=${id('katie-brennan')}`)).items;
    expect(help).toMatchObject({ status: 'kept', interactionId: expect.any(String) });
    expect(Date.parse(help.keptAt)).toBeLessThanOrEqual(Date.parse(help.dueBy));
    const earl = await as('earl@demo.example');
    const [grout] = (await earl(`/api/v1/promises?customerId=${id('jim-alvarez')}`)).items;
    expect(grout).toMatchObject({ ownerName: 'Earl Hutchins', status: 'open', overdue: false });
    const tomorrow = new Date(Date.now() + dayMs).toLocaleDateString('en-CA', { timeZone: 'America/Chicago' });
    expect(grout.dueOn).toBe(tomorrow);
    expect(summary.counts.promises).toBe(4);
  });

  it("S5: Ward 6's night nurse hands Walter and his daughter to the morning shift, with her promise, pending until accepted", async () => {
    const ben = await as('ben@demo.example');
    const [incoming] = (await ben('/api/v1/handoffs')).items;
    expect(incoming).toMatchObject({ status: 'pending', fromStaffName: 'Joy Mensah', toLocationName: "St. Mary's Hospital, Ward 6 (adult medicine)", canAccept: true });
    expect(incoming.customers.map((c: { displayName: string }) => c.displayName)).toEqual(['Walter Brandt', 'Karen Brandt-Mills']);
    expect(incoming.customers[0].promises).toEqual([expect.objectContaining({ what: "call the daughter after the consultant's round", ownerName: 'Joy Mensah' })]);
    // The private sensitivity is for Joy and the ward sister, not for the next nurse.
    expect(JSON.stringify(incoming)).not.toContain('estranged');
    expect(JSON.stringify(await (await as('ruth@demo.example'))('/api/v1/handoffs/shift'))).toContain('estranged');
    const brief = await ben(`/api/v1/customers/${id('walter-brandt')}/brief`);
    expect(brief.handoffs).toEqual([expect.objectContaining({ status: 'pending', toName: "the next shift at St. Mary's Hospital, Ward 6 (adult medicine)" })]);
  });

  it('S6: the same people from three sources, each with its external id, waiting in the duplicates queue with reasons', async () => {
    const ids = await t.database.db.selectFrom('externalIds').select(['source', 'externalId', 'customerId']).where('externalId', 'in', ['POS-20931', 'NL-5521', 'SD-7781']).execute();
    expect(ids.map((r) => r.source).sort()).toEqual(['newsletter', 'pos', 'servicedesk']);
    const robert = ids.map((r) => r.customerId);
    const pairs = await t.database.db
      .selectFrom('duplicateSuspicions')
      .select(['firstCustomerId', 'secondCustomerId', 'reasons'])
      .where((eb) => eb.or([eb('firstCustomerId', 'in', robert), eb('secondCustomerId', 'in', robert)]))
      .execute();
    // The till's Robert, the newsletter's Bob and the service desk's misspelt Robert: three records, three pairs.
    expect(pairs).toHaveLength(3);
    expect(pairs.every((p) => robert.includes(p.firstCustomerId) && robert.includes(p.secondCustomerId))).toBe(true);
    expect(pairs.map((p) => p.reasons).join(' ')).toMatch(/same phone/);
    // Chris and Christine Morgan share a name's start and a number's end, nothing more: not suggested.
    const morgans = (await t.database.db.selectFrom('customers').select('id').where('familyName', '=', 'Morgan').execute()).map((c) => c.id);
    const morganPairs = await t.database.db.selectFrom('duplicateSuspicions').select('id').where('firstCustomerId', 'in', morgans).where('secondCustomerId', 'in', morgans).execute();
    expect(morganPairs).toEqual([]);
  });

  it('is the same plan for the same seed and moment, and another for another seed', () => {
    const now = new Date();
    expect(JSON.stringify(demoPlan(7, now))).toBe(JSON.stringify(demoPlan(7, now)));
    expect(JSON.stringify(demoPlan(8, now))).not.toBe(JSON.stringify(demoPlan(7, now)));
  });

  it('refuses to run again on a database with customers, unless forced', async () => {
    const again = seedDemo(t.database.db, { password, force: false, seed: 1, phoneRegion: 'US' });
    await expect(again).rejects.toBeInstanceOf(DomainError);
    await expect(again).rejects.toMatchObject({ kind: 'conflict', detail: expect.stringMatching(/already has 200 customers.*--force/) });
    const forced = await seedDemo(t.database.db, { password, force: true, seed: 2, phoneRegion: 'US', customers: 30 });
    expect(forced.counts.customers).toBeGreaterThanOrEqual(230);
    expect(forced.counts).toMatchObject({ staff: 13, locations: 5 });
  }, 60_000);
});
