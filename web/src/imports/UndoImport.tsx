import { useRef, useState } from 'react';
import { imports } from '../api/endpoints';
import type { Import } from '../api/types';
import { Confirm } from '../ui/Confirm';
import { FormError } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';
import { undoHint } from './import-words';

/**
 * Undo a whole import (a done one, or a failed one that wrote something): asks first, saying what
 * happens. The undo goes on in the background: `onUndone` gets the import as it starts.
 */
export function UndoImport({ imp, onUndone }: { imp: Import; onUndone: (next: Import) => void }) {
  const [asking, setAsking] = useState(false);
  const { busy, error, run } = useSubmit();
  const opener = useRef<HTMLButtonElement>(null);

  const cancel = () => {
    setAsking(false);
    requestAnimationFrame(() => opener.current?.focus());
  };
  const confirm = async () => {
    const next = await run(() => imports.undo(imp.id));
    if (next) {
      setAsking(false);
      onUndone(next);
    }
  };

  return (
    <>
      <button ref={opener} type="button" className="small" aria-label={`Undo the import of ${imp.fileName}`} aria-expanded={asking} onClick={() => setAsking(!asking)}>
        Undo
      </button>
      {asking ? (
        <Confirm question={`Undo the import of ${imp.fileName}?`} confirmLabel="Undo import" busy={busy} onConfirm={() => void confirm()} onCancel={cancel}>
          <FormError error={error} />
          <p className="hint">{undoHint}</p>
        </Confirm>
      ) : null}
    </>
  );
}
