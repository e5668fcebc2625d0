import { useEffect, useState } from 'react';
import { mailings, type Upload } from './mailing-api';

/** How often an upload is read again while the server logs it (its worker looks about once a second). */
const pollMs = 500;

const working = (u: Upload) => u.status === 'queued' || u.status === 'logging';

/** A recipient file, read again and again while the server goes through it, then left alone. */
export function useUpload(mailingId: string, first: Upload) {
  const [upload, setUpload] = useState(first);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    let timer: number | undefined;
    const read = async () => {
      try {
        const next = await mailings.uploadOf(mailingId, first.id);
        if (!live) return;
        setUpload(next);
        setFailed(false);
        if (working(next)) timer = window.setTimeout(() => void read(), pollMs);
      } catch {
        if (!live) return;
        setFailed(true);
        timer = window.setTimeout(() => void read(), pollMs * 6);
      }
    };
    if (working(first)) timer = window.setTimeout(() => void read(), pollMs);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [mailingId, first]);

  return { upload, failed };
}
