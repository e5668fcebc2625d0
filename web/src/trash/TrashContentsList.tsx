import { trash } from '../api/endpoints';
import { useResource } from '../ui/useResource';

/** What comes back with an entry, by kind ("Notes: 2"), read when the entry is opened. */
export function TrashContentsList({ id, listId }: { id: string; listId: string }) {
  const entry = useResource(() => trash.get(id), [id]);
  if (entry.loading) return <p id={listId} className="hint" role="status">Looking…</p>;
  if (!entry.data) {
    return (
      <p id={listId} className="form-error" role="alert">
        What it holds could not be read.
      </p>
    );
  }
  return (
    <ul id={listId} className="plain trash-contents">
      {entry.data.contents.map((c) => (
        <li key={c.heading}>
          {c.heading}: {c.count}
        </li>
      ))}
    </ul>
  );
}
