import { useEffect, useRef } from 'react';
import { contactState, locations as locationsApi } from '../api/endpoints';
import { customerPath, Link, navigate, useLocation } from '../router';
import { SelectField } from '../ui/Field';
import { plural } from '../ui/format';
import { useResource } from '../ui/useResource';
import { messagesWords, sinceWords } from './contact-words';
import { ListNav } from './ListNav';
import { usePagedList } from '../ui/usePagedList';
import { ListMore } from '../ui/ListMore';

/**
 * Everyone waiting for an answer, on any channel, longest first: one row per person however many
 * messages they left. For one location or the whole team; each row opens the customer's brief.
 */
export function WaitingPage() {
  const heading = useRef<HTMLHeadingElement>(null);
  const url = useLocation();
  const locationId = url.searchParams.get('location') ?? '';
  const places = useResource(() => locationsApi.list(), []);
  const list = usePagedList((cursor) => contactState.waiting(locationId || null, cursor), [locationId]);

  useEffect(() => {
    document.title = 'Waiting for an answer · Rapport';
    heading.current?.focus({ preventScroll: true });
    return () => {
      document.title = 'Rapport';
    };
  }, []);

  const choose = (id: string) => navigate(id ? `/waiting?location=${encodeURIComponent(id)}` : '/waiting', { replace: true });

  return (
    <section className="page follow-up" aria-labelledby="waiting-heading">
      <ListNav />
      <h1 id="waiting-heading" ref={heading} tabIndex={-1}>
        Waiting for an answer
      </h1>
      <p className="hint">Customers who called, left a voicemail, wrote or filled in a form and have had no answer yet, longest first.</p>
      <div className="follow-up-filters">
        <SelectField label="Location" value={locationId} onChange={(e) => choose(e.target.value)}>
          <option value="">The whole team</option>
          {(places.data?.items ?? []).map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </SelectField>
      </div>
      <p role="status" className="muted">
        {list.loading && !list.items.length ? 'Loading…' : list.failed ? '' : list.items.length ? `${plural(list.items.length, 'person', 'people')}${list.nextCursor ? ' and more' : ''} waiting` : ''}
      </p>
      <ul className="plain follow-up-list" aria-label="Customers waiting for an answer" aria-busy={list.loading}>
        {list.items.map((w) => (
          <li key={w.customerId} className="follow-up-item">
            <div className="follow-up-row">
              <Link href={customerPath(w.customerId)} className="follow-up-name">
                {w.displayName}
              </Link>
              <span className="follow-up-since">waiting since {sinceWords(w.waitingSince)}</span>
            </div>
            <p className="follow-up-what">
              {messagesWords(w.channels, w.messages)}
              {w.firstSummary ? <span className="muted">: “{w.firstSummary}”</span> : null}
            </p>
            <p className="follow-up-meta muted">
              {[w.locationName, w.lastContactStaffName ? `last dealt with ${w.lastContactStaffName}` : null].filter(Boolean).join(' · ')}
            </p>
          </li>
        ))}
      </ul>
      {!list.loading && !list.failed && !list.items.length ? <p>No one is waiting for an answer{locationId ? ' here' : ''}.</p> : null}
      <ListMore list={list} />
    </section>
  );
}
