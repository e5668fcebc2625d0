import type { TodayItem, TodaySection } from '../api/types';
import { TodayEntry } from './TodayEntry';
import { FillInLaterEntry } from '../urgent/FillInLaterEntry';
import { Link } from '../router';

interface Props {
  section: TodaySection;
  onAct: (item: TodayItem) => Promise<void>;
  onRetry: () => void;
}

/** A section of Today: its items, the most pressing first (the server orders them), or why it could not load. */
export function TodaySectionView({ section, onAct, onRetry }: Props) {
  const id = `today-${section.key}`;
  const total = section.items.length + section.more;
  return (
    <section className={`today-section${section.status === 'failed' ? ' failed' : ''}`} aria-labelledby={id}>
      <h3 id={id} tabIndex={-1}>
        {section.heading}
        {total ? <span className="today-count"> ({total}{section.moreAtLeast ? '+' : ''})</span> : null}
      </h3>
      {section.status === 'failed' ? (
        <p className="today-problem">
          {section.problem}{' '}
          <button type="button" className="quiet small" onClick={onRetry}>
            Try again
          </button>
        </p>
      ) : (
        <ul className="today-items">
          {section.items.map((item) =>
            section.key === 'fill_in_later' ? <FillInLaterEntry key={item.id} item={item} onAct={onAct} /> : <TodayEntry key={item.id} item={item} onAct={onAct} />,
          )}
        </ul>
      )}
      {section.more && section.key === 'fill_in_later' ? (
        <p className="hint">
          <Link href="/fill-in-later">And {section.more} more</Link>
        </p>
      ) : section.more ? (
        <p className="hint">And {section.more}{section.moreAtLeast ? ' or more' : ' more'}.</p>
      ) : null}
    </section>
  );
}
