import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { urgent } from '../api/endpoints';
import type { FillInLaterItem } from '../api/types';
import { useSession } from '../auth/session';
import { usePagedList } from '../ui/usePagedList';
import { ListMore } from '../ui/ListMore';
import { Link } from '../router';
import { SelectField } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';
import { dueWords } from './urgent-words';

type Scope = 'mine' | 'locations';

/**
 * The whole fill-in-later list (/fill-in-later; Today shows the first 8): every field still
 * missing on your open cases, overdue first, each filled in right here. Managers may look at
 * everyone's at their locations instead.
 */
export function FillInLaterPage() {
  const { me } = useSession();
  const manager = me.role !== 'frontline';
  const [scope, setScope] = useState<Scope>('mine');
  const [total, setTotal] = useState<number | null>(null);
  const [filled, setFilled] = useState<ReadonlySet<string>>(new Set());
  const [said, setSaid] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const pages = usePagedList(async (cursor) => {
    const page = await urgent.fillInLater(scope, cursor);
    setTotal(page.total);
    return page;
  }, [scope]);

  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    document.title = 'To fill in later · Rapport';
    return () => {
      document.title = 'Rapport';
    };
  }, []);

  const choose = (next: Scope) => {
    setScope(next);
    setFilled(new Set());
    setSaid('');
  };
  const saved = (item: FillInLaterItem) => {
    setFilled((old) => new Set([...old, item.id]));
    setTotal((n) => (n === null ? n : Math.max(0, n - 1)));
    setSaid(`Saved ${item.label.toLowerCase()} for “${item.subject}”.`);
  };
  const shown = pages.items.filter((i) => !filled.has(i.id));

  return (
    <section className="page narrow fill-in-later-page" aria-labelledby="fill-in-later-heading">
      <h1 id="fill-in-later-heading" ref={heading} tabIndex={-1}>
        To fill in later
      </h1>
      <p className="hint">Details the case types want that were left for later: overdue first, then by deadline. Nothing here stopped a case being saved.</p>
      {manager ? (
        <SelectField label="Whose" value={scope} onChange={(e) => choose(e.target.value as Scope)}>
          <option value="mine">Mine</option>
          <option value="locations">Everyone’s at my locations</option>
        </SelectField>
      ) : null}
      <p role="status" className="hint">
        {said}
        {said && total !== null ? ' ' : ''}
        {total !== null && !pages.loading ? (total === 1 ? '1 to fill in.' : `${total} to fill in.`) : ''}
      </p>
      <ul className="plain fill-in-later-list" aria-label="Missing details" aria-busy={pages.loading}>
        {shown.map((item) => (
          <Entry key={item.id} item={item} showOwner={scope === 'locations'} onSaved={saved} />
        ))}
      </ul>
      {pages.loading ? <p className="hint">Loading…</p> : null}
      {!pages.loading && !pages.failed && !shown.length ? <p>{pages.nextCursor ? 'All filled in so far.' : 'Nothing to fill in.'}</p> : null}
      <ListMore list={pages} />
    </section>
  );
}

function Entry({ item, showOwner, onSaved }: { item: FillInLaterItem; showOwner: boolean; onSaved: (item: FillInLaterItem) => void }) {
  const [value, setValue] = useState('');
  const saving = useSubmit();
  const inputId = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!value.trim()) return;
    const done = await saving.run(() => urgent.fill(item.caseId, { [item.key]: value.trim() }));
    if (done) onSaved(item);
  };
  const due = dueWords({ ...item, value: null });
  return (
    <li className={`today-item fill-in-later${item.overdue ? ' attention' : ''}`}>
      <div className="today-item-text">
        {item.overdue ? <span className="tag attention">Overdue</span> : null}
        <Link href={`/cases/${item.caseId}`} className="today-title">
          {item.label} for “{item.subject}”
        </Link>
        <p className="today-detail">
          {item.customerName} · {item.type} case · {due}
          {showOwner ? ` · ${item.ownerName ?? 'no owner'}` : ''}
        </p>
        <form className="fill-in-form" onSubmit={(e) => void submit(e)}>
          <label htmlFor={inputId} className="visually-hidden">
            Fill in {item.label.toLowerCase()}: {item.label} for “{item.subject}”
          </label>
          <input id={inputId} value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" aria-invalid={saving.error ? true : undefined} />
          <button type="submit" className="small" disabled={saving.busy || !value.trim()}>
            {saving.busy ? 'Saving…' : 'Save'}
          </button>
        </form>
        {saving.error ? (
          <p className="form-error" role="alert">
            {saving.error}
          </p>
        ) : null}
      </div>
    </li>
  );
}
