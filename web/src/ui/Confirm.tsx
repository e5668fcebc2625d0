import { useEffect, useRef, type ReactNode } from 'react';

/** Asks before a change that cannot be taken back; focus goes to the confirming button. */
export function Confirm({
  question,
  children,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  question: string;
  children?: ReactNode;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <div className="confirm" role="group" aria-label={question}>
      <p>
        <strong>{question}</strong>
      </p>
      {children}
      <div className="actions">
        <button ref={button} type="button" className="danger" onClick={onConfirm} disabled={busy}>
          {busy ? 'Working…' : confirmLabel}
        </button>
        <button type="button" className="quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
