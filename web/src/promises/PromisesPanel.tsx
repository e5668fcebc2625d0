import { useState } from 'react';
import { promises as promisesApi } from '../api/endpoints';
import type { CustomerPromise, PromiseFigures } from '../api/types';
import { useResource } from '../ui/useResource';
import { PromiseCard } from './PromiseCard';
import { PromiseForm } from './PromiseForm';

const rate = (r: PromiseFigures['total']['byFirstDate']) => (r.judged ? `${r.onTime} of ${r.judged}` : 'none yet');

/** "On time: 0 of 1 by the date first promised, none yet by the date in force; 3 slips." */
function figuresLine(f: PromiseFigures['total']): string {
  const slips = `${f.slips} ${f.slips === 1 ? 'slip' : 'slips'}`;
  return `Kept on time: ${rate(f.byFirstDate)} by the date first promised, ${rate(f.byDateInForce)} by the date in force; ${slips} in ${f.made} ${f.made === 1 ? 'promise' : 'promises'}.`;
}

/**
 * What we promised this customer: open promises first (overdue marked, and a prompt when one
 * slipped and they were never told), then the ones kept, broken or cancelled; and the on-time figures.
 */
export function PromisesPanel({ customerId, version, onChanged }: { customerId: string; version: number; onChanged: () => void }) {
  const [local, setLocal] = useState(0);
  const list = useResource(() => promisesApi.list(customerId), [customerId, version, local]);
  const figures = useResource(() => promisesApi.figures(customerId), [customerId, version, local]);
  const [making, setMaking] = useState(false);

  const changed = () => {
    setLocal((n) => n + 1);
    onChanged();
  };
  const all: CustomerPromise[] = list.data ?? [];
  const open = all.filter((p) => p.status === 'open');
  const closed = all.filter((p) => p.status !== 'open');

  return (
    <section className="card promises" aria-labelledby="promises-title" aria-busy={list.loading}>
      <div className="card-head">
        <h2 id="promises-title">Promises</h2>
        {!making ? (
          <button type="button" className="quiet small" onClick={() => setMaking(true)}>
            Make a promise
          </button>
        ) : null}
      </div>
      {making ? (
        <PromiseForm
          customerId={customerId}
          onSaved={() => {
            setMaking(false);
            changed();
          }}
          onCancel={() => setMaking(false)}
        />
      ) : null}
      {!all.length && !list.loading && !making ? <p className="muted">Nothing promised yet.</p> : null}
      {list.error ? (
        <p className="form-error" role="alert">
          The promises could not be loaded.
        </p>
      ) : null}
      {open.map((p) => (
        <PromiseCard key={p.id} promise={p} onChanged={changed} onDeleted={changed} />
      ))}
      {closed.length ? (
        <details className="promises-closed">
          <summary>Kept, broken or cancelled ({closed.length})</summary>
          {closed.map((p) => (
            <PromiseCard key={p.id} promise={p} onChanged={changed} onDeleted={changed} />
          ))}
        </details>
      ) : null}
      {figures.data && figures.data.total.made ? <p className="promise-figures hint">{figuresLine(figures.data.total)}</p> : null}
    </section>
  );
}
