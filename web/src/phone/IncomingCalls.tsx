import { useEffect, useRef } from 'react';
import type { IncomingCall } from '../api/types';
import { customerPath, Link } from '../router';
import { CallBrief } from './CallBrief';
import { callerName, callHeadline, callTarget } from './call-words';
import { useIncomingCalls } from './useIncomingCalls';

/**
 * The phone's screen-pop: while a call rings for the signed-in agent, who is calling and the first
 * lines of their brief, before they answer. Its link opens the whole brief (their customer page), or, for a number no customer has,
 * the help-first urgent intake with the number filled in. Announced as an alert; Escape dismisses the
 * newest (unless a dialog is open: Escape is that dialog's).
 */
export function IncomingCalls() {
  const { calls, dismiss } = useIncomingCalls();
  const latest = useRef<string | null>(null);
  latest.current = calls.at(-1)?.callId ?? null;

  useEffect(() => {
    if (calls.length === 0) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || !latest.current) return;
      if (document.querySelector('[role="dialog"], dialog[open]')) return;
      dismiss(latest.current);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [calls.length, dismiss]);

  if (calls.length === 0) return null;
  return (
    <section className="call-region" aria-label="Incoming calls">
      {calls.map((call) => (
        <CallCard key={call.callId} call={call} onDismiss={() => dismiss(call.callId)} />
      ))}
    </section>
  );
}

function CallCard({ call, onDismiss }: { call: IncomingCall; onDismiss: () => void }) {
  const shared = call.customer === null && (call.candidates?.length ?? 0) > 0;
  return (
    <div role="alert" className={`call-card${call.customer ? '' : ' unknown'}`}>
      <p className="call-headline">
        {shared ? (
          callHeadline(call)
        ) : (
          <Link href={callTarget(call)} onClick={onDismiss}>
            {callHeadline(call)}
          </Link>
        )}
      </p>
      {shared ? (
        <ul className="call-candidates" aria-label="Customers with this number">
          {call.candidates!.map((c) => (
            <li key={c.id}>
              <Link href={customerPath(c.id)} onClick={onDismiss}>
                {c.name}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {call.customer ? <CallBrief customerId={call.customer.id} /> : null}
      {call.customer ? null : <p className="hint">{shared ? 'Open the one who is calling.' : 'Opens an urgent case with the number filled in.'}</p>}
      <button type="button" className="quiet small" onClick={onDismiss} aria-label={`Dismiss the call from ${callerName(call)}`}>
        Dismiss
      </button>
    </div>
  );
}
