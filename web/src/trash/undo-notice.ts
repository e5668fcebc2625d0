import { useSyncExternalStore } from 'react';
import { ApiError } from '../api/client';
import { trash } from '../api/endpoints';
import { restoreOutcome } from './trash-words';

/**
 * The one message after a delete ("Note deleted.") with its Undo, kept outside any screen so that it
 * outlives the record it speaks of (and the screen, when a whole customer goes). Undo restores from
 * the trash and then runs `after`, which brings the record back on screen.
 */

export type Notice =
  | { id: number; state: 'deleted' | 'undoing'; message: string }
  | { id: number; state: 'restored'; message: string }
  | { id: number; state: 'failed'; message: string };

interface Offer {
  /** What was done, as the status says it: "Note deleted." */
  message: string;
  /** What comes back, as the sentence after Undo starts: "The note". */
  what: string;
  /** The trash entry, or how to find it (a removed phone answers the customer, not the entry). */
  trashId: string | (() => Promise<string>);
  /** Brings the record back on screen once restored. */
  after: () => void;
}

let notice: Notice | null = null;
let offer: Offer | null = null;
let counter = 0;
const listeners = new Set<() => void>();

const set = (next: Notice | null) => {
  notice = next;
  for (const listener of listeners) listener();
};

export function offerUndo(next: Offer): void {
  offer = next;
  set({ id: ++counter, state: 'deleted', message: next.message });
}

export async function undo(): Promise<void> {
  const current = notice;
  const what = offer;
  if (!current || !what || current.state !== 'deleted') return;
  set({ ...current, state: 'undoing' });
  try {
    const trashId = typeof what.trashId === 'string' ? what.trashId : await what.trashId();
    const result = await trash.restore(trashId);
    offer = null;
    what.after();
    set({ id: current.id, state: 'restored', message: restoreOutcome(result, what.what).join(' ') });
  } catch (error) {
    const reason =
      error instanceof ApiError
        ? error.status === 404
          ? 'It is no longer in the trash: someone restored it already, or it was removed for good.'
          : (error.detail ?? error.title)
        : 'Rapport could not be reached. Check the connection and try again.';
    set({ id: current.id, state: 'failed', message: `It could not be put back. ${reason}` });
  }
}

export function dismiss(): void {
  offer = null;
  set(null);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const useNotice = () => useSyncExternalStore(subscribe, () => notice);
