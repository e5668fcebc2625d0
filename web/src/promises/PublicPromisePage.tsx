import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { promises } from '../api/endpoints';
import type { PublicPromise } from '../api/types';

/** The token of a customer's promise link: /your-promise#token=… (the fragment never reaches a server log). */
export const promiseToken = (hash: string) => new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';

type State = { status: 'loading' } | { status: 'shown'; promise: PublicPromise } | { status: 'unknown' } | { status: 'offline' };

function expectedWords(p: PublicPromise): string {
  switch (p.status) {
    case 'open':
      return `We now expect it by ${p.expected}.`;
    case 'kept':
      return `Done: kept on ${p.expected}.`;
    case 'broken':
      return 'We could not keep this promise, and we are sorry. Please contact us.';
    case 'cancelled':
      return 'This promise was cancelled.';
  }
}

/**
 * The customer's own page of a promise, opened from the link staff sent them, without signing in:
 * what was promised, the date now expected, each change with its reason, and who to contact.
 */
export function PublicPromisePage() {
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    document.title = 'Your promise';
    const token = promiseToken(window.location.hash);
    if (!token) return setState({ status: 'unknown' });
    let live = true;
    promises.open(token).then(
      (promise) => live && setState({ status: 'shown', promise }),
      (error: unknown) => live && setState({ status: error instanceof ApiError && error.status < 500 ? 'unknown' : 'offline' }),
    );
    return () => {
      live = false;
    };
  }, []);

  if (state.status === 'loading') return <p className="loading" role="status">Loading your promise…</p>;
  if (state.status !== 'shown') {
    return (
      <main className="public-promise">
        <h1>{state.status === 'offline' ? 'This page cannot be reached right now' : 'This link does not work'}</h1>
        <p>
          {state.status === 'offline'
            ? 'Please try again in a little while.'
            : 'It may have expired or been withdrawn, or only part of it was copied. Contact us and we will send you a new one.'}
        </p>
      </main>
    );
  }

  const p = state.promise;
  const { firstName, location } = p.contact;
  return (
    <main className="public-promise" aria-labelledby="promise-what">
      <p className="public-promise-from">{location ? `From ${location}` : 'Your promise'}</p>
      <h1 id="promise-what">We promised you {p.what}</h1>
      <section aria-labelledby="promise-expected">
        <h2 id="promise-expected">When</h2>
        <p className="public-promise-date">{expectedWords(p)}</p>
        {p.changes.length ? <p>We first promised it for {p.firstPromised}.</p> : null}
      </section>
      {p.changes.length ? (
        <section aria-labelledby="promise-changes">
          <h2 id="promise-changes">What changed, and why</h2>
          <ol className="public-promise-changes">
            {p.changes.map((c) => (
              <li key={`${c.on}-${c.to}-${c.reason}`}>{c.sentence}</li>
            ))}
          </ol>
        </section>
      ) : null}
      <section aria-labelledby="promise-contact">
        <h2 id="promise-contact">Who to contact</h2>
        <p>
          {firstName ? `Ask for ${firstName}` : 'Contact us'}
          {location ? ` at ${location}` : ''}.
        </p>
      </section>
    </main>
  );
}
