import { useCallback, useEffect, useRef, useState } from 'react';
import { customers } from '../api/endpoints';
import type { TimelineItem } from '../api/types';

interface State {
  items: TimelineItem[];
  nextCursor: string | null;
  loading: boolean;
  failed: boolean;
}

/** The customer's timeline page by page; starts over when the filter or `version` changes. */
export function useTimeline(customerId: string, kinds: string | null, version: number) {
  const [state, setState] = useState<State>({ items: [], nextCursor: null, loading: true, failed: false });
  const busy = useRef(false);
  const generation = useRef(0);

  const load = useCallback(
    async (cursor: string | null) => {
      const mine = ++generation.current;
      busy.current = true;
      setState((s) => ({ ...s, loading: true, failed: false }));
      try {
        const page = await customers.timeline(customerId, kinds, cursor);
        if (mine !== generation.current) return;
        setState((s) => ({ items: cursor ? [...s.items, ...page.items.filter((i) => !s.items.some((o) => o.id === i.id))] : page.items, nextCursor: page.nextCursor, loading: false, failed: false }));
      } catch {
        if (mine === generation.current) setState((s) => ({ ...s, loading: false, failed: true }));
      } finally {
        if (mine === generation.current) busy.current = false;
      }
    },
    [customerId, kinds],
  );

  useEffect(() => {
    void load(null);
  }, [load, version]);

  const loadMore = useCallback(() => {
    if (!busy.current && state.nextCursor) void load(state.nextCursor);
  }, [load, state.nextCursor]);

  return { ...state, loadMore };
}
