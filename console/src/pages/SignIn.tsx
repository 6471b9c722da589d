/**
 * Sign-in: a login and password (the server answers with an HttpOnly session cookie), or an API key pasted
 * for this tab only (kept in memory, gone on reload, never stored by the browser).
 */
import { type FormEvent, useId, useState } from 'react';
import { usePageTitle } from '../page-title.ts';
import { useSession } from '../session.tsx';

type Method = 'password' | 'apiKey';

export function SignInPage({ notice }: { notice?: string }) {
  const { signInWithPassword, signInWithApiKey } = useSession();
  usePageTitle('Sign in');
  const id = useId();
  const [method, setMethod] = useState<Method>('password');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '');
    setBusy(true);
    setFailure(null);
    const problem =
      method === 'password'
        ? await signInWithPassword(value('login').trim(), value('password'))
        : await signInWithApiKey(value('apiKey').trim());
    setBusy(false);
    setFailure(problem);
  };

  return (
    <main className="sign-in" id="main">
      <form onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} aria-busy={busy}>
        <h1 id={`${id}-title`}>Sign in to Ucfleet</h1>
        {notice && !failure && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <fieldset className="method">
          <legend>Sign in with</legend>
          <label className="check">
            <input type="radio" name="method" checked={method === 'password'} onChange={() => setMethod('password')} />
            Login and password
          </label>
          <label className="check">
            <input type="radio" name="method" checked={method === 'apiKey'} onChange={() => setMethod('apiKey')} />
            API key
          </label>
        </fieldset>
        {method === 'password' ? (
          <>
            <div className="field">
              <label htmlFor={`${id}-login`}>Login</label>
              <input id={`${id}-login`} name="login" autoComplete="username" required maxLength={256} autoFocus />
            </div>
            <div className="field">
              <label htmlFor={`${id}-password`}>Password</label>
              <input
                id={`${id}-password`}
                name="password"
                type="password"
                autoComplete="current-password"
                required
                maxLength={1024}
              />
            </div>
          </>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-key`}>API key</label>
            <input
              id={`${id}-key`}
              name="apiKey"
              type="password"
              autoComplete="off"
              spellCheck={false}
              required
              maxLength={512}
              aria-describedby={`${id}-key-hint`}
              autoFocus
            />
            <small id={`${id}-key-hint`}>Kept in this tab's memory only: reloading the page signs you out.</small>
          </div>
        )}
        {failure && (
          <p className="inline-error" role="alert">
            {failure}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
