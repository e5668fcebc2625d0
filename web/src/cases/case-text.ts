import type { Case, CaseTarget } from '../api/types';

/** Cases in words: statuses, priorities, targets and business time left. */

export const statusLabels: Record<Case['status'], string> = {
  new: 'New',
  open: 'Open',
  waiting_on_customer: 'Waiting on the customer',
  waiting_on_us: 'Waiting on us',
  resolved: 'Resolved',
  closed: 'Closed',
};
export const statuses = Object.keys(statusLabels) as Case['status'][];

export const priorityLabels: Record<Case['priority'], string> = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' };
export const priorities: Case['priority'][] = ['urgent', 'high', 'normal', 'low'];

export const targetLabels: Record<CaseTarget['kind'], string> = {
  first_response: 'First response',
  next_response: 'Next response',
  resolution: 'Resolution',
};

export const isOpen = (c: Pick<Case, 'status'>) => c.status !== 'resolved' && c.status !== 'closed';

/** "45 min", "3 h 20 min", "26 h": business time, rounded to the minute. */
export function span(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest && h < 10 ? `${h} h ${rest} min` : `${h} h`;
}

/** Where one target stands, in a few words. */
export function targetText(t: CaseTarget): string {
  const left = t.leftMinutes ?? 0;
  switch (t.state) {
    case 'none':
      return 'no target';
    case 'idle':
      return 'nothing owed now';
    case 'running':
      return left >= 0 ? `${span(left)} left in business hours` : `${span(-left)} past the target`;
    case 'paused':
      return t.breached ? `${span(-left)} past the target, paused while waiting on the customer` : `paused while waiting on the customer, ${span(left)} left`;
    case 'met':
      return `met in ${span(t.usedMinutes)}`;
    case 'missed':
      return `missed: took ${span(t.usedMinutes)} against ${span(t.targetMinutes ?? 0)}`;
  }
}

/** The target to watch: the first still owed, for a one-line summary. */
export const owedTarget = (c: Pick<Case, 'targets'>): CaseTarget | undefined =>
  c.targets.filter((t) => t.state === 'running' || t.state === 'paused').sort((a, b) => (a.leftMinutes ?? 0) - (b.leftMinutes ?? 0))[0];
