import { useEffect, useRef, useState } from 'react';
import { merges } from '../api/endpoints';
import type { Customer, Merge, MergeReceipt } from '../api/types';
import { useSession } from '../auth/session';
import { useCustomerRefresh } from '../customers/customer-refresh';
import { customerPath, Link } from '../router';
import { useResource } from '../ui/useResource';
import { MergeNoticeCard } from './MergeNoticeCard';
import { forgetMergeNotice, mergeNoticeFor } from './merge-notice';
import { mergeLine, mergePath } from './merge-words';
import { UndoMerge } from './UndoMerge';

/**
 * "Other records of this person": the records merged into this customer (or this one merged away),
 * with Undo for managers and admins, and the way to merge another record in. Frontline staff see
 * the list only, and nothing when there is none.
 */
export function MergesPanel({ customer }: { customer: Customer }) {
  const { me } = useSession();
  const manager = me.role !== 'frontline';
  const reloadPage = useCustomerRefresh();
  const [reloads, setReloads] = useState(0);
  const list = useResource(() => merges.list(customer.id), [customer.id, reloads]);
  const [asking, setAsking] = useState<string | null>(null);
  const [status, setStatus] = useState<{ text: string; otherId: string; otherName: string } | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  // What the merge screen left for this page ("Merged."), shown once the page is up.
  const [notice, setNotice] = useState(() => mergeNoticeFor(customer.id));
  useEffect(() => {
    if (notice) forgetMergeNotice(notice);
  }, [notice]);

  const undone = (merge: Merge, receipt: MergeReceipt) => {
    setAsking(null);
    setNotice(null);
    const name = merge.mergedName || 'The other record';
    setStatus({ text: `${name} is a separate customer again, with the records that were theirs.`, otherId: receipt.mergedId, otherName: name });
    setReloads((r) => r + 1);
    reloadPage?.();
    requestAnimationFrame(() => statusRef.current?.focus());
  };

  const items = list.data ?? [];
  if (!manager && !items.length) return null;
  return (
    <section className="card merges-panel" aria-labelledby="merges-title" aria-busy={list.loading}>
      <h2 id="merges-title">Other records of this person</h2>
      <p role="status" className="hint" ref={statusRef} tabIndex={-1}>
        {status ? (
          <>
            {status.text} <Link href={customerPath(status.otherId)}>Open {status.otherName}</Link>
          </>
        ) : null}
      </p>
      {list.error ? (
        <p className="form-error" role="alert">
          The merges could not be loaded.
        </p>
      ) : null}
      {items.length ? (
        <ul className="plain merge-list">
          {items.map((m) => (
            <li key={m.id}>
              <p>
                {mergeLine(m, customer.id)}
                {m.reason ? <span className="muted"> “{m.reason}”</span> : null}
              </p>
              {m.survivorId !== customer.id ? <Link href={customerPath(m.survivorId)}>Open the record it was merged into</Link> : null}
              {manager && m.survivorId === customer.id && !m.undoneAt ? (
                <UndoMerge merge={m} asking={asking === m.id} onAsk={() => setAsking(m.id)} onCancel={() => setAsking(null)} onUndone={(r) => undone(m, r)} />
              ) : null}
            </li>
          ))}
        </ul>
      ) : !list.loading ? (
        <p className="muted">No other record has been merged into this one.</p>
      ) : null}
      {manager ? <Link href={mergePath(customer.id)}>Merge another record into this one</Link> : null}
      <MergeNoticeCard
        notice={notice}
        onUndo={(mergeId) => {
          setNotice(null);
          setAsking(mergeId);
        }}
        onClose={() => setNotice(null)}
      />
    </section>
  );
}
