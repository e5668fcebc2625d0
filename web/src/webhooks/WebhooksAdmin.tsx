import { useState } from 'react';
import { useResource } from '../ui/useResource';
import { DeliveryLog } from './DeliveryLog';
import { webhooks, type WebhookCreated } from './webhook-api';
import { WebhookCard } from './WebhookCard';
import { WebhookForm } from './WebhookForm';
import { WebhookSecret } from './WebhookSecret';

/** Outgoing webhooks (admins): subscriptions, the signing secret shown once, each one's delivery log. */
export function WebhooksAdmin() {
  const [version, setVersion] = useState(0);
  const data = useResource(() => webhooks.list(), [version]);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<WebhookCreated | null>(null);
  const [logOf, setLogOf] = useState<string | null>(null);
  const reload = () => setVersion((v) => v + 1);

  if (data.loading && !data.data) return <p role="status">Loading webhooks…</p>;
  if (!data.data) return <p role="alert">The webhooks could not be loaded. Reload the page to try again.</p>;
  const list = data.data;
  const logShown = list.find((w) => w.id === logOf);

  return (
    <div className="stack tokens-admin">
      <p className="hint">
        Other systems are told what happens here as it happens: each event of the chosen kinds is sent to their address, signed with a secret only they and Rapport know, and tried
        again for about fourteen hours until they take it.
      </p>
      {created ? (
        <WebhookSecret webhook={created} onDone={() => setCreated(null)} />
      ) : creating ? (
        <WebhookForm
          heading="Add a webhook"
          level={2}
          saveLabel="Add webhook"
          onCancel={() => setCreating(false)}
          onSave={async (draft) => {
            const made = await webhooks.create(draft);
            setCreating(false);
            setCreated(made);
            reload();
          }}
        />
      ) : (
        <div className="actions">
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            Add a webhook
          </button>
        </div>
      )}
      <h2 id="webhook-list-heading">Webhooks ({list.length})</h2>
      {list.length === 0 ? <p>No webhooks yet.</p> : null}
      <ul className="token-list" aria-labelledby="webhook-list-heading">
        {list.map((w) => (
          <WebhookCard key={w.id} webhook={w} logOpen={logOf === w.id} onToggleLog={() => setLogOf(logOf === w.id ? null : w.id)} onChanged={reload} />
        ))}
      </ul>
      <div id="webhook-delivery-log">{logShown ? <DeliveryLog key={logShown.id} webhook={logShown} /> : null}</div>
    </div>
  );
}
