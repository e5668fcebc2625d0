import type { Relationship } from '../api/types';
import { Checkbox } from '../ui/Field';

/** Checkboxes for the household members a life event also involves; it then shows on their timelines too. */
export function InvolvedPeople({ relatives, chosen, onChange }: { relatives: Relationship[]; chosen: string[]; onChange: (ids: string[]) => void }) {
  if (!relatives.length) return null;
  const toggle = (id: string, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((c) => c !== id));
  return (
    <fieldset className="involved">
      <legend>Also involves</legend>
      {relatives.map((r) => (
        <Checkbox
          key={r.relatedCustomerId}
          label={r.relatedLabel ? `${r.relatedDisplayName} (${r.relatedLabel})` : r.relatedDisplayName}
          checked={chosen.includes(r.relatedCustomerId)}
          onChange={(e) => toggle(r.relatedCustomerId, e.target.checked)}
        />
      ))}
    </fieldset>
  );
}
