import { useEffect, useRef } from 'react';
import { useSession } from '../auth/session';
import { contactState } from '../api/endpoints';
import { customerPath, Link, navigate, useLocation } from '../router';
import { SelectField } from '../ui/Field';
import { ago } from '../ui/format';
import { cadenceWords } from './contact-words';
import { ListNav } from './ListNav';
import { usePagedList } from '../ui/usePagedList';
import { ListMore } from '../ui/ListMore';

/**
 * Customers past their keep-in-touch cadence, most overdue first: the ones you keep in touch with,
 * or (managers) everyone at your locations. Any contact or purchase logged takes them off.
 */
export function KeepInTouchPage() {
  const { me } = useSession();
  const heading = useRef<HTMLHeadingElement>(null);
  const url = useLocation();
  const manager = me.role !== 'frontline';
  const view = manager && url.searchParams.get('view') === 'team' ? 'team' : 'mine';
  const list = usePagedList((cursor) => contactState.due(view, null, cursor), [view]);

  useEffect(() => {
    document.title = 'Keep in touch · Rapport';
    heading.current?.focus({ preventScroll: true });
    return () => {
      document.title = 'Rapport';
    };
  }, []);

  return (
    <section className="page follow-up" aria-labelledby="keep-heading">
      <ListNav />
      <h1 id="keep-heading" ref={heading} tabIndex={-1}>
        Keep in touch
      </h1>
      <p className="hint">Customers past the cadence you keep in touch at, the longest overdue first. A contact or a purchase logged takes them off.</p>
      {manager ? (
        <div className="follow-up-filters">
          <SelectField label="Whose" value={view} onChange={(e) => navigate(e.target.value === 'team' ? '/keep-in-touch?view=team' : '/keep-in-touch', { replace: true })}>
            <option value="mine">Yours</option>
            <option value="team">{me.locationIds.length && me.role === 'manager' ? 'Everyone at your locations' : 'Everyone'}</option>
          </SelectField>
        </div>
      ) : null}
      <ul className="plain follow-up-list" aria-label="Customers due a contact" aria-busy={list.loading}>
        {list.items.map((d) => (
          <li key={d.customerId} className="follow-up-item">
            <div className="follow-up-row">
              <Link href={customerPath(d.customerId)} className="follow-up-name">
                {d.displayName}
              </Link>
              <span className="follow-up-since">due {ago(d.dueAt)}</span>
            </div>
            <p className="follow-up-what">
              {d.lastContactAt ? `Last seen ${ago(d.lastContactAt)}` : 'Not seen yet'}; {d.ownerId === me.id ? 'you keep' : d.ownerName ? `${d.ownerName} keeps` : 'we keep'} in touch {cadenceWords(d.everyDays)}.
            </p>
            {d.locationName ? <p className="follow-up-meta muted">{d.locationName}</p> : null}
          </li>
        ))}
      </ul>
      {list.loading && !list.items.length ? <p role="status">Loading…</p> : null}
      {!list.loading && !list.failed && !list.items.length ? <p>No one is due a contact{view === 'mine' ? ' from you' : ''} right now.</p> : null}
      <ListMore list={list} />
    </section>
  );
}
