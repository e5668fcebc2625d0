import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormError, SelectField, TextField } from '../ui/Field';
import { useResource } from '../ui/useResource';
import { useSubmit } from '../ui/useSubmit';
import { emailOut, type EmailComposerInfo, type SentEmail } from './email-api';

/**
 * Writing one email to one customer, in a dialog: To (one of their addresses), Subject, Message,
 * Send. A reply starts with "Re: " and the subject of the email answered, and is threaded under it.
 * The writer types every word: there are no templates.
 */
export function EmailComposer({
  customerId,
  customerName,
  info,
  replyTo,
  onClose,
  onSent,
}: {
  customerId: string;
  customerName: string;
  info: EmailComposerInfo;
  /** The interaction of the email answered, when replying. */
  replyTo: string | null;
  onClose: () => void;
  onSent: (sent: SentEmail) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const reply = useResource(() => (replyTo ? emailOut.composer(customerId, replyTo).then((r) => r.reply) : Promise.resolve(null)), [customerId, replyTo]);
  const start = reply.data ?? null;
  const [to, setTo] = useState(info.addresses[0]?.address ?? '');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const { busy, fields, error, run } = useSubmit();
  const bodyId = 'email-body';

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      // Back to the button that opened it ("Write an email", or "Reply by email" in the timeline).
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  // A reply starts from the email answered: its subject with "Re: ", and the customer's address in it.
  useEffect(() => {
    if (!start) return;
    setSubject((typed) => typed || start.subject);
    if (start.to) setTo(start.to);
  }, [start]);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const threaded = start?.threaded ? { inReplyToInteractionId: start.interactionId } : {};
    const sent = await run(() => emailOut.send(customerId, { to, subject: subject.trim(), body, ...threaded }));
    if (sent) onSent(sent);
  };

  const title = replyTo ? `Reply to ${customerName}` : `Email to ${customerName}`;
  return (
    <dialog
      ref={ref}
      className="modal email-composer"
      aria-labelledby="email-title"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate aria-busy={reply.loading}>
        <h2 id="email-title">{title}</h2>
        <p className="hint">
          From {info.from}. Their answer goes to {info.replyTo}. It is logged in {customerName}’s timeline once sent.
        </p>
        {(start && !start.threaded) || reply.error ? <p className="hint">Rapport has no copy of that email (it was logged by hand), so this one starts a new conversation.</p> : null}
        <FormError error={error} />
        <SelectField label="To" value={to} onChange={(e) => setTo(e.target.value)} error={fields.to}>
          {info.addresses.map((a) => (
            <option key={a.address} value={a.address}>
              {a.address}
              {a.label ? ` (${a.label})` : ''}
              {a.isPrimary && info.addresses.length > 1 ? ', primary' : ''}
            </option>
          ))}
        </SelectField>
        <TextField label="Subject" value={subject} maxLength={500} autoFocus={!replyTo} required onChange={(e) => setSubject(e.target.value)} error={fields.subject} />
        <div className={`field${fields.body ? ' field-invalid' : ''}`}>
          <label htmlFor={bodyId}>Message</label>
          <textarea
            id={bodyId}
            rows={9}
            value={body}
            autoFocus={Boolean(replyTo)}
            required
            maxLength={20000}
            aria-invalid={fields.body ? true : undefined}
            aria-describedby={fields.body ? `${bodyId}-error` : `${bodyId}-hint`}
            onChange={(e) => setBody(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
            }}
          />
          {fields.body ? (
            <small id={`${bodyId}-error`} className="error">
              {fields.body}
            </small>
          ) : (
            <small id={`${bodyId}-hint`} className="hint">
              In your own words. Ctrl+Enter sends.
            </small>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !subject.trim() || !body.trim() || !to}>
            {busy ? 'Sending…' : 'Send'}
          </button>
          <button type="button" className="quiet" onClick={onClose} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
