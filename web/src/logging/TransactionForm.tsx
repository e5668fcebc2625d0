import { useState, type FormEvent } from 'react';
import { log } from '../api/endpoints';
import { toMinor } from '../ui/format';
import { FormError, SelectField, TextField } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';
import type { LogFormProps } from './form-props';
import { capitalize, transactionKinds } from './log-kinds';

const currencyKey = 'rapport.currency';
const lastCurrency = () => {
  try {
    return localStorage.getItem(currencyKey) ?? 'USD';
  } catch {
    return 'USD';
  }
};

/** A purchase, return or refund: amount, currency and what it was for. */
export function TransactionForm({ customerId, preset, onLogged, onCancel }: LogFormProps) {
  const [kind, setKind] = useState(preset || 'purchase');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(lastCurrency);
  const [what, setWhat] = useState('');
  const [amountError, setAmountError] = useState<string | undefined>();
  const { busy, fields, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const code = currency.trim().toUpperCase();
    const minor = toMinor(amount, code);
    setAmountError(minor === null ? 'Write the amount as a number, e.g. 12.50' : undefined);
    if (minor === null) return;
    const body = { customerId, kind, amountMinor: Math.abs(minor), currency: code, occurredAt: new Date().toISOString(), ...(what.trim() ? { note: what.trim() } : {}) };
    if (await run(() => log('transactions', body))) {
      try {
        localStorage.setItem(currencyKey, code);
      } catch {
        // a convenience only
      }
      onLogged(capitalize(kind));
    }
  };

  return (
    <form className="log-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()} aria-label={`Log a ${kind}`}>
      <FormError error={error} />
      <div className="row">
        <TextField label="Amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} autoFocus required error={amountError ?? fields.amountMinor} />
        <TextField label="Currency" value={currency} onChange={(e) => setCurrency(e.target.value)} maxLength={3} size={4} autoCapitalize="characters" required error={fields.currency} />
        <SelectField label="Kind" value={kind} onChange={(e) => setKind(e.target.value)} error={fields.kind}>
          {transactionKinds.map((k) => (
            <option key={k} value={k}>
              {capitalize(k)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField label="What for (optional)" value={what} onChange={(e) => setWhat(e.target.value)} maxLength={500} placeholder="e.g. grout, 2 bags" error={fields.note} className="wide" />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !amount.trim()}>
          {busy ? 'Saving…' : `Log ${kind}`}
        </button>
        <button type="button" className="quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
