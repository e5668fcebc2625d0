import { useEffect, useState } from 'react';
import type { MergeNotice } from './merge-notice';

/**
 * The message after the merge screen, at the foot of the window as after a delete: "Merged." with
 * Undo (which opens the panel's Undo of that merge, to ask first), or "marked as not the same
 * person". The status region is in the page before its words, so that screen readers announce them.
 */
export function MergeNoticeCard({ notice, onUndo, onClose }: { notice: MergeNotice | null; onUndo: (mergeId: string) => void; onClose: () => void }) {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  const close = () => {
    onClose();
    document.getElementById('main')?.focus({ preventScroll: true });
  };
  const shown = ready ? notice : null;

  return (
    <div className="undo-region merge-notice">
      <div role="status">
        {shown ? (
          <div className="undo-card">
            <p>{shown.kind === 'merged' ? `Merged. ${shown.mergedName} is now part of this record.` : `Marked: ${shown.otherName} is not the same person.`}</p>
            <div className="actions">
              {shown.kind === 'merged' ? (
                <button type="button" className="small" onClick={() => onUndo(shown.mergeId)}>
                  Undo
                </button>
              ) : null}
              <button type="button" className="quiet small" onClick={close} aria-label="Close this message">
                Close
              </button>
            </div>
          </div>
        ) : null}
      </div>
    </div>
  );
}
