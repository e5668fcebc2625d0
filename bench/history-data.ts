/**
 * The history of generated customers as the app stores it, for bench/today.ts and bench/scale-data.ts:
 * 40 locations (four US time zones, three kinds of opening hours) with 10 frontline staff and a
 * manager each; per customer earlier contacts (1 to 3), about 10% waiting for an answer (a third of
 * them on two channels), a purchase for one in five, a keep-in-touch cadence for 10%; open promises
 * for about 5% and open cases for about 5%, with kept, broken and cancelled promises and resolved
 * cases behind them, and life events (a few recorded in the last days). A case's stored clock
 * (target_kind, warn_at, due_at, late_count, first_response_at) is worked out by `caseClocks`, the
 * rule behind `refreshCaseClock`, from the case's history, thread and its location's calendar.
 * Rows go to a bulk sink (bench/sinks.ts): no audit, no lookup index.
 */
import type { BusinessCalendar } from '../src/business-hours/business-hours.js';
import { addBusinessTime } from '../src/business-hours/business-hours.js';
import { caseClocks } from '../src/cases/case-clock-rules.js';
import { dueAtOf, type FieldDue } from '../src/cases/case-field-rules.js';
import type { Week } from '../src/locations/location-calendar-rules.js';
import type { Db } from '../src/platform/database/connect.js';
import type { CasePriority, CaseStatus } from '../src/platform/database/schema.js';
import { newId } from '../src/platform/ids.js';
import { dueByOf } from '../src/promises/promise-rules.js';
import { localDate } from '../src/promises/promise-time.js';
import { createStaff } from '../src/staff/staff-commands.js';
import type { Sink, Value } from './sinks.js';

const minuteMs = 60_000;
const hourMs = 3_600_000;
const dayMs = 86_400_000;

const authoredColumns = { created_at: 'time', updated_at: 'time', created_by: 'text', updated_by: 'text' } as const;
/** The columns of the rows written below, in the order of their values (the types say what goes in). */
const columns = {
  locations: { id: 'text', name: 'text', timezone: 'text', opening_hours: 'text', created_at: 'time', updated_at: 'time' },
  staff: { id: 'text', email: 'text', name: 'text', role: 'text', password_hash: 'text', active: 'bool', created_at: 'time', updated_at: 'time' },
  staff_locations: { staff_id: 'text', location_id: 'text' },
  interactions: { id: 'text', customer_id: 'text', channel: 'text', direction: 'text', occurred_at: 'time', summary: 'text', staff_id: 'text', location_id: 'text', created_at: 'time', updated_at: 'time', case_id: 'text', created_by: 'text', updated_by: 'text' },
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
    completed_at: 'time',
    ...authoredColumns,
  },
  case_fields: { id: 'text', case_id: 'text', customer_id: 'text', field_key: 'text', label: 'text', position: 'int', due: 'text', due_hours: 'int', due_at: 'time', value: 'text', filled_at: 'time', filled_by: 'text' },
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
type Table = keyof typeof columns;


const awaiting = ['call', 'voicemail', 'email', 'sms', 'chat', 'letter', 'web_form'] as const;
const answering = [
  ['visit', 'inbound'],
  ['call', 'outbound'],
  ['email', 'outbound'],
  ['meeting', 'inbound'],
] as const;
const cadences = [30, 60, 90, 180, 365];
export const locationCount = 40;
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

export type Targets = Record<CasePriority, { first: number | null; next: number | null; resolution: number | null }>;
const priorities: [CasePriority, number][] = [
  ['urgent', 0.05],
  ['high', 0.25],
  ['normal', 0.8],
  ['low', 1],
];
/** Of the case types migration 0017 seeds: complaints (which want three fields) and general ones (none). */
const caseSubjects = [
  ['Internet drops every evening', 'general'],
  ['Card declined abroad', 'general'],
  ['Order arrived damaged', 'complaint'],
  ['Charged twice for one purchase', 'complaint'],
  ['Question about the annual fee', 'general'],
  ['Warranty repair not back yet', 'general'],
  ['Delivery missed, nobody called', 'complaint'],
  ['How do I change my address?', 'general'],
  ['Refund not received', 'general'],
] as const;
/** The fields of the seeded types the generated cases use (migration 0017). */
const caseTypeFields: Record<string, { key: string; label: string; due: FieldDue; hours?: number }[]> = {
  complaint: [
    { key: 'what_happened', label: 'What happened', due: 'hours', hours: 24 },
    { key: 'reference', label: 'Order or reference number', due: 'hours', hours: 72 },
    { key: 'outcome_wanted', label: 'What they would like us to do', due: 'close' },
  ],
  general: [],
};
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


export interface HistoryOptions {
  sink: Sink;
  /** The customers' stream: contacts, waiting, purchases, cadences. */
  random: () => number;
  /** A stream of its own for promises, cases and life events. */
  extra: () => number;
  /** The case targets by priority, as stored (case_targets). */
  targets: Targets;
  now?: number;
  /** Replaces the plain purchase of one customer in five (scale-data.ts writes purchases with items). */
  purchase?: (customerId: string, l: number, at: number) => void | Promise<void>;
}

/** Writes the locations and their staff, and returns the writers of one customer's history. */
export async function historyData(options: HistoryOptions) {
  const { targets, random, extra } = options;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const pickExtra = <T>(list: readonly T[]) => list[Math.floor(extra() * list.length)]!;
  const now = options.now ?? Date.now();
  const writer = {
    add: (table: Table, values: Value[]) => {
      const names = Object.keys(columns[table]);
      if (values.length !== names.length) throw new Error(`${table}: ${values.length} values for ${names.length} columns`);
      const row: Record<string, Value> = {};
      for (let i = 0; i < names.length; i++) row[names[i]!] = values[i]!;
      return options.sink.add(table, row);
    },
  };
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
    // Logged when it happened, by whoever took it (an inbound message nobody answered yet: by no one).
    await writer.add('interactions', [id, customerId, channel, direction, iso(when), summary, staffId, location, iso(when), iso(when), caseId, staffId, staffId]);
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
    return id;
  };

  /** One case, open (mostly recent) or resolved, with its history, thread and stored clock. */
  /** `pressing`: opened three days ago and not answered yet (past its first-response target). */
  const kase = async (customerId: string, l: number, owner: string | null, isOpen: boolean, pressing = false) => {
    const calendar = calendars[l]!;
    const location = locations[l]!;
    const roll = extra();
    const priority = pressing ? 'high' : priorities.find(([, upTo]) => roll < upTo)![0];
    const target = targets[priority];
    const drawnAt = isOpen ? now - (extra() < 0.8 ? extra() * extra() * 10 * dayMs : (10 + extra() * 80) * dayMs) : now - (5 + extra() * extra() * 725) * dayMs;
    const openedAt = pressing ? now - 3 * dayMs : drawnAt;
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
    const unanswered = pressing || firstAnswer === null || firstAnswer > now - minuteMs || (isOpen && now - openedAt < 2 * dayMs && extra() < 0.3);
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
    // Complete when every field the type wants has a value: at once for a type that wants none.
    const complete = !isOpen || (caseTypeFields[caseType] ?? []).length <= 1;
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
      complete ? iso(openedAt) : null,
      iso(openedAt), iso(updatedAt), owner, owner,
    ]);
    for (const e of events) await writer.add('case_events', e);
    // The fields the case's type wants, as applyTypeFields writes them when the case is opened.
    for (const [position, f] of (caseTypeFields[caseType] ?? []).entries()) {
      const value = isOpen && position > 0 ? null : position === 0 ? subject : f.key === 'reference' ? `R-${id.slice(-6)}` : 'A refund';
      await writer.add('case_fields', [newId(), id, customerId, f.key, f.label, position, f.due, f.hours ?? null, dueAtOf(f, iso(openedAt), null), value, value === null ? null : iso(openedAt), value === null ? null : owner]);
    }
    n.cases++;
    n.caseEvents += events.length;
    if (isOpen) n.openCases++;
    return { id, status: last.status, owner };
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

  const purchase =
    options.purchase ?? ((customerId: string, _l: number, when: number) => writer.add('transactions', [newId(), customerId, 'purchase', iso(when), 1999, 'USD', stamp, stamp]));

  /** One customer's history, at location number `l` (write the customer row first); says their open promises and cases. */
  const customer = async (id: string, l: number) => {
    const location = locations[l]!;
    const who = () => pick(staffAt[l]!);
    const colleague = () => pickExtra(staffAt[l]!);
    const openPromises: { id: string; owner: string }[] = [];
    const openCases: { id: string; status: CaseStatus; owner: string | null }[] = [];
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
    if (random() < 0.2) await purchase(id, l, now - Math.floor(random() * 730 * dayMs));
    if (random() < 0.1) {
      const set = at(Math.floor(random() * 400 * dayMs));
      await writer.add('keep_in_touch', [newId(), id, pick(cadences), random() < 0.9 ? who() : null, set, set]);
      n.keeping++;
    }
    // Promises: about 5% of customers have open ones (a few have two or three), 10% kept or closed ones.
    if (extra() < 0.045) {
      const owner = colleague();
      for (let k = extra() < 0.1 ? (extra() < 0.2 ? 3 : 2) : 1; k > 0; k--) openPromises.push({ id: await promise(id, l, owner, true, extra() < 0.6 ? lastContact : null), owner });
    }
    if (extra() < 0.1) for (let k = extra() < 0.2 ? 2 : 1; k > 0; k--) await promise(id, l, colleague(), false, null);
    // Cases: about 5% have open ones (a few two), 8% resolved or closed ones.
    if (extra() < 0.045) {
      const owner = extra() < 0.95 ? colleague() : null;
      for (let k = extra() < 0.1 ? 2 : 1; k > 0; k--) openCases.push(await kase(id, l, owner, true));
    }
    if (extra() < 0.08) await kase(id, l, colleague(), false);
    // Life events: 2% over two years, 0.4% recorded in the last three weeks.
    if (extra() < 0.02) await lifeEvent(id, l, extra() < 0.9 ? colleague() : null, now - extra() * 730 * dayMs);
    if (extra() < 0.004) await lifeEvent(id, l, extra() < 0.9 ? colleague() : null, now - extra() * 21 * dayMs);
    return { openPromises, openCases };
  };
  return { locations, staffAt, managerAt, calendars, counts: n, customer, contact, promise, kase, lifeEvent };
}

/** The e-mail address of a bench staff member ('frontline', 1). */
export const benchStaffEmail = (role: string, n: number) => `bench-${role}-${n}@bench.example`;

/**
 * The staff the benchmarks sign in as, made by `createStaff` (real password hashes): a frontline at
 * the first location who takes over a generated colleague's customers there (their contacts, cadences,
 * promises and cases; at small counts more colleagues', until "mine" holds 20 open promises and 20 open
 * cases or there are none left), a manager of the second location and one of the next three (cases of
 * those locations are escalated to them), and an admin. Contact states are to be rebuilt after this.
 */
export async function createBenchStaff(db: Db, history: { locations: string[]; staffAt: string[][]; managerAt: string[] }, password: string) {
  const { locations, staffAt, managerAt } = history;
  const email = benchStaffEmail;
  const frontline = await createStaff(db, null, { email: email('frontline', 1), name: 'Bench Frontline', role: 'frontline', password, locationIds: [locations[0]!] });
  const manager1 = await createStaff(db, null, { email: email('manager', 1), name: 'Bench Manager One', role: 'manager', password, locationIds: [locations[1]!] });
  const manager3 = await createStaff(db, null, { email: email('manager', 3), name: 'Bench Manager Three', role: 'manager', password, locationIds: locations.slice(2, 5) });
  const admin = await createStaff(db, null, { email: email('admin', 1), name: 'Bench Admin', role: 'admin', password });
  const colleague = staffAt[0]![0]!;
  await db.updateTable('keepInTouch').set({ ownerId: frontline }).where('ownerId', '=', colleague).execute();
  await db.updateTable('interactions').set({ staffId: frontline }).where('staffId', '=', colleague).execute();
  // Their promises and cases too: the first colleague’s (about 120 open promises and as many open
  // cases at a million customers); at small counts more colleagues', until "mine" holds 20 of each.
  let takenOver = 0;
  for (const from of staffAt[0]!) {
    await db.updateTable('promises').set({ ownerId: frontline }).where('ownerId', '=', from).execute();
    await db.updateTable('promises').set({ createdBy: frontline }).where('createdBy', '=', from).execute();
    await db.updateTable('cases').set({ ownerId: frontline }).where('ownerId', '=', from).execute();
    takenOver++;
    const mine = await Promise.all([
      db.selectFrom('promises').select((eb) => eb.fn.countAll<number>().as('n')).where('ownerId', '=', frontline).where('status', '=', 'open').executeTakeFirstOrThrow(),
      db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('ownerId', '=', frontline).where('status', 'in', ['new', 'open', 'waiting_on_customer', 'waiting_on_us']).executeTakeFirstOrThrow(),
    ]);
    if (Number(mine[0].n) >= 20 && Number(mine[1].n) >= 20) break;
  }
  // The bench managers are the ones their locations' cases are escalated to.
  for (const [manager, at] of [[manager1, [1]], [manager3, [2, 3, 4]]] as const) {
    const generated = at.map((l) => managerAt[l]!);
    await db.updateTable('cases').set({ escalatedTo: manager }).where('escalatedTo', 'in', generated).execute();
    await db.updateTable('caseEvents').set({ toValue: manager }).where('kind', '=', 'escalated').where('toValue', 'in', generated).execute();
  }
  return { frontline, manager1, manager3, admin, takenOver };
}
