import { useState, type FormEvent } from 'react';
import { customers } from '../api/endpoints';
import type { Customer, LookupResult } from '../api/types';
import { CustomerPicker } from '../lookup/CustomerPicker';
import { Checkbox, FormError, SelectField } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';
import { relationOf, relations } from './relations';

/** Link a relative or an organisation: find the other customer, say what they are to this one, and whether they live together. */
export function LinkForm({ customer, onSaved, onCancel }: { customer: Customer; onSaved: (c: Customer) => void; onCancel: () => void }) {
  const [other, setOther] = useState<LookupResult | null>(null);
  const [relation, setRelation] = useState('spouse');
  const [household, setHousehold] = useState(true);
  const { busy, fields, error, run } = useSubmit();
  const chosen = relationOf(relation);

  const choose = (value: string) => {
    setRelation(value);
    setHousehold(relationOf(value).household);
  };
  const pick = (result: LookupResult) => {
    setOther(result);
    // A person and an organisation: most often someone who works there.
    if (result.kind === 'organization') choose('employer');
    else if (customer.kind === 'organization') choose('employee');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!other) return;
    const body = { relatedCustomerId: other.id, label: chosen.label, relatedLabel: chosen.relatedLabel, household };
    const saved = await run(() => customers.link(customer.id, body));
    if (saved) onSaved(saved);
  };

  return (
    <form className="inline-form" aria-label="Link a relative or organisation" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <FormError error={error} />
      {other ? (
        <p className="picked">
          <strong>{other.displayName}</strong>
          <button type="button" className="quiet small" onClick={() => setOther(null)} aria-label={`Change the person chosen, ${other.displayName}`}>
            Change
          </button>
        </p>
      ) : (
        <CustomerPicker label="Find the person or organisation" excludeId={customer.id} onPick={pick} />
      )}
      {other ? (
        <>
          <SelectField label="What they are to this customer" value={relation} onChange={(e) => choose(e.target.value)} hint={`${other.displayName} is ${customer.displayName}’s ${chosen.relatedLabel}.`} autoFocus error={fields.label}>
            {relations.map((r) => (
              <option key={r.value} value={r.value}>
                {r.text}
              </option>
            ))}
          </SelectField>
          <Checkbox label="They live in the same household" checked={household} onChange={(e) => setHousehold(e.target.checked)} />
        </>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary small" disabled={busy || !other}>
          Save link
        </button>
        <button type="button" className="quiet small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
