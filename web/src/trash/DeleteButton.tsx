import { useRef, useState } from 'react';
import { Confirm } from '../ui/Confirm';
import { FormError } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';

/**
 * A delete (or remove) button that asks once, in place, before it acts. `onDelete` does the work and
 * offers the Undo; a refusal from the server is shown in the question.
 */
export function DeleteButton({
  text = 'Delete',
  label,
  question,
  hint = 'It goes to the trash: you can undo it now, and a manager can restore it later.',
  confirmLabel = text,
  onDelete,
}: {
  text?: string;
  /** The button's whole name, saying what it deletes: "Delete note: Exchange pending…". */
  label: string;
  question: string;
  hint?: string;
  confirmLabel?: string;
  onDelete: () => Promise<unknown>;
}) {
  const [asking, setAsking] = useState(false);
  const { busy, error, run } = useSubmit();
  const opener = useRef<HTMLButtonElement>(null);

  const cancel = () => {
    setAsking(false);
    requestAnimationFrame(() => opener.current?.focus());
  };
  const confirm = async () => {
    const done = await run(async () => {
      await onDelete();
      return true;
    });
    if (done) setAsking(false);
  };

  return (
    <>
      <button ref={opener} type="button" className="quiet small delete" aria-label={label} aria-expanded={asking} onClick={() => setAsking(!asking)}>
        {text}
      </button>
      {asking ? (
        <Confirm question={question} confirmLabel={confirmLabel} busy={busy} onConfirm={() => void confirm()} onCancel={cancel}>
          <FormError error={error} />
          <p className="hint">{hint}</p>
        </Confirm>
      ) : null}
    </>
  );
}
