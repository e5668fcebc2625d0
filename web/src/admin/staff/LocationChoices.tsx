import type { Location } from '../../api/types';
import { Checkbox } from '../../ui/Field';

/** The locations someone works at, as checkboxes; none is allowed. */
export function LocationChoices({ locations, chosen, onChange, error }: { locations: Location[]; chosen: string[]; onChange: (ids: string[]) => void; error?: string | undefined }) {
  const toggle = (id: string, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((c) => c !== id));
  return (
    <fieldset className="choices">
      <legend>Locations</legend>
      {locations.length === 0 ? <p className="hint">No locations yet: add them under Locations.</p> : null}
      {locations.map((l) => (
        <Checkbox key={l.id} label={l.name} checked={chosen.includes(l.id)} onChange={(e) => toggle(l.id, e.target.checked)} />
      ))}
      {error ? <small className="error">{error}</small> : null}
    </fieldset>
  );
}

/** The first field error about locationIds ("locationIds/1": ...). */
export const locationError = (fields: Record<string, string>) => Object.entries(fields).find(([key]) => key.startsWith('locationIds'))?.[1];
