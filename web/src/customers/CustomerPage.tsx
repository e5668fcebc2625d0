import { useEffect, useRef, useState } from 'react';
import { customers } from '../api/endpoints';
import { isNotFound } from '../api/client';
import type { Customer } from '../api/types';
import { HistoryPanel } from '../history/HistoryPanel';
import { QuickLog } from '../logging/QuickLog';
import { rememberCustomer } from '../lookup/recent';
import { Link } from '../router';
import { Timeline } from '../timeline/Timeline';
import { useResource } from '../ui/useResource';
import { AccountFigures } from './AccountFigures';
import { BriefPanel } from './BriefPanel';
import { ContactPoints } from './ContactPoints';
import { Household } from './Household';
import { ProfilePanel } from './ProfilePanel';

/** The customer: the brief first, then quick logging and everything that happened. */
export function CustomerPage({ id }: { id: string }) {
  const customer = useResource(() => customers.get(id), [id]);
  // Bumped after anything is logged, so the brief, figures and timeline show it at once.
  const [version, setVersion] = useState(0);
  const c = customer.data;
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = Boolean(c);

  // A new screen: move focus to its heading so a screen reader starts here.
  useEffect(() => {
    if (loaded && !document.querySelector('dialog[open]')) heading.current?.focus({ preventScroll: true });
  }, [loaded]);

  useEffect(() => {
    if (!c) return;
    document.title = `${c.displayName} · Rapport`;
    rememberCustomer(c);
    return () => {
      document.title = 'Rapport';
    };
  }, [c]);

  if (!c && !customer.loading) {
    return (
      <section className="page narrow">
        <h1>{isNotFound(customer.error) ? 'No such customer' : 'The customer could not be loaded'}</h1>
        <p>
          <Link href="/">Look up someone else</Link>
        </p>
      </section>
    );
  }

  const refresh = () => setVersion((v) => v + 1);
  // A saved profile, address or link can change the brief and adds to the history.
  const saved = (next: Customer) => {
    customer.set(next);
    refresh();
  };

  // The brief is asked for at once, alongside the customer, not after it: it is what the clerk reads first.
  if (!c) {
    return (
      <article className="page customer" aria-busy="true">
        <p role="status">Loading customer…</p>
        <div className="customer-grid">
          <BriefPanel customerId={id} version={version} />
        </div>
      </article>
    );
  }

  return (
    <article className="page customer" aria-labelledby="customer-name">
      <header className="customer-head">
        <h1 id="customer-name" ref={heading} tabIndex={-1}>{c.displayName}</h1>
        <p className="customer-sub">
          {c.kind === 'organization' ? 'Organisation' : greeting(c)}
          {c.pronouns ? ` · ${c.pronouns}` : ''}
          {c.pronunciation ? ` · say “${c.pronunciation}”` : ''}
        </p>
      </header>
      <div className="customer-grid">
        <BriefPanel customerId={id} version={version} />
        <div className="customer-side">
          <ProfilePanel customer={c} onSaved={saved} />
          <ContactPoints customer={c} onSaved={saved} />
          <Household customer={c} onSaved={saved} />
          <AccountFigures customerId={id} version={version} />
          <HistoryPanel customerId={id} version={version} />
        </div>
        <QuickLog customer={c} onLogged={refresh} />
        <Timeline customerId={id} version={version} />
      </div>
    </article>
  );
}

const greeting = (c: { preferredName: string | null; givenName: string | null; displayName: string }) =>
  `Greet as ${c.preferredName ?? c.givenName ?? c.displayName}`;
