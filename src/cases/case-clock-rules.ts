import { addBusinessTime, businessTime, mergeSpans, minuteMs, type BusinessCalendar, type Span } from '../business-hours/business-hours.js';
import type { CaseStatus, CaseTargetKind } from '../platform/database/schema.js';

/**
 * A case's response targets as clocks, counted in business hours of its location's calendar.
 * Pure: the case's facts in, its clocks out.
 *
 * - First response: from opening until the first response on the case (an outbound contact in its
 *   thread, or a conversation: a call, a visit or a meeting either way, answered there and then, as
 *   the contact state (src/contact-state/contact-state-rules.ts) counts it) made after it was opened.
 * - Next response: after the first response, each inbound contact in the thread that no response has
 *   followed yet starts a clock (one at a time: a second message before the answer waits with the
 *   first), stopped by the next response.
 * - Resolution: from opening until resolved or closed.
 *
 * No clock counts while the case is waiting on the customer, nor while it was resolved or closed and
 * later reopened; a case resolved or closed now stops every clock. A clock is breached when it used
 * more than its target.
 */

export const openStatuses: readonly CaseStatus[] = ['new', 'open', 'waiting_on_customer', 'waiting_on_us'];
export const isOpenStatus = (s: CaseStatus): boolean => openStatuses.includes(s);
export const targetKinds: readonly CaseTargetKind[] = ['first_response', 'next_response', 'resolution'];

/**
 * Conversations (a call someone took, a visit, a meeting) are answered there and then, whoever
 * started them; mailings and invoices answer nothing. A call nobody took is logged as a voicemail.
 */
const conversations = new Set(['call', 'visit', 'meeting']);
const notPersonal = new Set(['newsletter', 'direct_mail', 'invoice_sent']);
export const isResponse = (c: ThreadContact) => !notPersonal.has(c.channel) && (c.direction === 'outbound' || conversations.has(c.channel));
export const awaitsReply = (c: ThreadContact) => c.direction === 'inbound' && !conversations.has(c.channel);

export interface ThreadContact {
  at: number;
  direction: 'inbound' | 'outbound';
  channel: string;
}

export interface CaseFacts {
  openedAt: number;
  /** Business minutes for each target; null: no target. */
  targets: Record<CaseTargetKind, number | null>;
  /** The case's status from opening on, oldest first (the first is its status when opened). */
  statuses: { at: number; status: CaseStatus }[];
  /** The contacts of its thread. */
  thread: ThreadContact[];
}

export type ClockState = 'none' | 'idle' | 'running' | 'paused' | 'met' | 'missed';

export interface Clock {
  kind: CaseTargetKind;
  targetMinutes: number | null;
  state: ClockState;
  startedAt: number | null;
  /** Answered, resolved or closed. */
  stoppedAt: number | null;
  /** Business time used, to the stop or to now. */
  usedMs: number;
  /** Target minus used: negative once past. Null without a target or a clock. */
  leftMs: number | null;
  /** When 80% of the target is (or was) used, and when the target is (or was) breached; null when that never comes (paused, or met). */
  warnAt: number | null;
  dueAt: number | null;
  breached: boolean;
}

export interface CaseClocks {
  /** One per kind: for next response the one running, else the latest. */
  clocks: Clock[];
  /** Every next-response clock, oldest first. */
  nextResponses: Clock[];
  firstResponseAt: number | null;
  /** Targets missed and done with (answered or resolved late). */
  lateCount: number;
  /** Targets breached in all: missed ones and those running past their target now. */
  breaches: number;
  /**
   * What lists, Today, reminders and figures watch (stored on the case by refreshCaseClock): of the
   * clocks still going, the kind and due moment of the one that falls due first, and the earliest
   * 80% mark among them (usually that clock's; another's when a longer target started earlier). A
   * case needs attention from `warnAt` on, and is past a target from `dueAt` on. Neither moves as
   * time passes: only a change of the case, its thread or its location's calendar moves them.
   */
  next: { kind: CaseTargetKind; warnAt: number | null; dueAt: number } | null;
}

const closedStatus = (s: CaseStatus) => !isOpenStatus(s);

/** The stretches of each status, the last one open-ended. */
function stretches(statuses: CaseFacts['statuses']): { status: CaseStatus; from: number; to: number }[] {
  return statuses.map((s, i) => ({ status: s.status, from: s.at, to: statuses[i + 1]?.at ?? Infinity }));
}

export function caseClocks(calendar: BusinessCalendar, facts: CaseFacts, now: number): CaseClocks {
  const history = stretches(facts.statuses);
  const current = history.at(-1);
  // A case resolved or closed now: every clock stopped when it was.
  const finalStop = current && closedStatus(current.status) ? current.from : null;
  const pauses: Span[] = mergeSpans(history.filter((h) => h.status === 'waiting_on_customer' || closedStatus(h.status)).map(({ from, to }) => ({ from, to })));
  const waitingNow = current?.status === 'waiting_on_customer';

  const clock = (kind: CaseTargetKind, start: number | null, answeredAt: number | null): Clock => {
    const targetMinutes = facts.targets[kind];
    const stop = start === null ? null : minOf(answeredAt, finalStop !== null && finalStop >= start ? finalStop : null);
    if (targetMinutes === null || start === null || (finalStop !== null && start >= finalStop && answeredAt === null)) {
      return { kind, targetMinutes, state: targetMinutes === null ? 'none' : 'idle', startedAt: start, stoppedAt: stop, usedMs: 0, leftMs: null, warnAt: null, dueAt: null, breached: false };
    }
    const targetMs = targetMinutes * minuteMs;
    const usedMs = businessTime(calendar, start, Math.max(start, stop ?? now), pauses);
    const dueAt = addBusinessTime(calendar, start, targetMs, pauses);
    const warnAt = addBusinessTime(calendar, start, Math.round(targetMs * 0.8), pauses);
    const breached = usedMs > targetMs;
    const state: ClockState = stop !== null ? (breached ? 'missed' : 'met') : waitingNow ? 'paused' : 'running';
    return {
      kind,
      targetMinutes,
      state,
      startedAt: start,
      stoppedAt: stop,
      usedMs,
      leftMs: targetMs - usedMs,
      warnAt: stop !== null && !breached ? null : warnAt,
      dueAt: stop !== null && !breached ? null : dueAt,
      breached,
    };
  };

  const thread = [...facts.thread].sort((a, b) => a.at - b.at);
  // A contact from before the case was opened is its background (the call that raised it), never its answer.
  const firstAnswer = thread.find((c) => isResponse(c) && c.at >= facts.openedAt);
  const firstResponseAt = firstAnswer?.at ?? null;
  const first = clock('first_response', facts.openedAt, firstResponseAt);

  const nextResponses: Clock[] = [];
  if (firstAnswer) {
    let waitingSince: number | null = null;
    for (const contact of thread.slice(thread.indexOf(firstAnswer) + 1)) {
      if (waitingSince === null && awaitsReply(contact)) waitingSince = contact.at;
      else if (waitingSince !== null && isResponse(contact)) {
        nextResponses.push(clock('next_response', waitingSince, contact.at));
        waitingSince = null;
      }
    }
    if (waitingSince !== null) nextResponses.push(clock('next_response', waitingSince, null));
  }
  const nextShown =
    nextResponses.findLast((c) => c.stoppedAt === null && c.state !== 'idle') ??
    nextResponses.at(-1) ?? { ...clock('next_response', null, null), state: facts.targets.next_response === null ? ('none' as const) : ('idle' as const) };
  const resolution = clock('resolution', facts.openedAt, null);

  const all = [first, ...nextResponses, resolution];
  const going = all.filter((c) => (c.state === 'running' || c.state === 'paused') && c.dueAt !== null);
  const soonest = going.sort((a, b) => a.dueAt! - b.dueAt!)[0];
  const lateCount = all.filter((c) => c.state === 'missed').length;
  return {
    clocks: [first, nextShown, resolution],
    nextResponses,
    firstResponseAt,
    lateCount,
    breaches: all.filter((c) => c.breached).length,
    next: soonest ? { kind: soonest.kind, warnAt: earliest(going.map((c) => c.warnAt)), dueAt: soonest.dueAt! } : null,
  };
}

function earliest(moments: (number | null)[]): number | null {
  return moments.reduce<number | null>((a, b) => minOf(a, b), null);
}

function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
