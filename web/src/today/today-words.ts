import { ago } from '../ui/format';

/** When an item's moment is, the way a person reads it: "4 days ago", or "on 12 Dec" when still to come. */
export function when(iso: string, now = new Date()): string {
  const at = new Date(iso);
  if (at.getTime() > now.getTime() + 60_000) return `on ${at.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}`;
  return ago(iso, now);
}

/** What an empty Today says: short, and what will show here. */
export const nothingToday = 'Nothing needs you today. Promises due, customers waiting and news worth acknowledging show here.';
