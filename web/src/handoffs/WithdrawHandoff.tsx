import { useState } from 'react';
import { handoffs } from '../api/endpoints';
import { ApiError } from '../api/client';
import type { Handoff } from '../api/types';
import { Confirm } from '../ui/Confirm';

/** Withdraw a pending hand-off (its writer, managers of its location, admins), after a confirmation: nothing moves. */
export function WithdrawHandoff({ handoff, onWithdrawn }: { handoff: Handoff; onWithdrawn: () => void }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const from = handoff.fromStaffName ?? 'a colleague';
  const withdraw = async () => {
    setBusy(true);
    setError(null);
    try {
      await handoffs.withdraw(handoff.id);
      setAsking(false);
      onWithdrawn();
    } catch (caught) {
      setError(caught instanceof ApiError ? (caught.detail ?? caught.title) : 'Rapport could not be reached.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {asking ? (
        <Confirm question={`Withdraw the hand-off from ${from}?`} confirmLabel="Withdraw" busy={busy} onConfirm={() => void withdraw()} onCancel={() => setAsking(false)}>
          <p className="hint">Nobody takes it over: the promises and cases in it stay with {from}. It shows as withdrawn on the customers’ timelines.</p>
        </Confirm>
      ) : (
        <button type="button" onClick={() => setAsking(true)} aria-label={`Withdraw the hand-off from ${from}`}>
          Withdraw
        </button>
      )}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
