import { useEffect, useRef, useState } from 'react';
import { isNotFound } from '../api/client';
import { auditTrail, cases } from '../api/endpoints';
import type { CaseDetail } from '../api/types';
import { useSession } from '../auth/session';
import { customerPath, Link, navigate } from '../router';
import { Confirm } from '../ui/Confirm';
import { FormError } from '../ui/Field';
import { fullDate } from '../ui/format';
import { useResource } from '../ui/useResource';
import { useSubmit } from '../ui/useSubmit';
import { CaseChanges, Escalate, RecordApology } from './CaseActions';
import { LinkContact, contactLabel } from './LinkContact';
import { TargetList } from './TargetList';
import { isOpen, priorityLabels, statusLabels } from './case-text';
import { CaseFields } from '../urgent/CaseFields';
import { HelpPanel } from '../urgent/HelpPanel';

/** One case: where its targets stand, its thread, what can be done about it, and its history. */
export function CasePage({ id }: { id: string }) {
  const { me } = useSession();
  const [reloads, setReloads] = useState(0);
  const loaded = useResource(() => cases.get(id), [id, reloads]);
  const [c, setCase] = useState<CaseDetail | null>(null);
  const staff = useResource(() => auditTrail.staff(), []);
  const contacts = useResource(() => (c ? cases.contacts(c.customerId) : Promise.resolve([])), [c?.customerId, reloads]);
  const [status, setStatus] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const [deleting, setDeleting] = useState(false);
  const removal = useSubmit();

  useEffect(() => {
    if (loaded.data) setCase(loaded.data);
  }, [loaded.data]);
  const ready = Boolean(c);
  useEffect(() => {
    if (ready) heading.current?.focus({ preventScroll: true });
  }, [ready]);
  useEffect(() => {
    if (!c) return;
    document.title = `${c.subject} · Rapport`;
    return () => {
      document.title = 'Rapport';
    };
  }, [c]);

  if (!c) {
    if (loaded.loading) return <p className="loading">Loading the case…</p>;
    return (
      <section className="page narrow">
        <h1>{isNotFound(loaded.error) ? 'No such case' : 'The case could not be loaded'}</h1>
        <p>
          <Link href="/cases">Your cases</Link>
        </p>
      </section>
    );
  }

  const saved = (next: CaseDetail, message: string) => {
    setCase(next);
    setStatus(message);
    setReloads((r) => r + 1);
  };
  const unlink = async (interactionId: string) => {
    const next = await removal.run(() => cases.unlink(c.id, interactionId));
    if (next) saved(next, 'Took the contact out of the thread.');
  };
  const remove = async () => {
    if ((await removal.run(() => cases.remove(c.id))) !== undefined) navigate(customerPath(c.customerId));
  };
  const breached = c.targets.some((t) => t.breached);
  const people = (staff.data ?? []).filter((s) => s.active);

  return (
    <article className="page case-page" aria-labelledby="case-heading">
      <header className="case-head">
        <p className="case-crumb">
          <Link href={customerPath(c.customerId)}>{c.customerName}</Link> · case
        </p>
        <h1 id="case-heading" ref={heading} tabIndex={-1}>
          {c.subject}
        </h1>
        <p className="case-meta">
          {statusLabels[c.status]} · {priorityLabels[c.priority]} priority · {c.type} · {c.ownerName ? `owner ${c.ownerName}` : 'no owner'} · {c.locationName ?? 'no location (every hour counts)'}
        </p>
        <p className="case-meta">
          Opened <time dateTime={c.openedAt}>{fullDate(c.openedAt)}</time>
          {c.resolvedAt ? (
            <>
              {' '}
              · resolved <time dateTime={c.resolvedAt}>{fullDate(c.resolvedAt)}</time>
            </>
          ) : null}
        </p>
        {c.escalation ? (
          <p className="case-escalation">
            Escalated to {c.escalation.managerName ?? 'a manager'}
            {c.escalation.reason ? `: ${c.escalation.reason}` : ''}
          </p>
        ) : null}
        <p role="status" className="hint">
          {status}
        </p>
      </header>
      <div className="case-grid">
        <div className="stack">
          {c.urgent || c.helpDispatched ? <HelpPanel c={c} onSaved={saved} /> : null}
          <CaseFields c={c} onSaved={saved} />
          <section className={`card${breached ? ' case-breached' : ''}`} aria-labelledby="case-targets-title">
            <h2 id="case-targets-title">Response targets</h2>
            <TargetList c={c} />
            <p className="hint">In business hours of {c.locationName ?? 'no location: every hour counts'}; paused while waiting on the customer.</p>
            {breached ? <RecordApology c={c} onSaved={(next) => saved(next, 'Recorded that you explained and apologised.')} /> : null}
          </section>
          <section className="card" aria-labelledby="case-thread-title">
            <div className="card-head">
              <h2 id="case-thread-title">Thread</h2>
              {isOpen(c) ? <LinkContact caseId={c.id} subject={c.subject} contacts={contacts.data ?? []} onLinked={(next) => saved(next, 'Added the contact to the thread.')} /> : null}
            </div>
            {c.thread.length ? (
              <ol className="plain case-thread">
                {c.thread.map((i) => (
                  <li key={i.id}>
                    <p>
                      {contactLabel(i)}
                      {i.staffName ? <span className="muted"> · {i.staffName}</span> : null}
                    </p>
                    <button type="button" className="quiet small" aria-label={`Take out of the thread: ${contactLabel(i)}`} onClick={() => void unlink(i.id)}>
                      Take out
                    </button>
                  </li>
                ))}
              </ol>
            ) : (
              <p className="muted">No contacts linked yet. Log a call, email or visit on the customer’s page, then link it here.</p>
            )}
            <FormError error={removal.error} />
          </section>
          <section className="card" aria-labelledby="case-history-title">
            <h2 id="case-history-title">History</h2>
            <ol className="plain case-history">
              {c.history.map((e) => (
                <li key={e.id}>
                  <time dateTime={e.at}>{fullDate(e.at)}</time> {e.text}
                  {e.kind === 'apology' && e.note ? `: ${e.note}` : ''}
                  {e.staffName ? <span className="muted"> · {e.staffName}</span> : null}
                </li>
              ))}
            </ol>
          </section>
        </div>
        <div className="stack">
          <CaseChanges key={c.updatedAt} c={c} people={people} overridable={me.role !== 'frontline' && c.fields.some((f) => f.value === null)} onSaved={(next) => saved(next, 'Saved the changes.')} />
          {isOpen(c) ? <Escalate c={c} managers={people.filter((s) => s.role !== 'frontline')} onSaved={(next) => saved(next, `Escalated to ${next.escalation?.managerName ?? 'the manager'}.`)} /> : null}
          {me.role !== 'frontline' ? (
            <section className="card" aria-labelledby="case-delete-title">
              <h2 id="case-delete-title">Delete</h2>
              <button type="button" className="quiet" onClick={() => setDeleting(true)}>
                Delete this case
              </button>
              {deleting ? (
                <Confirm question="Delete this case?" confirmLabel="Delete case" busy={removal.busy} onConfirm={() => void remove()} onCancel={() => setDeleting(false)}>
                  <p className="hint">It goes to the trash with its history; its contacts stay on the customer’s timeline. A manager can restore it.</p>
                </Confirm>
              ) : null}
            </section>
          ) : null}
        </div>
      </div>
    </article>
  );
}
