import type { Provenance } from '../api/types';
import { SelectField } from '../ui/Field';

export const provenanceChoices: [Provenance, string][] = [
  ['told_us', 'They told us'],
  ['our_records', 'From our records (let them mention it)'],
  ['other_system', 'From another system (let them mention it)'],
];

/** Shown beside a fact we did not hear from the customer. */
export const provenanceTag = (provenance: Provenance): string | null =>
  provenance === 'our_records' ? 'from our records' : provenance === 'other_system' ? 'from another system' : null;

/** "How we know": what they told us is fine to bring up; the rest the brief marks to let them mention it. */
export function ProvenanceField({ value, onChange, error }: { value: Provenance; onChange: (value: Provenance) => void; error?: string | undefined }) {
  return (
    <SelectField
      label="How we know"
      value={value}
      onChange={(e) => onChange(e.target.value as Provenance)} // one of provenanceChoices, the select's only options
      error={error}
    >
      {provenanceChoices.map(([choice, label]) => (
        <option key={choice} value={choice}>
          {label}
        </option>
      ))}
    </SelectField>
  );
}
