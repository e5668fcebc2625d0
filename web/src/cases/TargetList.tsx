import type { Case } from '../api/types';
import { targetLabels, targetText } from './case-text';

/** Each response target of a case and where it stands; a breached one marked. */
export function TargetList({ c }: { c: Pick<Case, 'targets' | 'subject'> }) {
  const shown = c.targets.filter((t) => t.state !== 'none');
  if (!shown.length) return <p className="muted">No response targets for this priority.</p>;
  return (
    <ul className="plain case-targets" aria-label={`Response targets: ${c.subject}`}>
      {shown.map((t) => (
        <li key={t.kind} className={t.breached ? 'breached' : undefined}>
          <span className="case-target-kind">{targetLabels[t.kind]}:</span> {targetText(t)}
          {t.breached ? <span className="tag attention">breached</span> : null}
        </li>
      ))}
    </ul>
  );
}
