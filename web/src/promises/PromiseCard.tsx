import { useState } from 'react';
import { promises } from '../api/endpoints';
import type { CustomerPromise } from '../api/types';
import { useSession } from '../auth/session';
import { offerUndo } from '../trash/undo-notice';
import { Confirm } from '../ui/Confirm';
import { FormError } from '../ui/Field';
import { fullDate } from '../ui/format';
import { useSubmit } from '../ui/useSubmit';
import { CloseForm } from './CloseForm';
import { CustomerLink } from './CustomerLink';
import { HandoverForm } from './HandoverForm';
import { dueWords, revisionWords, statusLine, tellingPrompt, times } from './promise-words';
import { RevisionForm } from './RevisionForm';
import { ToldForm } from './ToldForm';

type Mode = 'date' | 'told' | 'break' | 'cancel' | 'handover' | 'delete' | null;

/** One promise: when it is due, whether it slipped untold, what can be done with it, and its history. */
export function PromiseCard({ promise, onChanged, onDeleted }: { promise: CustomerPromise; onChanged: (p: CustomerPromise) => void; onDeleted: () => void }) {
  const { me } = useSession();
  const [mode, setMode] = useState<Mode>(null);
  const { busy, error, run } = useSubmit();
  const p = promise;
  const open = p.status === 'open';
  const prompt = tellingPrompt(p);

  const saved = (next: CustomerPromise) => {
    setMode(null);
    onChanged(next);
  };
  const keep = async () => {
    const next = await run(() => promises.keep(p.id));
    if (next) saved(next);
  };
  const remove = async () => {
    const receipt = await run(() => promises.remove(p.id));
    if (!receipt) return;
    setMode(null);
    onDeleted();
    offerUndo({ message: `Promise deleted: ${p.what}`, what: 'The promise', trashId: receipt.trashId, after: onDeleted });
  };
  const toggle = (next: Mode) => setMode(mode === next ? null : next);

  return (
    <article className={`promise${p.overdue ? ' overdue' : ''}${open ? '' : ' closed'}`} aria-label={`Promise: ${p.what}`}>
      <h3>{p.what}</h3>
      <p className="promise-status">
        {statusLine(p)}
        {p.ownerName ? <span className="muted"> · {p.ownerName}’s promise</span> : null}
      </p>
      {p.revisions.length ? (
        <p className="muted">
          First promised for {dueWords({ dueOn: p.originalDueOn, dueAt: p.originalDueAt }, p.timezone)}; the date changed {times(p.revisions.length)}.
        </p>
      ) : null}
      {prompt ? <p className="promise-prompt">{prompt}</p> : null}
      <FormError error={error} />
      {open ? (
        <div className="actions">
          <button type="button" className="small" aria-expanded={mode === 'date'} onClick={() => toggle('date')}>
            Change the date
          </button>
          {p.revisions.length ? (
            <button type="button" className="small" aria-expanded={mode === 'told'} onClick={() => toggle('told')}>
              We told them
            </button>
          ) : null}
          <button type="button" className="small" disabled={busy} onClick={() => void keep()}>
            Mark kept
          </button>
          <button type="button" className="quiet small" aria-expanded={mode === 'break'} onClick={() => toggle('break')}>
            Broken
          </button>
          <button type="button" className="quiet small" aria-expanded={mode === 'cancel'} onClick={() => toggle('cancel')}>
            Cancel it
          </button>
          <button type="button" className="quiet small" aria-expanded={mode === 'handover'} onClick={() => toggle('handover')}>
            Hand over
          </button>
          {me.role !== 'frontline' ? (
            <button type="button" className="quiet small" onClick={() => toggle('delete')}>
              Delete
            </button>
          ) : null}
        </div>
      ) : me.role !== 'frontline' ? (
        <button type="button" className="quiet small" onClick={() => toggle('delete')}>
          Delete
        </button>
      ) : null}
      {mode === 'date' ? <RevisionForm promise={p} onSaved={saved} onCancel={() => setMode(null)} /> : null}
      {mode === 'told' ? <ToldForm promise={p} onSaved={saved} onCancel={() => setMode(null)} /> : null}
      {mode === 'break' || mode === 'cancel' ? <CloseForm promise={p} how={mode} onSaved={saved} onCancel={() => setMode(null)} /> : null}
      {mode === 'handover' ? <HandoverForm promise={p} onSaved={saved} onCancel={() => setMode(null)} /> : null}
      {mode === 'delete' ? (
        <Confirm question="Delete this promise?" confirmLabel="Delete" busy={busy} onConfirm={() => void remove()} onCancel={() => setMode(null)}>
          <p className="hint">Only for a promise recorded in error: it goes to the trash with its history, where a manager can restore it.</p>
        </Confirm>
      ) : null}
      <CustomerLink promise={p} onChanged={onChanged} />
      <details className="promise-history">
        <summary>History</summary>
        <ol className="change-list">
          <li>
            <time dateTime={p.madeAt}>{fullDate(p.madeAt)}</time>: promised for {dueWords({ dueOn: p.originalDueOn, dueAt: p.originalDueAt }, p.timezone)}.
          </li>
          {[
            ...p.revisions.map((r) => ({ at: r.createdAt, text: revisionWords(r, p.timezone) })),
            ...p.handovers.map((h) => ({ at: h.createdAt, text: `Handed from ${h.fromStaffName ?? 'a colleague'} to ${h.toStaffName ?? 'a colleague'}: ${h.reason}` })),
          ]
            .sort((a, b) => a.at.localeCompare(b.at))
            .map((e) => (
              <li key={`${e.at}-${e.text}`}>
                <time dateTime={e.at}>{fullDate(e.at)}</time>: {e.text}
              </li>
            ))}
          {!open && p.closedAt ? (
            <li>
              <time dateTime={p.closedAt}>{fullDate(p.closedAt)}</time>: {statusLine(p)}.
            </li>
          ) : null}
        </ol>
      </details>
    </article>
  );
}
