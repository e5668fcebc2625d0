import { useId } from 'react';
import type { FieldErrors } from '../../api/client';
import { dayNames, weekdays, type Weekday } from '../../ui/calendar';
import { nextInterval, type IntervalDraft, type WeekDraft } from './location-draft';

interface Props {
  hoursSet: boolean;
  week: WeekDraft;
  errors: FieldErrors;
  onHoursSet: (set: boolean) => void;
  onChange: (week: WeekDraft) => void;
}

/**
 * Weekly opening hours: none set (every hour counts), or for each weekday closed or one or more
 * intervals, with "Same as Monday" to copy a day. Each interval shows its own error.
 */
export function WeekEditor({ hoursSet, week, errors, onHoursSet, onChange }: Props) {
  const id = useId();
  const setDay = (day: Weekday, intervals: IntervalDraft[]) => onChange({ ...week, [day]: intervals });

  return (
    <fieldset className="week" aria-describedby={`${id}-hint`}>
      <legend>Opening hours</legend>
      <div className="choices">
        <label className="checkbox">
          <input type="radio" name={`${id}-set`} checked={!hoursSet} onChange={() => onHoursSet(false)} /> Not set: every hour counts
        </label>
        <label className="checkbox">
          <input type="radio" name={`${id}-set`} checked={hoursSet} onChange={() => onHoursSet(true)} /> Open at set hours
        </label>
      </div>
      <p id={`${id}-hint`} className="hint">
        Local time in the location’s time zone. Response times count only the hours it is open. Closing at midnight (00:00) means open to the end of the day.
      </p>
      {hoursSet
        ? weekdays.map((day) => (
            <Day key={day} day={day} intervals={week[day]} monday={week.mon} errors={errors} onChange={(intervals) => setDay(day, intervals)} />
          ))
        : null}
    </fieldset>
  );
}

function Day({ day, intervals, monday, errors, onChange }: { day: Weekday; intervals: IntervalDraft[]; monday: IntervalDraft[]; errors: FieldErrors; onChange: (intervals: IntervalDraft[]) => void }) {
  const name = dayNames[day];
  const dayError = errors[`openingHours/${day}`];
  const id = useId();
  return (
    <fieldset className="day" aria-describedby={dayError ? `${id}-error` : undefined}>
      <legend>{name}</legend>
      {intervals.length === 0 ? <p className="muted day-closed">Closed</p> : null}
      {intervals.map((interval, index) => (
        <IntervalRow
          key={index}
          day={day}
          index={index}
          interval={interval}
          errors={errors}
          onChange={(changed) => onChange(intervals.map((i, n) => (n === index ? changed : i)))}
          onRemove={() => onChange(intervals.filter((_, n) => n !== index))}
        />
      ))}
      {dayError ? (
        <small id={`${id}-error`} className="error">
          {dayError}
        </small>
      ) : null}
      <div className="actions">
        <button type="button" className="quiet small" onClick={() => onChange([...intervals, nextInterval(intervals)])}>
          Add hours<span className="visually-hidden"> on {name}</span>
        </button>
        {day !== 'mon' ? (
          <button type="button" className="quiet small" onClick={() => onChange(monday.map((i) => ({ ...i })))}>
            Same as Monday<span className="visually-hidden"> for {name}</span>
          </button>
        ) : null}
        {intervals.length ? (
          <button type="button" className="quiet small" onClick={() => onChange([])}>
            Closed all day<span className="visually-hidden"> on {name}</span>
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}

function IntervalRow({
  day,
  index,
  interval,
  errors,
  onChange,
  onRemove,
}: {
  day: Weekday;
  index: number;
  interval: IntervalDraft;
  errors: FieldErrors;
  onChange: (interval: IntervalDraft) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const name = dayNames[day];
  const base = `openingHours/${day}/${index}`;
  const whole = errors[base];
  const part = { opens: errors[`${base}/opens`], closes: errors[`${base}/closes`] };
  const messages = [whole, part.opens && `Opens ${part.opens}`, part.closes && `Closes ${part.closes}`].filter(Boolean);
  const nth = index > 0 ? `, hours ${index + 1}` : '';
  const time = (key: 'opens' | 'closes', label: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>
        <span className="visually-hidden">{name} </span>
        {label}
        <span className="visually-hidden">{nth}</span>
      </label>
      <input
        id={`${id}-${key}`}
        type="time"
        value={interval[key]}
        aria-invalid={whole || part[key] ? true : undefined}
        aria-describedby={messages.length ? `${id}-error` : undefined}
        onChange={(e) => onChange({ ...interval, [key]: e.target.value })}
      />
    </div>
  );
  return (
    <div className={`interval${messages.length ? ' field-invalid' : ''}`}>
      {time('opens', 'Opens')}
      {time('closes', 'Closes')}
      <button type="button" className="quiet small" onClick={onRemove}>
        Remove
        <span className="visually-hidden">
          {' '}
          {name} {interval.opens || '?'}–{interval.closes || '?'}
        </span>
      </button>
      {messages.length ? (
        <small id={`${id}-error`} className="error interval-error">
          {messages.join('; ')}
        </small>
      ) : null}
    </div>
  );
}
