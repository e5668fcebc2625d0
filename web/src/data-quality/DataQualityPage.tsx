import { useEffect, useRef, useState } from 'react';
import { dataQuality } from '../api/endpoints';
import type { QualityKind, QualityKindCount } from '../api/types';
import { useSession } from '../auth/session';
import { usePagedList } from '../ui/usePagedList';
import { ListMore } from '../ui/ListMore';
import { customerPath, Link, useLocation } from '../router';
import { fullDate } from '../ui/format';
import { useResource } from '../ui/useResource';
import { countWords, notCountedWords, severityWords } from './quality-words';

/**
 * Data quality (managers and admins, /data-quality): how many customers have each kind of finding
 * over the whole database, and for a kind, its customers in name order to work through, each a link
 * to their page where the "To fix" card says what to do. ?kind= opens one kind. Anyone else is told
 * where to look instead.
 */
export function DataQualityPage() {
  const { me } = useSession();
  const manager = me.role !== 'frontline';
  const heading = useRef<HTMLHeadingElement>(null);
  const asked = useLocation().searchParams.get('kind');
  const [open, setOpen] = useState<string | null>(asked);
  const counts = useResource(() => (manager ? dataQuality.counts() : Promise.resolve(null)), [manager]);

  useEffect(() => {
    document.title = 'Data quality · Rapport';
    heading.current?.focus({ preventScroll: true });
    return () => {
      document.title = 'Rapport';
    };
  }, []);

  // The open kind goes in the address (for Back and to share) without a navigation, which would scroll to the top.
  const toggle = (kind: QualityKind) => {
    const next = open === kind ? null : kind;
    setOpen(next);
    window.history.replaceState(window.history.state, '', next ? `/data-quality?kind=${encodeURIComponent(next)}` : '/data-quality');
  };

  if (!manager) {
    return (
      <section className="page narrow" aria-labelledby="quality-heading">
        <h1 id="quality-heading" ref={heading} tabIndex={-1}>
          Data quality
        </h1>
        <p>Managers see what is missing or wrong across all customers here. On each customer’s page, the “To fix” card says what to fix on that record.</p>
      </section>
    );
  }

  const data = counts.data;
  return (
    <section className="page follow-up quality" aria-labelledby="quality-heading">
      <h1 id="quality-heading" ref={heading} tabIndex={-1}>
        Data quality
      </h1>
      <p className="hint">What customers’ records lack that the relationship needs, and what looks wrong. Open a kind to work through its customers; each one’s page says what to fix.</p>
      <p role="status" className="muted">
        {counts.loading ? 'Counting… this reads every customer and can take a few seconds.' : data ? `${countWords({ count: data.customers })} in all, counted ${fullDate(data.countedAt)}.` : ''}
      </p>
      {counts.error ? (
        <p className="form-error" role="alert">
          The counts could not be read. Try again in a moment.
        </p>
      ) : null}
      {data ? (
        <ul className="plain follow-up-list quality-kinds" aria-label="Kinds of finding">
          {data.kinds.map((k) => (
            <li key={k.kind} className="follow-up-item">
              <h2 className="disclosure-head follow-up-name">
                <button type="button" className="disclosure" aria-expanded={open === k.kind} aria-controls={`quality-${k.kind}`} onClick={() => toggle(k.kind)}>
                  <span>
                    {k.label}: <strong>{countWords(k)}</strong>
                  </span>
                </button>
              </h2>
              <p className="follow-up-meta muted">{severityWords[k.severity]}</p>
              {k.count === null && open !== k.kind ? <p className="follow-up-what muted">{notCountedWords[k.kind] ?? k.note}</p> : null}
              <div id={`quality-${k.kind}`} hidden={open !== k.kind}>
                {open === k.kind ? <KindCustomers kind={k} /> : null}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The customers with one kind of finding, a page at a time, each with what is wrong. */
function KindCustomers({ kind }: { kind: QualityKindCount }) {
  const list = useRef<HTMLUListElement>(null);
  const [note, setNote] = useState<string | null>(null);
  const pages = usePagedList(async (cursor) => {
    const page = await dataQuality.page(kind.kind, cursor);
    setNote(page.note);
    return page;
  }, [kind.kind]);

  // After "Show more", the first customer added takes the focus (the button may be gone).
  const more = async () => {
    const before = pages.items.length;
    await pages.loadMore();
    requestAnimationFrame(() => list.current?.querySelectorAll<HTMLAnchorElement>(':scope > li > a')[before]?.focus());
  };

  return (
    <>
      {note ? <p className="follow-up-what muted">{note}</p> : null}
      <ul ref={list} className="plain case-list quality-customers" aria-label={kind.label} aria-busy={pages.loading}>
        {pages.items.map((item) => (
          <li key={item.customerId}>
            <Link href={customerPath(item.customerId)}>{item.displayName}</Link>
            {item.findings.map((f) => (
              <p key={f.itemId ?? f.kind} className="follow-up-what">
                {f.sentence}
              </p>
            ))}
          </li>
        ))}
      </ul>
      {pages.loading ? <p role="status">Loading…</p> : null}
      {!pages.loading && !pages.failed && !pages.items.length ? <p>{pages.nextCursor ? 'None among the customers read so far.' : 'No customers have this now.'}</p> : null}
      <ListMore list={pages} onMore={more} />
    </>
  );
}
