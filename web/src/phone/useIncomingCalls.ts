import { useCallback, useEffect, useState } from 'react';
import type { IncomingCall } from '../api/types';

/** At most this many calls pop up at once; the oldest goes first. */
const shown = 3;
/** After the server refused the stream (signed out, not available), how long before asking again. */
const reopenAfterMs = 30_000;

const parse = (event: Event): Record<string, unknown> | null => {
  try {
    const data: unknown = JSON.parse((event as MessageEvent<string>).data);
    return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/**
 * The calls ringing for the signed-in staff member, from their own stream of server-sent events
 * (GET /api/v1/events). The browser's EventSource reconnects by itself when the stream drops, and the
 * server ends each stream after a while so that the next one is signed in afresh.
 */
export function useIncomingCalls(): { calls: IncomingCall[]; dismiss: (callId: string) => void } {
  const [calls, setCalls] = useState<IncomingCall[]>([]);
  const dismiss = useCallback((callId: string) => setCalls((now) => now.filter((c) => c.callId !== callId)), []);

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retry: number | undefined;
    const open = () => {
      source = new EventSource('/api/v1/events');
      source.addEventListener('call.ringing', (event) => {
        const data = parse(event);
        if (!data || typeof data.callId !== 'string') return;
        const call = data as IncomingCall;
        setCalls((now) => [...now.filter((c) => c.callId !== call.callId), call].slice(-shown));
      });
      // Answered and hung up, or never answered (the customer now waits on the Waiting list): the pop-over has had its moment.
      source.addEventListener('call.ended', (event) => {
        const data = parse(event);
        if (data && typeof data.callId === 'string') dismiss(data.callId);
      });
      // A dropped stream is reopened by the browser; one the server refused (an error answer) is closed for good, so try again later.
      source.addEventListener('error', () => {
        if (source?.readyState !== EventSource.CLOSED) return;
        source.close();
        retry = window.setTimeout(open, reopenAfterMs);
      });
    };
    open();
    return () => {
      window.clearTimeout(retry);
      source?.close();
    };
  }, [dismiss]);

  return { calls, dismiss };
}
