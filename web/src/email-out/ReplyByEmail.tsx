import type { TimelineItem } from '../api/types';
import { useEmailOut } from './WriteEmail';

/**
 * "Reply by email" on an email in the customer's timeline (theirs, or one we sent), when they may be
 * written to: the composer opens with "Re: " and that email's subject, threaded under it.
 */
export function ReplyByEmail({ item }: { item: TimelineItem }) {
  const email = useEmailOut();
  if (item.kind !== 'interaction' || item.channel !== 'email' || !email?.info?.canWrite) return null;
  return (
    <button type="button" className="quiet small" aria-label={`Reply by email: ${item.title}`} onClick={() => email.write(item.id)}>
      Reply by email
    </button>
  );
}
