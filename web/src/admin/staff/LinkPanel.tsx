import { useEffect, useRef } from 'react';
import type { StaffWithLink } from '../../api/types';
import { CopyBox } from '../../ui/CopyBox';
import { until } from './staff-words';

/** A one-time invitation or reset link, shown this once, to pass on to the person. */
export function LinkPanel({ issued, purpose, onDone }: { issued: StaffWithLink; purpose: 'invite' | 'reset'; onDone: () => void }) {
  const { staff, link } = issued;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const url = `${window.location.origin}${link.path}`;
  const what = purpose === 'invite' ? 'Invitation link' : 'Reset link';
  return (
    <div className="link-panel" ref={ref} tabIndex={-1} role="group" aria-label={`${what} for ${staff.name}`}>
      <p>
        <strong>{purpose === 'invite' ? `${staff.name} is invited.` : `${staff.name}’s password is reset: their sessions and API tokens have stopped.`}</strong> Pass this link on to
        them (in person, by phone or chat). With it they choose {purpose === 'invite' ? 'their' : 'a new'} password and are signed in.
      </p>
      <CopyBox label={`${what} for ${staff.name}`} value={url} copyLabel="Copy link" />
      <p className="hint">
        It works once, until <time dateTime={link.expiresAt}>{until(link.expiresAt)}</time>. Rapport does not show it again: if it is lost, reset the password for a new one.
      </p>
      <button type="button" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
