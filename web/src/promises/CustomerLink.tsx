import { useState } from 'react';
import { promises } from '../api/endpoints';
import type { CustomerPromise, PromiseLinkCreated } from '../api/types';
import { CopyBox } from '../ui/CopyBox';
import { FormError } from '../ui/Field';
import { ago } from '../ui/format';
import { useSubmit } from '../ui/useSubmit';

const stateWords = { active: 'works', expired: 'expired', revoked: 'revoked' } as const;

/**
 * The customer's own view of the promise: make a link to send them yourself (shown once), see
 * whether they opened it, and revoke it.
 */
export function CustomerLink({ promise, onChanged }: { promise: CustomerPromise; onChanged: (p: CustomerPromise) => void }) {
  const [made, setMade] = useState<PromiseLinkCreated | null>(null);
  const { busy, error, run } = useSubmit();

  const make = async () => {
    const link = await run(() => promises.link(promise.id));
    if (!link) return;
    setMade(link);
    onChanged(promise);
  };
  const revoke = async (linkId: string) => {
    const updated = await run(() => promises.revokeLink(promise.id, linkId));
    if (updated) {
      if (made?.id === linkId) setMade(null);
      onChanged(updated);
    }
  };

  return (
    <div className="promise-links">
      <FormError error={error} />
      {made ? (
        <div className="link-panel">
          <CopyBox label="Link for the customer" value={`${window.location.origin}${made.path}`} copyLabel="Copy link" />
          <p className="hint">
            Send it yourself (email or text). It works until {new Date(made.expiresAt).toLocaleDateString(undefined, { dateStyle: 'long' })} and shows only what was promised, the date now
            expected, each change with its reason, and your first name. It is shown once.
          </p>
        </div>
      ) : (
        <button type="button" className="quiet small" disabled={busy} onClick={() => void make()}>
          Make a link for the customer
        </button>
      )}
      {promise.links.length ? (
        <ul className="plain link-list" aria-label="Links sent">
          {promise.links.map((l) => (
            <li key={l.id}>
              Made {ago(l.createdAt)} · {l.views ? `opened ${l.views === 1 ? 'once' : `${l.views} times`}, last ${ago(l.lastOpenedAt!)}` : 'not opened yet'} · {stateWords[l.state]}
              {l.state === 'active' ? (
                <button type="button" className="quiet small" aria-label={`Revoke the link made ${ago(l.createdAt)}`} onClick={() => void revoke(l.id)}>
                  Revoke
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
