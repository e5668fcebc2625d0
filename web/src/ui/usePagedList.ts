import { useCallback, useEffect, useState } from 'react';
import type { Page } from '../api/types';

/** A list read a page at a time: the first page whenever `deps` change, more on demand. */
export function usePagedList<T>(load: (cursor: string | null) => Promise<Page<T>>, deps: readonly unknown[]) {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setFailed(false);
    load(null).then(
      (page) => {
        if (!live) return;
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setLoading(false);
      },
      () => {
        if (!live) return;
        setItems([]);
        setNextCursor(null);
        setFailed(true);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    setLoading(true);
    try {
      const page = await load(nextCursor);
      setItems((old) => [...old, ...page.items]);
      setNextCursor(page.nextCursor);
    } catch {
      setFailed(true);
    } finally {
      setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nextCursor, ...deps]);

  return { items, nextCursor, loading, failed, loadMore };
}
