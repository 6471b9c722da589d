/**
 * Error answers of the OAuth surface in the RFC 6749 §5.2 shape, `{error, error_description}`, never
 * problem+json: OAuth client libraries read `error`. Catalogue errors that are not OAuth codes are mapped
 * onto the nearest one (a malformed body is `invalid_request`); a 401 carries the Basic challenge.
 */
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppError, ErrorCode } from '../errors.js';

export const OAuthErrorBody = Type.Object(
  { error: Type.String(), error_description: Type.String() },
  { additionalProperties: false, description: 'RFC 6749 §5.2 error response.' },
);

const OAUTH_CODES: readonly ErrorCode[] = [
  'invalid_request',
  'invalid_client',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
];

/** The RFC 6749 error code for a catalogue error. */
export function oauthErrorCode(error: AppError): string {
  if (OAUTH_CODES.includes(error.code)) return error.code;
  if (error.status === 429 || error.status === 503) return 'temporarily_unavailable';
  if (error.status >= 500) return 'server_error';
  return 'invalid_request';
}

export function sendOAuthError(reply: FastifyReply, error: AppError): FastifyReply {
  if (error.status === 401) reply.header('www-authenticate', 'Basic realm="ucfleet"');
  const description = error.status >= 500 && error.status !== 503 ? 'The server could not answer.' : error.detail;
  return reply
    .code(error.status)
    .header('cache-control', 'no-store')
    .header('pragma', 'no-cache')
    .type('application/json; charset=utf-8')
    .send({ error: oauthErrorCode(error), error_description: description });
}
