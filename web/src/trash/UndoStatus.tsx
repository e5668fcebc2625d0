import { useEffect, useRef } from 'react';
import { dismiss, undo, useNotice } from './undo-notice';

/**
 * The message after a delete, with Undo; then what Undo did. Always in the page (empty when there is
 * nothing to say), so that screen readers announce what appears in it.
 */
export function UndoStatus() {
  const notice = useNotice();
  const undoButton = useRef<HTMLButtonElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const state = notice?.state;

  // The deleted record's button is gone: focus goes where the next step is, Undo, then Close.
  useEffect(() => {
    if (state === 'deleted') undoButton.current?.focus();
    else if (state === 'restored' || state === 'failed') closeButton.current?.focus();
  }, [notice?.id, state]);

  const close = () => {
    dismiss();
    document.getElementById('main')?.focus({ preventScroll: true });
  };

  const card = notice ? (
    <div className={`undo-card${notice.state === 'failed' ? ' failed' : ''}`}>
      <p>{notice.message}</p>
      <div className="actions">
        {notice.state === 'deleted' || notice.state === 'undoing' ? (
          <button ref={undoButton} type="button" className="small" onClick={() => void undo()} disabled={notice.state === 'undoing'}>
            {notice.state === 'undoing' ? 'Putting it back…' : 'Undo'}
          </button>
        ) : null}
        <button ref={closeButton} type="button" className="quiet small" onClick={close} aria-label="Close this message">
          Close
        </button>
      </div>
    </div>
  ) : null;

  return (
    <div className="undo-region">
      <div role="status">{notice && notice.state !== 'failed' ? card : null}</div>
      <div role="alert">{notice?.state === 'failed' ? card : null}</div>
    </div>
  );
}
