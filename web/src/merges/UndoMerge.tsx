import { useRef } from 'react';
import { merges } from '../api/endpoints';
import type { Merge, MergeReceipt } from '../api/types';
import { Confirm } from '../ui/Confirm';
import { FormError } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';
import { undoWords } from './merge-words';

/**
 * Undo one merge (managers and admins): asks first, saying what will happen; a refusal from the
 * server (already undone, this customer in the trash) is shown in the question with its reason.
 * Whether it is asking is the panel's, so that the Undo of the "Merged." message can open it.
 */
export function UndoMerge({ merge, asking, onAsk, onCancel, onUndone }: { merge: Merge; asking: boolean; onAsk: () => void; onCancel: () => void; onUndone: (receipt: MergeReceipt) => void }) {
  const { busy, error, run } = useSubmit();
  const opener = useRef<HTMLButtonElement>(null);
  const name = merge.mergedName || 'the other record';

  const cancel = () => {
    onCancel();
    requestAnimationFrame(() => opener.current?.focus());
  };
  const confirm = async () => {
    const receipt = await run(() => merges.undo(merge.id));
    if (receipt) onUndone(receipt);
  };

  return (
    <>
      <button ref={opener} type="button" className="quiet small" aria-label={`Undo the merge of ${name}`} aria-expanded={asking} onClick={asking ? cancel : onAsk}>
        Undo
      </button>
      {asking ? (
        <Confirm question={`Undo the merge of ${name}?`} confirmLabel="Undo merge" busy={busy} onConfirm={() => void confirm()} onCancel={cancel}>
          <FormError error={error} />
          <p className="hint">{undoWords(merge.mergedName)}</p>
        </Confirm>
      ) : null}
    </>
  );
}
