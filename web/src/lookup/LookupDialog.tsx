import { useEffect, useRef } from 'react';
import { LookupBox } from './LookupBox';

/** Lookup over any screen (Ctrl/Cmd+K): a modal dialog around the same box. */
export function LookupDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    document.getElementById('lookup-input')?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // Back where the person was, unless they went on to another screen.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="lookup-dialog"
      aria-label="Look up a customer"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
    >
      <LookupBox onEscapeEmpty={onClose} onDone={onClose} />
      <button type="button" className="quiet close" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
