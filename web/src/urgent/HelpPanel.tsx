import { urgent } from '../api/endpoints';
import type { CaseDetail } from '../api/types';
import { fullDate } from '../ui/format';
import { useSubmit } from '../ui/useSubmit';

/** Help dispatched and help given: one button each, then who and when. */
export function HelpPanel({ c, onSaved }: { c: CaseDetail; onSaved: (next: CaseDetail, message: string) => void }) {
  const acting = useSubmit();
  const open = c.status !== 'resolved' && c.status !== 'closed';
  const step = async (which: 'dispatched' | 'given') => {
    const next = await acting.run(() => (which === 'dispatched' ? urgent.dispatched(c.id) : urgent.given(c.id)));
    if (next) onSaved(next, which === 'dispatched' ? 'Recorded: help dispatched.' : 'Recorded: help given.');
  };
  return (
    <section className="card help-panel" aria-labelledby="case-help-title">
      <h2 id="case-help-title">Help</h2>
      {c.situation || c.helpNeeded || c.callbackNumber ? (
        <dl className="help-facts">
          {c.callbackNumber ? (
            <div>
              <dt>Callback</dt>
              <dd>
                <a href={`tel:${c.callbackNumber.replace(/[^\d+]/g, '')}`}>{c.callbackNumber}</a>
              </dd>
            </div>
          ) : null}
          {c.situation ? (
            <div>
              <dt>Where / what</dt>
              <dd>{c.situation}</dd>
            </div>
          ) : null}
          {c.helpNeeded ? (
            <div>
              <dt>Help needed</dt>
              <dd>{c.helpNeeded}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      <ul className="plain help-steps">
        <li>
          {c.helpDispatched ? (
            <p>
              Help dispatched <time dateTime={c.helpDispatched.at}>{fullDate(c.helpDispatched.at)}</time>
              {c.helpDispatched.staffName ? ` by ${c.helpDispatched.staffName}` : ''}
              {c.minutesToHelp !== null ? ` (${c.minutesToHelp} min after opening)` : ''}
            </p>
          ) : open ? (
            <button type="button" className="urgent-button" disabled={acting.busy} onClick={() => void step('dispatched')}>
              Help dispatched
            </button>
          ) : (
            <p className="muted">Help was not recorded as dispatched.</p>
          )}
        </li>
        <li>
          {c.helpGiven ? (
            <p>
              Help given <time dateTime={c.helpGiven.at}>{fullDate(c.helpGiven.at)}</time>
              {c.helpGiven.staffName ? ` by ${c.helpGiven.staffName}` : ''}
            </p>
          ) : open ? (
            <button type="button" disabled={acting.busy} onClick={() => void step('given')}>
              Help given
            </button>
          ) : null}
        </li>
      </ul>
      {acting.error ? (
        <p className="form-error" role="alert">
          {acting.error}
        </p>
      ) : null}
    </section>
  );
}
