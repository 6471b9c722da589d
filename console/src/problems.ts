/** Turns what the API answered into a sentence for the person at the screen. */
import { isProblem } from '../../sdk/src/index.ts';

export function problemMessage(error: unknown, response?: Response): string {
  const status = response?.status ?? 0;
  if (status === 429) {
    const wait = Number(response?.headers.get('retry-after'));
    return Number.isFinite(wait) && wait > 0
      ? `Too many requests. Try again in ${wait} second${wait === 1 ? '' : 's'}.`
      : 'Too many requests. Try again in a moment.';
  }
  if (isProblem(error)) {
    if (error.code === 'invalid_credentials') return 'That login and password do not match.';
    return error.detail || error.title;
  }
  if (status >= 500) return `The server failed (${status}). Try again; if it persists, tell your administrator.`;
  return status ? `The server answered ${status}.` : 'The server does not answer.';
}
