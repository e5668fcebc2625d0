import { useState } from 'react';
import { staffAdmin, tokens as tokensApi } from '../../api/endpoints';
import type { ApiTokenCreated } from '../../api/types';
import { useSession } from '../../auth/session';
import { useResource } from '../../ui/useResource';
import { SecretPanel } from './SecretPanel';
import { TokenCard } from './TokenCard';
import { TokenForm } from './TokenForm';

/** API tokens: for you or an integration; the secret shown once; revoke with confirmation. */
export function TokensAdmin() {
  const { me } = useSession();
  const [version, setVersion] = useState(0);
  const data = useResource(async () => {
    const [tokens, staff] = await Promise.all([tokensApi.list(), staffAdmin.list()]);
    return { tokens, integrations: staff.filter((s) => s.kind === 'integration' && s.active) };
  }, [version]);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const reload = () => setVersion((v) => v + 1);

  if (data.loading && !data.data) return <p role="status">Loading API tokens…</p>;
  if (!data.data) return <p role="alert">The API tokens could not be loaded. Reload the page to try again.</p>;
  const { tokens, integrations } = data.data;

  return (
    <div className="stack tokens-admin">
      <p className="hint">Other systems use a token instead of signing in. Each acts as you or as an integration account, and only an admin signed in can make or revoke one.</p>
      {created ? (
        <SecretPanel token={created} onDone={() => setCreated(null)} />
      ) : creating ? (
        <TokenForm
          me={me}
          integrations={integrations}
          onCancel={() => setCreating(false)}
          onCreated={(token) => {
            setCreating(false);
            setCreated(token);
            reload();
          }}
        />
      ) : (
        <div className="actions">
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            Create a token
          </button>
        </div>
      )}
      <h2 id="token-list-heading">Tokens ({tokens.length})</h2>
      {tokens.length === 0 ? <p>No tokens yet.</p> : null}
      <ul className="token-list" aria-labelledby="token-list-heading">
        {tokens.map((t) => (
          <TokenCard key={t.id} token={t} myId={me.id} onRevoked={reload} />
        ))}
      </ul>
    </div>
  );
}
