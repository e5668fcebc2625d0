import { useCallback, useEffect, useState } from 'react';
import { today as todayApi } from '../api/endpoints';
import type { Today, TodayItem, TodaySection } from '../api/types';
import { TodaySectionView } from './TodaySectionView';
import { nothingToday } from './today-words';

type State = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; today: Today };

const withoutItem = (today: Today, section: TodaySection['key'], id: string): Today => ({
  ...today,
  sections: today.sections.map((s) => (s.key === section ? { ...s, items: s.items.filter((i) => i.id !== id) } : s)),
});

/**
 * Today, beside the lookup: what needs the signed-in staff member, section by section. It never
 * takes the focus from the lookup. An item's action calls the API, takes the item off at once, then
 * the list is read again.
 */
export function TodayPanel() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [said, setSaid] = useState('');

  const load = useCallback(async () => {
    try {
      const today = await todayApi.get();
      setState({ status: 'ready', today });
    } catch {
      setState((s) => (s.status === 'ready' ? s : { status: 'failed' }));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const act = (section: TodaySection) => async (item: TodayItem) => {
    if (!item.action) return;
    await todayApi.act(item.action);
    setState((s) => (s.status === 'ready' ? { status: 'ready', today: withoutItem(s.today, section.key, item.id) } : s));
    setSaid(`${item.action.label}: ${item.title}.`);
    // The button is gone with its item: the focus goes to its section, or to Today when that empties.
    const next = section.items.length > 1 ? `today-${section.key}` : 'today-title';
    requestAnimationFrame(() => document.getElementById(next)?.focus());
    void load();
  };

  const shown = state.status === 'ready' ? state.today.sections.filter((s) => s.status === 'failed' || s.items.length > 0) : [];

  return (
    <section className="today" aria-labelledby="today-title">
      <div className="today-head">
        <h2 id="today-title" tabIndex={-1}>
          Today
        </h2>
        {state.status === 'ready' ? <p className="hint">{state.today.scope.description}</p> : null}
      </div>
      {state.status === 'loading' ? <p className="hint">Loading…</p> : null}
      {state.status === 'failed' ? (
        <p className="today-problem">
          Today could not be loaded.{' '}
          <button type="button" className="quiet small" onClick={() => void load()}>
            Try again
          </button>
        </p>
      ) : null}
      {state.status === 'ready' && state.today.figures.length ? (
        <dl className="today-figures">
          {state.today.figures.map((f) => (
            <div key={f.key} className={f.attention ? 'attention' : undefined}>
              <dt>{f.label}</dt>
              <dd>
                <strong>{f.value}</strong>
                {f.detail ? <span className="hint"> {f.detail}</span> : null}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {shown.map((section) => (
        <TodaySectionView key={section.key} section={section} onAct={act(section)} onRetry={() => void load()} />
      ))}
      {state.status === 'ready' && !shown.length ? <p className="today-empty">{nothingToday}</p> : null}
      <p className="visually-hidden" role="status">
        {said}
      </p>
    </section>
  );
}
