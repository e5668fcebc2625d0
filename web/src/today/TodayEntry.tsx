import { useState } from 'react';
import type { TodayItem } from '../api/types';
import { customerPath, Link } from '../router';
import { useSubmit } from '../ui/useSubmit';
import { when } from './today-words';

interface Props {
  item: TodayItem;
  /** Runs the item's action; resolves when the API has answered. */
  onAct: (item: TodayItem) => Promise<void>;
}

/** One item: opens the customer's brief in one click, and deals with it in one more. */
export function TodayEntry({ item, onAct }: Props) {
  const acting = useSubmit();
  const [done, setDone] = useState(false);
  const action = item.action;
  return (
    <li className={`today-item${item.attention ? ' attention' : ''}`}>
      <div className="today-item-text">
        {item.attention ? <span className="tag attention">Needs attention</span> : null}
        <Link href={customerPath(item.customerId)} className="today-title">
          {item.title}
        </Link>
        {item.detail ? <p className="today-detail">{item.detail}</p> : null}
        <p className="today-when">
          <time dateTime={item.at}>{when(item.at)}</time>
        </p>
        {acting.error ? (
          <p className="form-error" role="alert">
            {acting.error}
          </p>
        ) : null}
      </div>
      {action ? (
        <button
          type="button"
          className="small"
          aria-label={`${action.label}: ${item.title}`}
          disabled={acting.busy || done}
          onClick={async () => {
            const ok = await acting.run(async () => {
              await onAct(item);
              return true;
            });
            if (ok) setDone(true);
          }}
        >
          {acting.busy ? 'Saving…' : action.label}
        </button>
      ) : null}
    </li>
  );
}
