import { useId, useState, type FormEvent } from 'react';
import type { TodayItem } from '../api/types';
import { customerPath, Link } from '../router';
import { useSubmit } from '../ui/useSubmit';
import { when } from '../today/today-words';

/**
 * An item of Today's "To fill in later": the field's words and a box to fill it in right there.
 * The item's action names the case and the field (body.fields[key]); the value typed is sent in its place.
 */
export function FillInLaterEntry({ item, onAct }: { item: TodayItem; onAct: (item: TodayItem) => Promise<void> }) {
  const [value, setValue] = useState('');
  const saving = useSubmit();
  const inputId = useId();
  const action = item.action;
  const fields = (action?.body?.fields ?? {}) as Record<string, unknown>;
  const key = Object.keys(fields)[0];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!action || !key || !value.trim()) return;
    await saving.run(() => onAct({ ...item, action: { ...action, body: { fields: { [key]: value.trim() } } } }));
  };
  return (
    <li className={`today-item fill-in-later${item.attention ? ' attention' : ''}`}>
      <div className="today-item-text">
        {item.attention ? <span className="tag attention">Overdue</span> : null}
        <Link href={action ? `/cases/${action.path.split('/')[2]}` : customerPath(item.customerId)} className="today-title">
          {item.title}
        </Link>
        <p className="today-detail">
          {item.customerName}
          {item.detail ? ` · ${item.detail}` : ''}
        </p>
        <p className="today-when">
          <time dateTime={item.at}>{when(item.at)}</time>
        </p>
        {action && key ? (
          <form className="fill-in-form" onSubmit={submit}>
            <label htmlFor={inputId} className="visually-hidden">
              {action.label}: {item.title}
            </label>
            <input id={inputId} value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" />
            <button type="submit" className="small" disabled={saving.busy || !value.trim()}>
              {saving.busy ? 'Saving…' : 'Save'}
            </button>
          </form>
        ) : null}
        {saving.error ? (
          <p className="form-error" role="alert">
            {saving.error}
          </p>
        ) : null}
      </div>
    </li>
  );
}
