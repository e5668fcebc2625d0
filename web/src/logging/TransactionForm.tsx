import { useId, useState, type FormEvent } from 'react';
import { log } from '../api/endpoints';
import type { TransactionCreate } from '../api/types';
import { money, toMinor } from '../ui/format';
import { FormError, SelectField, TextField } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';
import type { LogFormProps } from './form-props';
import { ItemRows } from './ItemRows';
import { itemProblems, itemsTotal, toLineItem, type ItemDraft } from './line-items';
import { capitalize, transactionKinds } from './log-kinds';
import { FormActions } from '../ui/FormActions';

const currencyKey = 'rapport.currency';
const lastCurrency = () => {
  try {
    return localStorage.getItem(currencyKey) ?? 'USD';
  } catch {
    return 'USD';
  }
};

/** A purchase, return or refund: amount, currency, what it was for, and line items if wanted (the amount is then their sum unless typed). */
export function TransactionForm({ customerId, preset, onLogged, onCancel }: LogFormProps) {
  const [kind, setKind] = useState(preset || 'purchase');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(lastCurrency);
  const [what, setWhat] = useState('');
  const [items, setItems] = useState<ItemDraft[]>([]);
  const [problems, setProblems] = useState<ReturnType<typeof itemProblems>[]>([]);
  const [amountError, setAmountError] = useState<string | undefined>();
  const { busy, fields, error, run } = useSubmit();
  const code = currency.trim().toUpperCase();
  const total = itemsTotal(items, code);
  const totalId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const typed = amount.trim();
    const minor = typed ? toMinor(typed, code) : null;
    const rows = items.map((item) => itemProblems(item, code));
    setProblems(rows);
    setAmountError(typed && minor === null ? 'Write the amount as a number, e.g. 12.50' : !typed && !items.length ? 'Write the amount, or add items' : undefined);
    if ((typed && minor === null) || (!typed && !items.length) || rows.some((r) => Object.keys(r).length)) return;
    const body: TransactionCreate = {
      customerId,
      kind: kind as TransactionCreate['kind'], // one of transactionKinds, the select's only options
      currency: code,
      occurredAt: new Date().toISOString(),
      ...(minor !== null ? { amountMinor: Math.abs(minor) } : {}),
      ...(items.length ? { items: items.map((item) => toLineItem(item, code)) } : {}),
      ...(what.trim() ? { note: what.trim() } : {}),
    };
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
        <TextField
          label="Amount"
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          autoFocus
          required={!items.length}
          placeholder={items.length ? money(total, code || 'USD') : undefined}
          {...(items.length && !(amountError ?? fields.amountMinor) ? { 'aria-describedby': totalId } : {})}
          error={amountError ?? fields.amountMinor}
        />
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
      <ItemRows
        items={items}
        onChange={(next) => {
          setItems(next);
          setProblems([]);
        }}
        problems={problems}
        fields={fields}
      />
      {items.length ? (
        <p id={totalId} className="hint items-total">
          The items add up to {money(total, code || 'USD')}
          {amount.trim() ? '; the amount typed above is what is recorded.' : ', the amount recorded unless you type one.'}
        </p>
      ) : null}
      <FormActions label={`Log ${kind}`} busy={busy} disabled={busy || (!amount.trim() && !items.length)} onCancel={onCancel} />
    </form>
  );
}
