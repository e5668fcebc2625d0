import { useEffect, useRef, useState, type FormEvent } from 'react';
import { dataRights } from '../api/endpoints';
import type { Customer } from '../api/types';
import { forgetCustomer } from '../lookup/recent';
import { FormError, TextField } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';

const same = (a: string, b: string) => a.trim().replace(/\s+/g, ' ').toLocaleLowerCase() === b.trim().replace(/\s+/g, ' ').toLocaleLowerCase();

/**
 * Erasure, asked for in a dialog that says plainly what happens and that it cannot be undone, with
 * the reason (kept with the tombstone) and the customer's name typed to confirm.
 */
export function EraseDialog({ customer, onClose, onErased }: { customer: Customer; onClose: () => void; onErased: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const name = customer.displayName;
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const [checks, setChecks] = useState<{ reason?: string; name?: string }>({});
  const { busy, fields, error, run } = useSubmit();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      ...(reason.trim() ? {} : { reason: 'Say why, for the record of the erasure.' }),
      ...(same(typed, name) ? {} : { name: `Type the name exactly as shown: ${name}` }),
    };
    setChecks(found);
    if (found.reason || found.name) return;
    if (await run(() => dataRights.erase(customer.id, reason.trim()))) {
      forgetCustomer(customer.id);
      onErased();
    }
  };

  return (
    <dialog
      ref={ref}
      className="modal erase-dialog"
      aria-labelledby="erase-title"
      aria-describedby="erase-what"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <h2 id="erase-title">Erase {name}’s personal data?</h2>
        <div id="erase-what">
          <p>
            <strong>This cannot be undone.</strong> Use it when {name} asks us to forget them.
          </p>
          <ul>
            <li>Their name, phone numbers, emails, addresses, notes, life events, projects, preferences and family links are deleted everywhere, the trash included.</li>
            <li>Their visits and purchases stay in the figures, without what was said or bought.</li>
            <li>The audit trail keeps who did what and when, not what it said.</li>
            <li>Rapport keeps a record that they were erased: when, by whom, and why.</li>
          </ul>
        </div>
        <FormError error={error && !fields.reason ? error : null} />
        <TextField
          label="Why"
          hint="Kept with the record of the erasure, e.g. “Asked by letter on 28 November”."
          value={reason}
          maxLength={500}
          autoFocus
          onChange={(e) => setReason(e.target.value)}
          error={checks.reason ?? fields.reason}
        />
        <TextField
          label={`Type their name to confirm: ${name}`}
          value={typed}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setTyped(e.target.value)}
          error={checks.name}
        />
        <div className="actions">
          <button type="submit" className="danger" disabled={busy}>
            {busy ? 'Erasing…' : 'Erase for good'}
          </button>
          <button type="button" className="quiet" onClick={onClose} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
