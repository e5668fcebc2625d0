import type { FieldChange } from './describe';

/** The fields of one change: on update "Field: before → after", else "Field: value · Field: value". */
export function ChangeFields({ fields, isUpdate }: { fields: FieldChange[]; isUpdate: boolean }) {
  if (!fields.length) return null;
  return isUpdate ? (
    <ul className="change-fields">
      {fields.map((f) => (
        <li key={f.field}>
          <span className="change-field">{f.field}:</span>{' '}
          {f.before !== null ? (
            <>
              <span className="was">{f.before}</span> <span aria-hidden="true">→</span>
              <span className="visually-hidden"> became </span>{' '}
            </>
          ) : null}
          <span className="now">{f.after}</span>
        </li>
      ))}
    </ul>
  ) : (
    <p className="change-values muted">{fields.map((f) => `${f.field}: ${f.after}`).join(' · ')}</p>
  );
}
