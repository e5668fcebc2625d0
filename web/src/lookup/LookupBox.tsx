import { useState, type KeyboardEvent } from 'react';
import { customers } from '../api/endpoints';
import { customerPath, navigate } from '../router';
import { plural } from '../ui/format';
import { useSubmit } from '../ui/useSubmit';
import { newCustomerBody, readTyped, typedWords } from './create-from-query';
import { ResultOption } from './ResultOption';
import { useLookup } from './useLookup';
import { urgentPath } from '../urgent/urgent-words';

interface Props {
  /** Esc on an empty box (the dialog closes). */
  onEscapeEmpty?: () => void;
  /** A customer was opened or created. */
  onDone?: () => void;
}

/**
 * The lookup box (ARIA combobox): results as you type, arrows to move, Enter to open, Esc to clear.
 * The last option creates a customer from exactly what was typed.
 */
export function LookupBox({ onEscapeEmpty, onDone }: Props) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(-1);
  const state = useLookup(text);
  const creating = useSubmit();
  const q = text.trim();
  const current = q !== '' && state.query === q;
  const results = current ? state.results : q ? state.results : [];
  const canCreate = current && !state.failed;
  const count = results.length + (canCreate ? 1 : 0);
  const typed = readTyped(q);

  const change = (value: string) => {
    setText(value);
    setActive(-1);
    creating.setError(null);
  };

  const open = (id: string) => {
    onDone?.();
    navigate(customerPath(id));
  };

  const create = async () => {
    const customer = await creating.run(() => customers.create(newCustomerBody(typed)));
    if (customer) open(customer.id);
  };

  const choose = (index: number) => {
    const result = results[index];
    if (result) open(result.id);
    else if (canCreate && index === results.length) void create();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!count) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i < 0 && step < 0 ? count - 1 : (i + step + count) % count));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (creating.busy) return;
      // An option moved to since the last keystroke is one the person sees: it opens even while the
      // results of the last letters are still on their way (they would otherwise press Enter in vain).
      if (active >= 0 && active < results.length) choose(active);
      else if (current) choose(active >= 0 ? active : 0);
    } else if (event.key === 'Escape') {
      if (text) {
        event.preventDefault();
        change('');
      } else onEscapeEmpty?.();
    }
  };

  const optionId = (index: number) => `lookup-option-${index}`;
  const expanded = q !== '' && count > 0;

  return (
    <div className="lookup">
      <label htmlFor="lookup-input" className="lookup-label">
        Look up a customer
      </label>
      <input
        id="lookup-input"
        className="lookup-input"
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls="lookup-results"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-describedby="lookup-hint"
        placeholder="Name, phone or email"
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        enterKeyHint="go"
        autoFocus
        value={text}
        onChange={(e) => change(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <p id="lookup-hint" className="hint">
        Misspellings are fine. Phone numbers in any format. ↑ ↓ to choose, Enter to open, Esc to clear.
      </p>
      <p className="lookup-status" role="status">
        {!q ? '' : state.failed ? 'Lookup failed; try again.' : current ? (results.length ? `${plural(results.length, 'customer')} found` : `No customer matches “${q}”.`) : 'Looking…'}
      </p>
      <ul id="lookup-results" role="listbox" aria-label="Customers found" className="results" hidden={!expanded}>
        {results.map((result, index) => (
          <ResultOption key={result.id} id={optionId(index)} result={result} active={index === active} onChoose={() => choose(index)} onHover={() => setActive(index)} />
        ))}
        {canCreate ? (
          <li
            id={optionId(results.length)}
            role="option"
            aria-selected={active === results.length}
            className={`result create${active === results.length ? ' active' : ''}`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(results.length)}
          >
            <span className="result-name">
              {creating.busy ? 'Creating…' : `Create customer “${typed.value}”`}
            </span>
            <span className="result-meta">New customer {typedWords[typed.kind]}; add the rest later.</span>
          </li>
        ) : null}
      </ul>
      {creating.error ? (
        <p className="form-error" role="alert">
          {creating.error}
        </p>
      ) : null}
      <p className="lookup-urgent">
        <button type="button" className="urgent-button" onClick={() => { onDone?.(); navigate(urgentPath(q)); }}>
          Urgent{q ? ` case for “${q}”` : ' case'}
        </button>
        <span className="hint"> Help first: a number or a name is enough.</span>
      </p>
    </div>
  );
}
