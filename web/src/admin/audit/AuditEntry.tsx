import { useId, useState } from 'react';
import type { HistoryItem } from '../../api/types';
import { ChangeFields } from '../../history/ChangeFields';
import { changes, trailSentence, who } from '../../history/describe';
import { customerPath, Link } from '../../router';
import { fullDate } from '../../ui/format';

/** One entry of the whole trail in words, with what changed behind "Details". */
export function AuditEntry({ item }: { item: HistoryItem }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const sentence = trailSentence(item);
  const fields = changes(item);
  // A customer since deleted keeps the name the entry itself recorded, without a link.
  const snapshotName = item.entityType === 'customer' ? (item.diff?.before?.displayName ?? item.diff?.after?.displayName) : undefined;
  const customer = item.customerId ? (
    item.customerName ? (
      <Link href={customerPath(item.customerId)}>{item.customerName}</Link>
    ) : typeof snapshotName === 'string' ? (
      <span>{snapshotName}</span>
    ) : (
      <span className="muted">a former customer</span>
    )
  ) : null;
  return (
    <li className="change audit-entry">
      <p className="change-what">
        <strong>{who(item)}</strong> {sentence.phrase}
        {sentence.name ? <> {sentence.name}</> : null}
        {sentence.customer === 'object' && customer ? <> {customer}</> : null}
        {sentence.customer === 'for' && customer ? <> for {customer}</> : null}
      </p>
      <p className="audit-meta">
        <time dateTime={item.at} className="muted">
          {fullDate(item.at)}
        </time>
        {fields.length ? (
          <button type="button" className="quiet small" aria-expanded={open} aria-controls={`${id}-details`} onClick={() => setOpen(!open)}>
            Details
          </button>
        ) : null}
      </p>
      {fields.length ? (
        <div id={`${id}-details`} hidden={!open}>
          <ChangeFields fields={fields} isUpdate={Boolean(item.diff?.before && item.diff?.after)} />
        </div>
      ) : null}
    </li>
  );
}
