import { useCallback, useEffect, useRef, useState } from 'react';
import { duplicates } from '../api/endpoints';
import type { DuplicatePair } from '../api/types';
import { useSession } from '../auth/session';
import { usePaged } from '../imports/usePaged';
import { plural } from '../ui/format';
import { DuplicatePairItem } from './DuplicatePairItem';
import { pairName } from './duplicate-words';

/**
 * The duplicates queue (managers and admins, /duplicates): pairs of customers who may be one person,
 * most likely first, with the reasons; each is merged, or marked as two people and leaves the list.
 */
export function DuplicatesPage() {
  const { me } = useSession();
  const manager = me.role !== 'frontline';
  const heading = useRef<HTMLHeadingElement>(null);
  const [message, setMessage] = useState('');
  const [gone, setGone] = useState(0);
  const list = usePaged((cursor) => duplicates.list(cursor), (p: DuplicatePair) => p.id);
  const total = list.page ? Math.max(list.page.total - gone, list.items.length) : null;

  useEffect(() => {
    document.title = 'Possible duplicates · Rapport';
    heading.current?.focus({ preventScroll: true });
    return () => {
      document.title = 'Rapport';
    };
  }, []);

  const { remove } = list;
  const distinct = useCallback(
    (pair: DuplicatePair) => {
      remove(pair.id);
      setGone((n) => n + 1);
      setMessage(`Marked: ${pairName(pair)} are two people. They will not be suggested again.`);
      heading.current?.focus({ preventScroll: true });
    },
    [remove],
  );

  if (!manager) {
    return (
      <section className="page narrow" aria-labelledby="duplicates-heading">
        <h1 id="duplicates-heading" ref={heading} tabIndex={-1}>
          Possible duplicates
        </h1>
        <p>A manager reviews possible duplicates and merges the records of one person. Ask one if you think a customer has two records.</p>
      </section>
    );
  }

  return (
    <section className="page duplicates" aria-labelledby="duplicates-heading">
      <h1 id="duplicates-heading" ref={heading} tabIndex={-1}>
        Possible duplicates
      </h1>
      <p className="hint">
        Pairs of customers who may be one person, most likely first, with why. Compare and merge the ones who are; say so of the ones who are not, and they are not suggested again.
      </p>
      {total !== null && list.items.length ? <p className="duplicate-total">{`${plural(total, 'pair')} to review.`}</p> : null}
      <p className="duplicate-outcome" role="status">
        {message}
      </p>
      <ul className="plain duplicate-list" aria-label="Pairs to review" aria-busy={list.loading}>
        {list.items.map((pair) => (
          <DuplicatePairItem key={pair.id} pair={pair} onDistinct={distinct} />
        ))}
      </ul>
      {!list.loading && !list.failed && !list.items.length && !list.nextCursor ? <p className="muted">No possible duplicates to review.</p> : null}
      {list.failed ? (
        <p className="form-error" role="alert">
          The possible duplicates could not be read.
        </p>
      ) : null}
      {list.loading ? <p role="status">Loading…</p> : null}
      {list.nextCursor && !list.loading ? (
        <button type="button" className="quiet" onClick={list.loadMore}>
          Show more
        </button>
      ) : null}
    </section>
  );
}
