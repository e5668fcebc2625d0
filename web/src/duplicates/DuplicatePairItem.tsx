import { useId, useRef, useState } from 'react';
import { merges } from '../api/endpoints';
import type { DuplicatePair } from '../api/types';
import { mergePath } from '../merges/merge-words';
import { customerPath, Link } from '../router';
import { Confirm } from '../ui/Confirm';
import { FormError, TextField } from '../ui/Field';
import { ago, fullDate } from '../ui/format';
import { useSubmit } from '../ui/useSubmit';
import { foundWords, pairName, scoreWords } from './duplicate-words';
import { PairSides } from './PairSides';

/**
 * One pair who may be one person: both names (to open each), what tells each apart, the score and its reasons, then
 * Compare and merge (the merge screen, side by side) or Not the same person (asks first).
 */
export function DuplicatePairItem({ pair, onDistinct }: { pair: DuplicatePair; onDistinct: (pair: DuplicatePair) => void }) {
  const headingId = useId();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useSubmit();
  const opener = useRef<HTMLButtonElement>(null);
  const { first, second } = pair;

  const cancel = () => {
    setAsking(false);
    requestAnimationFrame(() => opener.current?.focus());
  };
  const confirm = async () => {
    const done = await run(async () => {
      await merges.distinct(first.id, { otherId: second.id, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      return true;
    });
    if (done) onDistinct(pair);
  };

  return (
    <li className="card duplicate-pair">
      <h2 id={headingId} className="duplicate-names">
        <Link href={customerPath(first.id)}>{first.displayName}</Link>
        <span className="duplicate-and"> and </span>
        <Link href={customerPath(second.id)}>{second.displayName}</Link>
      </h2>
      <PairSides pair={pair} />
      <p className="duplicate-meta">
        <span className="duplicate-score">{`Score ${scoreWords(pair.score)}`}</span>
        {' · '}
        {foundWords(pair)}{' '}
        <time dateTime={pair.createdAt} title={fullDate(pair.createdAt)}>
          {ago(pair.createdAt)}
        </time>
      </p>
      <ul className="duplicate-reasons" aria-label={`Why ${pairName(pair)} may be one person`}>
        {pair.reasons.map((r) => (
          <li key={`${r.field}:${r.words}`} className={r.weight < 0 ? 'against' : undefined}>
            {r.words}
          </li>
        ))}
      </ul>
      <div className="actions">
        <Link className="button-link primary" href={mergePath(first.id, second.id)} aria-describedby={headingId}>
          Compare and merge
        </Link>
        <button ref={opener} type="button" className="quiet" aria-expanded={asking} aria-describedby={headingId} onClick={() => setAsking(!asking)}>
          Not the same person
        </button>
      </div>
      {asking ? (
        <Confirm question={`${first.displayName} and ${second.displayName} are not the same person?`} confirmLabel="Not the same person" busy={busy} onConfirm={() => void confirm()} onCancel={cancel}>
          <FormError error={error} />
          <TextField label="How you know (optional)" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} hint="Twins, father and son, two people at one address…" />
          <p className="hint">They leave this list and are not suggested as duplicates again.</p>
        </Confirm>
      ) : null}
    </li>
  );
}
