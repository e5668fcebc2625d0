import { useId, useState } from 'react';
import { ApiError } from '../api/client';
import { trash } from '../api/endpoints';
import type { TrashEntry } from '../api/types';
import { customerPath, Link } from '../router';
import { ago, fullDate, plural } from '../ui/format';
import { trashKindLabel, restoreOutcome } from './trash-words';
import { TrashContentsList } from './TrashContentsList';

type Outcome = { kind: 'restored'; sentences: string[] } | { kind: 'refused'; sentence: string } | null;

/** The kind is shown above the label: "Note: Likes to talk…" need not say "Note" again. */
const withoutKind = (label: string, kind: string) => (label.toLowerCase().startsWith(`${kind.toLowerCase()}: `) ? label.slice(kind.length + 2) : label);

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });

/** One entry: what, whose, who deleted it and when, when it goes for good; what comes back; Restore. */
export function TrashItem({ entry }: { entry: TrashEntry }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const headingId = useId();
  const contentsId = useId();
  const restored = outcome?.kind === 'restored';
  const customerId = entry.entityType === 'customer' ? entry.entityId : entry.customerId;
  const kind = trashKindLabel(entry.entityType);

  const restore = async () => {
    setBusy(true);
    try {
      const result = await trash.restore(entry.id);
      setOutcome({ kind: 'restored', sentences: restoreOutcome(result, entry.label) });
    } catch (error) {
      setOutcome({ kind: 'refused', sentence: error instanceof ApiError ? (error.detail ?? error.title) : 'Rapport could not be reached. Check the connection and try again.' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={`card trash-entry${restored ? ' restored' : ''}`}>
      <div className="trash-what">
        <span className="entry-kind">{kind}</span>
        {entry.sensitivity === 'private' ? <span className="tag private">private</span> : null}
      </div>
      <h2 id={headingId} className="trash-label">
        {withoutKind(entry.label, kind)}
      </h2>
      <p className="trash-meta">
        {entry.customerName && entry.entityType !== 'customer' ? (
          <>
            Of <Link href={customerPath(entry.customerId!)}>{entry.customerName}</Link>.{' '}
          </>
        ) : null}
        Deleted{' '}
        <time dateTime={entry.deletedAt} title={fullDate(entry.deletedAt)}>
          {ago(entry.deletedAt)}
        </time>{' '}
        by {entry.deletedByName ?? 'Rapport'}.{' '}
        {restored ? null : (
          <>
            Removed for good on <time dateTime={entry.purgeAfter}>{day(entry.purgeAfter)}</time>.
          </>
        )}
      </p>
      {restored ? null : (
        <div className="actions">
          {entry.rowCount > 1 ? (
            <button type="button" className="quiet small" aria-expanded={open} aria-controls={open ? contentsId : undefined} onClick={() => setOpen(!open)}>
              {`What comes back with it (${plural(entry.rowCount, 'record')})`}
            </button>
          ) : null}
          <button type="button" className="small" onClick={() => void restore()} disabled={busy} aria-describedby={headingId}>
            {busy ? 'Restoring…' : 'Restore'}
          </button>
        </div>
      )}
      {open && !restored ? <TrashContentsList id={entry.id} listId={contentsId} /> : null}
      <div role="status" className="trash-outcome">
        {restored ? (
          <p>
            {outcome.sentences.join(' ')}
            {customerId ? (
              <>
                {' '}
                <Link href={customerPath(customerId)}>Open {entry.entityType === 'customer' ? entry.label : (entry.customerName ?? 'the customer')}</Link>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
      {outcome?.kind === 'refused' ? (
        <p className="form-error" role="alert">
          {outcome.sentence}
        </p>
      ) : null}
    </li>
  );
}
