import { expectsAnswer } from '../contact-state/contact-state-rules.js';
import type { DemoInteraction } from './plan.js';
import type { Clock } from './random.js';

/** Messages of the last few days are left waiting for an answer, as on any working day. */
const leftWaitingDays = 4;
const replies: Record<string, string> = {
  call: 'Called back with the answer.',
  email: 'Replied by email.',
  chat: 'Answered in the chat.',
  sms: 'Texted back.',
  letter: 'Wrote back.',
};

/**
 * The answer a message of the crowd got (the stories set their own): a reply on the same channel
 * by the same person two hours later, unless the message came in the last few days. No chance is
 * drawn, so the rest of the crowd stays as it was.
 */
export function answerTo(message: DemoInteraction, clock: Clock): DemoInteraction | null {
  if (!expectsAnswer(message.channel, message.direction) || clock.daysSince(message.at) < leftWaitingDays) return null;
  const at = new Date(Date.parse(message.at) + 2 * 3_600_000).toISOString();
  return { at, channel: message.channel, direction: 'outbound', staff: message.staff, summary: replies[message.channel] ?? 'Replied.' };
}
