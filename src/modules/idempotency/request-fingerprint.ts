/**
 * What makes two requests "the same" for an Idempotency-Key: the caller (credential), the method, the route
 * pattern, its path and query parameters and the body, all after validation, in canonical JSON (object members
 * sorted, so member order and whitespace do not matter), hashed with SHA-256.
 */
import { createHash } from 'node:crypto';

export interface FingerprintedRequest {
  /** The credential that calls, e.g. `api_key:<id>`: an answer is replayed only to the caller that caused it. */
  readonly caller: string;
  readonly method: string;
  /** The route as registered, e.g. `/v1/apps`. */
  readonly route: string;
  readonly params: unknown;
  readonly query: unknown;
  readonly body: unknown;
}

export function requestFingerprint(request: FingerprintedRequest): string {
  const { caller, method, route, params, query, body } = request;
  return createHash('sha256')
    .update(canonicalJson([caller, method.toUpperCase(), route, params ?? null, query ?? null, body ?? null]))
    .digest('hex');
}

/** JSON with object members sorted by name at every depth; undefined members are left out. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) => {
    if (member === null || typeof member !== 'object' || Array.isArray(member)) return member;
    const members = member as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(members)
        .sort()
        .map((name) => [name, members[name]]),
    );
  });
}
