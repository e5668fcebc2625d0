import { useCallback, useId, useRef, useState } from 'react';
import { imports } from '../api/endpoints';
import type { Import } from '../api/types';
import { Link } from '../router';
import { ago, fullDate } from '../ui/format';
import { countsLine, kindShort, statusWords, undoneSentence } from './import-words';
import { UndoImport } from './UndoImport';
import { FollowUndo } from './UndoProgress';
import { usePaged } from './usePaged';

export const importPath = (id: string) => `/imports?import=${encodeURIComponent(id)}`;

/** Past imports, newest first: the file, where from, what it held, where it stands, when, its counts; Undo for the done ones, and its progress. */
export function ImportList({ version }: { version: number }) {
  const list = usePaged((cursor) => imports.list(cursor), (i: Import) => i.id, version);
  return (
    <section className="import-history" aria-labelledby="import-history-title">
      <h2 id="import-history-title">Past imports</h2>
      <ul className="plain import-list" aria-label="Past imports" aria-busy={list.loading}>
        {list.items.map((i) => (
          <ImportEntry key={i.id} imp={i} onChange={list.update} />
        ))}
      </ul>
      {!list.loading && !list.failed && !list.items.length ? <p className="muted">Nothing has been imported yet.</p> : null}
      {list.failed ? (
        <p className="form-error" role="alert">
          The imports could not be read.
        </p>
      ) : null}
      {list.loading ? <p role="status">Loading…</p> : null}
      {list.nextCursor && !list.loading ? (
        <button type="button" className="quiet" onClick={list.loadMore}>
          Show more imports
        </button>
      ) : null}
    </section>
  );
}

function ImportEntry({ imp, onChange }: { imp: Import; onChange: (next: Import) => void }) {
  const [message, setMessage] = useState('');
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const counts = countsLine(imp);
  const undone = useCallback(
    (next: Import) => {
      if (next.undo && next.status === 'undone') setMessage(undoneSentence(next.undo));
      onChange(next);
    },
    [onChange],
  );
  return (
    <li className={`card import-entry status-${imp.status}`}>
      <h3 id={headingId} ref={heading} tabIndex={-1} className="import-file">
        <Link href={importPath(imp.id)}>{imp.fileName}</Link>
      </h3>
      <p className="import-meta">
        {`${kindShort[imp.kind]} from `}
        <strong>{imp.source}</strong>
        {' · '}
        <span className="import-status">{statusWords[imp.status]}</span>
        {' · '}
        <time dateTime={imp.createdAt} title={fullDate(imp.createdAt)}>
          {ago(imp.createdAt)}
        </time>
        {imp.createdByName ? ` by ${imp.createdByName}` : ''}
      </p>
      {counts ? <p className="import-line">{counts}</p> : null}
      {imp.status === 'failed' && imp.error ? <p className="error">{imp.error}</p> : null}
      {imp.status === 'done' ? (
        <div className="import-undo">
          <UndoImport
            imp={imp}
            onUndone={(next) => {
              onChange(next);
              heading.current?.focus();
            }}
          />
        </div>
      ) : null}
      {imp.status === 'undoing' ? <FollowUndo imp={imp} onDone={undone} /> : null}
      <p role="status" className="import-outcome">
        {message}
      </p>
    </li>
  );
}
