import { useEffect, useRef, useState } from 'react';
import { useSession } from '../auth/session';
import { SelectField } from '../ui/Field';
import { RetentionSetting } from './RetentionSetting';
import { trashKinds } from './trash-words';
import { TrashItem } from './TrashItem';
import { useTrashList } from './useTrashList';

/** The trash (managers and admins): what was deleted, newest first, to look through and restore. */
export function TrashPage() {
  const { me } = useSession();
  const heading = useRef<HTMLHeadingElement>(null);
  const [kind, setKind] = useState('');
  const [version, setVersion] = useState(0);
  const list = useTrashList(kind || null, version);
  const manager = me.role !== 'frontline';

  useEffect(() => {
    document.title = 'Trash · Rapport';
    heading.current?.focus({ preventScroll: true });
    return () => {
      document.title = 'Rapport';
    };
  }, []);

  if (!manager) {
    return (
      <section className="page narrow">
        <h1>Trash</h1>
        <p>Managers and admins look through deleted records and restore them. Ask one if something was deleted by mistake.</p>
      </section>
    );
  }

  return (
    <section className="page trash" aria-labelledby="trash-heading">
      <h1 id="trash-heading" ref={heading} tabIndex={-1}>
        Trash
      </h1>
      <RetentionSetting onChanged={() => setVersion((v) => v + 1)} />
      <div className="trash-head">
        <SelectField label="Show" value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="">Everything deleted</option>
          {trashKinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </SelectField>
      </div>
      <ul className="plain trash-list" aria-label="Deleted records" aria-busy={list.loading}>
        {list.items.map((entry) => (
          <TrashItem key={entry.id} entry={entry} />
        ))}
      </ul>
      {!list.loading && !list.failed && !list.items.length ? <p className="muted">{kind ? 'Nothing of this kind in the trash.' : 'The trash is empty.'}</p> : null}
      {list.failed ? (
        <p className="form-error" role="alert">
          The trash could not be read.
        </p>
      ) : null}
      <div className="timeline-end">
        {list.loading ? <p role="status">Loading…</p> : null}
        {list.nextCursor && !list.loading ? (
          <button type="button" className="quiet" onClick={list.loadMore}>
            Show older
          </button>
        ) : null}
      </div>
    </section>
  );
}
