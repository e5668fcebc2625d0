import { useId, useState } from 'react';
import { isNotFound } from '../api/client';
import type { TimelineItem } from '../api/types';
import { firstLine, plural } from '../ui/format';
import { emailIn, type Email } from './email-api';

type State = { status: 'closed' } | { status: 'loading' } | { status: 'open'; email: Email } | { status: 'none' } | { status: 'failed' };

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : plural(bytes, 'byte'));

/**
 * On an email contact in the timeline: opens the whole message (who wrote to whom, every line of
 * it) and its files, each a download. A contact logged by hand as an email has only its summary.
 */
export function EmailMessage({ item }: { item: TimelineItem }) {
  const [state, setState] = useState<State>({ status: 'closed' });
  const id = useId();
  if (item.kind !== 'interaction' || item.channel !== 'email') return null;
  const subject = firstLine(item.title.slice(item.title.indexOf(': ') + 2), 80);
  const open = state.status !== 'closed';

  const toggle = async () => {
    if (open) return setState({ status: 'closed' });
    setState({ status: 'loading' });
    try {
      setState({ status: 'open', email: await emailIn.ofContact(item.id) });
    } catch (error) {
      setState({ status: isNotFound(error) ? 'none' : 'failed' });
    }
  };

  return (
    <div className="email-message">
      <button type="button" className="quiet small" aria-expanded={open} aria-controls={id} aria-label={`${open ? 'Close' : 'Open'} the email: ${subject}`} onClick={() => void toggle()}>
        {open ? 'Close the email' : 'Open the email'}
      </button>
      <div id={id} hidden={!open}>
        {state.status === 'loading' ? <p className="hint">Loading…</p> : null}
        {state.status === 'none' ? <p className="hint">Only the summary was logged: Rapport keeps no message for this contact.</p> : null}
        {state.status === 'failed' ? (
          <p className="form-error" role="alert">
            The email could not be read. Try again in a moment.
          </p>
        ) : null}
        {state.status === 'open' ? <Whole email={state.email} /> : null}
      </div>
    </div>
  );
}

function Whole({ email }: { email: Email }) {
  return (
    <section className="email-whole" aria-label={`Email: ${email.subject ?? 'no subject'}`}>
      <dl className="facts">
        <div>
          <dt>From</dt>
          <dd>{email.from}</dd>
        </div>
        <div>
          <dt>To</dt>
          <dd>{email.to.join(', ') || '—'}</dd>
        </div>
        {email.cc.length ? (
          <div>
            <dt>Cc</dt>
            <dd>{email.cc.join(', ')}</dd>
          </div>
        ) : null}
        <div>
          <dt>Subject</dt>
          <dd>{email.subject ?? '(no subject)'}</dd>
        </div>
      </dl>
      <div className="email-body">{email.bodyText || '(no text)'}</div>
      {email.attachments.length ? (
        <ul className="plain email-files" aria-label="Files">
          {email.attachments.map((file) => (
            <li key={file.id}>
              <a href={file.url} download={file.fileName}>
                {file.fileName}
              </a>{' '}
              <span className="hint">
                {file.contentType}, {size(file.sizeBytes)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {email.skippedAttachments.length ? (
        <p className="hint">
          Not kept: {email.skippedAttachments.join('; ')}
        </p>
      ) : null}
    </section>
  );
}
