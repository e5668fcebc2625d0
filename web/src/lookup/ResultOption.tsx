import type { LookupResult } from '../api/types';
import { ago } from '../ui/format';
import { sinceWords } from '../contact-state/contact-words';

/** One lookup result: enough to tell two Jim Alvarezes apart, and why it matched. */
export function ResultOption({ result, id, active, onChoose, onHover }: { result: LookupResult; id: string; active: boolean; onChoose: () => void; onHover: () => void }) {
  const details = [
    result.organization,
    result.city,
    result.phone,
    result.email,
    result.lastInteractionAt ? `last seen ${ago(result.lastInteractionAt)}` : null,
  ].filter(Boolean);
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      className={`result${active ? ' active' : ''}`}
      onMouseDown={(e) => e.preventDefault()}
      onMouseMove={active ? undefined : onHover}
      onClick={onChoose}
    >
      <span className="result-name">
        {result.displayName}
        {result.preferredName && result.preferredName !== result.displayName ? <span className="aka"> “{result.preferredName}”</span> : null}
        {result.kind === 'organization' ? <span className="tag">organisation</span> : null}
        {result.waitingSince ? <span className="tag waiting">waiting since {sinceWords(result.waitingSince)}</span> : null}
      </span>
      {details.length ? <span className="result-meta">{details.join(' · ')}</span> : null}
      {result.reasons.length ? <span className="result-why">{result.reasons.map((r) => r.text).join('; ')}</span> : null}
    </li>
  );
}
