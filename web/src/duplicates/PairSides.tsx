import type { DuplicatePair, DuplicateSide } from '../api/types';
import { ago, fullDate } from '../ui/format';
import { pairName, sideFacts } from './duplicate-words';

/**
 * Under the names of a pair, what tells each record apart at a glance (two Robert Kowalczyks): where
 * it came from (its ids in other systems), its email and phone, when it was added. One line a side,
 * side by side on a wide screen, one under the other on a phone.
 */
export function PairSides({ pair }: { pair: DuplicatePair }) {
  return (
    <ul className="plain duplicate-sides" aria-label={`How to tell ${pairName(pair)} apart`}>
      <Side side={pair.first} />
      <Side side={pair.second} />
    </ul>
  );
}

function Side({ side }: { side: DuplicateSide }) {
  const facts = sideFacts(side);
  return (
    <li>
      <span className="duplicate-side-name">{side.displayName}</span>
      <span className="duplicate-side-facts">
        {facts.map((fact) => (
          <span key={fact} className="duplicate-fact">{`${fact} · `}</span>
        ))}
        <span className="duplicate-fact">
          added{' '}
          <time dateTime={side.addedAt} title={fullDate(side.addedAt)}>
            {ago(side.addedAt)}
          </time>
        </span>
      </span>
    </li>
  );
}
