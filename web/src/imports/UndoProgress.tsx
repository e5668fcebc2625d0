import { useEffect, useId, useRef } from 'react';
import type { Import } from '../api/types';
import { plural } from '../ui/format';
import { useImport } from './useImport';

/** An undo's progress, as an import's: the rows the import wrote or filled in, undone so far. */
export function UndoProgress({ imp }: { imp: Import }) {
  const progressId = useId();
  const max = Math.max(imp.totalRows, 1);
  const done = Math.min(imp.processedRows, imp.totalRows);
  return (
    <div className="import-progress">
      <label htmlFor={progressId}>Changes undone</label>
      <progress id={progressId} value={Math.min(imp.status === 'undone' ? max : done, max)} max={max} />
      <p className="hint">{`${done} of ${plural(imp.totalRows, 'change')}${imp.status === 'undoing' ? ': you may leave this page, the undo goes on.' : '.'}`}</p>
    </div>
  );
}

/** An import being undone, followed until it is: its progress meanwhile, then `onDone` with the import undone. */
export function FollowUndo({ imp, onDone }: { imp: Import; onDone: (next: Import) => void }) {
  const current = useImport(imp.id);
  const shown = current.data ?? imp;
  const reported = useRef(false);
  useEffect(() => {
    if (reported.current || !current.data || current.data.status === 'undoing') return;
    reported.current = true;
    onDone(current.data);
  }, [current.data, onDone]);
  return <UndoProgress imp={shown} />;
}
