import { deleting, type DeletableKind } from '../api/endpoints';
import type { TimelineItem } from '../api/types';
import { useSession } from '../auth/session';
import { useCustomerRefresh } from '../customers/customer-refresh';
import { firstLine } from '../ui/format';
import { DeleteButton } from './DeleteButton';
import { offerUndo } from './undo-notice';

/** Kinds deleted from the timeline; a promise is deleted from its panel (its events are not records of their own). */
const paths: Partial<Record<TimelineItem['kind'], DeletableKind>> = {
  interaction: 'interactions',
  transaction: 'transactions',
  life_event: 'life-events',
  note: 'notes',
};

/** "note", "contact", "purchase", "life event": what the entry is, in the words of the question. */
function nounOf(item: TimelineItem): string {
  switch (item.kind) {
    case 'interaction':
      return 'contact';
    case 'transaction':
      return item.transactionKind;
    case 'life_event':
      return 'life event';
    case 'note':
      return 'note';
    default:
      return 'entry';
  }
}

const hintOf = (item: TimelineItem): string | undefined => {
  if (item.kind === 'transaction' && item.itemCount) return 'It goes to the trash with its items: you can undo it now, and a manager can restore it later.';
  if (item.kind === 'life_event') return 'It goes to the trash, for everyone it involves: you can undo it now, and a manager can restore it later.';
  return undefined;
};

/** Delete a timeline entry (managers and admins); the status then offers Undo. */
export function DeleteTimelineEntry({ item }: { item: TimelineItem }) {
  const { me } = useSession();
  const refresh = useCustomerRefresh();
  const path = paths[item.kind];
  if (me.role === 'frontline' || !refresh || !path) return null;
  const noun = nounOf(item);
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  const line = firstLine(item.title.replace(/^(Note|Life event): /, ''), 60);

  const remove = async () => {
    const receipt = await deleting.record(path, item.id);
    refresh();
    offerUndo({ message: `${Noun} deleted: ${line}`, what: `The ${noun}`, trashId: receipt.trashId, after: refresh });
  };

  const hint = hintOf(item);
  return (
    <DeleteButton
      label={`Delete ${noun}: ${line}`}
      question={`Delete this ${noun}?`}
      {...(hint ? { hint } : {})}
      onDelete={remove}
    />
  );
}
