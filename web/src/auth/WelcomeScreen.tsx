import { useState, type FormEvent } from 'react';
import { setCsrfToken } from '../api/client';
import { staffAdmin } from '../api/endpoints';
import type { Me } from '../api/types';
import { FormError, TextField } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';

/** The token of an invitation or reset link: /welcome#token=… (the fragment never reaches a server log). */
export const linkToken = (hash: string) => new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';

/** Opened from an invitation or reset link, signed out: choose a password, then straight in. */
export function WelcomeScreen({ onDone }: { onDone: (me: Me) => void }) {
  const [token] = useState(() => linkToken(window.location.hash));
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [local, setLocal] = useState<{ password?: string; repeat?: string }>({});
  const { busy, fields, error, run, setError } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setLocal({});
    if (password.length < 10 || password.length > 200) {
      setLocal({ password: 'needs 10 to 200 characters' });
      return setError('Please check: the password needs 10 to 200 characters.');
    }
    if (password !== repeat) {
      setLocal({ repeat: 'is not the same as the password above' });
      return setError('Please check: the two passwords differ.');
    }
    const me = await run(() => staffAdmin.acceptLink({ token, password }));
    if (me) {
      setCsrfToken(me.csrfToken);
      onDone(me);
    }
  };

  if (!token) {
    return (
      <main className="auth-screen">
        <h1>This link is incomplete</h1>
        <p>Open the whole link you were given, or ask an admin for a new one.</p>
      </main>
    );
  }

  return (
    <main className="auth-screen">
      <h1>Choose your password</h1>
      <p>Welcome to Rapport. Choose a password to sign in with; you go straight in afterwards.</p>
      <form onSubmit={submit} className="card stack" noValidate>
        <FormError error={fields.token ? `This link does not work: it may have been used already or be more than 7 days old. Ask an admin for a new one.` : error} />
        <TextField
          label="New password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={200}
          autoFocus
          hint="At least 10 characters; a few words in a row is easy to remember."
          error={local.password ?? fields.password}
        />
        <TextField label="Repeat the password" type="password" value={repeat} onChange={(e) => setRepeat(e.target.value)} autoComplete="new-password" required error={local.repeat} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save password and sign in'}
        </button>
      </form>
    </main>
  );
}
