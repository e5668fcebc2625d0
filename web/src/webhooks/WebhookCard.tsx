import { useState } from 'react';
import { ApiError } from '../api/client';
import { Confirm } from '../ui/Confirm';
import { FormError } from '../ui/Field';
import { fullDate } from '../ui/format';
import { webhooks, type Webhook } from './webhook-api';
import { WebhookForm } from './WebhookForm';
import { eventLabel } from './webhook-words';

const problemOf = (caught: unknown) => (caught instanceof ApiError ? (caught.detail ?? caught.title) : 'Rapport could not be reached. Check the connection and try again.');

/** One subscription: where it sends, which events; edit, pause or resume, test, open its log, delete. */
export function WebhookCard({ webhook, logOpen, onToggleLog, onChanged }: { webhook: Webhook; logOpen: boolean; onToggleLog: () => void; onChanged: () => void }) {
  const [mode, setMode] = useState<'view' | 'edit' | 'delete'>('view');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setStatus(done);
      onChanged();
      return true;
    } catch (caught) {
      setError(problemOf(caught));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const headingId = `webhook-${webhook.id}`;
  if (mode === 'edit') {
    return (
      <li className="card token-card">
        <WebhookForm
          heading={`Change ${webhook.name}`}
          level={3}
          saveLabel="Save changes"
          initial={webhook}
          onCancel={() => setMode('view')}
          onSave={async (draft) => {
            await webhooks.update(webhook.id, draft);
            setMode('view');
            setStatus('Saved.');
            onChanged();
          }}
        />
      </li>
    );
  }

  return (
    <li className={`card token-card${webhook.active ? '' : ' inactive'}`} aria-labelledby={headingId}>
      <div className="card-head">
        <h3 id={headingId}>{webhook.name}</h3>
        {webhook.active ? null : <span className="tag">Paused</span>}
      </div>
      <dl className="facts">
        <div>
          <dt>Sends to</dt>
          <dd style={{ overflowWrap: 'anywhere' }}>{webhook.url}</dd>
        </div>
        <div>
          <dt>Events</dt>
          <dd>{webhook.eventTypes.map(eventLabel).join(', ')}</dd>
        </div>
        <div>
          <dt>Added</dt>
          <dd>
            <time dateTime={webhook.createdAt}>{fullDate(webhook.createdAt)}</time>
          </dd>
        </div>
      </dl>
      <FormError error={error} />
      <p className="hint" role="status">
        {status}
      </p>
      {mode === 'delete' ? (
        <Confirm
          question={`Delete ${webhook.name}?`}
          confirmLabel="Delete"
          busy={busy}
          onCancel={() => setMode('view')}
          onConfirm={() => void act(() => webhooks.remove(webhook.id), `Deleted ${webhook.name}.`)}
        >
          <p>Nothing more is sent to it, and its delivery log goes with it.</p>
        </Confirm>
      ) : (
        <div className="actions">
          <button type="button" className="small" onClick={() => setMode('edit')}>
            Edit<span className="visually-hidden"> {webhook.name}</span>
          </button>
          <button
            type="button"
            className="small"
            disabled={busy}
            onClick={() => void act(() => webhooks.update(webhook.id, { active: !webhook.active }), webhook.active ? `Paused: nothing is sent to ${webhook.name} until it is resumed.` : `Resumed ${webhook.name}.`)}
          >
            {webhook.active ? 'Pause' : 'Resume'}
            <span className="visually-hidden"> {webhook.name}</span>
          </button>
          {webhook.active ? (
            <button type="button" className="small" disabled={busy} onClick={() => void act(() => webhooks.test(webhook.id), 'A test event waits to be sent: see the delivery log.')}>
              Send a test<span className="visually-hidden"> to {webhook.name}</span>
            </button>
          ) : null}
          <button type="button" className="small" aria-expanded={logOpen} aria-controls="webhook-delivery-log" onClick={onToggleLog}>
            Delivery log<span className="visually-hidden"> of {webhook.name}</span>
          </button>
          <button type="button" className="small" onClick={() => setMode('delete')}>
            Delete<span className="visually-hidden"> {webhook.name}</span>
          </button>
        </div>
      )}
    </li>
  );
}
