import { useEffect, useRef } from 'react';
import { isNotFound } from '../api/client';
import { customers } from '../api/endpoints';
import { useSession } from '../auth/session';
import { CustomerPicker } from '../lookup/CustomerPicker';
import { customerPath, Link, navigate, useLocation } from '../router';
import { useResource } from '../ui/useResource';
import { MergeReview } from './MergeReview';
import { mergePath } from './merge-words';

/**
 * Merge another record of this customer into this one (/customers/{id}/merge, ?with={other}):
 * step 1 finds the other record with the lookup, step 2 puts both side by side. Managers and admins;
 * anyone else is told who can.
 */
export function MergePage({ id }: { id: string }) {
  const { me } = useSession();
  const manager = me.role !== 'frontline';
  const otherId = useLocation().searchParams.get('with');
  const customer = useResource(() => customers.get(id), [id]);
  const heading = useRef<HTMLHeadingElement>(null);
  const c = customer.data;
  const loaded = Boolean(c);

  useEffect(() => {
    if (loaded || !manager) heading.current?.focus({ preventScroll: true });
  }, [loaded, manager]);
  useEffect(() => {
    document.title = c ? `Merge into ${c.displayName} · Rapport` : 'Merge records · Rapport';
    return () => {
      document.title = 'Rapport';
    };
  }, [c]);

  const back = c ? (
    <p>
      <Link href={customerPath(id)}>Back to {c.displayName}</Link>
    </p>
  ) : null;

  if (!manager) {
    return (
      <section className="page narrow" aria-labelledby="merge-heading">
        <h1 id="merge-heading" ref={heading} tabIndex={-1}>
          Merge records
        </h1>
        <p>A manager can merge two records of the same person. Ask one if {c ? c.displayName : 'this customer'} has a second record.</p>
        {back}
      </section>
    );
  }
  if (!c) {
    return customer.loading ? (
      <section className="page narrow" aria-busy="true">
        <p role="status">Loading customer…</p>
      </section>
    ) : (
      <section className="page narrow">
        <h1>{isNotFound(customer.error) ? 'No such customer' : 'The customer could not be loaded'}</h1>
        <p>
          <Link href="/">Look up someone else</Link>
        </p>
      </section>
    );
  }

  const picking = !otherId || otherId === id;
  return (
    <section className="page merge-page" aria-labelledby="merge-heading">
      {back}
      <h1 id="merge-heading" ref={heading} tabIndex={-1}>
        Merge another record into {c.displayName}
      </h1>
      <p className="hint">
        {c.displayName} keeps its place: the other record’s contacts, purchases, notes and the rest move here, and the other record goes. It can be undone.
      </p>
      {picking ? (
        <section className="merge-pick" aria-labelledby="pick-title">
          <h2 id="pick-title">Step 1 of 2: find the other record</h2>
          <CustomerPicker
            label={`Find the other record of ${c.displayName}`}
            listLabel="Customers found"
            excludeId={id}
            onPick={(other) => navigate(mergePath(id, other.id))}
          />
          {otherId === id ? (
            <p className="error" role="alert">
              That is {c.displayName} itself: choose the other record.
            </p>
          ) : null}
        </section>
      ) : (
        <MergeReview key={otherId} survivor={c} otherId={otherId} />
      )}
    </section>
  );
}
