import { duplicates } from '../api/endpoints';
import type { DuplicateReason } from '../api/types';
import { scoreWords } from '../duplicates/duplicate-words';
import { useResource } from '../ui/useResource';

interface Why {
  score: number;
  reasons: DuplicateReason[];
  queued: boolean;
}

/**
 * Why Rapport thinks two records may be one person: the pair as the duplicates queue has it (the
 * score and reasons the manager just saw there), else as Rapport works it out now for this customer;
 * null when it does not think so (a record picked with the lookup for other reasons).
 */
async function whyOf(survivorId: string, otherId: string): Promise<Why | null> {
  const queue = await duplicates.list(null, 200, survivorId);
  const pair = queue.items.find((p) => p.first.id === otherId || p.second.id === otherId);
  if (pair) return { score: pair.score, reasons: pair.reasons, queued: true };
  const found = (await duplicates.of(survivorId)).find((m) => m.customerId === otherId);
  return found ? { score: found.score, reasons: found.reasons, queued: false } : null;
}

/** Above the comparison on the merge screen: the reasons with their weights, and the score, as the queue shows them. */
export function MatchWhy({ survivorId, otherId }: { survivorId: string; otherId: string }) {
  const why = useResource(() => whyOf(survivorId, otherId), [survivorId, otherId]).data;
  if (!why) return null;
  return (
    <section className="merge-why" aria-labelledby="merge-why-title">
      <h3 id="merge-why-title">Why they may be one person</h3>
      <p className="merge-why-score">
        <strong>{`Score ${scoreWords(why.score)}`}</strong>
        {why.queued ? ' · in the possible duplicates' : ''}
      </p>
      <ul className="duplicate-reasons">
        {why.reasons.map((r) => (
          <li key={`${r.field}:${r.words}`} className={r.weight < 0 ? 'against' : undefined}>
            {r.words}
          </li>
        ))}
      </ul>
    </section>
  );
}
