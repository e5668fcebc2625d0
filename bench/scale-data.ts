/**
 * A database at scale for the hot-path benchmarks (issue 13), deterministic by --seed, loaded through
 * the bulk path (bench/sinks.ts):
 *   npx tsx bench/scale-data.ts --count 1000000 --file bench/results/scale.sqlite
 *   npx tsx bench/scale-data.ts --count 1000000 --url postgres://postgres@127.0.0.1:5432/scale
 *   npx tsx bench/scale-data.ts --count 300 --busy 3 --busy-interactions 300 --file /tmp/smoke.sqlite
 *
 * At --count N: N customers (2% organisations; people, a third of them paired in households:
 * relationships with household=true), their emails, phones, addresses and external ids with the
 * lookup index and matching's keys (bench/customer-data.ts); at 40 locations with their staff, the
 * history of bench/history-data.ts (contacts, some waiting for an answer, keep-in-touch cadences,
 * promises open, kept, broken and cancelled, cases with their events, fields and stored clocks, life
 * events); older contacts up to --interactions a customer on average (channels, directions, staff,
 * locations; case threads carry their case), purchases with items and some returns up to
 * --transactions a customer, notes (some private), hand-offs of customers with open cases and promises
 * (their notes, cases, moved promises, reads); --busy customers with --busy-interactions to twice as
 * many contacts each. Then contact states by `rebuildContactStates` (what `rapport rebuild` runs),
 * the four staff the benchmarks sign in as (`createStaff`), and the manifest (bench/scale-manifest.ts).
 *
 * The load: migrate to latest with the app's migrations, drop the secondary indexes, insert in large
 * transactions, make the indexes again and ANALYZE. It prints per-table row counts, each phase's time
 * and the rows per second over the whole load (every row written, derived ones included).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { rebuildContactStates } from '../src/contact-state/contact-state-store.js';
import { migrateToLatest, openDatabase } from '../src/platform/database/connect.js';
import { newId } from '../src/platform/ids.js';
import { nowIso } from '../src/platform/time.js';
import { customerData, type Organization, type Person } from './customer-data.js';
import { benchStaffEmail, createBenchStaff, historyData, locationCount, type Targets } from './history-data.js';
import { seeded } from './names.js';
import { writeManifest, type ScaleManifest } from './scale-manifest.js';
import { openSink } from './sinks.js';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    file: { type: 'string' },
    url: { type: 'string' },
    seed: { type: 'string', default: '42' },
    interactions: { type: 'string', default: '10' },
    transactions: { type: 'string', default: '3' },
    busy: { type: 'string', default: '20' },
    'busy-interactions': { type: 'string', default: '10000' },
    sample: { type: 'string', default: '300' },
    /** The moment the data is generated at (ISO): two runs with the same seed and --now write the same rows. */
    now: { type: 'string' },
  },
});
if (!args.file && !args.url) throw new Error('give --file for SQLite or --url for PostgreSQL');
const target = { file: args.file, url: args.url };
const count = Number(args.count);
const seed = Number(args.seed);
const busyCount = Math.min(Number(args.busy), Math.floor(count / 10));
const busyInteractions = Number(args['busy-interactions']);
const password = 'bench password, not a secret';
const dayMs = 86_400_000;
const hourMs = 3_600_000;

const started = performance.now();
const log = (what: string) => console.log(`${what} (${((performance.now() - started) / 1000).toFixed(1)} s)`);

/** An empty database of the target: the SQLite file removed, the PostgreSQL database made afresh. */
async function freshDatabase() {
  if (args.file) {
    fs.mkdirSync(path.dirname(args.file), { recursive: true });
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(args.file + suffix, { force: true });
    return;
  }
  const url = new URL(args.url!);
  const name = url.pathname.replace(/^\//, '');
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`give a plain database name in --url, not "${name}"`);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
}

const channels = [
  ['visit', 'inbound', 'Came in to the shop'],
  ['call', 'inbound', 'Called about an order'],
  ['call', 'outbound', 'Called back with an update'],
  ['email', 'inbound', 'Asked about opening hours'],
  ['email', 'outbound', 'Sent the quote'],
  ['sms', 'outbound', 'Reminder of the appointment'],
  ['meeting', 'inbound', 'Talked through the options'],
  ['chat', 'inbound', 'Asked about delivery'],
  ['letter', 'outbound', 'Sent the annual statement'],
] as const;
const products = [
  ['Garden hose, 25 m', 'GH-25', 2499],
  ['Potting soil, 40 l', 'PS-40', 899],
  ['Cordless drill', 'CD-18', 8900],
  ['Paint, white, 5 l', 'PW-5', 3450],
  ['Light bulbs, pack of 4', 'LB-4', 1199],
  ['Workbench', 'WB-1', 15900],
  ['Screws, assorted', 'SC-A', 650],
  ['Extension lead', 'EL-5', 1575],
] as const;
const noteBodies = ['Prefers to be called after 5 pm', 'Asked us to keep the receipts by email', 'Comes in most Saturdays', 'Interested in the workshop classes', 'Usually pays by card'];
const privateNotes = ['Going through a divorce; be gentle about the joint account', 'Recovering from an operation, cannot lift heavy items', 'Money is tight this month'];
const relations = [
  ['spouse', 'spouse'],
  ['partner', 'partner'],
  ['child', 'parent'],
  ['parent', 'child'],
  ['sibling', 'sibling'],
] as const;
const handoffLines = [
  ['told', 'Told them the part arrives next week'],
  ['worries', 'Worried about the cost of the repair'],
  ['next_step', 'Call back once head office answers'],
] as const;

async function main() {
  await freshDatabase();
  let t0 = performance.now();
  const prepared = openDatabase(args.url ? { databaseUrl: args.url } : { sqliteFile: args.file! });
  await migrateToLatest(prepared);
  const targets = Object.fromEntries(
    (await prepared.db.selectFrom('caseTargets').selectAll().execute()).map((t) => [t.priority, { first: t.firstResponseMinutes, next: t.nextResponseMinutes, resolution: t.resolutionMinutes }]),
  ) as Targets;
  await prepared.close();
  const phases: Record<string, number> = { migrate: seconds(t0) };
  log('migrated');

  t0 = performance.now();
  const sink = await openSink(target, { dropIndexes: true, log: (line) => console.log(line) });
  phases.dropIndexes = seconds(t0);
  t0 = performance.now();
  const random = seeded(seed);
  // Promises, cases, life events (history-data), and the rows this file adds, draw from streams of their own.
  const extra = seeded(seed + 1);
  const more = seeded(seed + 2);
  const pick = <T>(list: readonly T[]) => list[Math.floor(more() * list.length)]!;
  const now = args.now ? Date.parse(args.now) : Date.now();
  if (Number.isNaN(now)) throw new Error(`--now ${args.now} is not a time`);
  const iso = (t: number) => new Date(t).toISOString();
  const stamp = iso(now);
  const data = customerData({ sink, random, count, stamp });
  const history = await historyData({
    sink,
    random,
    extra,
    targets,
    now,
    purchase: (customerId, l, at) => purchase(customerId, l, at),
  });
  const { locations, staffAt } = history;

  const purchase = async (customerId: string, l: number, at: number) => {
    const id = newId();
    const staffId = pick(staffAt[l]!);
    const items = Array.from({ length: 1 + Math.floor(more() * 3) }, () => ({ product: pick(products), quantity: 1 + Math.floor(more() * more() * 4) }));
    const amount = items.reduce((sum, i) => sum + i.product[2] * i.quantity, 0);
    const when = iso(at);
    const row = { id, customer_id: customerId, occurred_at: when, amount_minor: amount, currency: 'USD', staff_id: staffId, location_id: locations[l]!, created_at: when, updated_at: when, created_by: staffId, updated_by: staffId };
    await sink.add('transactions', { ...row, kind: 'purchase', reference: `S-${id.slice(-8)}`, related_transaction_id: null, note: null });
    for (const [position, item] of items.entries()) {
      await sink.add('transaction_items', { id: newId(), transaction_id: id, customer_id: customerId, position, description: item.product[0], sku: item.product[1], quantity: item.quantity, unit_price_minor: item.product[2] });
    }
    // One purchase in twenty comes partly back a few days later, settled by a refund.
    if (more() < 0.05) {
      const back = Math.min(now - hourMs, at + (1 + more() * 10) * dayMs);
      const item = items[0]!;
      for (const kind of ['return', 'refund'] as const) {
        const returned = newId();
        const backAt = iso(back);
        await sink.add('transactions', { ...row, id: returned, kind, occurred_at: backAt, amount_minor: item.product[2], reference: null, related_transaction_id: id, note: kind === 'return' ? 'Did not fit' : null, created_at: backAt, updated_at: backAt });
        if (kind === 'return') {
          await sink.add('transaction_items', { id: newId(), transaction_id: returned, customer_id: customerId, position: 0, description: item.product[0], sku: item.product[1], quantity: 1, unit_price_minor: item.product[2] });
        }
      }
    }
  };

  /** Contacts older than the history's two years, up to six years back: answered ones, no waiting. */
  const olderContacts = async (customerId: string, l: number, howMany: number, fromDaysAgo: number, spanDays: number) => {
    for (let k = 0; k < howMany; k++) {
      const [channel, direction, summary] = pick(channels);
      const away = more() < 0.1;
      const at = locations[away ? Math.floor(more() * locations.length) : l]!;
      const staffId = channel === 'letter' || more() < 0.05 ? null : pick(staffAt[away ? locations.indexOf(at) : l]!);
      const when = iso(now - (fromDaysAgo + more() * spanDays) * dayMs);
      await sink.add('interactions', { id: newId(), customer_id: customerId, channel, direction, occurred_at: when, summary, staff_id: staffId, location_id: at, created_at: when, updated_at: when, case_id: null, created_by: staffId, updated_by: staffId });
    }
  };

  const note = async (customerId: string, l: number) => {
    const isPrivate = more() < 0.12;
    const by = pick(staffAt[l]!);
    const when = iso(now - more() * 1000 * dayMs);
    await sink.add('notes', {
      id: newId(),
      customer_id: customerId,
      body: isPrivate ? pick(privateNotes) : pick(noteBodies),
      pinned: more() < 0.05,
      sensitivity: isPrivate ? 'private' : 'normal',
      audience_location_id: locations[l]!,
      provenance: 'told_us',
      created_at: when,
      updated_at: when,
      created_by: by,
      updated_by: by,
    });
  };

  /** Consent by channel (40% said yes to email, 10% no to texts), do-not-contact (0.3%), preferences (8%, a tenth private), projects (2%). */
  const choices = async (customerId: string, l: number) => {
    const by = () => pick(staffAt[l]!);
    const day = (daysAgo: number) => iso(now - daysAgo * dayMs).slice(0, 10);
    const authored = (who: string, daysAgo: number) => ({ created_at: iso(now - daysAgo * dayMs), updated_at: iso(now - daysAgo * dayMs), created_by: who, updated_by: who });
    if (more() < 0.4) {
      const ago = more() * 1500;
      await sink.add('consents', { id: newId(), customer_id: customerId, channel: 'email', status: 'opted_in', given_on: day(ago), source: 'Signed up at the counter', ...authored(by(), ago) });
    }
    if (more() < 0.1) {
      const ago = more() * 1500;
      await sink.add('consents', { id: newId(), customer_id: customerId, channel: 'sms', status: 'opted_out', given_on: day(ago), source: 'Said so on the phone', ...authored(by(), ago) });
    }
    // (At least a few at small counts, so that a smoke run has some.)
    if (more() < Math.max(0.003, 5 / count)) {
      const ago = more() * 400;
      await sink.add('do_not_contact', { id: newId(), customer_id: customerId, since: day(ago), reason: 'Asked us not to get in touch', ...authored(by(), ago) });
    }
    if (more() < 0.08) {
      const isPrivate = more() < 0.1;
      const ago = more() * 1000;
      await sink.add('preferences', {
        id: newId(),
        customer_id: customerId,
        topic: isPrivate ? 'Health' : pick(['Appointments', 'Contact', 'Delivery']),
        preference: isPrivate ? 'Needs a chair while waiting' : pick(['Mornings, never Mondays', 'Text rather than call', 'Leave parcels with the neighbour']),
        provenance: 'told_us',
        sensitivity: isPrivate ? 'private' : 'normal',
        audience_location_id: locations[l]!,
        ...authored(by(), ago),
      });
    }
    if (more() < 0.02) {
      const ago = 30 + more() * 700;
      const status = pick(['active', 'active', 'paused', 'done', 'abandoned'] as const);
      await sink.add('projects', {
        id: newId(),
        customer_id: customerId,
        title: pick(['Kitchen renovation', 'New garden shed', 'Wedding gifts list', 'Office move']),
        status,
        started_on: day(ago),
        ended_on: status === 'done' || status === 'abandoned' ? day(ago / 2) : null,
        detail: null,
        provenance: 'told_us',
        ...authored(by(), ago),
      });
    }
  };

  /**
   * A hand-off of one customer to the colleague who now owns their open case or promise (accepted: the
   * promise moved to them then, a promise_handovers row as handOverPromise writes it), pending, or withdrawn.
   */
  const handoff = async (customerId: string, l: number, open: Awaited<ReturnType<typeof history.customer>>, accept: boolean) => {
    const to = open.openPromises[0]?.owner ?? open.openCases.find((c) => c.owner)?.owner ?? pick(staffAt[l]!);
    const others = staffAt[l]!.filter((s) => s !== to);
    const from = pick(others);
    const r = more();
    const status = accept || r < 0.7 ? 'accepted' : r < 0.95 ? 'pending' : 'withdrawn';
    const created = now - (1 + more() * 20) * dayMs;
    const accepted = status === 'accepted' ? created + (0.5 + more() * 16) * hourMs : null;
    const withdrawn = status === 'withdrawn' ? created + more() * 8 * hourMs : null;
    const id = newId();
    const itemId = newId();
    await sink.add('handoffs', {
      id,
      from_staff_id: from,
      to_staff_id: to,
      to_location_id: null,
      location_id: locations[l]!,
      status,
      accepted_by: accepted ? to : null,
      accepted_at: accepted ? iso(accepted) : null,
      withdrawn_by: withdrawn ? from : null,
      withdrawn_at: withdrawn ? iso(withdrawn) : null,
      created_at: iso(created),
      updated_at: iso(accepted ?? withdrawn ?? created),
      created_by: from,
      updated_by: accepted ? to : from,
    });
    await sink.add('handoff_customers', { id: itemId, handoff_id: id, customer_id: customerId, position: 0, created_at: iso(created), created_by: from });
    for (const [topic, body] of handoffLines.slice(0, 1 + Math.floor(more() * 3))) {
      await sink.add('handoff_notes', { id: newId(), handoff_customer_id: itemId, customer_id: customerId, topic, body, sensitivity: 'normal', audience_location_id: locations[l]!, created_at: iso(created), created_by: from });
    }
    if (more() < 0.2) {
      await sink.add('handoff_notes', { id: newId(), handoff_customer_id: itemId, customer_id: customerId, topic: 'sensitivities', body: pick(privateNotes), sensitivity: 'private', audience_location_id: locations[l]!, created_at: iso(created), created_by: from });
    }
    for (const c of open.openCases) await sink.add('handoff_cases', { id: newId(), handoff_customer_id: itemId, customer_id: customerId, case_id: c.id });
    if (accepted) {
      const reason = 'Hand-off accepted';
      for (const p of open.openPromises.filter((p) => p.owner === to)) {
        await sink.add('promise_handovers', { id: newId(), promise_id: p.id, customer_id: customerId, from_staff_id: from, to_staff_id: to, reason, created_at: iso(accepted), created_by: to });
        await sink.add('handoff_promises', { id: newId(), handoff_customer_id: itemId, customer_id: customerId, promise_id: p.id, moved_at: iso(accepted) });
      }
      await sink.add('handoff_reads', { handoff_customer_id: itemId, staff_id: to, customer_id: customerId, read_at: iso(accepted) });
    } else if (status === 'pending' && more() < 0.5) {
      await sink.add('handoff_reads', { handoff_customer_id: itemId, staff_id: to, customer_id: customerId, read_at: iso(created + more() * (now - created)) });
    }
  };

  // Organisations first (people work for them), then people; busy ones spread evenly.
  const orgCount = Math.round(count * 0.02);
  const orgs: Organization[] = [];
  const busyEvery = busyCount > 0 ? Math.floor((count - orgCount) / busyCount) : 0;
  const busyIds: string[] = [];
  const ordinary: string[] = [];
  const sampleNames: string[] = [];
  const ordinaryEvery = Math.max(1, Math.floor((count - orgCount) / (Number(args.sample) * 2)));
  // The history writes about 2.5 contacts a customer and a purchase for one in five; a purchase is
  // 1.1 transactions (one in twenty comes back: a return and a refund).
  const extraContacts = Math.max(0, Number(args.interactions) - 2.5);
  const extraPurchases = Math.max(0, Number(args.transactions) / 1.1 - 0.2);
  let household: { person: Person; l: number } | null = null;
  let caseHandedOff = false;
  let promiseHandedOff = false;
  const everyone = async (id: string, l: number, busy: boolean) => {
    const open = await history.customer(id, l);
    await olderContacts(id, l, Math.floor(more() * (2 * extraContacts + 1)), 730, 1460);
    if (busy) await olderContacts(id, l, busyInteractions + Math.floor(more() * busyInteractions), 0, 1095);
    // Purchases over six years; the history adds one for one in five (more() keeps this stream apart).
    for (let k = Math.floor(more() * (2 * extraPurchases + 1)); k > 0; k--) await purchase(id, l, now - more() * 2190 * dayMs);
    for (let k = more() < 0.3 ? 1 + Math.floor(more() * 2) : 0; k > 0; k--) await note(id, l);
    // A quarter of those with something open are handed off. The first with an open case and the first with
    // an open promise always are, accepted, so that hand-offs moving cases and promises exist at every size
    // and every moment of generation (a small run drew none some days).
    const first = (open.openCases.length > 0 && !caseHandedOff) || (open.openPromises.length > 0 && !promiseHandedOff);
    if (first || ((open.openCases.length > 0 || open.openPromises.length > 0) && more() < 0.25)) {
      caseHandedOff ||= open.openCases.length > 0;
      promiseHandedOff ||= open.openPromises.length > 0;
      await handoff(id, l, open, first);
    }
    await choices(id, l);
    return open;
  };
  for (let i = 0; i < orgCount; i++) {
    const l = i % locationCount;
    const org = await data.organization(locations[l]!);
    orgs.push(org);
    await everyone(org.id, l, false);
  }
  for (let i = 0; i < count - orgCount; i++) {
    const l = (orgCount + i) % locationCount;
    // One person in six joins the one before them: a third of people live in two-person households.
    const joins = household !== null && more() < 0.2;
    const person = await data.person(i, orgs, { locationId: locations[l]!, ...(joins ? { familyName: household!.person.family } : {}) });
    if (joins) {
      const [label, relatedLabel] = pick(relations);
      await sink.add('relationships', { id: newId(), customer_id: person.id, related_customer_id: household!.person.id, label, related_label: relatedLabel, household: true, created_at: stamp, updated_at: stamp, created_by: null, updated_by: null });
      household = null;
    } else household = { person, l };
    const busy = busyEvery > 0 && i % busyEvery === Math.floor(busyEvery / 2) && busyIds.length < busyCount;
    if (busy) busyIds.push(person.id);
    await everyone(person.id, l, busy);
    // The frontline's location always has someone waiting, an open promise and an open case (small counts too).
    if (i < locationCount * 3 && l === 0) {
      const owner = staffAt[0]![i % staffAt[0]!.length]!;
      await history.contact(person.id, locations[0]!, 'call', 'inbound', now - (2 + i) * hourMs, 'Please call me back', null);
      await history.promise(person.id, 0, owner, true, null);
      await history.kase(person.id, 0, owner, true, true);
    }
    if (!busy && i % ordinaryEvery === 0) {
      ordinary.push(person.id);
      sampleNames.push(person.displayName);
    }
    if (i % 100_000 === 0 && i > 0) log(`${i} people`);
  }
  phases.rows = seconds(t0);
  log(`rows written: ${Object.values(sink.rows).reduce((a, b) => a + b, 0)}`);
  const closed = await sink.close();
  phases.indexes = closed.indexSeconds;
  phases.derived = closed.derivedSeconds;
  phases.analyze = closed.analyzeSeconds;
  log(`${closed.indexes} indexes made again in ${closed.indexSeconds} s, analyzed in ${closed.analyzeSeconds} s`);

  const handle = openDatabase(args.url ? { databaseUrl: args.url, poolSize: 4 } : { sqliteFile: args.file! });
  const db = handle.db;
  t0 = performance.now();
  await createBenchStaff(db, history, password);
  // Migration 0015 queues matching.rebuild-keys only when customers exist as it runs; the keys are written here.
  const finished = nowIso();
  await db.updateTable('jobs').set({ state: 'done', startedAt: finished, finishedAt: finished, claimToken: null }).where('kind', '=', 'matching.rebuild-keys').where('state', 'in', ['pending', 'failed']).execute();
  phases.staff = seconds(t0);
  t0 = performance.now();
  const rebuilt = await rebuildContactStates(db, { batch: 2000, onBatch: (done) => done % 100_000 === 0 && log(`contact state of ${done} customers`) });
  phases.contactStates = seconds(t0);
  log(`contact states of ${rebuilt.computed} customers in ${phases.contactStates} s (rebuildContactStates)`);
  // promise_tallies: kept by the migrations' triggers on SQLite, recomputed by the sink on PostgreSQL.
  const tallies = await db.selectFrom('promiseTallies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows: Record<string, number> = {
    ...sink.rows,
    staff: (sink.rows.staff ?? 0) + 4,
    staff_locations: (sink.rows.staff_locations ?? 0) + 5,
    contact_states: rebuilt.computed,
    promise_tallies: Number(tallies.n),
  };
  if (handle.engine === 'postgres') {
    t0 = performance.now();
    await sql`vacuum (analyze) contact_states`.execute(db);
    phases.analyze = +(phases.analyze! + seconds(t0)).toFixed(2);
  }
  await handle.close();

  const total = Object.values(rows).reduce((a, b) => a + b, 0);
  const loadSeconds = phases.dropIndexes! + phases.rows! + phases.indexes! + phases.derived! + phases.analyze! + phases.contactStates!;
  const manifest: ScaleManifest = {
    engine: args.url ? 'postgres' : 'sqlite',
    where: args.url ?? args.file!,
    seed,
    customers: count,
    generatedAt: new Date(now).toISOString(),
    password,
    staff: { frontline: benchStaffEmail('frontline', 1), manager: benchStaffEmail('manager', 1), managerOfThree: benchStaffEmail('manager', 3), admin: benchStaffEmail('admin', 1) },
    ordinaryCustomerIds: shuffle(ordinary, seeded(seed + 3)).slice(0, Number(args.sample)),
    busyCustomerIds: busyIds,
    sampleNames: sampleNames.slice(0, Number(args.sample)),
    locationIds: locations,
    load: { rows, seconds: +loadSeconds.toFixed(1), rowsPerSecond: Math.round(total / loadSeconds), phases, cpuSeconds: cpuSeconds() },
  };
  writeManifest(target, manifest);
  console.table(Object.entries(rows).sort(([a], [b]) => a.localeCompare(b)).map(([table, n]) => ({ table, rows: n })));
  console.table(Object.entries(phases).map(([phase, s]) => ({ phase, seconds: s })));
  console.log(JSON.stringify({ engine: manifest.engine, customers: count, rows: total, loadSeconds: manifest.load.seconds, rowsPerSecond: manifest.load.rowsPerSecond, busy: busyIds.length, seconds: seconds(started), cpuSeconds: cpuSeconds() }));
}

/** This process's CPU time so far (the machine is shared: wall time alone says little). */
function cpuSeconds() {
  const used = process.cpuUsage();
  return +((used.user + used.system) / 1e6).toFixed(1);
}

function seconds(since: number) {
  return +((performance.now() - since) / 1000).toFixed(2);
}

/** Fisher-Yates with a seeded stream. */
function shuffle<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

await main();
