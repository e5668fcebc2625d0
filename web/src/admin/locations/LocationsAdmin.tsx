import { useEffect, useRef, useState } from 'react';
import { locations } from '../../api/endpoints';
import type { Location } from '../../api/types';
import { holidayText, splitHolidays, weekSummary } from '../../ui/calendar';
import { useResource } from '../../ui/useResource';
import { LocationForm } from './LocationForm';

/** Locations with their time zone, opening hours and holidays: list, create, edit. */
export function LocationsAdmin() {
  const list = useResource(() => locations.list(), []);
  const [editing, setEditing] = useState<Location | 'new' | null>(null);
  const [status, setStatus] = useState('');
  /** Where the keyboard focus returns when the form closes: a location's Edit button, or "Add a location". */
  const [returnTo, setReturnTo] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const items = list.data?.items ?? [];

  useEffect(() => {
    if (!editing && returnTo === 'add') addButton.current?.focus();
  }, [editing, returnTo]);

  const close = (focus: string) => {
    setReturnTo(focus);
    setEditing(null);
  };

  const saved = (location: Location) => {
    const others = items.filter((l) => l.id !== location.id);
    list.set({ items: [...others, location].sort((a, b) => a.name.localeCompare(b.name)), nextCursor: list.data?.nextCursor ?? null });
    setStatus(`${editing === 'new' ? 'Created' : 'Saved'} ${location.name}.`);
    close(location.id);
  };

  if (editing) {
    return (
      <LocationForm
        key={editing === 'new' ? 'new' : editing.id}
        location={editing === 'new' ? null : editing}
        onSaved={saved}
        onCancel={() => close(editing === 'new' ? 'add' : editing.id)}
      />
    );
  }

  return (
    <div className="stack locations-admin">
      <div className="actions">
        <button type="button" ref={addButton} className="primary" onClick={() => (setStatus(''), setEditing('new'))}>
          Add a location
        </button>
        <p role="status" className="hint">
          {status}
        </p>
      </div>
      {list.loading && !list.data ? <p className="loading">Loading locations…</p> : null}
      {list.error ? (
        <p className="form-error" role="alert">
          The locations could not be loaded.
        </p>
      ) : null}
      {list.data && !items.length ? <p className="muted">No locations yet. Add the branches, stores or wards where customers are looked after.</p> : null}
      {items.length ? (
        <ul className="plain location-list">
          {items.map((location) => (
            <li key={location.id}>
              <LocationCard location={location} focus={returnTo === location.id} onEdit={() => (setStatus(''), setEditing(location))} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function LocationCard({ location, focus, onEdit }: { location: Location; focus: boolean; onEdit: () => void }) {
  const titleId = `location-${location.id}`;
  const edit = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focus) edit.current?.focus();
  }, [focus]);
  const { upcoming, past } = splitHolidays(location.holidays);
  return (
    <article className="card location-card" aria-labelledby={titleId}>
      <div className="card-head">
        <h2 id={titleId}>{location.name}</h2>
        <button type="button" ref={edit} className="small" onClick={onEdit}>
          Edit<span className="visually-hidden"> {location.name}</span>
        </button>
      </div>
      <dl className="facts">
        <div>
          <dt>Address</dt>
          <dd>{location.address ?? <span className="muted">none</span>}</dd>
        </div>
        <div>
          <dt>Time zone</dt>
          <dd>{location.timezone ?? <span className="muted">not set</span>}</dd>
        </div>
        <div>
          <dt>Opening hours</dt>
          <dd>{weekSummary(location.openingHours)}</dd>
        </div>
        <div>
          <dt>Holidays</dt>
          <dd>
            {upcoming.length ? upcoming.slice(0, 3).map(holidayText).join(' · ') : <span className="muted">none coming up</span>}
            {upcoming.length > 3 ? ` and ${upcoming.length - 3} more` : ''}
            {past.length ? <span className="muted"> ({past.length} past)</span> : null}
          </dd>
        </div>
      </dl>
    </article>
  );
}
