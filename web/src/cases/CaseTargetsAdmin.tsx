import { useEffect, useState, type FormEvent } from 'react';
import { cases } from '../api/endpoints';
import type { TargetSet } from '../api/types';
import { FormError } from '../ui/Field';
import { useResource } from '../ui/useResource';
import { useSubmit } from '../ui/useSubmit';
import { priorityLabels } from './case-text';

type Column = 'firstResponseMinutes' | 'nextResponseMinutes' | 'resolutionMinutes';
const columns: { key: Column; label: string }[] = [
  { key: 'firstResponseMinutes', label: 'First response' },
  { key: 'nextResponseMinutes', label: 'Next response' },
  { key: 'resolutionMinutes', label: 'Resolution' },
];

/** Hours as typed ("1.5", "8", "") to business minutes; null for blank, NaN when it is not a number. */
const toMinutes = (text: string): number | null => (text.trim() === '' ? null : Math.round(Number(text.replace(',', '.')) * 60));
const toHours = (minutes: number | null) => (minutes === null ? '' : String(Math.round((minutes / 60) * 100) / 100));

/** Response targets per priority, in business hours: admins set them; new and re-prioritised cases take them. */
export function CaseTargetsAdmin() {
  const loaded = useResource(() => cases.targets(), []);
  const [draft, setDraft] = useState<Record<string, Record<Column, string>>>({});
  const [status, setStatus] = useState('');
  const { busy, fields, error, run } = useSubmit();

  useEffect(() => {
    if (!loaded.data) return;
    setDraft(Object.fromEntries(loaded.data.items.map((t) => [t.priority, Object.fromEntries(columns.map((c) => [c.key, toHours(t[c.key])])) as Record<Column, string>])));
  }, [loaded.data]);

  const items = loaded.data?.items ?? [];
  const bad = items.flatMap((t) => columns.filter((c) => Number.isNaN(toMinutes(draft[t.priority]?.[c.key] ?? '')) || (toMinutes(draft[t.priority]?.[c.key] ?? '') ?? 1) < 1).map((c) => `${priorityLabels[t.priority]} ${c.label.toLowerCase()}`));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    const body: TargetSet[] = items.map((t) => ({
      priority: t.priority,
      firstResponseMinutes: toMinutes(draft[t.priority]!.firstResponseMinutes),
      nextResponseMinutes: toMinutes(draft[t.priority]!.nextResponseMinutes),
      resolutionMinutes: toMinutes(draft[t.priority]!.resolutionMinutes),
    }));
    if ((await run(() => cases.setTargets(body))) !== undefined) setStatus('Saved the response targets. Cases opened or re-prioritised from now on take them.');
  };

  if (loaded.loading && !loaded.data) return <p className="loading">Loading the targets…</p>;
  return (
    <form className="stack targets-admin" aria-label="Response targets" onSubmit={(e) => void submit(e)}>
      <p className="hint">
        In business hours: each case counts the opening hours of its location (every hour where none are set), and stops counting while it waits on the customer. Leave a box empty for no target.
      </p>
      <div className="table-scroll" role="region" aria-label="Targets per priority" tabIndex={0}>
        <table className="targets-table">
          <caption className="visually-hidden">Targets in business hours, per priority</caption>
          <thead>
            <tr>
              <th scope="col">Priority</th>
              {columns.map((c) => (
                <th key={c.key} scope="col">
                  {c.label} (hours)
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((t, row) => (
              <tr key={t.priority}>
                <th scope="row">{priorityLabels[t.priority]}</th>
                {columns.map((c) => {
                  const problem = fields[`items/${row}/${c.key}`];
                  return (
                    <td key={c.key}>
                      <input
                        aria-label={`${priorityLabels[t.priority]} ${c.label.toLowerCase()}, hours`}
                        inputMode="decimal"
                        value={draft[t.priority]?.[c.key] ?? ''}
                        aria-invalid={problem ? true : undefined}
                        onChange={(e) => setDraft((d) => ({ ...d, [t.priority]: { ...d[t.priority]!, [c.key]: e.target.value } }))}
                      />
                      {problem ? <small className="error">{problem}</small> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {bad.length ? <p className="form-error">Check: {bad.join(', ')} (hours, at least a minute).</p> : null}
      <FormError error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || bad.length > 0}>
          {busy ? 'Saving…' : 'Save targets'}
        </button>
        <p role="status" className="hint">
          {status}
        </p>
      </div>
    </form>
  );
}
