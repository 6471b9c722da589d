/**
 * Loading one thing from the API for a page: the phase (loading, error with the API's words, loaded), a retry,
 * and a cancelled request when the page moves on, so an old answer never overwrites a newer one.
 */
import { type DependencyList, useCallback, useEffect, useState } from 'react';
import { problemMessage } from './problems.ts';

export type Load<T> =
  | { readonly phase: 'loading' }
  | { readonly phase: 'error'; readonly message: string; readonly status: number }
  | { readonly phase: 'loaded'; readonly value: T };

/** What an openapi-fetch call answers. */
export interface Answer<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/** Runs `call` whenever `deps` change (or on retry); `call` gets an AbortSignal to pass to the client. */
export function useLoad<T>(
  call: (signal: AbortSignal) => Promise<Answer<T>> | null,
  deps: DependencyList,
): [Load<T>, () => void] {
  const [state, setState] = useState<Load<T>>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    const pending = call(abort.signal);
    if (!pending) return () => abort.abort();
    setState({ phase: 'loading' });
    pending
      .then(({ data, error, response }) => {
        if (abort.signal.aborted) return;
        if (data !== undefined) setState({ phase: 'loaded', value: data });
        else setState({ phase: 'error', message: problemMessage(error, response), status: response.status });
      })
      .catch((reason: unknown) => {
        if (!abort.signal.aborted) setState({ phase: 'error', message: problemMessage(reason), status: 0 });
      });
    return () => abort.abort();
    // The caller's deps stand for what `call` reads.
  }, [...deps, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return [state, retry];
}

/** A key for a write that may be retried (Idempotency-Key): the same click never runs twice. */
export function idempotencyKey(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
