import { useState, type FormEvent } from 'react';
import { setCsrfToken } from '../api/client';
import { auth } from '../api/endpoints';
import type { Me } from '../api/types';
import { FormError, TextField } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';

export function SignInScreen({ onDone }: { onDone: (me: Me) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, fields, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const me = await run(() => auth.login({ email: email.trim(), password }));
    if (me) {
      setCsrfToken(me.csrfToken);
      onDone(me);
    }
  };

  return (
    <main className="auth-screen">
      <h1>Sign in to Rapport</h1>
      <form onSubmit={submit} className="card stack" noValidate>
        <FormError error={error} />
        <TextField label="Email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" required autoFocus error={fields.email} />
        <TextField label="Password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required error={fields.password} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
