import { useEffect, useState } from 'react';
import { lookup } from '../api/endpoints';
import type { LookupResult } from '../api/types';

export interface LookupState {
  /** The query these results answer (results lag the box by the debounce). */
  query: string;
  results: LookupResult[];
  loading: boolean;
  failed: boolean;
}

const idle: LookupState = { query: '', results: [], loading: false, failed: false };

/** Live results for what is typed: waits for a short pause, cancels what is outdated. */
export function useLookup(text: string, delayMs = 120): LookupState {
  const [state, setState] = useState<LookupState>(idle);
  const q = text.trim();

  useEffect(() => {
    if (!q) {
      setState(idle);
      return;
    }
    setState((s) => ({ ...s, loading: true }));
    const controller = new AbortController();
    const timer = window.setTimeout(async () => {
      try {
        const results = await lookup(q, controller.signal);
        setState({ query: q, results, loading: false, failed: false });
      } catch {
        if (!controller.signal.aborted) setState({ query: q, results: [], loading: false, failed: true });
      }
    }, delayMs);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [q, delayMs]);

  return state;
}
