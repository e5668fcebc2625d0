import { useState, type FormEvent } from 'react';
import { setCsrfToken } from '../api/client';
import { auth } from '../api/endpoints';
import type { Me } from '../api/types';
import { FormError, TextField } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';

/** First run: create the first admin account, then go straight in. */
export function SetupScreen({ onDone }: { onDone: (me: Me) => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, fields, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const me = await run(() => auth.setup({ name: name.trim(), email: email.trim(), password }));
    if (me) {
      setCsrfToken(me.csrfToken);
      onDone(me);
    }
  };

  return (
    <main className="auth-screen">
      <h1>Welcome to Rapport</h1>
      <p>Create the first administrator account. You can add your colleagues afterwards.</p>
      <form onSubmit={submit} className="card stack" noValidate>
        <FormError error={error} />
        <TextField label="Your name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" required autoFocus error={fields.name} />
        <TextField label="Email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" required error={fields.email} />
        <TextField
          label="Password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
          required
          minLength={10}
          hint="At least 10 characters; a few words in a row is easy to remember."
          error={fields.password}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create account and start'}
        </button>
      </form>
    </main>
  );
}
