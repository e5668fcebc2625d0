import { useId, useState, type KeyboardEvent } from 'react';
import type { LookupResult } from '../api/types';
import { plural } from '../ui/format';
import { ResultOption } from './ResultOption';
import { useLookup } from './useLookup';

interface Props {
  label: string;
  /** Left out of the results (the customer being linked from). */
  excludeId?: string;
  onPick: (result: LookupResult) => void;
  /** Takes the focus when shown (default), as in a form opened to pick someone. */
  autoFocus?: boolean;
  /** The name of the list of results. */
  listLabel?: string;
}

/**
 * Pick another customer with the same lookup as the home page (misspellings, phone in any format),
 * as an ARIA combobox: arrows to move, Enter to choose, Esc to clear. It only picks; it never opens
 * or creates a customer.
 */
export function CustomerPicker({ label, excludeId, onPick, autoFocus = true, listLabel = 'Customers to link' }: Props) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(-1);
  const state = useLookup(text);
  const id = useId();
  const q = text.trim();
  const current = q !== '' && state.query === q;
  const results = current ? state.results.filter((r) => r.id !== excludeId) : [];
  const expanded = results.length > 0;
  const optionId = (index: number) => `${id}-option-${index}`;

  const change = (value: string) => {
    setText(value);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!results.length) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i < 0 && step < 0 ? results.length - 1 : (i + step + results.length) % results.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = results[active >= 0 ? active : 0];
      if (chosen) onPick(chosen);
    } else if (event.key === 'Escape' && text) {
      event.preventDefault();
      event.stopPropagation();
      change('');
    }
  };

  return (
    <div className="field picker">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-results`}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        placeholder="Name, phone or email"
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        value={text}
        onChange={(e) => change(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <p className="hint picker-status" role="status">
        {!q ? '' : state.failed ? 'Lookup failed; try again.' : current ? (results.length ? `${plural(results.length, 'customer')} found` : `No one${excludeId ? ' else' : ''} matches “${q}”.`) : 'Looking…'}
      </p>
      <ul id={`${id}-results`} role="listbox" aria-label={listLabel} className="results" hidden={!expanded}>
        {results.map((result, index) => (
          <ResultOption key={result.id} id={optionId(index)} result={result} active={index === active} onChoose={() => onPick(result)} onHover={() => setActive(index)} />
        ))}
      </ul>
    </div>
  );
}
