import { useState } from 'react';
import { handoffs } from '../api/endpoints';
import type { HandoffBanner as Banner } from '../api/types';
import { HandoffLines } from './HandoffCard';
import { when } from './handoff-words';

/** At the top of the brief: the customer's hand-offs until their new owner has read them. "Read it" records that you have. */
export function HandoffBanner({ customerId, items, onRead }: { customerId: string; items: Banner[] | undefined; onRead: () => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  if (!items?.length) return null;
  const read = async (id: string) => {
    setBusy(id);
    setFailed(false);
    try {
      await handoffs.read(id, customerId);
      onRead();
    } catch {
      setFailed(true);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="handoff-banners">
      {items.map((h) => {
        const heading = `Handed over by ${h.fromStaffName ?? 'a colleague'} to ${h.toName}`;
        return (
          <section key={h.handoffId} className="handoff-banner" role="region" aria-label={heading}>
            <h3>{heading}</h3>
            <p className="muted">
              {h.status === 'pending' ? `Pending since ${when(h.createdAt)}: not accepted yet.` : `Accepted by ${h.acceptedByName ?? 'a colleague'}${h.acceptedAt ? ` ${when(h.acceptedAt)}` : ''}.`}
            </p>
            <HandoffLines notes={h.notes} promises={h.promises} cases={h.cases} />
            <button type="button" className="small" disabled={busy === h.handoffId} onClick={() => void read(h.handoffId)}>
              {busy === h.handoffId ? 'Saving…' : 'Mark hand-off as read'}
            </button>
          </section>
        );
      })}
      {failed ? (
        <p className="form-error" role="alert">
          That could not be saved. Try again.
        </p>
      ) : null}
    </div>
  );
}
