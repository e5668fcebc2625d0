import { customers } from '../api/endpoints';
import { useResource } from '../ui/useResource';

/** The parts of the brief worth reading before picking up, in this order: what we owe them, then who they are and the last contact. */
const beforeAnswering = ['owed', 'who', 'last'] as const;

/**
 * The caller's brief, in short, inside the screen-pop: read through the API as the signed-in agent
 * (so the one privacy rule decides what it says), the first sentence of each part that matters
 * before answering, what needs acting on first. The whole brief is one click away.
 */
export function CallBrief({ customerId }: { customerId: string }) {
  const brief = useResource(() => customers.brief(customerId), [customerId]);
  const sections = beforeAnswering
    .map((key) => brief.data?.sections.find((s) => s.key === key && s.sentences.length > 0))
    .filter((s) => s !== undefined)
    .sort((a, b) => Number(b.attention) - Number(a.attention));
  if (sections.length === 0) return null;
  return (
    <ul className="call-brief" aria-label="Before you answer">
      {sections.map((s) => (
        <li key={s.key} className={s.attention ? 'attention' : undefined}>
          {s.sentences[0]}
        </li>
      ))}
    </ul>
  );
}
