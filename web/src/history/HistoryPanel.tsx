import { useEffect, useState } from 'react';
import { HistoryEntry } from './HistoryEntry';
import { useHistory } from './useHistory';

/**
 * "Who changed what": the customer's audit trail, closed until asked for (it loads on opening).
 * The server leaves out entries about private facts this person may not see.
 */
export function HistoryPanel({ customerId, version }: { customerId: string; version: number }) {
  const [open, setOpen] = useState(false);
  const history = useHistory(customerId);
  const { load } = history;

  // Loads on opening, and again after anything is saved while it is open.
  useEffect(() => {
    if (open) void load(null);
  }, [open, load, version]);

  return (
    <section className="card history" aria-labelledby="history-title">
      <h2 id="history-title" className="disclosure-head">
        <button type="button" className="disclosure" aria-expanded={open} aria-controls="history-body" onClick={() => setOpen(!open)}>
          History
        </button>
      </h2>
      <div id="history-body" hidden={!open}>
        <p className="hint">Who changed what on this customer, newest first.</p>
        {history.items.length ? (
          <ol className="plain change-list">
            {history.items.map((item) => (
              <HistoryEntry key={item.id} item={item} />
            ))}
          </ol>
        ) : null}
        {history.loaded && !history.loading && !history.items.length ? <p className="muted">No changes recorded yet.</p> : null}
        {history.failed ? (
          <p className="form-error" role="alert">
            The history could not be loaded.
          </p>
        ) : null}
        <p role="status" className="hint">
          {history.loading ? 'Loading changes…' : ''}
        </p>
        {history.nextCursor ? (
          // Stays while the next page loads, so keyboard focus stays on it.
          <button type="button" className="quiet small" onClick={() => !history.loading && void load(history.nextCursor)}>
            Show older changes
          </button>
        ) : null}
      </div>
    </section>
  );
}
