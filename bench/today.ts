/**
 * Today, the waiting list and the keep-in-touch list at a million customers: their server time
 * against bare queries measured in the same run (issue 9: p99 under 50 ms at 1,000,000 customers
 * with 100,000 open promises and cases).
 *   npx tsx bench/today.ts --count 1000000 --file bench/results/today.sqlite
 *   npx tsx bench/today.ts --count 1000000 --url postgres://postgres@127.0.0.1:5432/bench_today
 * Add --reuse to measure a database made by an earlier run (no generation, no rebuild).
 *
 * 1. Generates customers at 40 locations (four US time zones, opening hours) with their history
 *    (about 2 contacts each, a purchase for one in five), about 10% waiting for an answer (a third of
 *    them on two channels), a keep-in-touch cadence for 10%; open promises for about 5% and open cases
 *    for about 5% (100,000 together at a million), with kept, broken and cancelled promises and
 *    resolved cases behind them, and life events (a few recorded in the last days), written in bulk
 *    straight to the driver (no audit, no lookup index). A case's stored clock (target_kind, warn_at,
 *    due_at, late_count, first_response_at) is worked out by `caseClocks`, the rule behind
 *    `refreshCaseClock`, from the case's history, thread and its location's calendar.
 * 2. Computes every customer's contact state with `rebuildContactStates`, the code behind
 *    `rapport rebuild`, and reports how long it took.
 * 3. Measures, round-robin, each list as the server answers it (`app.inject` on the real app: routing,
 *    the session check, the queries, serialization; no socket): GET /today for a frontline staff
 *    member, a manager of 1 and of 3 locations and an admin; the promise and case lists; the waiting
 *    and keep-in-touch lists (first pages and pages deep in the list); Today's providers one by one
 *    (a manager of 3 locations, and an admin for the heaviest); beside GET /auth/me (the floor of a
 *    signed-in request) and bare queries: a primary-key read and two index ranges.
 *    It fails (exit 1) if a request does not answer 200, a Today section could not be loaded, or the
 *    frontline's Today lists no promise or no case.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { sql } from 'kysely';
import { buildApp } from '../src/app/app.js';
import type { BusinessCalendar } from '../src/business-hours/business-hours.js';
import { addBusinessTime } from '../src/business-hours/business-hours.js';
import { caseClocks } from '../src/cases/case-clock-rules.js';
import { casesToday } from '../src/cases/case-today.js';
import { keepInTouchDue, waitingOnMe } from '../src/contact-state/contact-state-today.js';
import { rebuildContactStates } from '../src/contact-state/contact-state-store.js';
import { lifeEventsToday } from '../src/life-events/life-event-today.js';
import type { Week } from '../src/locations/location-calendar-rules.js';
import type { Actor } from '../src/platform/auth/actor.js';
import { loadConfig } from '../src/platform/config.js';
import { migrateToLatest, openDatabase } from '../src/platform/database/connect.js';
import type { CasePriority, CaseStatus } from '../src/platform/database/schema.js';
import { newId } from '../src/platform/ids.js';
import { dueByOf } from '../src/promises/promise-rules.js';
import { localDate } from '../src/promises/promise-time.js';
import { promisesOnTime, promisesToday } from '../src/promises/promise-today.js';
import { createStaff } from '../src/staff/staff-commands.js';
import { seeded } from './names.js';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    file: { type: 'string' },
    url: { type: 'string' },
    per: { type: 'string', default: '400' },
    warmup: { type: 'string', default: '30' },
    seconds: { type: 'string', default: '300' },
    reuse: { type: 'boolean', default: false },
  },
});
if (!args.file && !args.url) throw new Error('give --file for SQLite or --url for PostgreSQL');
const count = Number(args.count);
const password = 'bench password, not a secret';
const random = seeded(11);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
// Promises, cases and life events draw from a stream of their own, so the customers, contacts,
// waiting and keep-in-touch rows are the same as those of the earlier waiting-list benchmark.
const extra = seeded(12);
const pickExtra = <T>(list: readonly T[]) => list[Math.floor(extra() * list.length)]!;
const minuteMs = 60_000;
const hourMs = 3_600_000;
const dayMs = 86_400_000;
const started = Date.now();
const log = (what: string) => console.log(`${what} (${Math.round((Date.now() - started) / 1000)} s)`);

// ---------------------------------------------------------------- bulk writing

type Value = string | number | boolean | null;
const authoredColumns = { created_at: 'time', updated_at: 'time', created_by: 'text', updated_by: 'text' } as const;
const tables = {
  locations: { id: 'text', name: 'text', timezone: 'text', opening_hours: 'text', created_at: 'time', updated_at: 'time' },
  staff: { id: 'text', email: 'text', name: 'text', role: 'text', password_hash: 'text', active: 'bool', created_at: 'time', updated_at: 'time' },
  staff_locations: { staff_id: 'text', location_id: 'text' },
  customers: { id: 'text', kind: 'text', display_name: 'text', location_id: 'text', created_at: 'time', updated_at: 'time' },
  interactions: { id: 'text', customer_id: 'text', channel: 'text', direction: 'text', occurred_at: 'time', summary: 'text', staff_id: 'text', location_id: 'text', created_at: 'time', updated_at: 'time', case_id: 'text' },
  transactions: { id: 'text', customer_id: 'text', kind: 'text', occurred_at: 'time', amount_minor: 'int', currency: 'text', created_at: 'time', updated_at: 'time' },
  keep_in_touch: { id: 'text', customer_id: 'text', every_days: 'int', owner_id: 'text', created_at: 'time', updated_at: 'time' },
  promises: {
    id: 'text',
    customer_id: 'text',
    what: 'text',
    made_at: 'time',
    owner_id: 'text',
    location_id: 'text',
    timezone: 'text',
    due_on: 'text',
    due_at: 'time',
    due_by: 'time',
    original_due_on: 'text',
    original_due_at: 'time',
    original_due_by: 'time',
    status: 'text',
    kept_at: 'time',
    closed_at: 'time',
    closed_by: 'text',
    closed_reason: 'text',
    interaction_id: 'text',
    slips: 'int',
    ...authoredColumns,
  },
  promise_revisions: {
    id: 'text',
    promise_id: 'text',
    customer_id: 'text',
    from_due_on: 'text',
    from_due_at: 'time',
    from_due_by: 'time',
    to_due_on: 'text',
    to_due_at: 'time',
    to_due_by: 'time',
    reason: 'text',
    told_at: 'time',
    told_channel: 'text',
    told_by: 'text',
    apologised: 'bool',
    created_at: 'time',
    created_by: 'text',
  },
  cases: {
    id: 'text',
    customer_id: 'text',
    subject: 'text',
    case_type: 'text',
    status: 'text',
    priority: 'text',
    owner_id: 'text',
    location_id: 'text',
    opened_at: 'time',
    status_changed_at: 'time',
    resolved_at: 'time',
    escalated_to: 'text',
    escalated_at: 'time',
    escalation_reason: 'text',
    first_response_minutes: 'int',
    next_response_minutes: 'int',
    resolution_minutes: 'int',
    first_response_at: 'time',
    target_kind: 'text',
    warn_at: 'time',
    due_at: 'time',
    late_count: 'int',
    clock_at: 'time',
    ...authoredColumns,
  },
  case_events: { id: 'text', case_id: 'text', customer_id: 'text', at: 'time', kind: 'text', from_value: 'text', to_value: 'text', note: 'text', staff_id: 'text' },
  life_events: {
    id: 'text',
    customer_id: 'text',
    kind: 'text',
    title: 'text',
    year: 'int',
    month: 'int',
    day: 'int',
    sensitivity: 'text',
    provenance: 'text',
    audience_location_id: 'text',
    ...authoredColumns,
  },
} as const;
type Table = keyof typeof tables;
interface Writer {
  add(table: Table, row: Value[]): Promise<void> | void;
  close(): Promise<void>;
}

function sqliteWriter(file: string): Writer {
  const db = new SQLite(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -1000000');
  const statements = new Map<Table, SQLite.Statement>();
  for (const [name, columns] of Object.entries(tables)) {
    const cols = Object.keys(columns);
    statements.set(name as Table, db.prepare(`insert into ${name} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`));
  }
  db.exec('begin');
  let rows = 0;
  return {
    add(table, row) {
      statements.get(table)!.run(row.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)));
      if (++rows % 200_000 === 0) db.exec('commit; begin');
    },
    async close() {
      db.exec('commit');
      db.pragma('journal_mode = WAL');
      db.exec('analyze');
      db.close();
    },
  };
}

async function postgresWriter(url: string): Promise<Writer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('set session_replication_role = replica');
  const pgType = { text: 'text', int: 'int8', bool: 'bool', time: 'timestamptz' } as const;
  const buffers = new Map<Table, Value[][]>();
  const flush = async (table: Table) => {
    const rows = buffers.get(table);
    if (!rows?.length) return;
    buffers.set(table, []);
    const columns = Object.entries(tables[table]) as [string, keyof typeof pgType][];
    const arrays = columns.map((_, i) => rows.map((r) => r[i] ?? null));
    await client.query(`insert into ${table} (${columns.map(([c]) => c).join(', ')}) select * from unnest(${columns.map(([, t], i) => `$${i + 1}::${pgType[t]}[]`).join(', ')})`, arrays);
  };
  return {
    async add(table, row) {
      if (row.length !== Object.keys(tables[table]).length) throw new Error(`${table}: ${row.length} values for ${Object.keys(tables[table]).length} columns`);
      const rows = buffers.get(table) ?? [];
      rows.push(row);
      buffers.set(table, rows);
      if (rows.length >= 5000) await flush(table);
    },
    async close() {
      for (const table of Object.keys(tables) as Table[]) await flush(table);
      await client.query('analyze');
      await client.end();
    },
  };
}

// ---------------------------------------------------------------- the data

const awaiting = ['call', 'voicemail', 'email', 'sms', 'chat', 'letter', 'web_form'] as const;
const answering = [
  ['visit', 'inbound'],
  ['call', 'outbound'],
  ['email', 'outbound'],
  ['meeting', 'inbound'],
] as const;
const cadences = [30, 60, 90, 180, 365];
const locationCount = 40;
const staffPerLocation = 10;

const zones = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'] as const;
const open = (opens: string, closes: string) => [{ opens, closes }];
const weekdays = (opens: string, closes: string) => ({ mon: open(opens, closes), tue: open(opens, closes), wed: open(opens, closes), thu: open(opens, closes), fri: open(opens, closes) });
/** Three kinds of opening hours: a shop open six days, a long-hours store open every day, an office open on weekdays. */
const weeks: Week[] = [
  { ...weekdays('09:00', '17:30'), sat: open('09:00', '13:00'), sun: [] },
  { ...weekdays('08:00', '20:00'), sat: open('08:00', '20:00'), sun: open('10:00', '16:00') },
  { ...weekdays('08:30', '18:00'), sat: [], sun: [] },
];

type Targets = Record<CasePriority, { first: number | null; next: number | null; resolution: number | null }>;
const priorities: [CasePriority, number][] = [
  ['urgent', 0.05],
  ['high', 0.25],
  ['normal', 0.8],
  ['low', 1],
];
const caseSubjects = [
  ['Internet drops every evening', 'service request'],
  ['Card declined abroad', 'service request'],
  ['Order arrived damaged', 'complaint'],
  ['Charged twice for one purchase', 'complaint'],
  ['Question about the annual fee', 'question'],
  ['Warranty repair not back yet', 'service request'],
  ['Delivery missed, nobody called', 'complaint'],
  ['How do I change my address?', 'question'],
  ['Refund not received', 'general'],
] as const;
const promiseWhats = ['a call back with the repair quote', 'the replacement part, ready to collect', 'a refund of the delivery fee', 'the corrected invoice by email', 'a visit from the technician', 'the special order', 'an answer from head office'];
const revisionReasons = ['The supplier is late', 'Waiting on head office', 'The technician was off sick', 'The customer asked for later'];
const escalationReasons = ['The customer asked for a manager', 'A refund over my limit', 'Second complaint this month'];
const lifeKinds = [
  ['birth', 'Her daughter was born'],
  ['marriage', 'Got married'],
  ['moved_home', 'Moved to a new flat across town'],
  ['new_job', 'Started a new job'],
  ['retirement', 'Retired'],
  ['graduation', 'His son graduated'],
  ['school_start', 'Their son started school'],
  ['anniversary', 'Wedding anniversary'],
  ['illness', 'Was in hospital'],
  ['bereavement', 'His father died'],
  ['other', 'Bought a new car'],
] as const;

/** A due date as the promise commands write it: a local day (due by its end) or a moment. */
interface Due {
  on: string | null;
  at: string | null;
  by: string;
}
const dueDay = (instant: number, timezone: string): Due => {
  const on = localDate(instant, timezone);
  return { on, at: null, by: dueByOf({ dueOn: on, dueAt: null }, timezone) };
};
const dueMoment = (instant: number): Due => {
  const at = new Date(Math.round(instant / (15 * minuteMs)) * 15 * minuteMs).toISOString();
  return { on: null, at, by: at };
};

async function generate(targets: Targets) {
  const writer = args.url ? await postgresWriter(args.url) : sqliteWriter(args.file!);
  const now = Date.now();
  const iso = (t: number) => new Date(t).toISOString();
  const at = (msAgo: number) => iso(now - msAgo);
  const stamp = at(0);
  const locations: string[] = [];
  const staffAt: string[][] = [];
  const managerAt: string[] = [];
  const calendars: BusinessCalendar[] = [];
  for (let l = 0; l < locationCount; l++) {
    const id = newId();
    locations.push(id);
    const calendar = { timezone: zones[l % zones.length]!, openingHours: weeks[l % weeks.length]!, holidays: [] };
    calendars.push(calendar);
    await writer.add('locations', [id, `Branch ${String(l + 1).padStart(2, '0')}`, calendar.timezone, JSON.stringify(calendar.openingHours), stamp, stamp]);
    const staff: string[] = [];
    for (let s = 0; s <= staffPerLocation; s++) {
      const staffId = newId();
      const role = s === staffPerLocation ? 'manager' : 'frontline';
      await writer.add('staff', [staffId, `staff-${l}-${s}@bench.example`, `Staff ${l}-${s}`, role, 'none', true, stamp, stamp]);
      await writer.add('staff_locations', [staffId, id]);
      if (role === 'frontline') staff.push(staffId);
      else managerAt.push(staffId);
    }
    staffAt.push(staff);
  }
  const n = { interactions: 0, waiting: 0, keeping: 0, promises: 0, openPromises: 0, revisions: 0, cases: 0, openCases: 0, caseEvents: 0, lifeEvents: 0 };

  const contact = async (customerId: string, location: string, channel: string, direction: 'inbound' | 'outbound', when: number, summary: string, staffId: string | null, caseId: string | null = null) => {
    const id = newId();
    await writer.add('interactions', [id, customerId, channel, direction, iso(when), summary, staffId, location, stamp, stamp, caseId]);
    n.interactions++;
    return id;
  };

  /** One promise, open (due mostly later, some overdue, some today) or kept, broken or cancelled. */
  const promise = async (customerId: string, l: number, owner: string, isOpen: boolean, madeIn: { id: string; at: number } | null) => {
    const timezone = calendars[l]!.timezone!;
    const form = (instant: number) => (extra() < 0.75 ? dueDay(instant, timezone) : dueMoment(instant));
    let due: Due;
    let madeAt: number;
    if (isOpen) {
      const r = extra();
      if (r < 0.12) {
        // Overdue, mostly by a few days.
        const ago = extra() * extra() * 30 * dayMs;
        due = extra() < 0.75 ? dueDay(now - dayMs - ago, timezone) : dueMoment(now - hourMs - ago);
      } else if (r < 0.19) {
        // Due later today, where the promise belongs.
        const today = dueDay(now, timezone);
        const left = Date.parse(today.by) - now;
        due = extra() < 0.5 || left < hourMs ? today : dueMoment(now + 30 * minuteMs + extra() * (left - 30 * minuteMs));
        if (Date.parse(due.by) > Date.parse(today.by)) due = today;
      } else {
        due = form(now + dayMs + extra() * extra() * 60 * dayMs);
      }
      madeAt = Math.min(now - 10 * minuteMs, Date.parse(due.by) - (0.5 + extra() * 20) * dayMs);
    } else {
      // Made over two years, more of them lately (a third in the last 90 days): what the on-time figure reads.
      madeAt = now - (1 + extra() * extra() * 730) * dayMs;
      due = form(madeAt + (1 + extra() * 30) * dayMs);
    }
    // A revised date: first promised earlier (a slip), told or not; a few slipped twice.
    const chain: Due[] = [due];
    if (extra() < (isOpen ? 0.15 : 0.1)) {
      for (let k = extra() < 0.2 ? 2 : 1; k > 0; k--) {
        const first = Date.parse(chain[0]!.by) - (2 + extra() * 18) * dayMs;
        chain.unshift(extra() < 0.75 ? dueDay(first, timezone) : dueMoment(first));
      }
      madeAt = Math.min(madeAt, Date.parse(chain[0]!.by) - (0.5 + extra() * 10) * dayMs);
    }
    const original = chain[0]!;
    // Made in the customer's last contact when that was shortly before.
    const interactionId = madeIn && madeIn.at <= madeAt && madeAt - madeIn.at < 30 * dayMs ? madeIn.id : null;
    const id = newId();
    let changedAt = madeAt;
    for (let k = 1; k < chain.length; k++) {
      const from = chain[k - 1]!;
      const to = chain[k]!;
      changedAt += extra() * (Math.min(now, Date.parse(from.by) + 2 * dayMs) - changedAt);
      const told = extra() < 0.6;
      const when = iso(changedAt);
      await writer.add('promise_revisions', [
        newId(), id, customerId,
        from.on, from.at, from.by, to.on, to.at, to.by,
        pickExtra(revisionReasons),
        told ? when : null, told ? pickExtra(['call', 'email', 'sms']) : null, told ? owner : null, told && extra() < 0.5,
        when, owner,
      ]);
      n.revisions++;
    }
    let status = 'open';
    let keptAt: string | null = null;
    let closedAt: string | null = null;
    let closedReason: string | null = null;
    if (!isOpen) {
      const dueBy = Date.parse(due.by);
      const r = extra();
      if (r < 0.85) {
        status = 'kept';
        const kept = extra() < 0.88 ? madeAt + extra() * (Math.min(dueBy, now) - madeAt) : Math.min(now, dueBy + extra() * 10 * dayMs);
        keptAt = closedAt = iso(kept);
      } else if (r < 0.93) {
        status = 'broken';
        closedAt = iso(Math.min(now, dueBy + extra() * 5 * dayMs));
        closedReason = 'The part is no longer made';
      } else {
        status = 'cancelled';
        closedAt = iso(madeAt + extra() * (Math.min(dueBy, now) - madeAt));
        closedReason = 'The customer no longer needs it';
      }
    }
    const updated = closedAt ?? iso(Math.max(changedAt, madeAt));
    await writer.add('promises', [
      id, customerId, pickExtra(promiseWhats), iso(madeAt), owner, locations[l]!, timezone,
      due.on, due.at, due.by, original.on, original.at, original.by,
      status, keptAt, closedAt, closedAt ? owner : null, closedReason, interactionId, chain.length - 1,
      iso(madeAt), updated, owner, owner,
    ]);
    n.promises++;
    if (isOpen) n.openPromises++;
  };

  /** One case, open (mostly recent) or resolved, with its history, thread and stored clock. */
  const kase = async (customerId: string, l: number, owner: string | null, isOpen: boolean) => {
    const calendar = calendars[l]!;
    const location = locations[l]!;
    const roll = extra();
    const priority = priorities.find(([, upTo]) => roll < upTo)![0];
    const target = targets[priority];
    const openedAt = isOpen ? now - (extra() < 0.8 ? extra() * extra() * 10 * dayMs : (10 + extra() * 80) * dayMs) : now - (5 + extra() * extra() * 725) * dayMs;
    const id = newId();
    const [subject, caseType] = pickExtra(caseSubjects);
    const statuses: { at: number; status: CaseStatus }[] = [{ at: openedAt, status: 'new' }];
    const thread: { at: number; direction: 'inbound' | 'outbound'; channel: string }[] = [];
    const events: Value[][] = [[newId(), id, customerId, iso(openedAt), 'opened', null, 'new', null, owner]];
    const status = (when: number, to: CaseStatus) => {
      events.push([newId(), id, customerId, iso(when), 'status', statuses.at(-1)!.status, to, null, owner]);
      statuses.push({ at: when, status: to });
    };
    const say = async (when: number, direction: 'inbound' | 'outbound', channel: string, summary: string) => {
      thread.push({ at: when, direction, channel });
      await contact(customerId, location, channel, direction, when, summary, direction === 'outbound' ? owner : null, id);
    };
    // Raised by a message, or on a call (the call itself is then the first response: a conversation).
    await say(openedAt, 'inbound', pickExtra(['call', 'email', 'web_form', 'chat', 'sms']), subject);
    // The first answer: mostly within the target, a quarter of them late (business hours of the location).
    const firstAnswer = addBusinessTime(calendar, openedAt, (0.1 + extra() * extra() * 1.6) * (target.first ?? 480) * minuteMs);
    const unanswered = firstAnswer === null || firstAnswer > now - minuteMs || (isOpen && now - openedAt < 2 * dayMs && extra() < 0.3);
    let resolvedAt: number | null = null;
    if (!unanswered) {
      await say(firstAnswer, 'outbound', pickExtra(['call', 'email']), 'Looked into it and explained the next step');
      status(firstAnswer, 'open');
      if (isOpen) {
        const r = extra();
        if (r < 0.35) status(firstAnswer + minuteMs, 'waiting_on_customer');
        else if (r < 0.6) {
          const reply = firstAnswer + extra() * (now - firstAnswer);
          // A chase that waits for our reply (a call someone took would have answered it there and then).
          await say(reply, 'inbound', pickExtra(['email', 'voicemail', 'sms']), 'Any news?');
          status(reply, 'waiting_on_us');
        }
      } else {
        const fix = addBusinessTime(calendar, openedAt, (0.2 + extra() * 1.2) * (target.resolution ?? 2400) * minuteMs) ?? firstAnswer + hourMs;
        resolvedAt = Math.min(now - hourMs, Math.max(fix, firstAnswer + hourMs));
        status(resolvedAt, 'resolved');
        if (extra() < 0.4) status(Math.min(now - minuteMs, resolvedAt + (1 + extra() * 6) * dayMs), 'closed');
      }
    } else if (!isOpen) {
      resolvedAt = Math.min(now - hourMs, openedAt + (1 + extra() * 5) * dayMs);
      status(resolvedAt, 'resolved');
    }
    let escalatedTo: string | null = null;
    let escalatedAt: number | null = null;
    let escalationReason: string | null = null;
    if (isOpen && extra() < 0.05) {
      escalatedTo = managerAt[l]!;
      escalatedAt = openedAt + extra() * (now - openedAt);
      escalationReason = pickExtra(escalationReasons);
      events.push([newId(), id, customerId, iso(escalatedAt), 'escalated', null, escalatedTo, escalationReason, owner]);
    }
    const clocks = caseClocks(
      calendar,
      { openedAt, targets: { first_response: target.first, next_response: target.next, resolution: target.resolution }, statuses, thread },
      now,
    );
    const last = statuses.at(-1)!;
    const updatedAt = Math.max(last.at, escalatedAt ?? 0, ...thread.map((t) => t.at));
    const isoOrNull = (t: number | null | undefined) => (t === null || t === undefined ? null : iso(t));
    await writer.add('cases', [
      id, customerId, subject, caseType, last.status, priority, owner, location,
      iso(openedAt), iso(last.at), isoOrNull(resolvedAt), escalatedTo, isoOrNull(escalatedAt), escalationReason,
      target.first, target.next, target.resolution,
      isoOrNull(clocks.firstResponseAt), clocks.next?.kind ?? null, isoOrNull(clocks.next?.warnAt), isoOrNull(clocks.next?.dueAt), clocks.lateCount, stamp,
      iso(openedAt), iso(updatedAt), owner, owner,
    ]);
    for (const e of events) await writer.add('case_events', e);
    n.cases++;
    n.caseEvents += events.length;
    if (isOpen) n.openCases++;
  };

  /** A life event as staff record it: told to us mostly, dated near when it was recorded (or coming up). */
  const lifeEvent = async (customerId: string, l: number, recorder: string | null, recordedAt: number) => {
    const [kind, title] = pickExtra(lifeKinds);
    const happened = extra() < 0.8 ? recordedAt - extra() * 10 * dayMs : recordedAt + extra() * 40 * dayMs;
    const d = new Date(happened);
    const precision = extra();
    const provenance = extra() < 0.85 ? 'told_us' : extra() < 0.67 ? 'our_records' : 'other_system';
    await writer.add('life_events', [
      newId(), customerId, kind, title,
      precision < 0.9 ? d.getUTCFullYear() : null, precision < 0.9 ? d.getUTCMonth() + 1 : null, precision < 0.7 ? d.getUTCDate() : null,
      extra() < 0.1 ? 'private' : 'normal', provenance, locations[l]!,
      iso(recordedAt), iso(recordedAt), recorder, recorder,
    ]);
    n.lifeEvents++;
  };

  for (let i = 0; i < count; i++) {
    const id = newId();
    const l = i % locationCount;
    const location = locations[l]!;
    const who = () => pick(staffAt[l]!);
    const colleague = () => pickExtra(staffAt[l]!);
    await writer.add('customers', [id, 'person', `Customer ${i}`, location, at(800 * dayMs), stamp]);
    // Earlier contacts, answered or face to face, over two years.
    let last = 800 * dayMs;
    let lastContact: { id: string; at: number } | null = null;
    for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
      last = Math.floor(random() * Math.min(last, 730 * dayMs));
      const [channel, direction] = pick(answering);
      lastContact = { id: await contact(id, location, channel, direction, now - last, 'Earlier contact', who()), at: now - last };
    }
    if (random() < 0.1) {
      // Waiting since some time after the last contact, mostly recent; a third on two channels.
      const since = Math.floor(random() * random() * Math.min(last, 120 * dayMs));
      await contact(id, location, pick(awaiting), 'inbound', now - since, 'Please get back to me', null);
      if (random() < 0.35) await contact(id, location, pick(awaiting), 'inbound', now - Math.floor(since * random()), 'Again, please', null);
      n.waiting++;
    } else if (random() < 0.05) {
      const asked = Math.floor(random() * Math.min(last, 60 * dayMs));
      await contact(id, location, pick(awaiting), 'inbound', now - asked, 'A question', null);
      await contact(id, location, 'email', 'outbound', now - Math.floor(asked / 2), 'The answer', who());
    }
    if (random() < 0.2) await writer.add('transactions', [newId(), id, 'purchase', at(Math.floor(random() * 730 * dayMs)), 1999, 'USD', stamp, stamp]);
    if (random() < 0.1) {
      const set = at(Math.floor(random() * 400 * dayMs));
      await writer.add('keep_in_touch', [newId(), id, pick(cadences), random() < 0.9 ? who() : null, set, set]);
      n.keeping++;
    }
    // Promises: about 5% of customers have open ones (a few have two or three), 10% kept or closed ones.
    if (extra() < 0.045) {
      const owner = colleague();
      for (let k = extra() < 0.1 ? (extra() < 0.2 ? 3 : 2) : 1; k > 0; k--) await promise(id, l, owner, true, extra() < 0.6 ? lastContact : null);
    }
    if (extra() < 0.1) for (let k = extra() < 0.2 ? 2 : 1; k > 0; k--) await promise(id, l, colleague(), false, null);
    // Cases: about 5% have open ones (a few two), 8% resolved or closed ones.
    if (extra() < 0.045) {
      const owner = extra() < 0.95 ? colleague() : null;
      for (let k = extra() < 0.1 ? 2 : 1; k > 0; k--) await kase(id, l, owner, true);
    }
    if (extra() < 0.08) await kase(id, l, colleague(), false);
    // Life events: 2% over two years, 0.4% recorded in the last three weeks.
    if (extra() < 0.02) await lifeEvent(id, l, extra() < 0.9 ? colleague() : null, now - extra() * 730 * dayMs);
    if (extra() < 0.004) await lifeEvent(id, l, extra() < 0.9 ? colleague() : null, now - extra() * 21 * dayMs);
    if (i % 100_000 === 0 && i > 0) log(`${i} customers`);
  }
  await writer.close();
  log(
    `generated ${count} customers, ${n.interactions} contacts, ${n.waiting} waiting, ${n.keeping} with a cadence, ` +
      `${n.promises} promises (${n.openPromises} open, ${n.revisions} changes of date), ${n.cases} cases (${n.openCases} open, ${n.caseEvents} events), ${n.lifeEvents} life events`,
  );
  return { locations, staffAt, managerAt };
}

// ---------------------------------------------------------------- measuring

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const summary = (times: number[]) => {
  const s = [...times].sort((a, b) => a - b);
  if (!s.length) return { n: 0 };
  return { n: s.length, p50: +percentile(s, 50).toFixed(2), p95: +percentile(s, 95).toFixed(2), p99: +percentile(s, 99).toFixed(2), max: +s.at(-1)!.toFixed(2) };
};
const cursorOf = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString('base64url');

interface TodayBody {
  figures: { key: string; value: string }[];
  sections: { key: string; items: unknown[]; more: number; status: string }[];
}

async function main() {
  if (args.file && !args.reuse) {
    fs.mkdirSync(path.dirname(args.file), { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(args.file + suffix, { force: true });
  }
  let handle = openDatabase(args.url ? { databaseUrl: args.url, poolSize: 4 } : { sqliteFile: args.file! });
  await migrateToLatest(handle);
  const db = () => handle.db;
  let rebuildSeconds: number | null = null;
  let takenOver: number | null = null;
  const email = (role: string, n: number) => `bench-${role}-${n}@bench.example`;

  if (!args.reuse) {
    const targets = Object.fromEntries(
      (await db().selectFrom('caseTargets').selectAll().execute()).map((t) => [t.priority, { first: t.firstResponseMinutes, next: t.nextResponseMinutes, resolution: t.resolutionMinutes }]),
    ) as Targets;
    await handle.close();
    const { locations, staffAt, managerAt } = await generate(targets);
    handle = openDatabase(args.url ? { databaseUrl: args.url, poolSize: 4 } : { sqliteFile: args.file! });
    // The signed-in staff of the measurements: one takes over a generated colleague's customers.
    const frontline = await createStaff(db(), null, { email: email('frontline', 1), name: 'Bench Frontline', role: 'frontline', password, locationIds: [locations[0]!] });
    const manager1 = await createStaff(db(), null, { email: email('manager', 1), name: 'Bench Manager One', role: 'manager', password, locationIds: [locations[1]!] });
    const manager3 = await createStaff(db(), null, { email: email('manager', 3), name: 'Bench Manager Three', role: 'manager', password, locationIds: locations.slice(2, 5) });
    await createStaff(db(), null, { email: email('admin', 1), name: 'Bench Admin', role: 'admin', password });
    const colleague = staffAt[0]![0]!;
    await db().updateTable('keepInTouch').set({ ownerId: frontline }).where('ownerId', '=', colleague).execute();
    await db().updateTable('interactions').set({ staffId: frontline }).where('staffId', '=', colleague).execute();
    // Their promises and cases too: the first colleague’s (about 120 open promises and as many open
    // cases at a million customers); at small counts more colleagues', until "mine" holds 20 of each.
    takenOver = 0;
    for (const from of staffAt[0]!) {
      await db().updateTable('promises').set({ ownerId: frontline }).where('ownerId', '=', from).execute();
      await db().updateTable('promises').set({ createdBy: frontline }).where('createdBy', '=', from).execute();
      await db().updateTable('cases').set({ ownerId: frontline }).where('ownerId', '=', from).execute();
      takenOver++;
      const mine = await Promise.all([
        db().selectFrom('promises').select((eb) => eb.fn.countAll<number>().as('n')).where('ownerId', '=', frontline).where('status', '=', 'open').executeTakeFirstOrThrow(),
        db().selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('ownerId', '=', frontline).where('status', 'in', ['new', 'open', 'waiting_on_customer', 'waiting_on_us']).executeTakeFirstOrThrow(),
      ]);
      if (Number(mine[0].n) >= 20 && Number(mine[1].n) >= 20) break;
    }
    // The bench managers are the ones their locations' cases are escalated to.
    for (const [manager, at] of [[manager1, [1]], [manager3, [2, 3, 4]]] as const) {
      const generated = at.map((l) => managerAt[l]!);
      await db().updateTable('cases').set({ escalatedTo: manager }).where('escalatedTo', 'in', generated).execute();
      await db().updateTable('caseEvents').set({ toValue: manager }).where('kind', '=', 'escalated').where('toValue', 'in', generated).execute();
    }
    const t0 = performance.now();
    const rebuilt = await rebuildContactStates(db(), { batch: 1000, onBatch: (done) => done % 100_000 === 0 && log(`contact state of ${done} customers`) });
    rebuildSeconds = +((performance.now() - t0) / 1000).toFixed(1);
    log(`rebuilt the contact state of ${rebuilt.computed} customers in ${rebuildSeconds} s`);
    // As autovacuum would soon: statistics, and the visibility map that index-only scans read.
    if (handle.engine === 'postgres') await sql`vacuum (analyze) contact_states, promises, cases, case_events`.execute(db());
  }

  const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), phoneRegion: 'US' };
  const app = await buildApp({ config, database: handle, logger: false, rateLimitPerMinute: 1_000_000_000 });
  await app.ready();
  const cookieOf = async (who: string) => {
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: who, password } });
    if (login.statusCode !== 200) throw new Error(`sign-in as ${who}: ${login.body}`);
    return login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  };
  const [frontline, manager1, manager3, admin] = await Promise.all([cookieOf(email('frontline', 1)), cookieOf(email('manager', 1)), cookieOf(email('manager', 3)), cookieOf(email('admin', 1))]);
  const actorFor = async (who: string): Promise<Actor> => {
    const staff = await db().selectFrom('staff').select(['id', 'name', 'role']).where('email', '=', who).executeTakeFirstOrThrow();
    const locs = await db().selectFrom('staffLocations').select('locationId').where('staffId', '=', staff.id).execute();
    return { staffId: staff.id, name: staff.name, role: staff.role as Actor['role'], locationIds: locs.map((l) => l.locationId), via: 'session', tokenId: null, canWrite: true };
  };
  const frontlineActor = await actorFor(email('frontline', 1));
  const manager3Actor = await actorFor(email('manager', 3));
  const adminActor = await actorFor(email('admin', 1));

  const locations = (await db().selectFrom('locations').select('id').where('name', 'like', 'Branch %').execute()).map((l) => l.id);
  const totals = await db()
    .selectFrom('contactStates')
    .select((eb) => [eb.fn.countAll<number>().as('states'), eb.fn.count<number>('waitingSince').as('waiting'), eb.fn.count<number>('keepDueAt').as('keeping')])
    .executeTakeFirstOrThrow();
  const nowIso = new Date().toISOString();
  const openStatuses = ['new', 'open', 'waiting_on_customer', 'waiting_on_us'] as const;
  const countOf = async (q: Promise<{ n: number | string | bigint } | undefined>) => Number((await q)?.n ?? 0);
  const due = await db().selectFrom('contactStates').select((eb) => eb.fn.countAll<number>().as('n')).where('keepDueAt', '<=', nowIso).executeTakeFirstOrThrow();
  const customers = await db().selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const promiseCount = db().selectFrom('promises').select((eb) => eb.fn.countAll<number>().as('n'));
  const caseCount = db().selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n'));
  const counts = {
    promises: await countOf(promiseCount.executeTakeFirst()),
    openPromises: await countOf(promiseCount.where('status', '=', 'open').executeTakeFirst()),
    overduePromises: await countOf(promiseCount.where('status', '=', 'open').where('dueBy', '<', nowIso).executeTakeFirst()),
    revisedOpenPromises: await countOf(promiseCount.where('status', '=', 'open').whereRef('originalDueBy', '<', 'dueBy').executeTakeFirst()),
    cases: await countOf(caseCount.executeTakeFirst()),
    openCases: await countOf(caseCount.where('status', 'in', [...openStatuses]).executeTakeFirst()),
    openCasesNearOrPast: await countOf(caseCount.where('status', 'in', [...openStatuses]).where('warnAt', '<=', nowIso).executeTakeFirst()),
    openCasesPast: await countOf(caseCount.where('status', 'in', [...openStatuses]).where('dueAt', '<=', nowIso).executeTakeFirst()),
    openCasesEscalated: await countOf(caseCount.where('status', 'in', [...openStatuses]).where('escalatedTo', 'is not', null).executeTakeFirst()),
    lifeEvents: await countOf(db().selectFrom('lifeEvents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()),
    lifeEventsLast14Days: await countOf(
      db()
        .selectFrom('lifeEvents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('createdAt', '>=', new Date(Date.now() - 14 * dayMs).toISOString())
        .executeTakeFirst(),
    ),
    frontlineOpenPromises: await countOf(promiseCount.where('ownerId', '=', frontlineActor.staffId).where('status', '=', 'open').executeTakeFirst()),
    frontlineOpenCases: await countOf(caseCount.where('ownerId', '=', frontlineActor.staffId).where('status', 'in', [...openStatuses]).executeTakeFirst()),
    escalatedToManagerOf3: await countOf(caseCount.where('escalatedTo', '=', manager3Actor.staffId).where('status', 'in', [...openStatuses]).executeTakeFirst()),
  };
  // Keys deep in the lists, for cursors: a random sample of waiting rows, and of due rows.
  const waitingKeys = await db().selectFrom('contactStates').select(['customerId', 'waitingSince', 'locationId']).where('waitingSince', 'is not', null).where('customerId', 'like', '%7').limit(2000).execute();
  const dueKeys = await db().selectFrom('contactStates').select(['customerId', 'keepDueAt']).where('keepDueAt', '<=', nowIso).where('customerId', 'like', '%3').limit(2000).execute();

  const get = async (url: string, cookie: string) => {
    const response = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    return response;
  };
  /** Today answers 200 even when a section failed (it says so in the section): that is a failure here. */
  const today = async (cookie: string) => {
    const response = await get('/api/v1/today', cookie);
    return response.body;
  };
  const checkToday = (who: string) => (body: unknown) => {
    const failed = (JSON.parse(body as string) as TodayBody).sections.filter((s) => s.status !== 'ok');
    if (failed.length) throw new Error(`GET /today as ${who}: the sections ${failed.map((s) => s.key).join(', ')} could not be loaded`);
  };
  const me = frontlineActor.staffId;
  type Case = [string, () => Promise<unknown>, ((result: unknown) => void)?];
  const cases: Case[] = [
    ['GET /auth/me (floor of a signed-in request)', () => get('/api/v1/auth/me', frontline)],
    ['bare query: customer by primary key', () => db().selectFrom('customers').selectAll().where('id', '=', pick(waitingKeys).customerId).executeTakeFirst()],
    ['bare query: waiting index range, 51 rows', () => db().selectFrom('contactStates').select(['customerId', 'waitingSince']).where('waitingSince', 'is not', null).orderBy('waitingSince').orderBy('customerId').limit(51).execute()],
    ['bare query: open promises of an owner by due date, 51 rows', () => db().selectFrom('promises').select(['id', 'dueBy']).where('ownerId', '=', me).where('status', '=', 'open').orderBy('dueBy').limit(51).execute()],
    ['GET /today, frontline', () => today(frontline), checkToday('frontline')],
    ['GET /today, manager of 1 location', () => today(manager1), checkToday('a manager of 1 location')],
    ['GET /today, manager of 3 locations', () => today(manager3), checkToday('a manager of 3 locations')],
    ['GET /today, admin (everyone)', () => today(admin), checkToday('an admin')],
    ['GET /promises, mine open, by due date', () => get(`/api/v1/promises?ownerId=${me}&status=open&limit=50`, frontline)],
    ['GET /promises, mine overdue', () => get(`/api/v1/promises?ownerId=${me}&overdue=true&limit=50`, frontline)],
    ['GET /promises, everyone overdue (admin)', () => get('/api/v1/promises?overdue=true&limit=50', admin)],
    ['GET /cases, mine open', () => get(`/api/v1/cases?ownerId=${me}&open=true&limit=50`, frontline)],
    ['GET /cases, escalated to me (manager of 3)', () => get(`/api/v1/cases?escalatedTo=${manager3Actor.staffId}&open=true&limit=50`, manager3)],
    ['GET /cases/figures (manager of 3)', () => get('/api/v1/cases/figures', manager3)],
    ['GET /waiting, whole team, page 1', () => get('/api/v1/waiting?limit=50', frontline)],
    [
      'GET /waiting, whole team, deep page',
      () => {
        const k = pick(waitingKeys);
        return get(`/api/v1/waiting?limit=50&cursor=${cursorOf(k.waitingSince!, k.customerId)}`, frontline);
      },
    ],
    ['GET /waiting, one location, page 1', () => get(`/api/v1/waiting?limit=50&locationId=${pick(locations)}`, frontline)],
    [
      'GET /waiting, one location, deep page',
      () => {
        const k = pick(waitingKeys);
        return get(`/api/v1/waiting?limit=50&locationId=${k.locationId}&cursor=${cursorOf(k.waitingSince!, k.customerId)}`, frontline);
      },
    ],
    ['GET /keep-in-touch/due, mine', () => get('/api/v1/keep-in-touch/due?limit=50', frontline)],
    ['GET /keep-in-touch/due, team of 1 location', () => get('/api/v1/keep-in-touch/due?view=team&limit=50', manager1)],
    ['GET /keep-in-touch/due, team of 3 locations', () => get('/api/v1/keep-in-touch/due?view=team&limit=50', manager3)],
    ['GET /keep-in-touch/due, everyone (admin), page 1', () => get('/api/v1/keep-in-touch/due?view=team&limit=50', admin)],
    [
      'GET /keep-in-touch/due, everyone (admin), deep page',
      () => {
        const k = pick(dueKeys);
        return get(`/api/v1/keep-in-touch/due?view=team&limit=50&cursor=${cursorOf(k.keepDueAt!, k.customerId)}`, admin);
      },
    ],
    ['Today: waiting on me (frontline, function)', () => waitingOnMe(db(), frontlineActor, new Date())],
    ['Today: waiting on me (manager of 3, function)', () => waitingOnMe(db(), manager3Actor, new Date())],
    ['Today: keep in touch due (manager of 3, function)', () => keepInTouchDue(db(), manager3Actor, new Date())],
    ['Today: promises (manager of 3, function)', () => promisesToday(db(), manager3Actor, new Date())],
    ['Today: cases (manager of 3, function)', () => casesToday(db(), manager3Actor, new Date())],
    ['Today: promises (admin, function)', () => promisesToday(db(), adminActor, new Date())],
    ['Today: cases (admin, function)', () => casesToday(db(), adminActor, new Date())],
    ['Today: life events (admin, function)', () => lifeEventsToday(db(), adminActor, new Date())],
    ['Today: life events (manager of 3, function)', () => lifeEventsToday(db(), manager3Actor, new Date())],
    ['Today: on-time figure (manager of 3, function)', () => promisesOnTime(db(), manager3Actor, new Date())],
    ['Today: on-time figure (admin, function)', () => promisesOnTime(db(), adminActor, new Date())],
  ];

  // What Today shows each of them, checked before measuring: no empty answers measured.
  const shown: Record<string, Record<string, string>> = {};
  for (const [who, cookie] of [['frontline', frontline], ['manager of 1', manager1], ['manager of 3', manager3], ['admin', admin]] as const) {
    const body = JSON.parse(await today(cookie)) as TodayBody;
    checkToday(who)(JSON.stringify(body));
    shown[who] = Object.fromEntries([
      ...body.sections.map((s) => [s.key, `${s.items.length} + ${s.more} more`]),
      ...body.figures.map((f) => [f.key, f.value]),
    ]);
  }
  const frontlineToday = JSON.parse(await today(frontline)) as TodayBody;
  const itemsOf = (key: string) => frontlineToday.sections.find((s) => s.key === key)?.items.length ?? 0;
  if (itemsOf('promises') < 1 || itemsOf('cases') < 1) throw new Error(`the frontline's Today lists ${itemsOf('promises')} promises and ${itemsOf('cases')} cases: the bench would measure empty answers`);

  for (let w = 0; w < Number(args.warmup); w++) for (const [, run, check] of cases) check?.(await run());
  const times = new Map<string, number[]>(cases.map(([name]) => [name, []]));
  const deadline = Date.now() + Number(args.seconds) * 1000;
  const load: number[][] = [os.loadavg()];
  for (let n = 0; n < Number(args.per) && Date.now() < deadline; n++) {
    for (const [name, run, check] of cases) {
      const t0 = performance.now();
      const result = await run();
      times.get(name)!.push(performance.now() - t0);
      check?.(result);
    }
  }
  load.push(os.loadavg());
  console.table([...times].map(([name, t]) => ({ measured: name, ...summary(t) })));
  const firstPage = JSON.parse((await get('/api/v1/waiting?limit=50', frontline)).body) as { items: unknown[] };
  console.log(
    JSON.stringify(
      {
        engine: handle.engine,
        customers: Number(customers.n),
        contactStates: Number(totals.states),
        waiting: Number(totals.waiting),
        withCadence: Number(totals.keeping),
        dueNow: Number(due.n),
        firstPageItems: firstPage.items.length,
        ...counts,
        colleaguesTakenOver: takenOver,
        today: shown,
        rebuildSeconds,
        measuredAt: new Date().toISOString(),
        machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadavg: load.map((l) => l.map((x) => +x.toFixed(2))) },
      },
      null,
      1,
    ),
  );
  await app.close();
  await handle.close();
}

await main();
