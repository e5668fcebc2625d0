import { useEffect, useRef } from 'react';
import { cases } from '../api/endpoints';
import type { Case, CaseFigures } from '../api/types';
import { useSession } from '../auth/session';
import { Link } from '../router';
import { useResource } from '../ui/useResource';
import { CaseSummary } from './CasesPanel';

/** Your cases: those escalated to you (managers), your open cases, and (managers) how each location and owner is doing. */
export function CasesPage() {
  const { me } = useSession();
  const manages = me.role !== 'frontline';
  const escalated = useResource(() => (manages ? cases.list({ escalatedTo: me.id, open: true }) : Promise.resolve(null)), [me.id, manages]);
  const mine = useResource(() => cases.list({ ownerId: me.id, open: true }), [me.id]);
  const figures = useResource(() => (manages ? cases.figures() : Promise.resolve(null)), [manages]);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = 'Cases · Rapport';
    heading.current?.focus({ preventScroll: true });
    return () => {
      document.title = 'Rapport';
    };
  }, []);

  return (
    <section className="page cases-page" aria-labelledby="cases-heading">
      <h1 id="cases-heading" ref={heading} tabIndex={-1}>
        Cases
      </h1>
      {manages ? <CaseSection title="Escalated to you" empty="Nothing is escalated to you." items={escalated.data?.items} loading={escalated.loading} failed={Boolean(escalated.error)} /> : null}
      <CaseSection title="Your open cases" empty="You own no open case." items={mine.data?.items} loading={mine.loading} failed={Boolean(mine.error)} />
      {manages ? (
        <p>
          <Link href="/cases/help-report">Time to help and to complete</Link>
        </p>
      ) : null}
      {manages && figures.data ? <Figures figures={figures.data} /> : null}
    </section>
  );
}

function CaseSection({ title, empty, items, loading, failed }: { title: string; empty: string; items: Case[] | undefined; loading: boolean; failed: boolean }) {
  const id = `cases-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className="card case-section" aria-labelledby={id} aria-busy={loading}>
      <h2 id={id}>{title}</h2>
      {failed ? (
        <p className="form-error" role="alert">
          This list could not be loaded.
        </p>
      ) : null}
      {items && !items.length ? <p className="muted">{empty}</p> : null}
      {items?.length ? (
        <ul className="plain case-list">
          {items.map((c) => (
            <li key={c.id}>
              <CaseSummary c={c} showCustomer />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);

/** Targets met and missed per location and owner, as a table. */
function Figures({ figures }: { figures: CaseFigures }) {
  const table = (caption: string, rows: CaseFigures['byLocation']) => (
    // Focusable, so a keyboard can scroll it sideways on a phone.
    <div className="table-scroll" role="region" aria-label={`${caption}: figures`} tabIndex={0}>
      <table className="case-figures">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Open</th>
            <th scope="col">Past a target</th>
            <th scope="col">Near one</th>
            <th scope="col">Escalated</th>
            <th scope="col">Opened in 30 days</th>
            <th scope="col">Met every target</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id ?? 'none'}>
              <th scope="row">{r.name}</th>
              <td>{r.open}</td>
              <td className={r.breachedNow ? 'attention' : undefined}>{r.breachedNow}</td>
              <td>{r.nearNow}</td>
              <td>{r.escalatedNow}</td>
              <td>{r.opened}</td>
              <td>{percent(r.metRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <section className="card" aria-labelledby="case-figures-title">
      <h2 id="case-figures-title">How the targets are going</h2>
      {figures.byLocation.length ? table('By location', figures.byLocation) : <p className="muted">No cases in the last 30 days.</p>}
      {figures.byOwner.length ? table('By owner', figures.byOwner) : null}
    </section>
  );
}
