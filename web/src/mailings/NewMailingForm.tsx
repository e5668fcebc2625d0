import { useState, type FormEvent } from 'react';
import { FormError, SelectField, TextField } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';
import { mailings, type Mailing, type MailingChannel } from './mailing-api';
import { channelWords, today } from './mailing-words';

const channels = Object.entries(channelWords) as [MailingChannel, string][];

/** "Log a mailing": the campaign's name, how it went out and the day it did; a note if there is one. */
export function NewMailingForm({ onCreated }: { onCreated: (m: Mailing) => void }) {
  const [name, setName] = useState('');
  const [channel, setChannel] = useState<MailingChannel>('direct_mail');
  const [sentAt, setSentAt] = useState(today);
  const [note, setNote] = useState('');
  const [checks, setChecks] = useState<Record<string, string>>({});
  const { busy, fields, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = 'Name the campaign, as people call it.';
    if (!sentAt) found.sentAt = 'Say the day it went out.';
    setChecks(found);
    if (Object.keys(found).length) return;
    const created = await run(() => mailings.create({ name: name.trim(), channel, sentAt, ...(note.trim() ? { note: note.trim() } : {}) }));
    if (created) {
      setName('');
      setNote('');
      onCreated(created);
    }
  };

  const errorOf = (field: string) => checks[field] ?? fields[field];
  const general = error && !['name', 'channel', 'sentAt', 'note'].some((f) => fields[f]) ? error : null;

  return (
    <section className="card" aria-labelledby="new-mailing-title">
      <h2 id="new-mailing-title">Log a mailing</h2>
      <p className="hint">A newsletter, a catalogue, a batch of invoices or a letter that another system sent. Then add who got it from the list that system sends back.</p>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <FormError error={general} />
        <TextField label="Campaign" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} hint="As people call it: Spring catalogue 2027." error={errorOf('name')} />
        <div className="row">
          <SelectField label="How it went out" value={channel} onChange={(e) => setChannel(e.target.value as MailingChannel)} error={errorOf('channel')}>
            {channels.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
          <TextField label="Sent on" type="date" value={sentAt} onChange={(e) => setSentAt(e.target.value)} error={errorOf('sentAt')} />
        </div>
        <TextField label="Note (optional)" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} error={errorOf('note')} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Log the mailing'}
          </button>
        </div>
      </form>
    </section>
  );
}
