/**
 * Client authentication at the token endpoint (RFC 6749 §2.3.1): HTTP Basic (client_secret_basic, the
 * client_id and secret form-urlencoded before base64) or client_id/client_secret in the body
 * (client_secret_post). Exactly one method: both at once is invalid_request, neither is invalid_client.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface PostedCredentials {
  readonly client_id?: string;
  readonly client_secret?: string;
}

export function clientCredentialsOf(request: FastifyRequest, body: PostedCredentials): ClientCredentials {
  const basic = basicCredentials(request.headers.authorization);
  const posted = body.client_id !== undefined || body.client_secret !== undefined;
  if (basic && posted) {
    throw new AppError(
      'invalid_request',
      'Use one client authentication method: HTTP Basic or client_id and client_secret in the body, not both.',
    );
  }
  if (basic) return basic;
  if (body.client_id && body.client_secret) return { clientId: body.client_id, clientSecret: body.client_secret };
  throw new AppError('invalid_client', 'Client authentication is required (HTTP Basic or client_secret_post).');
}

/** undefined when no Authorization header is sent; invalid_client when it is not well-formed Basic. */
function basicCredentials(header: string | undefined): ClientCredentials | undefined {
  if (header === undefined) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header);
  const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const clientId = colon > 0 ? formDecode(decoded.slice(0, colon)) : undefined;
  const clientSecret = colon > 0 ? formDecode(decoded.slice(colon + 1)) : undefined;
  if (!clientId || !clientSecret) {
    throw new AppError('invalid_client', 'The Authorization header must be HTTP Basic with client_id:client_secret.');
  }
  return { clientId, clientSecret };
}

/** application/x-www-form-urlencoded decoding; undefined when the escapes are malformed. */
function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
