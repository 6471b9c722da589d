/**
 * Who is signed in, and the API client that acts for them. A person signs in with a login and password (the
 * server sets an HttpOnly session cookie the page never sees) or pastes an API key, which is kept in memory
 * only: reloading the page forgets it.
 */
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type Me, type UcfleetAuth, type UcfleetClient, createUcfleetClient } from '../../sdk/src/index.ts';
import { problemMessage } from './problems.ts';
import { navigate } from './router.tsx';

export type Role = Me['role'];

export interface SignedIn {
  readonly client: UcfleetClient;
  readonly me: Me;
  readonly authKind: UcfleetAuth['kind'];
}

type SessionState =
  | { readonly phase: 'checking' }
  | { readonly phase: 'signed-out'; readonly notice?: string }
  | { readonly phase: 'unreachable'; readonly message: string }
  | ({ readonly phase: 'signed-in' } & SignedIn);

interface SessionApi {
  readonly state: SessionState;
  /** Signs in with a login and password; answers an error message, or null when signed in. */
  signInWithPassword(login: string, password: string): Promise<string | null>;
  /** Uses an API key for this tab; answers an error message, or null when accepted. */
  signInWithApiKey(key: string): Promise<string | null>;
  signOut(): Promise<void>;
  recheck(): void;
}

const SessionContext = createContext<SessionApi | null>(null);

/** The API is on the page's own origin (the server serves the console; `npm run dev` proxies it). */
const API_ORIGIN = '';

async function whoAmI(client: UcfleetClient): Promise<{ me: Me } | { status: number; message: string }> {
  try {
    const { data, error, response } = await client.GET('/v1/me');
    if (data) return { me: data };
    return { status: response.status, message: problemMessage(error, response) };
  } catch {
    return { status: 0, message: 'The Ucfleet server does not answer. Check that it is running and reachable.' };
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ phase: 'checking' });
  const [checks, setChecks] = useState(0);

  /** Signed in: from now on, a 401 from any call means the session or key has ended, so sign-in is shown again. */
  const signedIn = useCallback((client: UcfleetClient, me: Me, authKind: UcfleetAuth['kind']) => {
    client.use({
      onResponse({ response }) {
        if (response.status === 401) {
          setState((now) =>
            now.phase === 'signed-in' && now.client === client
              ? { phase: 'signed-out', notice: 'Your session has ended. Sign in again to continue.' }
              : now,
          );
        }
        return response;
      },
    });
    setState({ phase: 'signed-in', client, me, authKind });
  }, []);

  // On load, a still-valid session cookie signs the person straight in.
  useEffect(() => {
    let current = true;
    const client = createUcfleetClient(API_ORIGIN, { kind: 'session' });
    void whoAmI(client).then((answer) => {
      if (!current) return;
      if ('me' in answer) signedIn(client, answer.me, 'session');
      else if (answer.status === 401) setState({ phase: 'signed-out' });
      else setState({ phase: 'unreachable', message: answer.message });
    });
    return () => {
      current = false;
    };
  }, [checks, signedIn]);

  const signInWithPassword = useCallback(
    async (login: string, password: string) => {
      const client = createUcfleetClient(API_ORIGIN, { kind: 'session' });
      try {
        const { error, response } = await client.POST('/v1/sessions', { body: { login, password } });
        if (error) return problemMessage(error, response);
      } catch {
        return 'The Ucfleet server does not answer. Check that it is running and reachable.';
      }
      const answer = await whoAmI(client);
      if (!('me' in answer)) return answer.message;
      signedIn(client, answer.me, 'session');
      return null;
    },
    [signedIn],
  );

  const signInWithApiKey = useCallback(
    async (key: string) => {
      const client = createUcfleetClient(API_ORIGIN, { kind: 'apiKey', key });
      const answer = await whoAmI(client);
      if (!('me' in answer)) return answer.status === 401 ? 'The server did not accept this API key.' : answer.message;
      signedIn(client, answer.me, 'apiKey');
      return null;
    },
    [signedIn],
  );

  const signOut = useCallback(async () => {
    if (state.phase === 'signed-in' && state.authKind === 'session') {
      // Signed out locally even if the server cannot be reached; the cookie then expires on its own.
      await state.client.DELETE('/v1/sessions/current').catch(() => undefined);
    }
    setState({ phase: 'signed-out', notice: 'You are signed out.' });
    // A deliberate sign-out starts afresh; an expired session instead keeps the page asked for (App.tsx).
    navigate('/sign-in');
  }, [state]);

  const recheck = useCallback(() => {
    setState({ phase: 'checking' });
    setChecks((n) => n + 1);
  }, []);

  const api = useMemo(
    () => ({ state, signInWithPassword, signInWithApiKey, signOut, recheck }),
    [state, signInWithPassword, signInWithApiKey, signOut, recheck],
  );
  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const api = useContext(SessionContext);
  if (!api) throw new Error('useSession needs a SessionProvider');
  return api;
}

/** The signed-in person's client and identity; only for pages shown after sign-in. */
export function useSignedIn(): SignedIn {
  const { state } = useSession();
  if (state.phase !== 'signed-in') throw new Error('useSignedIn is only for pages behind sign-in');
  return state;
}

/** Whether the role may change devices (read-only administrators only look). */
export function canChangeDevices(role: Role): boolean {
  return role !== 'readonly_admin';
}
