import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../auth/session';
import { usePaged } from '../imports/usePaged';
import { Link, navigate, useLocation } from '../router';
import { plural } from '../ui/format';
import { mailings, type Mailing } from './mailing-api';
import { channelShort, sentDay } from './mailing-words';
import { MailingPanel } from './MailingPanel';
import { NewMailingForm } from './NewMailingForm';

export const mailingPath = (id: string) => `/mailings?mailing=${encodeURIComponent(id)}`;

/**
 * Mailings (/mailings): newsletters, catalogues, invoices and letters other systems sent, each logged
 * per customer so that the brief can say who got what. Managers log them and upload who got them;
 * /mailings?mailing={id} shows one, with its recipient file and what it did.
 */
export function MailingsPage() {
  const { me } = useSession();
  const manager = me.role !== 'frontline';
  const openId = useLocation().searchParams.get('mailing');
  const heading = useRef<HTMLHeadingElement>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    document.title = 'Mailings · Rapport';
    heading.current?.focus({ preventScroll: true });
    return () => {
      document.title = 'Rapport';
    };
  }, []);

  const changed = useCallback(() => setVersion((v) => v + 1), []);

  return (
    <section className="page" aria-labelledby="mailings-heading">
      <h1 id="mailings-heading" ref={heading} tabIndex={-1}>
        Mailings
      </h1>
      {openId ? (
        <MailingPanel key={openId} id={openId} manager={manager} onChanged={changed} />
      ) : manager ? (
        <NewMailingForm
          onCreated={(created) => {
            navigate(mailingPath(created.id));
            changed();
          }}
        />
      ) : (
        <p>A manager logs the mailings other systems send, and who got them.</p>
      )}
      <MailingList version={version} />
    </section>
  );
}

/** Every mailing, the latest sent first: its campaign, how and when it went out, to how many. */
function MailingList({ version }: { version: number }) {
  const list = usePaged((cursor) => mailings.list(cursor), (m: Mailing) => m.id, version);
  return (
    <section className="card" aria-labelledby="mailing-list-title">
      <h2 id="mailing-list-title">Sent</h2>
      <ul className="plain" aria-label="Mailings" aria-busy={list.loading}>
        {list.items.map((m) => (
          <li key={m.id}>
            <Link href={mailingPath(m.id)}>{m.name}</Link>
            <p className="muted">{`${channelShort[m.channel]} · ${sentDay(m.sentAt)} · ${plural(m.recipients, 'customer')}`}</p>
          </li>
        ))}
      </ul>
      {!list.loading && !list.failed && !list.items.length ? <p className="muted">No mailing is logged yet.</p> : null}
      {list.failed ? (
        <p className="form-error" role="alert">
          The mailings could not be read.
        </p>
      ) : null}
      {list.loading ? <p role="status">Loading…</p> : null}
      {list.nextCursor && !list.loading ? (
        <button type="button" className="quiet" onClick={list.loadMore}>
          Show more mailings
        </button>
      ) : null}
    </section>
  );
}
