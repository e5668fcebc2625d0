import type { ReactNode } from 'react';
import type { Handoff, HandoffCustomer } from '../api/types';
import { customerPath, Link } from '../router';
import { addressee, statusWords, topicLabel, when } from './handoff-words';

/** One hand-off: from whom to whom, its state, and per customer the lines, promises and cases it carries. */
export function HandoffCard({ handoff, actions }: { handoff: Handoff; actions?: ReactNode }) {
  const title = `Hand-off from ${handoff.fromStaffName ?? 'a colleague'} to ${addressee(handoff)}`;
  return (
    <article className="card handoff-card" aria-label={title}>
      <header className="handoff-head">
        <h3>{title}</h3>
        <p className={`handoff-status ${handoff.status}`}>
          {statusWords(handoff)} · written {when(handoff.createdAt)}
        </p>
      </header>
      {handoff.customers.map((c) => (
        <HandoffCustomerPart key={c.customerId} part={c} />
      ))}
      {actions ? <div className="actions">{actions}</div> : null}
    </article>
  );
}

export function HandoffCustomerPart({ part }: { part: HandoffCustomer }) {
  return (
    <section className="handoff-customer" aria-label={part.displayName}>
      <h4>
        <Link href={customerPath(part.customerId)}>{part.displayName}</Link>
      </h4>
      <HandoffLines notes={part.notes} promises={part.promises} cases={part.cases} />
    </section>
  );
}

export function HandoffLines({ notes, promises, cases }: Pick<HandoffCustomer, 'notes' | 'promises' | 'cases'>) {
  return (
    <>
      {notes.length ? (
        <dl className="handoff-lines">
          {notes.map((n) => (
            <div key={n.id}>
              <dt>
                {topicLabel(n.topic)}
                {n.sensitivity === 'private' ? <span className="tag private">private</span> : null}
              </dt>
              <dd>{n.body}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {promises.length ? (
        <ul className="plain handoff-items" aria-label="Promises">
          {promises.map((p) => (
            <li key={p.id}>
              Promise: {p.what} <span className="muted">({p.ownerName ?? 'no owner'}’s, due {when(p.dueBy)})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {cases.length ? (
        <ul className="plain handoff-items" aria-label="Cases">
          {cases.map((c) => (
            <li key={c.id}>
              Case: <Link href={`/cases/${c.id}`}>{c.subject}</Link> <span className="muted">({c.status.replace(/_/g, ' ')}, {c.ownerName ?? 'no owner'})</span>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
