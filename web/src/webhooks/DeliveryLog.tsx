import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { SelectField } from '../ui/Field';
import { ago, fullDate } from '../ui/format';
import { DeliveryAttempts } from './DeliveryAttempts';
import { webhooks, type Delivery, type DeliveryStatus, type Webhook } from './webhook-api';
import { eventLabel, statusWords } from './webhook-words';

const problemOf = (caught: unknown) => (caught instanceof ApiError ? (caught.detail ?? caught.title) : 'Rapport could not be reached. Check the connection and try again.');

/** What the receiver answered last: its HTTP status, or why there was none. */
const answerOf = (d: Delivery) => (d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : d.lastError ? 'No answer' : '—');

/** A webhook's deliveries, newest first: status, answer, attempts, the next try, and Replay. */
export function DeliveryLog({ webhook }: { webhook: Webhook }) {
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const [version, setVersion] = useState(0);
  const [items, setItems] = useState<Delivery[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [message, setMessage] = useState('');
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setLoading(true);
    webhooks.deliveries(webhook.id, status || null, null).then(
      (page) => {
        if (!live) return;
        setItems(page.items);
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (caught: unknown) => {
        if (!live) return;
        setMessage(problemOf(caught));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [webhook.id, status, version]);

  const more = async () => {
    try {
      const page = await webhooks.deliveries(webhook.id, status || null, cursor);
      setItems((list) => [...list, ...page.items]);
      setCursor(page.nextCursor);
    } catch (caught) {
      setMessage(problemOf(caught));
    }
  };

  const replay = async (d: Delivery) => {
    try {
      const updated = await webhooks.replay(d.id);
      setItems((list) => list.map((x) => (x.id === d.id ? updated : x)));
      setMessage(`Sent again: the ${eventLabel(d.eventType).toLowerCase()} event of ${fullDate(d.createdAt)} goes out with the next run of the background jobs.`);
    } catch (caught) {
      setMessage(problemOf(caught));
    }
  };

  const headingId = `delivery-log-${webhook.id}`;
  return (
    <section className="card stack delivery-log" aria-labelledby={headingId}>
      <h2 id={headingId}>Delivery log of {webhook.name}</h2>
      <div className="actions">
        <SelectField label="Show" value={status} onChange={(e) => setStatus(e.target.value as DeliveryStatus | '')}>
          <option value="">Every delivery</option>
          <option value="pending">Waiting to be sent</option>
          <option value="delivered">Delivered</option>
          <option value="failed">Failed</option>
        </SelectField>
        <button type="button" className="small" onClick={() => setVersion((v) => v + 1)}>
          Refresh<span className="visually-hidden"> the delivery log of {webhook.name}</span>
        </button>
      </div>
      <p className="hint" role="status">
        {message}
      </p>
      {loading && items.length === 0 ? (
        <p className="loading">Loading the deliveries…</p>
      ) : items.length === 0 ? (
        <p>No deliveries {status ? `${statusWords[status].toLowerCase()} ` : ''}yet.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={`Deliveries to ${webhook.name}`} tabIndex={0}>
          <table className="targets-table">
            <caption className="visually-hidden">Deliveries to {webhook.name}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Answer</th>
                <th scope="col">Attempts</th>
                <th scope="col">Next try</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => {
                const what = `${eventLabel(d.eventType)} of ${fullDate(d.createdAt)}`;
                return [
                  <tr key={d.id}>
                    <th scope="row">
                      {eventLabel(d.eventType)}
                      <br />
                      <time dateTime={d.createdAt} className="hint">
                        {ago(d.createdAt)}
                      </time>
                    </th>
                    <td>{statusWords[d.status]}</td>
                    <td title={d.lastError ?? undefined}>{answerOf(d)}</td>
                    <td>{d.attempts}</td>
                    <td>{d.status === 'pending' && d.nextAttemptAt ? <time dateTime={d.nextAttemptAt}>{fullDate(d.nextAttemptAt)}</time> : '—'}</td>
                    <td>
                      <div className="actions">
                        <button type="button" className="small" aria-expanded={open === d.id} onClick={() => setOpen(open === d.id ? null : d.id)}>
                          Details<span className="visually-hidden"> of {what}</span>
                        </button>
                        {d.status !== 'pending' ? (
                          <button type="button" className="small" onClick={() => void replay(d)}>
                            Replay<span className="visually-hidden"> {what}</span>
                          </button>
                        ) : null}
                      </div>
                    </td>
                  </tr>,
                  open === d.id ? (
                    <tr key={`${d.id}-details`}>
                      <td colSpan={6}>
                        <DeliveryAttempts id={d.id} version={d.attempts} />
                      </td>
                    </tr>
                  ) : null,
                ];
              })}
            </tbody>
          </table>
        </div>
      )}
      {cursor ? (
        <button type="button" onClick={() => void more()}>
          Show older deliveries
        </button>
      ) : null}
    </section>
  );
}
