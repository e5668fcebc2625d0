import { useEffect, useState } from 'react';
import { ApiError, onSignedOut, setCsrfToken } from './api/client';
import { auth } from './api/endpoints';
import type { Me } from './api/types';
import { SessionContext } from './auth/session';
import { SetupScreen } from './auth/SetupScreen';
import { SignInScreen } from './auth/SignInScreen';
import { WelcomeScreen } from './auth/WelcomeScreen';
import { PublicPromisePage } from './promises/PublicPromisePage';
import { forgetRecent } from './lookup/recent';
import { navigate, useLocation } from './router';
import { Shell } from './Shell';
import { IncomingCalls } from './phone/IncomingCalls';

type State = { status: 'loading' } | { status: 'setup' } | { status: 'signed-out' } | { status: 'signed-in'; me: Me } | { status: 'offline' };

/** Decides between first-run set-up, sign-in and the app, and keeps the CSRF token. */
export function App() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const location = useLocation();

  useEffect(() => {
    onSignedOut(() => {
      setCsrfToken(null);
      setState({ status: 'signed-out' });
    });
    let live = true;
    (async () => {
      try {
        if (await auth.setupNeeded()) return live && setState({ status: 'setup' });
        const me = await auth.me();
        setCsrfToken(me.csrfToken);
        if (!live) return;
        setState({ status: 'signed-in', me });
        if (['/sign-in', '/setup'].includes(window.location.pathname)) navigate('/', { replace: true });
      } catch (error) {
        if (live) setState({ status: error instanceof ApiError && error.status === 401 ? 'signed-out' : 'offline' });
      }
    })();
    return () => {
      live = false;
    };
  }, []);

  const signedIn = (me: Me) => {
    setState({ status: 'signed-in', me });
    if (location.pathname === '/sign-in' || location.pathname === '/setup') navigate(location.searchParams.get('next') ?? '/', { replace: true });
  };

  const signOut = async () => {
    try {
      await auth.logout();
    } finally {
      // A shared counter computer: the next person starts without this one's recent customers.
      forgetRecent();
      setCsrfToken(null);
      setState({ status: 'signed-out' });
      navigate('/', { replace: true });
    }
  };

  // A customer's own page of a promise: no sign-in, and nothing of whoever is signed in on this browser.
  if (location.pathname === '/your-promise') return <PublicPromisePage />;

  // An invitation or reset link works signed out (and replaces whoever was signed in on this browser).
  if (location.pathname === '/welcome' && state.status !== 'loading' && state.status !== 'offline') {
    return (
      <WelcomeScreen
        onDone={(me) => {
          setState({ status: 'signed-in', me });
          navigate('/', { replace: true });
        }}
      />
    );
  }

  switch (state.status) {
    case 'loading':
      return <p className="loading" role="status">Loading Rapport…</p>;
    case 'offline':
      return (
        <main className="auth-screen">
          <h1>Rapport cannot be reached</h1>
          <p>The server did not answer. Check the connection, then reload the page.</p>
        </main>
      );
    case 'setup':
      return <SetupScreen onDone={signedIn} />;
    case 'signed-out':
      return <SignInScreen onDone={signedIn} />;
    case 'signed-in':
      return (
        <SessionContext.Provider value={{ me: state.me, signOut: () => void signOut() }}>
          <Shell />
          <IncomingCalls />
        </SessionContext.Provider>
      );
  }
}
