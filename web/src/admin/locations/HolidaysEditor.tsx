import { useId, useState, type KeyboardEvent } from 'react';
import type { FieldErrors } from '../../api/client';
import type { Holiday } from '../../api/types';
import { dayText, splitHolidays } from '../../ui/calendar';
import { TextField } from '../../ui/Field';

interface Props {
  holidays: Holiday[];
  errors: FieldErrors;
  onChange: (holidays: Holiday[]) => void;
}

const longDay = (date: string) => dayText(date, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });

/** Days the location is closed: add and remove; they are saved with the rest of the form. */
export function HolidaysEditor({ holidays, errors, onChange }: Props) {
  const id = useId();
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [problems, setProblems] = useState<{ date?: string; name?: string }>({});
  const [showPast, setShowPast] = useState(false);
  const { upcoming, past } = splitHolidays(holidays);

  const add = () => {
    const clash = holidays.find((h) => h.date === date);
    const found = {
      ...(!date ? { date: 'is needed' } : clash ? { date: `is already a holiday (${clash.name})` } : {}),
      ...(!name.trim() ? { name: 'is needed' } : {}),
    };
    setProblems(found);
    if (Object.keys(found).length) return;
    onChange([...holidays, { date, name: name.trim() }].sort((a, b) => a.date.localeCompare(b.date)));
    setDate('');
    setName('');
  };
  const onEnter = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  };

  const errorOf = (holiday: Holiday) => {
    const index = holidays.indexOf(holiday);
    return errors[`holidays/${index}`] ?? errors[`holidays/${index}/date`] ?? errors[`holidays/${index}/name`];
  };
  // A past holiday the server found fault with is shown, whatever the toggle says.
  const pastOpen = showPast || past.some(errorOf);
  const row = (holiday: Holiday) => {
    const error = errorOf(holiday);
    return (
      <li key={holiday.date} className={error ? 'field-invalid' : undefined}>
        <span>
          <time dateTime={holiday.date}>{longDay(holiday.date)}</time> {holiday.name}
        </span>
        <button type="button" className="quiet small" onClick={() => onChange(holidays.filter((h) => h !== holiday))}>
          Remove<span className="visually-hidden"> {holiday.name}, {longDay(holiday.date)}</span>
        </button>
        {error ? <small className="error">{error}</small> : null}
      </li>
    );
  };

  return (
    <fieldset className="holidays">
      <legend>Holidays</legend>
      <p className="hint">Closed all day (local date). Saved with the rest of the form.</p>
      {errors.holidays ? <small className="error">{errors.holidays}</small> : null}
      {upcoming.length ? (
        <ul className="plain holiday-list" aria-label="Upcoming holidays">
          {upcoming.map(row)}
        </ul>
      ) : (
        <p className="muted">No upcoming holidays.</p>
      )}
      {past.length ? (
        <>
          <button type="button" className="quiet small" aria-expanded={pastOpen} aria-controls={`${id}-past`} onClick={() => setShowPast(!pastOpen)}>
            Past holidays ({past.length})
          </button>
          <ul id={`${id}-past`} className="plain holiday-list" aria-label="Past holidays" hidden={!pastOpen}>
            {past.map(row)}
          </ul>
        </>
      ) : null}
      <div className="row add-holiday">
        <TextField label="Holiday date" type="date" value={date} error={problems.date} onChange={(e) => setDate(e.target.value)} onKeyDown={onEnter} />
        <TextField label="Holiday name" value={name} placeholder="e.g. Christmas Day" error={problems.name} onChange={(e) => setName(e.target.value)} onKeyDown={onEnter} />
        <button type="button" onClick={add}>
          Add holiday
        </button>
      </div>
    </fieldset>
  );
}
