import { useEffect, useId, useRef } from 'react';
import { imports } from '../api/endpoints';
import type { Import, ImportCounts } from '../api/types';
import { Link } from '../router';
import { FormError } from '../ui/Field';
import { fullDate, plural } from '../ui/format';
import { useSubmit } from '../ui/useSubmit';
import { checkSentence, failureSentence, kindWords, resultSentence } from './import-words';
import { ImportProblems } from './ImportProblems';
import { UndoImport } from './UndoImport';
import { UndoProgress } from './UndoProgress';
import { useImport } from './useImport';

/** A short sentence for screen readers each time the import moves on (not every row of progress). */
function stateSentence(i: Import): string {
  switch (i.status) {
    case 'checking':
      return `Checking ${i.fileName}…`;
    case 'checked':
      return `Checked ${i.fileName}: nothing is imported until you say so.`;
    case 'importing':
      return `Importing ${i.fileName}…`;
    case 'done':
      return `Imported ${i.fileName}.`;
    case 'failed':
      return `The import of ${i.fileName} failed.`;
    case 'undoing':
      return `Undoing the import of ${i.fileName}…`;
    case 'undone':
      return `The import of ${i.fileName} was undone.`;
  }
}

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });

/**
 * The import being looked at: the check while it runs, what it found (counts, notes, problems, a
 * file imported before), Import or Cancel; then the import's progress and what it did, with Undo;
 * then the undo's progress and what it did.
 */
export function ImportPanel({ id, onChanged, onClose }: { id: string; onChanged: () => void; onClose: (message?: string) => void }) {
  const current = useImport(id);
  const i = current.data;
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const status = i?.status;

  // The list below shows where each import stands: it is read again when this one moves on.
  const seen = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!status) return;
    if (seen.current === undefined) heading.current?.focus({ preventScroll: true });
    else if (seen.current !== status) {
      onChanged();
      // The button just pressed (Import) has gone with the state it belonged to: the keyboard goes back to the heading.
      if (document.activeElement === document.body || document.activeElement === null) heading.current?.focus({ preventScroll: true });
    }
    seen.current = status;
  }, [status, onChanged]);

  if (!i) {
    return (
      <section className="card import-panel" aria-busy={!current.failed}>
        {current.failed ? (
          <p className="form-error" role="alert">
            This import could not be read. <Link href="/imports">Back to the imports</Link>
          </p>
        ) : (
          <p role="status">Loading the import…</p>
        )}
      </section>
    );
  }

  return (
    <section className="card import-panel" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {i.fileName}
      </h2>
      <p className="import-meta">
        {kindWords[i.kind]} from <strong>{i.source}</strong>
      </p>
      <p className="visually-hidden" role="status">
        {stateSentence(i)}
      </p>
      {current.failed ? <p className="hint">Rapport could not be reached for a moment: trying again…</p> : null}
      {i.status === 'checking' ? <Checking imp={i} /> : null}
      {i.status === 'checked' && i.check ? <Check imp={i} check={i.check} onImport={current.set} onCancel={() => onClose(`Nothing was imported from ${i.fileName}. It waits in the list below, checked, if you want it later.`)} /> : null}
      {i.status === 'importing' || i.status === 'done' ? <Progress imp={i} /> : null}
      {i.status === 'done' && i.result ? <Result imp={i} result={i.result} /> : null}
      {i.status === 'failed' ? <Failed imp={i} onRetry={current.set} /> : null}
      {i.status === 'undoing' ? <UndoProgress imp={i} /> : null}
      {i.status === 'undone' ? (
        <p>
          {`This import was undone${i.undoneAt ? ` on ${day(i.undoneAt)}` : ''}: `}
          {i.undo ? `${plural(i.undo.trashed, 'record')} moved to the trash, ${plural(i.undo.cleared, 'field')} emptied again.` : 'what it created is in the trash.'}
        </p>
      ) : null}
      <div className="actions import-panel-actions">
        {i.status === 'done' || (i.status === 'failed' && i.committedAt !== null) ? (
          <div className="import-undo">
            <UndoImport
              imp={i}
              onUndone={(next) => {
                current.set(next);
                heading.current?.focus({ preventScroll: true });
              }}
            />
          </div>
        ) : null}
        {i.status !== 'checked' ? (
          <button type="button" className="quiet" onClick={() => onClose()}>
            Import another file
          </button>
        ) : null}
      </div>
    </section>
  );
}

function Checking({ imp }: { imp: Import }) {
  const progressId = useId();
  return (
    <div className="import-progress">
      <label htmlFor={progressId}>Checking the file</label>
      <progress id={progressId} />
      <p className="hint">
        Reading every record of {imp.fileName} and looking for the customers already here. Nothing is written yet.
      </p>
    </div>
  );
}

function Check({ imp, check, onImport, onCancel }: { imp: Import; check: ImportCounts; onImport: (i: Import) => void; onCancel: () => void }) {
  const titleId = useId();
  const { busy, error, run } = useSubmit();
  const commit = async () => {
    const next = await run(() => imports.commit(imp.id));
    if (next) onImport(next);
  };
  return (
    <section className="import-check" aria-labelledby={titleId}>
      <h3 id={titleId}>What the check found</h3>
      <p>{`${plural(check.records, 'record')} in the file. Nothing has been imported yet.`}</p>
      <p className="import-counts">{checkSentence(check)}</p>
      {imp.alreadyImported ? (
        <p className="import-warning">
          <strong>Imported before:</strong> this file from {imp.source} was imported on{' '}
          <time dateTime={imp.alreadyImported} title={fullDate(imp.alreadyImported)}>
            {day(imp.alreadyImported)}
          </time>
          . Importing it again adds nothing that is already here.
        </p>
      ) : null}
      {check.notes.length ? (
        <ul className="import-notes" aria-label="How the file was read">
          {check.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      {check.problems > 0 ? <ImportProblems importId={imp.id} count={check.problems} /> : null}
      <FormError error={error} />
      <div className="actions">
        <button type="button" className="primary" onClick={() => void commit()} disabled={busy}>
          {busy ? 'Starting…' : 'Import'}
        </button>
        <button type="button" className="quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

function Progress({ imp }: { imp: Import }) {
  const progressId = useId();
  const max = Math.max(imp.totalRows, 1);
  const value = Math.min(imp.status === 'done' ? max : imp.processedRows, max);
  return (
    <div className="import-progress">
      <label htmlFor={progressId}>Records imported</label>
      <progress id={progressId} value={value} max={max} />
      <p className="hint">{`${Math.min(imp.processedRows, imp.totalRows)} of ${plural(imp.totalRows, 'record')}${imp.status === 'importing' ? ': you may leave this page, the import goes on.' : '.'}`}</p>
    </div>
  );
}

function Result({ imp, result }: { imp: Import; result: ImportCounts }) {
  const titleId = useId();
  return (
    <section className="import-result" aria-labelledby={titleId}>
      <h3 id={titleId}>Imported</h3>
      <p className="import-counts">{resultSentence(result)}</p>
      {result.review > 0 ? (
        <p>
          <Link href="/duplicates">{`Review the possible duplicates (${result.review})`}</Link>: a person should look at each before they are merged.
        </p>
      ) : null}
      {result.problems > 0 ? <ImportProblems importId={imp.id} count={result.problems} /> : null}
    </section>
  );
}

function Failed({ imp, onRetry }: { imp: Import; onRetry: (i: Import) => void }) {
  const { busy, error, run } = useSubmit();
  const retry = async () => {
    const next = await run(() => imports.commit(imp.id));
    if (next) onRetry(next);
  };
  return (
    <div className="import-failed">
      <p className="form-error" role="alert">
        {failureSentence(imp)}
      </p>
      <FormError error={error} />
      {imp.checkedAt !== null ? (
        <button type="button" onClick={() => void retry()} disabled={busy}>
          {busy ? 'Starting…' : imp.committedAt ? 'Go on with the import' : 'Import'}
        </button>
      ) : (
        <p className="hint">Correct the file, or choose how it is read, and import it again.</p>
      )}
    </div>
  );
}
