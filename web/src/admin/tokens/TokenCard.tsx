import { useState } from 'react';
import { ApiError } from '../../api/client';
import { tokens } from '../../api/endpoints';
import type { ApiToken } from '../../api/types';
import { Confirm } from '../../ui/Confirm';
import { FormError } from '../../ui/Field';
import { ago, fullDate } from '../../ui/format';
import { actsAs, scopeLabel } from './token-words';

/** One token: whom it acts as, what it may do, when it was made, last used and revoked. */
export function TokenCard({ token, myId, onRevoked }: { token: ApiToken; myId: string; onRevoked: () => void }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const revoke = async () => {
    setBusy(true);
    setError(null);
    try {
      await tokens.revoke(token.id);
      setAsking(false);
      onRevoked();
    } catch (caught) {
      setError(caught instanceof ApiError ? (caught.detail ?? caught.title) : 'Rapport could not be reached. Check the connection and try again.');
    } finally {
      setBusy(false);
    }
  };

  const headingId = `token-${token.id}`;
  return (
    <li className={`card token-card${token.revokedAt ? ' inactive' : ''}`} aria-labelledby={headingId}>
      <div className="card-head">
        <h3 id={headingId}>{token.name}</h3>
        {token.revokedAt ? <span className="tag">Revoked</span> : null}
      </div>
      <dl className="facts">
        <div>
          <dt>Acts as</dt>
          <dd>{actsAs(token, myId)}</dd>
        </div>
        <div>
          <dt>May</dt>
          <dd>{scopeLabel(token.scope)}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <time dateTime={token.createdAt}>{fullDate(token.createdAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Last used</dt>
          <dd>{token.lastUsedAt ? <time dateTime={token.lastUsedAt}>{ago(token.lastUsedAt)}</time> : 'Never'}</dd>
        </div>
        {token.revokedAt ? (
          <div>
            <dt>Revoked</dt>
            <dd>
              <time dateTime={token.revokedAt}>{fullDate(token.revokedAt)}</time>
            </dd>
          </div>
        ) : null}
      </dl>
      <FormError error={error} />
      {token.revokedAt ? null : asking ? (
        <Confirm question={`Revoke ${token.name}?`} confirmLabel="Revoke" busy={busy} onConfirm={() => void revoke()} onCancel={() => setAsking(false)}>
          <p>Anything using it is refused from then on. This cannot be undone.</p>
        </Confirm>
      ) : (
        <div className="actions">
          <button type="button" className="small" onClick={() => setAsking(true)}>
            Revoke<span className="visually-hidden"> {token.name}</span>
          </button>
        </div>
      )}
    </li>
  );
}
