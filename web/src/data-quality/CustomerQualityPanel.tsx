import { useId, useRef, useState } from 'react';
import { dataQuality } from '../api/endpoints';
import type { Customer, QualityFinding } from '../api/types';
import { useSession } from '../auth/session';
import { mergePath } from '../merges/merge-words';
import { customerPath, Link } from '../router';
import { useResource } from '../ui/useResource';
import { useSubmit } from '../ui/useSubmit';
import { confirmable, fixPlace, severityWords } from './quality-words';

/**
 * "To fix" on the customer page: what the record lacks that the relationship needs and what looks
 * wrong, each in a sentence with the way to the card where it is fixed. Shows nothing when nothing is
 * wrong. Read again when the customer changes (or `version` moves: after consent or a contact is logged).
 */
export function CustomerQualityPanel({ customer, version = 0, onSaved }: { customer: Customer; version?: number; onSaved?: (next: Customer) => void }) {
  const [confirmed, setConfirmed] = useState(0);
  const quality = useResource(() => dataQuality.customer(customer.id), [customer, version, confirmed]);
  const [message, setMessage] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const findings = quality.data?.customerId === customer.id ? quality.data.findings : [];

  const done = (words: string, next: Customer) => {
    setMessage(words);
    if (onSaved) onSaved(next);
    else setConfirmed((n) => n + 1);
    requestAnimationFrame(() => heading.current?.focus({ preventScroll: true }));
  };

  // Nothing to fix: no card, unless it just became so here (then say so where the focus is).
  if (!findings.length && !message) return null;

  return (
    <section className="card quality-panel" aria-labelledby="quality-title">
      <h2 id="quality-title" ref={heading} tabIndex={-1}>
        To fix
      </h2>
      <p role="status" className="muted">
        {message}
      </p>
      {findings.length ? (
        <ul className="plain preference-list quality-findings">
          {findings.map((f) => (
            <FindingItem key={`${f.kind}:${f.itemId ?? ''}`} customer={customer} finding={f} onConfirmed={done} />
          ))}
        </ul>
      ) : (
        <p>Nothing left to fix.</p>
      )}
    </section>
  );
}

function FindingItem({ customer, finding, onConfirmed }: { customer: Customer; finding: QualityFinding; onConfirmed: (words: string, next: Customer) => void }) {
  const { me } = useSession();
  const sentenceId = useId();
  const { busy, error, run } = useSubmit();
  const place = fixPlace[finding.field];
  const part = confirmable(finding);
  const other = finding.otherCustomer;

  const confirm = async () => {
    if (!part || !finding.itemId) return;
    const itemId = finding.itemId;
    const next = await run(() => dataQuality.confirm(customer.id, part, itemId));
    if (next) onConfirmed('Noted as still right today.', next);
  };

  return (
    <li className="quality-finding">
      <p id={sentenceId} className="preference">
        <span className="tag">{severityWords[finding.severity]}</span> {finding.sentence}
      </p>
      <div className="actions">
        {part ? (
          <button type="button" className="quiet small" onClick={() => void confirm()} disabled={busy} aria-describedby={sentenceId}>
            Still right
          </button>
        ) : null}
        {place ? (
          <a href={`#${place.anchor}`} aria-describedby={sentenceId}>
            Go to {place.name}
          </a>
        ) : null}
        {other ? (
          <>
            <Link href={customerPath(other.id)}>Open {other.displayName}</Link>
            {me.role !== 'frontline' ? (
              <Link className="button-link" href={mergePath(customer.id, other.id)} aria-describedby={sentenceId}>
                Compare and merge
              </Link>
            ) : null}
          </>
        ) : null}
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}
