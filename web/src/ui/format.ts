/** Dates, money and names written the way a person reads them. */

const dayMs = 86_400_000;

export function ago(iso: string, now = new Date()): string {
  const then = new Date(iso);
  const days = Math.floor((startOfDay(now) - startOfDay(then)) / dayMs);
  if (days <= 0) {
    const minutes = Math.round((now.getTime() - then.getTime()) / 60_000);
    if (minutes < 1) return 'just now';
    if (minutes < 60) return `${minutes} min ago`;
    return `today ${then.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' })}`;
  }
  if (days === 1) return 'yesterday';
  if (days < 14) return `${days} days ago`;
  if (days < 60) return `${Math.round(days / 7)} weeks ago`;
  if (days < 730) return `${Math.round(days / 30.4)} months ago`;
  return `${Math.floor(days / 365.25)} years ago`;
}

const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

export const fullDate = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const digitsOf = (currency: string) => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
};

export function money(minor: number, currency: string): string {
  const value = minor / 10 ** digitsOf(currency);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

/** "12.50" → 1250 for a two-decimal currency; null when it is not an amount. */
export function toMinor(amount: string, currency: string): number | null {
  const text = amount.replace(/[\s,]/g, '').replace(/^[^\d.-]+/, '');
  if (!/^-?\d*(\.\d*)?$/.test(text) || !/\d/.test(text)) return null;
  return Math.round(Number(text) * 10 ** digitsOf(currency));
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function partialDate(date: { year: number | null; month: number | null; day: number | null } | null): string {
  if (!date) return '';
  const month = date.month ? new Date(2000, date.month - 1, 1).toLocaleString(undefined, { month: 'long' }) : '';
  return [date.day ?? '', month, date.year ?? ''].filter(Boolean).join(' ');
}

/** The first line of a text, cut to `max` characters with an ellipsis (as the server cuts titles). */
export function firstLine(text: string, max = 80): string {
  const line = (text.split(/\r?\n/).find((l) => l.trim()) ?? '').trim();
  const chars = [...line];
  return chars.length > max ? `${chars.slice(0, max - 1).join('').trimEnd()}…` : line;
}
