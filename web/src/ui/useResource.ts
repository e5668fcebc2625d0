import { useEffect, useState } from 'react';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

/** Loads once per change of `deps` and drops answers that arrive after the inputs changed. */
export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[]): Resource<T> & { set: (data: T) => void } {
  const [state, setState] = useState<Resource<T>>({ data: undefined, error: null, loading: true });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return { ...state, set: (data: T) => setState({ data, error: null, loading: false }) };
}
