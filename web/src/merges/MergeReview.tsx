import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { locations, merges } from '../api/endpoints';
import type { Customer, MergeChoices, MergePreview } from '../api/types';
import { forgetCustomer } from '../lookup/recent';
import { customerPath, navigate } from '../router';
import { Confirm } from '../ui/Confirm';
import { FormError, TextField } from '../ui/Field';
import { useResource } from '../ui/useResource';
import { useSubmit } from '../ui/useSubmit';
import { MatchWhy } from './MatchWhy';
import { leaveMergeNotice } from './merge-notice';
import { mergePath } from './merge-words';
import { SideBySide } from './SideBySide';

/** Field errors shown beside their field on this screen; any other goes in the message by the buttons. */
const besideFields = ['mergedId', 'reason'];

/**
 * Step 2 of a merge: why Rapport thinks they may be one person (when it does), the two records side
 * by side with the value each field keeps, what moves, an optional reason, then Merge (back to the customer, "Merged." with Undo) or "Not the same person".
 */
export function MergeReview({ survivor, otherId }: { survivor: Customer; otherId: string }) {
  const preview = useResource(() => merges.preview(survivor.id, otherId), [survivor.id, otherId]);
  const places = useResource(() => locations.list().then((page) => page.items), []);
  const [picked, setPicked] = useState<Partial<MergeChoices>>({});
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState(false);
  const merging = useSubmit();
  const marking = useSubmit();
  const heading = useRef<HTMLHeadingElement>(null);
  const distinctButton = useRef<HTMLButtonElement>(null);

  useEffect(() => heading.current?.focus({ preventScroll: true }), []);

  const p = preview.data;
  const otherName = p?.merged.displayName ?? 'the other record';
  const otherError = merging.fields.mergedId ?? previewProblem(preview.error, preview.loading);
  const unplaced = Object.keys(merging.fields).filter((k) => !besideFields.includes(k));
  const mergeError = Object.keys(merging.fields).length && !unplaced.length ? null : merging.error;
  const locationName = (id: string) => places.data?.find((l) => l.id === id)?.name ?? 'another location';

  const merge = async (event: FormEvent) => {
    event.preventDefault();
    if (!p) return;
    const receipt = await merging.run(() => merges.merge(survivor.id, { mergedId: p.merged.id, choices: { ...p.choices, ...picked }, reason: reason.trim() || null }));
    if (!receipt) return;
    forgetCustomer(receipt.mergedId);
    leaveMergeNotice({ customerId: survivor.id, kind: 'merged', mergeId: receipt.mergeId, mergedName: p.merged.displayName });
    navigate(customerPath(survivor.id));
  };

  const markDistinct = async () => {
    const done = await marking.run(async () => {
      await merges.distinct(survivor.id, { otherId, reason: reason.trim() || null });
      return true;
    });
    if (!done) return;
    leaveMergeNotice({ customerId: survivor.id, kind: 'distinct', otherName });
    navigate(customerPath(survivor.id));
  };
  const cancelDistinct = () => {
    setAsking(false);
    requestAnimationFrame(() => distinctButton.current?.focus());
  };

  return (
    <section className="merge-review" aria-labelledby="review-title" aria-busy={preview.loading}>
      <h2 id="review-title" ref={heading} tabIndex={-1}>
        Step 2 of 2: compare the two records
      </h2>
      <div className="picked">
        <span>
          The other record: <strong>{p ? otherName : '…'}</strong>
        </span>
        <button type="button" className="quiet small" onClick={() => navigate(mergePath(survivor.id))}>
          Choose another record
        </button>
      </div>
      {otherError ? (
        <p className="error" role="alert">
          {otherError}
        </p>
      ) : null}
      <MatchWhy survivorId={survivor.id} otherId={otherId} />
      {preview.loading && !p ? <p role="status">Loading both records…</p> : null}
      {p ? (
        <form onSubmit={merge} aria-labelledby="review-title" noValidate>
          <div className="merge-compare">
            <SideBySide preview={p} choices={{ ...p.choices, ...picked }} onChoose={(field, side) => setPicked((c) => ({ ...c, [field]: side }))} locationName={locationName} />
          </div>
          <Moves preview={p} />
          <TextField label="Why they are the same person (optional)" value={reason} onChange={(e) => setReason(e.target.value)} error={merging.fields.reason ?? marking.fields.reason} />
          <FormError error={mergeError} />
          <p className="hint">
            {otherName} is folded into {survivor.displayName}, which keeps its place. A manager can undo it from {survivor.displayName}’s page.
          </p>
          <div className="actions">
            <button type="submit" className="primary" disabled={merging.busy}>
              {merging.busy ? 'Merging…' : 'Merge'}
            </button>
            <button ref={distinctButton} type="button" aria-expanded={asking} onClick={() => setAsking(!asking)}>
              Not the same person
            </button>
          </div>
          {asking ? (
            <Confirm question={`${otherName} is not the same person as ${survivor.displayName}?`} confirmLabel="Not the same person" busy={marking.busy} onConfirm={() => void markDistinct()} onCancel={cancelDistinct}>
              <FormError error={marking.error} />
              <p className="hint">Rapport remembers it: the two are not offered as the same person again, and cannot be merged.</p>
            </Confirm>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}

/** What moves from the other record to this one, by kind. */
function Moves({ preview }: { preview: MergePreview }) {
  const records = preview.records.filter((r) => r.heading && r.count > 0);
  return (
    <section className="merge-moves" aria-labelledby="moves-title">
      <h3 id="moves-title">What moves to {preview.survivor.displayName}</h3>
      {records.length ? (
        <ul>
          {records.map((r) => (
            <li key={r.heading}>
              {r.heading}: {r.count}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Only the profile: {preview.merged.displayName} has no contacts, purchases or other records.</p>
      )}
    </section>
  );
}

/** Why the two records could not be put side by side, in the server's words. */
function previewProblem(error: unknown, loading: boolean): string | null {
  if (!error || loading) return null;
  if (error instanceof ApiError) return error.fields['querystring/with'] ?? error.fields['with'] ?? error.detail ?? error.title;
  return 'The two records could not be loaded. Check the connection and try again.';
}
