import { useEffect, useId, useState } from 'react';
import { ApiError } from '../api/client';
import { dataRights } from '../api/endpoints';
import type { Customer } from '../api/types';

type State = { status: 'idle' | 'busy' } | { status: 'ready'; download: string } | { status: 'refused'; message: string };

const fileName = (name: string) => `everything-we-hold-${name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'customer'}.json`;

/**
 * "Copy of everything we hold": asks for the copy first, so that a refusal is said here in words;
 * then opens the readable page in a new tab and offers the same data as a file.
 */
export function CopyOfData({ customer }: { customer: Customer }) {
  const [state, setState] = useState<State>({ status: 'idle' });
  const page = dataRights.pageUrl(customer.id);
  const download = state.status === 'ready' ? state.download : null;

  const hint = useId();

  useEffect(() => {
    if (!download) return;
    return () => URL.revokeObjectURL(download);
  }, [download]);

  const produce = async () => {
    setState({ status: 'busy' });
    try {
      const report = await dataRights.copy(customer.id);
      const blob = new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' });
      window.open(page, '_blank', 'noopener');
      setState({ status: 'ready', download: URL.createObjectURL(blob) });
    } catch (error) {
      setState({ status: 'refused', message: error instanceof ApiError ? (error.detail ?? error.title) : 'Rapport could not be reached. Check the connection and try again.' });
    }
  };

  return (
    <div className="copy-of-data">
      <button type="button" onClick={() => void produce()} disabled={state.status === 'busy'} aria-describedby={hint}>
        {state.status === 'busy' ? 'Gathering everything…' : 'Copy of everything we hold'}
      </button>
      <p id={hint} className="hint">
        For the customer, when they ask: a page to print or hand over, and the same as a file.
      </p>
      <div role="status">
        {state.status === 'ready' ? (
          <p>
            The copy opened in a new tab.{' '}
            <a href={page} target="_blank" rel="noopener">
              Open the readable copy<span className="visually-hidden"> (new tab)</span>
            </a>{' '}
            ·{' '}
            <a href={state.download} download={fileName(customer.displayName)}>
              Download the data (JSON)
            </a>
          </p>
        ) : null}
      </div>
      {state.status === 'refused' ? (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
