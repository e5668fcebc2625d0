import { useId, useState } from 'react';

/**
 * A line that may stand for a longer text: the short form first, and when the whole text says
 * more, a button (aria-expanded) that shows all of it in place, line breaks kept.
 */
export function EntryText({ short, whole, className }: { short: string; whole: string | null; className: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  if (!whole || whole === short) return <p className={className}>{short}</p>;
  return (
    <div className="entry-text">
      <p id={id} className={`${className}${open ? ' whole' : ''}`}>
        {open ? whole : short}
      </p>
      <button type="button" className="quiet small more" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {open ? 'Show less' : 'Show all'}
      </button>
    </div>
  );
}
