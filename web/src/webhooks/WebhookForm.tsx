import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormError, TextField } from '../ui/Field';
import { FormActions } from '../ui/FormActions';
import { useSubmit } from '../ui/useSubmit';
import type { Webhook, WebhookEventType } from './webhook-api';
import { eventTypes, eventTypeWords } from './webhook-words';

export interface WebhookDraft {
  name: string;
  url: string;
  eventTypes: WebhookEventType[];
}

/** A webhook's name, address and events: to add one, or to change one. */
export function WebhookForm({
  heading,
  level,
  saveLabel,
  initial,
  onSave,
  onCancel,
}: {
  heading: string;
  /** 2 on its own under the page's heading, 3 in place of a webhook in the list. */
  level: 2 | 3;
  saveLabel: string;
  initial?: Webhook;
  onSave: (draft: WebhookDraft) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [name, setName] = useState(initial?.name ?? '');
  const [url, setUrl] = useState(initial?.url ?? 'https://');
  const [chosen, setChosen] = useState<Set<string>>(new Set(initial?.eventTypes ?? []));
  const { busy, fields, error, run } = useSubmit();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = `webhook-form-${initial?.id ?? 'new'}`;
  const Heading = level === 2 ? 'h2' : 'h3';
  useEffect(() => headingRef.current?.focus(), []);

  const toggle = (type: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(type);
      else next.delete(type);
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(() => onSave({ name: name.trim(), url: url.trim(), eventTypes: eventTypes.filter((t) => chosen.has(t)) }));
  };

  return (
    <form className="card stack" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={headingId}>
      <Heading id={headingId} ref={headingRef} tabIndex={-1}>
        {heading}
      </Heading>
      <FormError error={error} />
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" error={fields.name} hint="What receives them, e.g. “Accounting sync”" />
      <TextField
        label="Address (URL)"
        type="url"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        required
        autoComplete="off"
        spellCheck={false}
        error={fields.url}
        hint="Where Rapport POSTs each event: https://, or http:// inside your own network; no user name or password in it"
      />
      <fieldset className="choices" aria-describedby={fields.eventTypes ? `${headingId}-events-error` : undefined}>
        <legend>Events to send</legend>
        {eventTypes.map((type) => (
          <label key={type} className="checkbox">
            <input type="checkbox" checked={chosen.has(type)} onChange={(e) => toggle(type, e.target.checked)} /> {eventTypeWords[type].label}{' '}
            <span className="hint">({eventTypeWords[type].hint})</span>
          </label>
        ))}
        {fields.eventTypes ? (
          <small id={`${headingId}-events-error`} className="error">
            {fields.eventTypes}
          </small>
        ) : null}
      </fieldset>
      <FormActions label={saveLabel} busy={busy} disabled={busy} onCancel={onCancel} />
    </form>
  );
}
