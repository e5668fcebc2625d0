import type { TimelineItem } from '../api/types';
import { provenanceTag } from '../logging/ProvenanceField';
import { DeleteTimelineEntry } from '../trash/DeleteTimelineEntry';
import { EmailMessage } from '../email/EmailMessage';
import { ReplyByEmail } from '../email-out/ReplyByEmail';
import { ago, firstLine, fullDate } from '../ui/format';
import { EntryText } from './EntryText';
import { kindLabel } from './kinds';

/** What an item carries beyond its title: mood and outcome, amount, the date of a life event. */
function details(item: TimelineItem): string[] {
  switch (item.kind) {
    case 'interaction':
      return [item.outcome ? `Outcome: ${item.outcome}` : '', item.mood ? `Mood: ${item.mood}` : '', item.staffName ? `With ${item.staffName}` : ''];
    case 'transaction':
      return [item.reference ? `Ref. ${item.reference}` : ''];
    case 'life_event':
      return [];
    case 'note':
      return [item.pinned ? 'Pinned' : ''];
    case 'promise':
      return [item.staffName ? `By ${item.staffName}` : ''];
    case 'case':
      return [item.detail ?? '', item.staffName ? `By ${item.staffName}` : ''];
    default:
      return [];
  }
}

/** What was bought: "Tile grout 5kg × 2; Trowel, notched", and how many more the timeline leaves out. */
function itemsText(items: readonly { description: string; quantity: number }[], count: number): string {
  const listed = items.map((i) => (i.quantity === 1 ? i.description : `${i.description} × ${i.quantity.toLocaleString()}`)).join('; ');
  return count > items.length ? `${listed} and ${count - items.length} more` : listed;
}

/** The badge already says "Note" or "Life event"; the title need not say it again. */
const withoutKind = (title: string) => title.replace(/^(Note|Life event): /, '');

/** The title, and the whole text it stands for when the server cut it ("Visit, inbound: " + the whole summary). */
function titleText(item: TimelineItem): { short: string; whole: string | null } {
  const short = withoutKind(item.title);
  // A transaction's note and a promise's reason are said below the title, not instead of it.
  if (item.kind === 'transaction' || item.kind === 'promise' || item.kind === 'case' || !item.detail) return { short, whole: null };
  const lead = item.kind === 'interaction' ? item.title.slice(0, item.title.indexOf(': ') + 2) : '';
  return { short, whole: lead + item.detail };
}

export function TimelineEntry({ item }: { item: TimelineItem }) {
  const lines = details(item).filter(Boolean);
  const isPrivate = (item.kind === 'note' || item.kind === 'life_event') && item.sensitivity === 'private';
  // Tact: a fact we did not hear from the customer is theirs to raise, not ours.
  const whence = item.kind === 'note' || item.kind === 'life_event' ? provenanceTag(item.provenance) : null;
  return (
    <li className={`entry entry-${item.kind}`}>
      <div className="entry-meta">
        <span className="entry-kind">{kindLabel(item.kind)}</span>
        <time dateTime={item.at} title={fullDate(item.at)}>
          {ago(item.at)}
        </time>
        {isPrivate ? <span className="tag private">private</span> : null}
        {whence ? <span className="tag" title="Let them mention it">{whence}, let them mention it</span> : null}
      </div>
      <EntryText className="entry-title" {...titleText(item)} />
      {(item.kind === 'transaction' || item.kind === 'promise') && item.detail ? <EntryText className="entry-note" short={firstLine(item.detail, 120)} whole={item.detail} /> : null}
      {item.kind === 'transaction' && item.items.length ? <p className="entry-items">{itemsText(item.items, item.itemCount)}</p> : null}
      {lines.length ? <p className="entry-detail muted">{lines.join(' · ')}</p> : null}
      <EmailMessage item={item} />
      <ReplyByEmail item={item} />
      <DeleteTimelineEntry item={item} />
    </li>
  );
}
