import { fullDate } from '../ui/format';
import { useResource } from '../ui/useResource';
import { webhooks } from './webhook-api';

/** One delivery's attempts, oldest first, and the exact body it sends. */
export function DeliveryAttempts({ id, version }: { id: string; version: number }) {
  const detail = useResource(() => webhooks.delivery(id), [id, version]);
  if (detail.loading && !detail.data) return <p className="loading">Loading the attempts…</p>;
  if (!detail.data) return <p role="alert">The delivery could not be loaded.</p>;
  const { attemptLog, payload } = detail.data;
  return (
    <div className="stack">
      {attemptLog.length === 0 ? (
        <p>Not tried yet.</p>
      ) : (
        <ul className="plain">
          {attemptLog.map((a) => (
            <li key={a.attempt}>
              Attempt {a.attempt}, <time dateTime={a.at}>{fullDate(a.at)}</time>: {a.statusCode !== null ? `HTTP ${a.statusCode}` : 'no answer'}
              {a.error ? ` (${a.error})` : ''}, {a.durationMs} ms
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>The body sent</summary>
        <pre className="payload" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{JSON.stringify(JSON.parse(payload) as unknown, null, 2)}</pre>
      </details>
    </div>
  );
}
