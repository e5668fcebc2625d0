import { useCallback, useEffect, useRef, useState } from 'react';
import { auditTrail } from '../../api/endpoints';
import type { AuditFilter, HistoryItem } from '../../api/types';

interface State {
  items: HistoryItem[];
  nextCursor: string | null;
  loading: boolean;
  failed: boolean;
  loaded: boolean;
}

/** The audit trail for some filters, newest first; a change of filters starts again from the newest. */
export function useAuditTrail(filter: AuditFilter | null) {
  const [state, setState] = useState<State>({ items: [], nextCursor: null, loading: false, failed: false, loaded: false });
  const generation = useRef(0);
  const key = JSON.stringify(filter);

  const load = useCallback(
    async (cursor: string | null) => {
      if (!filter) return;
      const mine = ++generation.current;
      setState((s) => ({ ...s, loading: true, failed: false }));
      try {
        const page = await auditTrail.list(filter, cursor);
        if (mine !== generation.current) return;
        setState((s) => ({ items: cursor ? [...s.items, ...page.items] : page.items, nextCursor: page.nextCursor, loading: false, failed: false, loaded: true }));
      } catch {
        if (mine === generation.current) setState((s) => ({ ...s, loading: false, failed: true }));
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return { ...state, showOlder: () => state.nextCursor && !state.loading && void load(state.nextCursor) };
}
