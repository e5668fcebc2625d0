import { useEffect, useRef, useState } from 'react';
import { handoffs } from '../api/endpoints';
import { ApiError } from '../api/client';
import type { Handoff } from '../api/types';
import { useSession } from '../auth/session';
import { Link } from '../router';
import { useResource } from '../ui/useResource';
import { HandoffCard } from './HandoffCard';

/** Your hand-offs: waiting for you to accept, yours still pending, and those you accepted lately. */
export function HandoffsPage() {
  const { me } = useSession();
  const [version, setVersion] = useState(0);
  const incoming = useResource(() => handoffs.list('incoming'), [version]);
  const outgoing = useResource(() => handoffs.list('outgoing'), [version]);
  const accepted = useResource(() => handoffs.list('accepted'), [version]);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = 'Hand-offs · Rapport';
    heading.current?.focus({ preventScroll: true });
    return () => {
      document.title = 'Rapport';
    };
  }, []);

  return (
    <section className="page handoffs-page" aria-labelledby="handoffs-heading">
      <div className="page-head">
        <h1 id="handoffs-heading" ref={heading} tabIndex={-1}>
          Hand-offs
        </h1>
        <p className="handoff-links">
          <Link href="/handoffs/new" className="button-link primary">
            Write a hand-off
          </Link>
          {me.role !== 'frontline' ? <Link href="/handoffs/shift">Shift view</Link> : null}
        </p>
      </div>
      <Section title="Waiting for you" empty="Nothing is waiting for you to accept." items={incoming.data?.items} loading={incoming.loading} failed={Boolean(incoming.error)} accept onChanged={() => setVersion((v) => v + 1)} />
      <Section
        title="Yours, not accepted yet"
        empty="Every hand-off you wrote has been accepted."
        items={outgoing.data?.items.filter((h) => h.status === 'pending')}
        loading={outgoing.loading}
        failed={Boolean(outgoing.error)}
        onChanged={() => setVersion((v) => v + 1)}
      />
      <Section title="You accepted" empty="You have not accepted a hand-off yet." items={accepted.data?.items.slice(0, 10)} loading={accepted.loading} failed={Boolean(accepted.error)} onChanged={() => setVersion((v) => v + 1)} />
    </section>
  );
}

function Section({ title, empty, items, loading, failed, accept, onChanged }: { title: string; empty: string; items: Handoff[] | undefined; loading: boolean; failed: boolean; accept?: boolean; onChanged: () => void }) {
  const id = `handoffs-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className="handoff-section" aria-labelledby={id} aria-busy={loading}>
      <h2 id={id}>{title}</h2>
      {failed ? (
        <p className="form-error" role="alert">
          This list could not be loaded.
        </p>
      ) : null}
      {items && !items.length ? <p className="muted">{empty}</p> : null}
      {items?.map((h) => <HandoffCard key={h.id} handoff={h} actions={accept && h.canAccept ? <AcceptButton handoff={h} onAccepted={onChanged} /> : undefined} />)}
    </section>
  );
}

function AcceptButton({ handoff, onAccepted }: { handoff: Handoff; onAccepted: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      await handoffs.accept(handoff.id);
      onAccepted();
    } catch (caught) {
      setError(caught instanceof ApiError ? (caught.detail ?? caught.title) : 'Rapport could not be reached.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="primary" disabled={busy} onClick={() => void accept()} aria-label={`Accept the hand-off from ${handoff.fromStaffName ?? 'a colleague'}`}>
        {busy ? 'Accepting…' : 'Accept'}
      </button>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
