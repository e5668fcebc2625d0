import type { HistoryItem } from '../api/types';
import { ago, fullDate } from '../ui/format';
import { action, changes, who } from './describe';

/** One change: who did what and when, then the fields, before → after. */
export function HistoryEntry({ item }: { item: HistoryItem }) {
  const fields = changes(item);
  const isUpdate = Boolean(item.diff?.before && item.diff?.after);
  return (
    <li className="change">
      <p className="change-what">
        <strong>{who(item)}</strong> {action(item)}{' '}
        <time dateTime={item.at} title={fullDate(item.at)} className="muted">
          {ago(item.at)}
        </time>
      </p>
      {isUpdate && fields.length ? (
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
      ) : fields.length ? (
        <p className="change-values muted">{fields.map((f) => `${f.field}: ${f.after}`).join(' · ')}</p>
      ) : null}
    </li>
  );
}
