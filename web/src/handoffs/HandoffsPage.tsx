import { useEffect, useRef, useState, type ReactNode } from 'react';
import { handoffs } from '../api/endpoints';
import { ApiError } from '../api/client';
import type { Handoff } from '../api/types';
import { useSession } from '../auth/session';
import { usePagedList } from '../ui/usePagedList';
import { Link, useLocation } from '../router';
import { useResource } from '../ui/useResource';
import { HandoffCard } from './HandoffCard';
import { WithdrawHandoff } from './WithdrawHandoff';

/**
 * Your hand-offs: waiting for you to accept, yours still pending (Withdraw), and those you accepted;
 * each list a page at a time ("More"). ?handoff=<id> (a notification's link) shows that one first.
 */
export function HandoffsPage() {
  const { me } = useSession();
  const { searchParams } = useLocation();
  const opened = searchParams.get('handoff');
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  const incoming = usePagedList((cursor) => handoffs.list('incoming', cursor), [version]);
  const outgoing = usePagedList((cursor) => handoffs.list('outgoing', cursor), [version]);
  const accepted = usePagedList((cursor) => handoffs.list('accepted', cursor), [version]);
  const one = useResource(() => (opened ? handoffs.get(opened) : Promise.resolve(null)), [opened, version]);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = 'Hand-offs · Rapport';
    heading.current?.focus({ preventScroll: true });
    return () => {
      document.title = 'Rapport';
    };
  }, []);

  const actions = (h: Handoff) =>
    h.canAccept || h.canWithdraw ? (
      <>
        {h.canAccept ? <AcceptButton handoff={h} onAccepted={changed} /> : null}
        {h.canWithdraw ? <WithdrawHandoff handoff={h} onWithdrawn={changed} /> : null}
      </>
    ) : undefined;

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
      {opened ? (
        <section className="handoff-section" aria-labelledby="handoffs-opened">
          <h2 id="handoffs-opened">The hand-off you opened</h2>
          {one.error ? (
            <p className="form-error" role="alert">
              This hand-off could not be loaded.
            </p>
          ) : null}
          {one.data ? <HandoffCard handoff={one.data} actions={actions(one.data)} /> : null}
        </section>
      ) : null}
      <Section title="Waiting for you" empty="Nothing is waiting for you to accept." list={incoming} actions={(h) => (h.canAccept ? <AcceptButton handoff={h} onAccepted={changed} /> : undefined)} />
      <Section
        title="Yours, not accepted yet"
        empty="Every hand-off you wrote has been accepted or withdrawn."
        list={{ ...outgoing, items: outgoing.items.filter((h) => h.status === 'pending') }}
        actions={(h) => (h.canWithdraw ? <WithdrawHandoff handoff={h} onWithdrawn={changed} /> : undefined)}
      />
      <Section title="You accepted" empty="You have not accepted a hand-off yet." list={accepted} />
    </section>
  );
}

function Section({
  title,
  empty,
  list,
  actions,
}: {
  title: string;
  empty: string;
  list: { items: Handoff[]; nextCursor: string | null; loading: boolean; failed: boolean; loadMore: () => Promise<void> };
  actions?: (h: Handoff) => ReactNode;
}) {
  const id = `handoffs-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className="handoff-section" aria-labelledby={id} aria-busy={list.loading}>
      <h2 id={id}>{title}</h2>
      {list.failed ? (
        <p className="form-error" role="alert">
          This list could not be loaded.
        </p>
      ) : null}
      {!list.loading && !list.failed && !list.items.length && !list.nextCursor ? <p className="muted">{empty}</p> : null}
      {list.items.map((h) => (
        <HandoffCard key={h.id} handoff={h} actions={actions?.(h)} />
      ))}
      {list.nextCursor ? (
        <button type="button" className="quiet" disabled={list.loading} onClick={() => void list.loadMore()} aria-label={`More: ${title}`}>
          {list.loading ? 'Loading…' : 'More'}
        </button>
      ) : null}
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
