/** The login form: POST /API/login sets the session cookie; the app then shows the page asked for. */
import { useState, type ReactNode } from 'react';
import { ApiFailure } from '../api/client';
import { useAppState } from '../state/app-state';

export function LoginPage(): ReactNode {
  const { login } = useAppState();
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  return (
    <main className="login">
      <form onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        login(user, password)
          .then(() => { setError(undefined); })
          .catch((err: unknown) => { setError(err instanceof ApiFailure && err.status === 401 ? 'wrong user name or password' : err instanceof Error ? err.message : String(err)); })
          .finally(() => { setBusy(false); });
      }}>
        <h1>wiremeter</h1>
        <label>User <input name="user" autoComplete="username" value={user} onChange={(e) => { setUser(e.target.value); }} required /></label>
        <label>Password <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => { setPassword(e.target.value); }} required /></label>
        {error !== undefined ? <p className="error" role="alert">{error}</p> : null}
        <button type="submit" className="primary" disabled={busy}>Log in</button>
      </form>
    </main>
  );
}
