import type { CaseField } from '../api/types';
import { fullDate } from '../ui/format';

/** Words of "help first, fill in later": when a field is due, as a person reads it. */

export function dueWords(f: Pick<CaseField, 'due' | 'dueAt' | 'hours' | 'value' | 'overdue'>): string {
  if (f.value !== null) return 'filled in';
  if (f.due === 'close') return 'due before closing';
  if (f.dueAt === null) return 'due when help is dispatched';
  return f.overdue ? `overdue since ${fullDate(f.dueAt)}` : `due by ${fullDate(f.dueAt)}`;
}

export const dueKindWords: Record<CaseField['due'], string> = {
  dispatch: 'At dispatch',
  close: 'Before closing',
  hours: 'Within hours of opening',
};

/** What the lookup typed, as the intake reads it: a number or a name. */
export function callerOf(text: string): { callbackNumber?: string; name?: string } {
  const value = text.trim().replace(/\s+/g, ' ');
  if (!value) return {};
  if (/^\+?[\d\s().\-/]+$/.test(value) && value.replace(/\D/g, '').length >= 5) return { callbackNumber: value };
  return { name: value };
}

export const urgentPath = (q: string, customerId?: string) => `/urgent/new${customerId ? `?customerId=${encodeURIComponent(customerId)}` : q ? `?q=${encodeURIComponent(q)}` : ''}`;
