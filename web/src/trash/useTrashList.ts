import { useCallback, useEffect, useRef, useState } from 'react';
import { trash } from '../api/endpoints';
import type { TrashEntry } from '../api/types';

interface State {
  items: TrashEntry[];
  nextCursor: string | null;
  loading: boolean;
  failed: boolean;
}

/** The trash a page at a time, newest first; starts over when the kind or `version` changes. */
export function useTrashList(entityType: string | null, version: number) {
  const [state, setState] = useState<State>({ items: [], nextCursor: null, loading: true, failed: false });
  const generation = useRef(0);

  const load = useCallback(
    async (cursor: string | null) => {
      const mine = ++generation.current;
      setState((s) => ({ ...s, loading: true, failed: false }));
      try {
        const page = await trash.list({ entityType }, cursor);
        if (mine !== generation.current) return;
        setState((s) => ({
          items: cursor ? [...s.items, ...page.items.filter((i) => !s.items.some((o) => o.id === i.id))] : page.items,
          nextCursor: page.nextCursor,
          loading: false,
          failed: false,
        }));
      } catch {
        if (mine === generation.current) setState((s) => ({ ...s, loading: false, failed: true }));
      }
    },
    [entityType],
  );

  useEffect(() => {
    void load(null);
  }, [load, version]);

  const { nextCursor, loading } = state;
  const loadMore = useCallback(() => {
    if (!loading && nextCursor) void load(nextCursor);
  }, [load, loading, nextCursor]);

  return { ...state, loadMore };
}
