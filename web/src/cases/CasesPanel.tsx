import { useState, type ReactNode } from 'react';
import { cases } from '../api/endpoints';
import type { Case, CaseDetail } from '../api/types';
import { Link } from '../router';
import { useResource } from '../ui/useResource';
import { CaseForm } from './CaseForm';
import { LinkContact } from './LinkContact';
import { TargetList } from './TargetList';
import { isOpen, priorityLabels, statusLabels } from './case-text';

export const casePath = (id: string) => `/cases/${encodeURIComponent(id)}`;

/** The customer's cases: open ones with the business time left to each target, a new one, a contact linked to one. */
export function CasesPanel({ customerId, version, onChanged }: { customerId: string; version: number; onChanged: () => void }) {
  const [reloads, setReloads] = useState(0);
  const list = useResource(() => cases.list({ customerId }), [customerId, version, reloads]);
  const contacts = useResource(() => cases.contacts(customerId), [customerId, version, reloads]);
  const [opening, setOpening] = useState(false);
  const [status, setStatus] = useState('');

  const changed = (message: string) => {
    setStatus(message);
    setReloads((r) => r + 1);
    onChanged();
  };
  const opened = (c: CaseDetail) => {
    setOpening(false);
    changed(`Opened the case “${c.subject}”.`);
  };

  const items = list.data?.items ?? [];
  const current = items.filter(isOpen);
  const earlier = items.filter((c) => !isOpen(c));
  return (
    <section className="card cases-panel" aria-labelledby="cases-title" aria-busy={list.loading}>
      <div className="card-head">
        <h2 id="cases-title">Cases</h2>
        {!opening ? (
          <button type="button" className="quiet small" onClick={() => (setStatus(''), setOpening(true))}>
            Open a case
          </button>
        ) : null}
      </div>
      {opening ? <CaseForm customerId={customerId} contacts={contacts.data ?? []} onSaved={opened} onCancel={() => setOpening(false)} /> : null}
      <p role="status" className="hint">
        {status}
      </p>
      {list.error ? (
        <p className="form-error" role="alert">
          The cases could not be loaded.
        </p>
      ) : null}
      {!list.loading && !items.length && !opening ? <p className="muted">No cases: requests, complaints and questions go here, with their response targets.</p> : null}
      {current.length ? (
        <ul className="plain case-list">
          {current.map((c) => (
            <li key={c.id}>
              <CaseSummary c={c}>
                <LinkContact caseId={c.id} subject={c.subject} contacts={contacts.data ?? []} onLinked={(d) => changed(`Added the contact to the thread of “${d.subject}”.`)} />
              </CaseSummary>
            </li>
          ))}
        </ul>
      ) : null}
      {earlier.length ? (
        <details className="earlier-cases">
          <summary>Resolved and closed ({earlier.length})</summary>
          <ul className="plain case-list">
            {earlier.map((c) => (
              <li key={c.id}>
                <CaseSummary c={c} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {items.length ? <p className="hint">Time left counts the opening hours of the case’s location, and stops while a case waits on the customer.</p> : null}
    </section>
  );
}

/** One case in a list: its subject (to open it), where it stands, and its targets. */
export function CaseSummary({ c, showCustomer = false, children }: { c: Case; showCustomer?: boolean; children?: ReactNode }) {
  const titleId = `case-title-${c.id}`;
  return (
    <article className={`case-summary${c.attention === 'breached' ? ' breached' : ''}`} aria-labelledby={titleId}>
      <h3 id={titleId}>
        <Link href={casePath(c.id)}>{c.subject}</Link>
        {c.attention === 'breached' ? <span className="tag attention">target passed</span> : c.attention === 'near' ? <span className="tag attention">near a target</span> : null}
      </h3>
      <p className="case-meta">
        {showCustomer ? `${c.customerName} · ` : ''}
        {statusLabels[c.status]} · {priorityLabels[c.priority]} priority · {c.ownerName ?? 'no owner'}
        {c.escalation ? ` · escalated to ${c.escalation.managerName ?? 'a manager'}` : ''}
      </p>
      {isOpen(c) ? <TargetList c={c} /> : null}
      {children}
    </article>
  );
}
