import { useCallback, useEffect, useState } from 'react';
import { imports } from '../api/endpoints';
import type { Import } from '../api/types';

/** How often an import is read again while the server works on it (its worker looks about once a second). */
const pollMs = 500;

const working = (i: Import | null) => i !== null && (i.status === 'checking' || i.status === 'importing' || i.status === 'undoing');

/**
 * One import, read again and again while it is being checked, imported or undone (its progress), then left
 * alone. `set` takes the import a request answered (after Import or Undo) and follows it from there.
 */
export function useImport(id: string) {
  const [data, setData] = useState<Import | null>(null);
  const [failed, setFailed] = useState(false);
  const [round, setRound] = useState(0);

  useEffect(() => {
    let live = true;
    let timer: number | undefined;
    const read = async () => {
      try {
        const next = await imports.get(id);
        if (!live) return;
        setData(next);
        setFailed(false);
        if (working(next)) timer = window.setTimeout(() => void read(), pollMs);
      } catch {
        if (!live) return;
        setFailed(true);
        timer = window.setTimeout(() => void read(), pollMs * 6);
      }
    };
    void read();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [id, round]);

  const set = useCallback((next: Import) => {
    setData(next);
    setRound((r) => r + 1);
  }, []);

  return { data, failed, set };
}
