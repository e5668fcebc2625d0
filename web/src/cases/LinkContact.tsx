import { useId, useState, type FormEvent } from 'react';
import { cases } from '../api/endpoints';
import type { CaseDetail, Interaction } from '../api/types';
import { FormError } from '../ui/Field';
import { ago, firstLine } from '../ui/format';
import { useSubmit } from '../ui/useSubmit';

const channelWords: Record<string, string> = { sms: 'Text', web_form: 'Web form', direct_mail: 'Direct mail', invoice_sent: 'Invoice sent', service_call: 'Service call', missed_call: 'Missed call' };
const channelWord = (c: string) => channelWords[c] ?? c.charAt(0).toUpperCase() + c.slice(1);

/** "Email in, 2 days ago: The boiler is leaking again". */
export const contactLabel = (i: Pick<Interaction, 'channel' | 'direction' | 'occurredAt' | 'summary'>) =>
  `${channelWord(i.channel)} ${i.direction === 'inbound' ? 'in' : 'out'}, ${ago(i.occurredAt)}: ${firstLine(i.summary, 60)}`;

/** Adds one of the customer's logged contacts to a case's thread: a reply stops a response target, a new message starts one. */
export function LinkContact({ caseId, subject, contacts, onLinked }: { caseId: string; subject: string; contacts: Interaction[]; onLinked: (c: CaseDetail) => void }) {
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState('');
  const { busy, error, run } = useSubmit();
  const id = useId();
  const free = contacts.filter((i) => !i.caseId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await run(() => cases.link(caseId, choice));
    if (saved) {
      setOpen(false);
      setChoice('');
      onLinked(saved);
    }
  };

  if (!open) {
    return (
      <button type="button" className="quiet small" aria-label={`Link a contact to ${subject}`} onClick={() => setOpen(true)} disabled={!free.length} title={free.length ? undefined : 'Every logged contact of this customer is in a case already'}>
        Link a contact
      </button>
    );
  }
  return (
    <form className="link-contact" aria-label={`Link a contact to ${subject}`} onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor={id}>Contact to link</label>
        <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)} required>
          <option value="">Choose a contact</option>
          {free.map((i) => (
            <option key={i.id} value={i.id}>
              {contactLabel(i)}
            </option>
          ))}
        </select>
      </div>
      <FormError error={error} />
      <div className="actions">
        <button type="submit" className="primary small" disabled={busy || !choice}>
          {busy ? 'Linking…' : 'Link'}
        </button>
        <button type="button" className="quiet small" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
