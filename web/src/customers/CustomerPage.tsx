import { useEffect, useRef, useState } from 'react';
import { consent as consentApi, customers } from '../api/endpoints';
import { isNotFound } from '../api/client';
import type { Customer } from '../api/types';
import { ConsentPanel } from '../consent/ConsentPanel';
import { ErasedCustomer, isErased } from '../data-rights/ErasedCustomer';
import { TheirData } from '../data-rights/TheirData';
import { HistoryPanel } from '../history/HistoryPanel';
import { QuickLog } from '../logging/QuickLog';
import { rememberCustomer } from '../lookup/recent';
import { PreferencesPanel } from '../preferences/PreferencesPanel';
import { PromisesPanel } from '../promises/PromisesPanel';
import { CasesPanel } from '../cases/CasesPanel';
import { KeepInTouchPanel } from '../contact-state/KeepInTouchPanel';
import { MergesPanel } from '../merges/MergesPanel';
import { CustomerQualityPanel } from '../data-quality/CustomerQualityPanel';
import { EmailOutProvider, WriteEmailAction } from '../email-out/WriteEmail';
import { Link } from '../router';
import { Timeline } from '../timeline/Timeline';
import { useResource } from '../ui/useResource';
import { AccountFigures } from './AccountFigures';
import { BriefPanel } from './BriefPanel';
import { ContactPoints } from './ContactPoints';
import { CustomerRefresh } from './customer-refresh';
import { Household } from './Household';
import { ProfilePanel } from './ProfilePanel';

/** The customer: the brief first, then quick logging and everything that happened. */
export function CustomerPage({ id }: { id: string }) {
  // Bumped to read the customer again: after a delete or its Undo, after an erasure.
  const [reloads, setReloads] = useState(0);
  const customer = useResource(() => customers.get(id), [id, reloads]);
  // Read by the Consent panel and by the log form, which warns on an outbound contact against it.
  const consent = useResource(() => consentApi.get(id), [id]);
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

  if (isErased(customer.error)) return <ErasedCustomer id={id} error={customer.error} />;
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
  const reload = () => {
    setReloads((r) => r + 1);
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
    <CustomerRefresh.Provider value={reload}>
      <EmailOutProvider customer={c} consent={consent.data} onSent={refresh}>
        <article className="page customer" aria-labelledby="customer-name">
          <header className="customer-head">
            <h1 id="customer-name" ref={heading} tabIndex={-1}>{c.displayName}</h1>
            <p className="customer-sub">
              {c.kind === 'organization' ? 'Organisation' : greeting(c)}
              {c.pronouns ? ` · ${c.pronouns}` : ''}
              {c.pronunciation ? ` · say “${c.pronunciation}”` : ''}
            </p>
            <p className="customer-actions">
              <Link href={`/handoffs/new?customer=${encodeURIComponent(id)}`}>Hand off {c.displayName}</Link> <WriteEmailAction />
            </p>
          </header>
          <div className="customer-grid">
            <BriefPanel customerId={id} version={version} />
            <div className="customer-side">
              <PromisesPanel customerId={id} version={version} onChanged={refresh} />
              <CasesPanel customerId={id} version={version} onChanged={refresh} />
              <CustomerQualityPanel customer={c} version={version} onSaved={saved} />
              <ProfilePanel customer={c} onSaved={saved} />
              <PreferencesPanel customerId={id} version={version} onChanged={refresh} />
              <KeepInTouchPanel customerId={id} version={version} onChanged={refresh} />
              <ConsentPanel
                customerId={id}
                consent={consent.data}
                onChanged={(next) => {
                  consent.set(next);
                  refresh();
                }}
              />
              <ContactPoints customer={c} onSaved={saved} />
              <Household customer={c} onSaved={saved} />
              <MergesPanel customer={c} />
              <AccountFigures customerId={id} version={version} />
              <HistoryPanel customerId={id} version={version} />
              <TheirData customer={c} onErased={reload} />
            </div>
            <QuickLog customer={c} consent={consent.data} onLogged={refresh} />
            <Timeline customerId={id} version={version} />
          </div>
        </article>
      </EmailOutProvider>
    </CustomerRefresh.Provider>
  );
}

const greeting = (c: { preferredName: string | null; givenName: string | null; displayName: string }) =>
  `Greet as ${c.preferredName ?? c.givenName ?? c.displayName}`;
