import { useCallback, useRef, useState } from 'react';
import { customers } from '../api/endpoints';
import type { HistoryItem } from '../api/types';

interface State {
  items: HistoryItem[];
  nextCursor: string | null;
  loading: boolean;
  failed: boolean;
  /** A page has arrived at least once. */
  loaded: boolean;
}

/** A customer's change history, page by page; nothing loads until `load` is first called. */
export function useHistory(customerId: string) {
  const [state, setState] = useState<State>({ items: [], nextCursor: null, loading: false, failed: false, loaded: false });
  const generation = useRef(0);

  const load = useCallback(
    async (cursor: string | null) => {
      const mine = ++generation.current;
      setState((s) => ({ ...s, loading: true, failed: false }));
      try {
        const page = await customers.history(customerId, cursor);
        if (mine !== generation.current) return;
        setState((s) => ({ items: cursor ? [...s.items, ...page.items] : page.items, nextCursor: page.nextCursor, loading: false, failed: false, loaded: true }));
      } catch {
        if (mine === generation.current) setState((s) => ({ ...s, loading: false, failed: true }));
      }
    },
    [customerId],
  );

  return { ...state, load };
}
