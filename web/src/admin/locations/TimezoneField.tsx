import { useId, useMemo } from 'react';
import { TextField } from '../../ui/Field';
import { timeZones } from '../../ui/calendar';

/** An IANA time zone, typed with suggestions from this browser's list (the server checks it against its own). */
export function TimezoneField({ value, error, onChange }: { value: string; error: string | undefined; onChange: (value: string) => void }) {
  const id = useId();
  const zones = useMemo(timeZones, []);
  const here = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone, []);
  return (
    <div className="timezone">
      <TextField
        label="Time zone"
        list={`${id}-zones`}
        value={value}
        autoComplete="off"
        spellCheck={false}
        placeholder="e.g. Europe/London"
        hint="Needed for opening hours and holidays. Start typing a city or region to see suggestions."
        error={error}
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id={`${id}-zones`}>
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      {here && value !== here ? (
        <button type="button" className="quiet small" onClick={() => onChange(here)}>
          Use this device’s time zone ({here})
        </button>
      ) : null}
    </div>
  );
}
