import { useId } from 'react';
import { imports } from '../api/endpoints';
import type { ImportProblem } from '../api/types';
import { plural } from '../ui/format';
import { usePaged } from './usePaged';

const firstPage = 10;

/** The records the import could not take whole, in file order, with their line and field; more on request. */
export function ImportProblems({ importId, count }: { importId: string; count: number }) {
  const headingId = useId();
  const list = usePaged((cursor) => imports.problems(importId, cursor, firstPage), (p: ImportProblem) => String(p.seq), importId);
  return (
    <section className="import-problems" aria-labelledby={headingId}>
      <h3 id={headingId}>{`Problems (${plural(count, 'record')})`}</h3>
      <ol className="plain" aria-label="Records with problems" aria-busy={list.loading}>
        {list.items.map((p) => (
          <li key={p.seq}>
            <strong>{`Line ${p.line}`}</strong>
            {p.field ? <span className="import-field">{p.field}</span> : null}: {p.message}
          </li>
        ))}
      </ol>
      {list.failed ? (
        <p className="form-error" role="alert">
          The problems could not be read.
        </p>
      ) : null}
      {list.loading ? <p role="status">Loading problems…</p> : null}
      {list.nextCursor && !list.loading ? (
        <button type="button" className="quiet small" onClick={list.loadMore}>
          Show more problems
        </button>
      ) : null}
    </section>
  );
}
