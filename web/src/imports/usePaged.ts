import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../api/types';

interface State<T, P> {
  items: T[];
  /** The latest page as the server sent it (its extras: the duplicates queue's total). */
  page: P | null;
  nextCursor: string | null;
  loading: boolean;
  failed: boolean;
}

/**
 * A list read a page at a time ("Show more"); starts over when `version` changes. `remove` takes an
 * item out of the list at once (the pair marked as two people), `update` puts in a fresh copy of one.
 */
export function usePaged<T, P extends Page<T> = Page<T>>(load: (cursor: string | null) => Promise<P>, keyOf: (item: T) => string, version: unknown = 0) {
  const [state, setState] = useState<State<T, P>>({ items: [], page: null, nextCursor: null, loading: true, failed: false });
  const generation = useRef(0);
  const loader = useRef(load);
  loader.current = load;
  const key = useRef(keyOf);
  key.current = keyOf;

  const read = useCallback(async (cursor: string | null) => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true, failed: false }));
    try {
      const page = await loader.current(cursor);
      if (mine !== generation.current) return;
      setState((s) => ({
        items: cursor ? [...s.items, ...page.items.filter((i) => !s.items.some((o) => key.current(o) === key.current(i)))] : page.items,
        page,
        nextCursor: page.nextCursor,
        loading: false,
        failed: false,
      }));
    } catch {
      if (mine === generation.current) setState((s) => ({ ...s, loading: false, failed: true }));
    }
  }, []);

  useEffect(() => {
    void read(null);
  }, [read, version]);

  const { nextCursor, loading } = state;
  const loadMore = useCallback(() => {
    if (!loading && nextCursor) void read(nextCursor);
  }, [read, loading, nextCursor]);
  const remove = useCallback((id: string) => setState((s) => ({ ...s, items: s.items.filter((i) => key.current(i) !== id) })), []);

  const update = useCallback((item: T) => setState((s) => ({ ...s, items: s.items.map((i) => (key.current(i) === key.current(item) ? item : i)) })), []);

  return { ...state, loadMore, remove, update };
}
