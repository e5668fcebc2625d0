import type { CaseStatus, CaseTargetKind } from '../platform/database/schema.js';

/** Cases in words a person reads: statuses, targets, durations in business hours, the steps of a case. Pure. */

export const statusWords: Record<CaseStatus, string> = {
  new: 'new',
  open: 'open',
  waiting_on_customer: 'waiting on the customer',
  waiting_on_us: 'waiting on us',
  resolved: 'resolved',
  closed: 'closed',
};

export const targetWords: Record<CaseTargetKind, string> = {
  first_response: 'first-response',
  next_response: 'next-response',
  resolution: 'resolution',
};

/** "45 business minutes", "1 business hour", "3 business hours", "2 business hours 30 minutes" (rounded down to the minute). */
export function businessDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 60_000));
  if (total < 60) return `${total} business ${total === 1 ? 'minute' : 'minutes'}`;
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  const head = `${hours} business ${hours === 1 ? 'hour' : 'hours'}`;
  return rest && hours < 10 ? `${head} ${rest} ${rest === 1 ? 'minute' : 'minutes'}` : head;
}

/** "the boiler", "Mr Okafor's claim": a subject read after "The case about", its first letter lowered unless it starts a name or an acronym. */
export function aboutWords(subject: string): string {
  const trimmed = subject.trim().replace(/[.\s]+$/u, '');
  const [first = '', second = ''] = [...trimmed];
  return first && first === first.toUpperCase() && second === second.toLowerCase() && second !== second.toUpperCase() ? first.toLowerCase() + trimmed.slice(first.length) : trimmed;
}

export interface EventLike {
  kind: string;
  fromValue: string | null;
  toValue: string | null;
  note: string | null;
}

const nameOr = (names: Map<string, string>, id: string | null, nobody: string) => (id ? (names.get(id) ?? 'a former colleague') : nobody);

/** One step of a case's history in words: "Status: open → waiting on the customer". */
export function eventText(e: EventLike, names: Map<string, string>): string {
  const note = e.note ? `: ${e.note}` : '';
  switch (e.kind) {
    case 'opened':
      return 'Opened';
    case 'status':
      return `Status: ${statusWords[e.fromValue as CaseStatus] ?? e.fromValue} → ${statusWords[e.toValue as CaseStatus] ?? e.toValue}`;
    case 'priority':
      return `Priority: ${e.fromValue} → ${e.toValue}`;
    case 'owner':
      return `Owner: ${nameOr(names, e.fromValue, 'no one')} → ${nameOr(names, e.toValue, 'no one')}`;
    case 'location':
      return `Location: ${nameOr(names, e.fromValue, 'none')} → ${nameOr(names, e.toValue, 'none')}`;
    case 'escalated':
      return `Escalated to ${nameOr(names, e.toValue, 'a manager')}${note}`;
    case 'apology':
      return `Explained and apologised for a missed target${note}`;
    default:
      return e.kind;
  }
}

/** What the brief says about one of the customer's cases (facts worked out from its clocks). */
export interface CaseBriefFact {
  subject: string;
  status: CaseStatus;
  /** A target missed and not yet apologised for: which, and how much business time since it was missed. */
  breach: { kind: CaseTargetKind; sinceMs: number } | null;
  /** The next target still owed, and the business time left to it. */
  next: { kind: CaseTargetKind; leftMs: number; paused: boolean } | null;
}

/**
 * Sentences for "What we owe them": a missed target prompts whoever reads it to explain and
 * apologise; other open cases say what is owed and how long is left.
 */
export function caseSentences(cases: readonly CaseBriefFact[]): { sentences: string[]; attention: boolean } {
  const sentences: string[] = [];
  for (const c of cases.filter((c) => c.breach)) {
    const { kind, sinceMs } = c.breach!;
    const ago = sinceMs < 60_000 ? 'just now' : `${businessDuration(sinceMs)} ago`;
    sentences.push(`The case about ${aboutWords(c.subject)} passed its ${targetWords[kind]} target ${ago}: explain and apologise.`);
  }
  for (const c of cases.filter((c) => !c.breach).slice(0, 3)) {
    const what = c.next
      ? c.next.paused
        ? `, waiting on the customer (${businessDuration(c.next.leftMs)} left to the ${targetWords[c.next.kind]} target)`
        : `: ${businessDuration(c.next.leftMs)} left to the ${targetWords[c.next.kind]} target`
      : `, ${statusWords[c.status]}`;
    sentences.push(`Open case about ${aboutWords(c.subject)}${what}.`);
  }
  return { sentences, attention: cases.some((c) => c.breach) };
}

/** "Mon 2 Mar, 14:30" in the location's time zone (UTC when it has none). */
export function localTime(ms: number, timezone: string | null): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: timezone ?? 'UTC', weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms));
}

/** "a 1-hour first-response target", "a 2-business-day"... kept in hours: "an 8-hour resolution target". */
export function targetPhrase(kind: CaseTargetKind, minutes: number): string {
  const span = minutes % 60 === 0 ? `${minutes / 60}-hour` : `${minutes}-minute`;
  return `${/^(8|11|18)/.test(span) ? 'an' : 'a'} ${span} ${targetWords[kind]} target`;
}
