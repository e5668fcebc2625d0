import { useEffect, useRef } from 'react';
import type { ApiTokenCreated } from '../../api/types';
import { CopyBox } from '../../ui/CopyBox';

/** The new token's secret, this once. */
export function SecretPanel({ token, onDone }: { token: ApiTokenCreated; onDone: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="link-panel" ref={ref} tabIndex={-1} role="group" aria-label={`Secret of ${token.name}`}>
      <p className="warning">
        <strong>Copy the secret now: it will not be shown again.</strong> Rapport keeps only a fingerprint of it. If it is lost, revoke the token and make a new one.
      </p>
      <CopyBox label={`Secret of ${token.name}`} value={token.secret} copyLabel="Copy secret" />
      <p className="hint">
        Send it with every request as <code>Authorization: Bearer …</code>. Keep it in the other system’s settings, never in an email or a chat.
      </p>
      <button type="button" onClick={onDone}>
        Done, I have copied it
      </button>
    </div>
  );
}
