import type { Handoff, HandoffTopic } from '../api/types';

/** Hand-offs in words, for the screens. */

export const topics: { topic: HandoffTopic; label: string; hint: string }[] = [
  { topic: 'told', label: 'What they were told', hint: 'So nobody contradicts it or makes them repeat it' },
  { topic: 'worries', label: 'What worries them', hint: 'In their words, where you can' },
  { topic: 'sensitivities', label: 'Sensitivities', hint: 'What to be careful about. Private: only you, admins and managers of their location read it' },
  { topic: 'next_step', label: 'Next step', hint: 'What happens next, and who does it' },
];

export const topicLabel = (topic: string) => topics.find((t) => t.topic === topic)?.label ?? topic;

/** "Joy Mensah → the next shift at Ward 6". */
export const addressee = (h: Pick<Handoff, 'toStaffName' | 'toLocationName'>) => h.toStaffName ?? (h.toLocationName ? `the next shift at ${h.toLocationName}` : 'the next shift');

export const when = (iso: string) => new Date(iso).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'short' });

export const statusWords = (h: Pick<Handoff, 'status' | 'acceptedByName' | 'acceptedAt' | 'withdrawnByName' | 'withdrawnAt'>) =>
  h.status === 'pending'
    ? 'Pending: not accepted yet'
    : h.status === 'withdrawn'
      ? `Withdrawn by ${h.withdrawnByName ?? 'a colleague'}${h.withdrawnAt ? `, ${when(h.withdrawnAt)}` : ''}: nothing moved`
      : `Accepted by ${h.acceptedByName ?? 'a colleague'}${h.acceptedAt ? `, ${when(h.acceptedAt)}` : ''}`;
