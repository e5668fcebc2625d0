import { useEffect, useRef } from 'react';
import { CopyBox } from '../ui/CopyBox';
import type { WebhookCreated } from './webhook-api';

/** The new subscription's signing secret, this once. */
export function WebhookSecret({ webhook, onDone }: { webhook: WebhookCreated; onDone: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="link-panel" ref={ref} tabIndex={-1} role="group" aria-label={`Signing secret of ${webhook.name}`}>
      <p className="warning">
        <strong>Copy the secret now: it will not be shown again.</strong> The receiving system checks each delivery’s X-Rapport-Signature header with it. If it is lost, delete
        the webhook and add it again.
      </p>
      <CopyBox label={`Signing secret of ${webhook.name}`} value={webhook.secret} copyLabel="Copy secret" />
      <p className="hint">Keep it in the receiving system’s settings, never in an email or a chat. The README shows how to check a signature.</p>
      <button type="button" onClick={onDone}>
        Done, I have copied it
      </button>
    </div>
  );
}
