import { useEffect, useRef, useState } from 'react';
import type { Consent, Customer } from '../api/types';
import { Checkbox } from '../ui/Field';
import { InteractionForm } from './InteractionForm';
import { LifeEventForm } from './LifeEventForm';
import { logChoices, type LogChoice } from './log-kinds';
import { NoteForm } from './NoteForm';
import { ProjectForm } from './ProjectForm';
import { PromiseForm } from '../promises/PromiseForm';
import { useShortcutSetting } from './shortcut-setting';
import { TransactionForm } from './TransactionForm';

const typingIn = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Log what just happened in a few keystrokes: pick a kind (or press its key), type one line, Enter. */
export function QuickLog({ customer, consent, onLogged }: { customer: Customer; consent?: Consent | undefined; onLogged: () => void }) {
  const [choice, setChoice] = useState<LogChoice | null>(null);
  const [done, setDone] = useState('');
  const buttons = useRef<Record<string, HTMLButtonElement | null>>({});
  const [shortcuts, setShortcuts] = useShortcutSetting();

  useEffect(() => {
    if (!shortcuts) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target) || document.querySelector('dialog[open]')) return;
      const found = logChoices.find((c) => c.key === event.key.toLowerCase());
      if (found) {
        event.preventDefault();
        setChoice(found);
        setDone('');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shortcuts]);

  const close = () => {
    const last = choice;
    setChoice(null);
    if (last) buttons.current[last.id]?.focus();
  };
  const logged = (what: string) => {
    setDone(`${what} logged.`);
    onLogged();
    close();
  };

  const relatives = customer.relationships.filter((r) => r.household && r.relatedKind === 'person');
  const props = { customerId: customer.id, preset: choice?.preset ?? '', relatives, onLogged: logged, onCancel: close, consent };

  return (
    <section className="quick-log card" aria-labelledby="log-title">
      <div className="card-head">
        <h2 id="log-title">Log</h2>
        <Checkbox label="Keyboard shortcuts" role="switch" className="switch" checked={shortcuts} onChange={(e) => setShortcuts(e.target.checked)} />
      </div>
      <div className="log-choices" role="group" aria-label="What to log">
        {logChoices.map((c) => (
          <button
            key={c.id}
            ref={(el) => {
              buttons.current[c.id] = el;
            }}
            type="button"
            className="chip"
            aria-pressed={choice?.id === c.id}
            aria-keyshortcuts={shortcuts ? c.key?.toUpperCase() : undefined}
            onClick={() => {
              setChoice(choice?.id === c.id ? null : c);
              setDone('');
            }}
          >
            {c.label}
          </button>
        ))}
      </div>
      {!choice && shortcuts ? (
        <p className="hint log-keys">
          Or press a key: {logChoices.filter((c) => c.key).map((c) => `${c.key!.toUpperCase()} ${c.label.toLowerCase()}`).join(', ')}.
        </p>
      ) : null}
      {choice?.form === 'interaction' ? <InteractionForm key={choice.id} {...props} /> : null}
      {choice?.form === 'transaction' ? <TransactionForm key={choice.id} {...props} /> : null}
      {choice?.form === 'note' ? <NoteForm {...props} /> : null}
      {choice?.form === 'life-event' ? <LifeEventForm {...props} /> : null}
      {choice?.form === 'project' ? <ProjectForm {...props} /> : null}
      {choice?.form === 'promise' ? <PromiseForm customerId={customer.id} onSaved={() => logged('Promise')} onCancel={close} /> : null}
      <p role="status" className="log-done">
        {done}
      </p>
    </section>
  );
}
