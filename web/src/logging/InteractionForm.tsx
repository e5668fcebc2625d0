import { useState, type FormEvent } from 'react';
import { log } from '../api/endpoints';
import { FormError, SelectField, TextField } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';
import type { LogFormProps } from './form-props';
import { capitalize, channels, channelWord, moods } from './log-kinds';
import { FormActions } from '../ui/FormActions';

/** A visit, call, email or other contact: channel, one line, optional mood and outcome. */
export function InteractionForm({ customerId, preset, onLogged, onCancel, consent }: LogFormProps) {
  const [channel, setChannel] = useState(preset || 'visit');
  const [direction, setDirection] = useState('inbound');
  const [summary, setSummary] = useState('');
  const [mood, setMood] = useState('');
  const [outcome, setOutcome] = useState('');
  const { busy, fields, error, run } = useSubmit();
  // Reaching out against what the customer asked: say so, but let the contact be logged (it happened).
  const against = direction === 'outbound' ? consent?.outbound.find((o) => o.channel === channel && !o.allowed) : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      customerId,
      channel,
      direction,
      summary: summary.trim(),
      occurredAt: new Date().toISOString(),
      ...(mood ? { mood } : {}),
      ...(outcome.trim() ? { outcome: outcome.trim() } : {}),
    };
    if (await run(() => log('interactions', body))) onLogged(channelWord(channel));
  };

  return (
    <form className="log-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()} aria-label={`Log: ${channelWord(channel)}`}>
      <FormError error={error} />
      <TextField label="What happened" value={summary} onChange={(e) => setSummary(e.target.value)} autoFocus required maxLength={2000} placeholder="One line is enough" error={fields.summary} className="wide" />
      <div className="row">
        <SelectField label="Channel" value={channel} onChange={(e) => setChannel(e.target.value)} error={fields.channel}>
          {channels.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Who reached out" value={direction} onChange={(e) => setDirection(e.target.value)} error={fields.direction}>
          <option value="inbound">They did</option>
          <option value="outbound">We did</option>
        </SelectField>
        <SelectField label="Mood (optional)" value={mood} onChange={(e) => setMood(e.target.value)} error={fields.mood}>
          <option value="">Not noted</option>
          {moods.map((m) => (
            <option key={m} value={m}>
              {capitalize(m)}
            </option>
          ))}
        </SelectField>
        <TextField label="Outcome (optional)" value={outcome} onChange={(e) => setOutcome(e.target.value)} maxLength={500} error={fields.outcome} />
      </div>
      {against ? (
        <p className="consent-warning" role="alert">
          Careful: {against.reason}. You can still log it if it happened.
        </p>
      ) : null}
      <FormActions label={`Log ${channelWord(channel).toLowerCase()}`} busy={busy} disabled={busy || !summary.trim()} onCancel={onCancel} />
    </form>
  );
}
