import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { LookupResult } from '../api/types';
import { usePagedList } from '../ui/usePagedList';
import { ListMore } from '../ui/ListMore';
import { CustomerPicker } from '../lookup/CustomerPicker';
import { customerPath, Link } from '../router';
import { Confirm } from '../ui/Confirm';
import { FormError, SelectField } from '../ui/Field';
import { ago, fullDate } from '../ui/format';
import { useSubmit } from '../ui/useSubmit';
import { emailIn, type UnfiledEmail } from './email-api';

type Handled = { id: string; words: string; customer: { id: string; name: string } | null };

/**
 * Mail to file (/mail-to-file): mail copied to Rapport that it could not place on a customer (an
 * unknown sender, an address two customers share), the latest first. Each is filed on a customer
 * picked with the lookup, as if it had matched them, or discarded.
 */
export function MailToFilePage() {
  const pages = usePagedList((cursor) => emailIn.waiting(cursor), []);
  const [handled, setHandled] = useState<Handled[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    document.title = 'Mail to file · Rapport';
    return () => {
      document.title = 'Rapport';
    };
  }, []);

  const done = (h: Handled) => setHandled((old) => [h, ...old]);
  const shown = pages.items.filter((m) => !handled.some((h) => h.id === m.id));
  const last = handled[0];

  return (
    <section className="page narrow mail-to-file-page" aria-labelledby="mail-to-file-heading">
      <h1 id="mail-to-file-heading" ref={heading} tabIndex={-1}>
        Mail to file
      </h1>
      <p className="hint">Mail copied to Rapport that it could not place on a customer. File each on the right customer, or discard what is about no one.</p>
      <p role="status" className="hint">
        {last ? (
          <>
            {last.words}
            {last.customer ? (
              <>
                {' '}
                <Link href={customerPath(last.customer.id)}>Open {last.customer.name}</Link>
              </>
            ) : null}
          </>
        ) : null}
      </p>
      <ul className="plain mail-to-file" aria-label="Mail waiting to be filed" aria-busy={pages.loading}>
        {shown.map((mail) => (
          <Entry key={mail.id} mail={mail} onDone={done} />
        ))}
      </ul>
      {pages.loading ? <p className="hint">Loading…</p> : null}
      {!pages.loading && !pages.failed && !shown.length ? <p>{pages.nextCursor ? 'All filed so far.' : 'No mail is waiting to be filed.'}</p> : null}
      <ListMore list={pages} />
    </section>
  );
}

type Mode = 'idle' | 'picking' | 'discarding';

function Entry({ mail, onDone }: { mail: UnfiledEmail; onDone: (h: Handled) => void }) {
  const [mode, setMode] = useState<Mode>('idle');
  const [chosen, setChosen] = useState<LookupResult | null>(null);
  const [direction, setDirection] = useState<'' | 'inbound' | 'outbound'>('');
  const saving = useSubmit();
  const headingId = useId();
  const subject = mail.subject ?? '(no subject)';

  const file = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    const filed = await saving.run(() => emailIn.file(mail.id, { customerId: chosen.id, ...(direction ? { direction } : {}) }));
    if (filed) onDone({ id: mail.id, words: `Filed “${subject}” on ${chosen.displayName}.`, customer: { id: chosen.id, name: chosen.displayName } });
  };
  const discard = async () => {
    const gone = await saving.run(() => emailIn.discard(mail.id));
    if (gone) onDone({ id: mail.id, words: `Discarded “${subject}”.`, customer: null });
  };
  const cancel = () => {
    setMode('idle');
    setChosen(null);
  };

  return (
    <li className="card mail-item" aria-labelledby={headingId}>
      <h2 id={headingId} className="mail-subject">
        {subject}
      </h2>
      <p className="mail-from">
        From {mail.from} · <time dateTime={mail.receivedAt} title={fullDate(mail.receivedAt)}>{ago(mail.receivedAt)}</time>
      </p>
      <p className="hint">{mail.reason}</p>
      {mail.preview ? <div className="email-body">{mail.preview}</div> : null}
      <FormError error={saving.error} />
      {mode === 'idle' ? (
        <div className="actions">
          <button type="button" onClick={() => setMode('picking')}>
            File on a customer
          </button>
          <button type="button" className="quiet" onClick={() => setMode('discarding')}>
            Discard
          </button>
        </div>
      ) : null}
      {mode === 'picking' ? (
        <form className="inline-form" aria-label={`File “${subject}”`} onSubmit={(e) => void file(e)} onKeyDown={(e) => e.key === 'Escape' && cancel()}>
          {chosen ? (
            <p className="picked">
              File on <strong>{chosen.displayName}</strong>
              {chosen.email ? ` (${chosen.email})` : ''}{' '}
              <button type="button" className="quiet small" onClick={() => setChosen(null)}>
                Choose someone else
              </button>
            </p>
          ) : (
            <CustomerPicker label="Customer to file it on" listLabel="Customers" onPick={setChosen} />
          )}
          <SelectField label="Which way it went" value={direction} onChange={(e) => setDirection(e.target.value as typeof direction)}>
            <option value="">As Rapport reads it</option>
            <option value="inbound">From the customer</option>
            <option value="outbound">To the customer</option>
          </SelectField>
          <div className="actions">
            <button type="submit" disabled={!chosen || saving.busy}>
              {saving.busy ? 'Filing…' : 'File it'}
            </button>
            <button type="button" className="quiet" onClick={cancel}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {mode === 'discarding' ? (
        <Confirm question={`Discard “${subject}”?`} confirmLabel="Discard it" busy={saving.busy} onConfirm={() => void discard()} onCancel={cancel}>
          <p className="hint">It is about no customer. Rapport keeps only this line about it, not the message.</p>
        </Confirm>
      ) : null}
    </li>
  );
}
