import type { HistoryItem } from '../api/types';
import { ago, fullDate } from '../ui/format';
import { ChangeFields } from './ChangeFields';
import { action, changes, who } from './describe';

/** One change: who did what and when, then the fields, before → after. */
export function HistoryEntry({ item }: { item: HistoryItem }) {
  return (
    <li className="change">
      <p className="change-what">
        <strong>{who(item)}</strong> {action(item)}{' '}
        <time dateTime={item.at} title={fullDate(item.at)} className="muted">
          {ago(item.at)}
        </time>
      </p>
      <ChangeFields fields={changes(item)} isUpdate={Boolean(item.diff?.before && item.diff?.after)} />
    </li>
  );
}
