import { formatPhone } from '../common/contact-rules.js';
import { unprocessable } from '../platform/errors.js';
import { toIso } from '../platform/time.js';
import type { CallEventName } from './phone-schemas.js';

/**
 * Pure rules of the phone's screen-pop: what a call's events make of it, and its words.
 *
 * A call rings, then is answered or not; when it ends it is logged once: answered, as a call with its
 * length; not answered, as a missed call, which leaves the customer waiting for a call back. A phone
 * system that reports only the end says whether it was answered by its length (more than 0 seconds).
 * Events are idempotent: the same event of the same call again changes nothing, and nothing comes
 * after the end (a late "answered" is ignored).
 */

export interface CallTimes {
  state: 'ringing' | 'answered' | 'missed';
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
}

/** Checks the parts of an event the schema cannot: a blank call id, a duration on anything but the end. */
export function checkCallEvent(input: { callId: string; event: CallEventName; durationSeconds?: number | undefined }): string {
  const callId = input.callId.trim();
  if (!callId) throw unprocessable('/body/callId', 'must not be blank');
  if (input.durationSeconds !== undefined && input.event !== 'ended') {
    throw unprocessable('/body/durationSeconds', 'only an ended call has a duration: send it with the ended event');
  }
  return callId;
}

/** When a call first heard of by this event started: at the event, or, first heard of at its end, that long before. */
export function startOf(event: CallEventName, at: string, durationSeconds: number | undefined): string {
  if (event !== 'ended' || !durationSeconds) return at;
  return toIso(new Date(Date.parse(at) - durationSeconds * 1000));
}

/** A call answered now, unless it was answered or ended already (then nothing changes). */
export const answers = (call: CallTimes): boolean => call.state === 'ringing' && call.endedAt === null;

/** How a call ends, or null when it had ended already. */
export function ending(call: CallTimes, at: string, durationSeconds: number | undefined): Pick<CallTimes, 'state' | 'answeredAt' | 'endedAt'> & { durationSeconds: number | null } | null {
  if (call.endedAt !== null) return null;
  const endedAt = at < call.startedAt ? call.startedAt : at;
  const answered = call.state === 'answered' || (durationSeconds ?? 0) > 0;
  if (!answered) return { state: 'missed', answeredAt: null, endedAt, durationSeconds: null };
  const answeredAt = call.answeredAt ?? later(call.startedAt, toIso(new Date(Date.parse(endedAt) - (durationSeconds ?? 0) * 1000)));
  const talked = durationSeconds ?? Math.max(0, Math.round((Date.parse(endedAt) - Date.parse(answeredAt)) / 1000));
  return { state: 'answered', answeredAt, endedAt, durationSeconds: talked };
}

const later = (a: string, b: string) => (a > b ? a : b);

/** "45 s", "4 min 12 s", "12 min", "1 h 5 min". */
export function durationWords(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (hours) return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}

/** The number for people: +1 217-555-0142 when it reads as a phone number, else as received; null when withheld (blank). */
export function displayNumber(e164: string | null, received: string | null): string | null {
  if (e164) return formatPhone(e164);
  const text = received?.trim();
  return text ? text : null;
}

/** What the logged contact says: who answered and for how long, or that nobody did. */
export function callSummary(call: { state: 'answered' | 'missed'; number: string | null; agentName: string | null; durationSeconds: number | null }): string {
  const from = call.number ? ` from ${call.number}` : '';
  if (call.state === 'answered') {
    const by = call.agentName ? `, answered by ${call.agentName}` : ', answered';
    return `Phone call${from}${by}: ${durationWords(call.durationSeconds ?? 0)}.`;
  }
  const rang = call.agentName ? ` (it rang ${call.agentName})` : '';
  return `Missed call${from}: nobody answered${rang}. Call them back.`;
}
