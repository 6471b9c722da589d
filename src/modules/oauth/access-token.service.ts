/**
 * Signed access tokens for OAuth clients (RFC 9068-style JWTs, `typ: at+jwt`, ES256). A token carries the
 * tenant (tid), client row (cid), person (pid, when the client acts as one), role and scopes. Verification
 * accepts ES256 only (so `alg: none` and HMAC-with-the-public-key tricks fail), checks issuer, audience and
 * expiry (30 s clock tolerance), then asks whether the client still exists and is not revoked; the effective
 * scopes are the token's scopes within what the client may still do.
 */
import { randomUUID } from 'node:crypto';
import { type JWTPayload, SignJWT, errors, jwtVerify } from 'jose';
import { AppError } from '../../errors.js';
import type { OAuthClientRow } from './oauth-client.repository.js';
import type { OAuthClientService } from './oauth-client.service.js';
import type { Principal } from '../access/principal.js';
import { effectiveScopes, isRole } from '../access/roles.js';
import { SIGNING_ALGORITHM, type SigningKeyService } from './signing-key.service.js';

export const TOKEN_AUDIENCE = 'ucfleet';
/** The issuer when no PUBLIC_BASE_URL is configured. */
export const DEFAULT_ISSUER = 'urn:ucfleet';
const TOKEN_TYPE = 'at+jwt';
const CLOCK_TOLERANCE_SECONDS = 30;

export interface AccessTokenOptions {
  readonly issuer: string;
  readonly ttlSeconds: number;
}

/** RFC 6749 §5.1 names. */
export interface IssuedAccessToken {
  readonly access_token: string;
  readonly expires_in: number;
  readonly scope: string;
}

interface AccessTokenClaims extends JWTPayload {
  tid?: unknown;
  cid?: unknown;
  scope?: unknown;
}

export class AccessTokenService {
  constructor(
    private readonly keys: SigningKeyService,
    private readonly clients: OAuthClientService,
    readonly options: AccessTokenOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * A token for an authenticated client, with every scope it is granted or, when `requestedScopes` is given,
   * exactly those (each must be granted, else invalid_scope).
   */
  async issue(client: OAuthClientRow, requestedScopes?: readonly string[]): Promise<IssuedAccessToken> {
    if (!isRole(client.role)) {
      throw new AppError('unauthorized_client', 'The client may not obtain tokens: its role is no longer known.');
    }
    const allowed = effectiveScopes(client.role, JSON.parse(client.scopes) as string[]);
    let scopes = allowed;
    if (requestedScopes !== undefined) {
      const refused = requestedScopes.filter((s) => !(allowed as readonly string[]).includes(s));
      if (refused.length > 0) {
        throw new AppError(
          'invalid_scope',
          `The client is not granted ${refused.map((s) => `'${s.slice(0, 64)}'`).join(', ')}.`,
        );
      }
      scopes = allowed.filter((s) => requestedScopes.includes(s));
    }
    const scope = scopes.join(' ');
    const { kid, key } = await this.keys.signingKey();
    const issuedAt = Math.floor(this.now() / 1000);
    const accessToken = await new SignJWT({
      tid: client.tenant_id,
      cid: client.id,
      ...(client.person_id === null ? {} : { pid: client.person_id }),
      role: client.role,
      scope,
    })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: TOKEN_TYPE })
      .setIssuer(this.options.issuer)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(client.client_id)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.options.ttlSeconds)
      .setJti(randomUUID())
      .sign(key);
    return { access_token: accessToken, expires_in: this.options.ttlSeconds, scope };
  }

  /** The principal of a valid token; null for anything forged, expired, foreign or of a revoked client. */
  readonly verify = async (token: string): Promise<Principal | null> => {
    let claims: AccessTokenClaims;
    try {
      const verified = await jwtVerify<AccessTokenClaims>(
        token,
        async (header) => {
          const key = typeof header.kid === 'string' ? await this.keys.verificationKey(header.kid) : undefined;
          if (!key) throw new errors.JWKSNoMatchingKey();
          return key;
        },
        {
          algorithms: [SIGNING_ALGORITHM],
          issuer: this.options.issuer,
          audience: TOKEN_AUDIENCE,
          typ: TOKEN_TYPE,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          currentDate: new Date(this.now()),
          requiredClaims: ['iat', 'exp', 'sub', 'jti'],
        },
      );
      claims = verified.payload;
    } catch (error) {
      // Anything wrong with the token itself is "not valid"; a database failure is not, and propagates.
      if (error instanceof errors.JOSEError) return null;
      throw error;
    }
    const { tid, cid, scope, sub } = claims;
    if (typeof tid !== 'string' || typeof cid !== 'string' || typeof scope !== 'string') return null;
    const client = await this.clients.usableClient(tid, cid);
    if (!client || client.client_id !== sub || !isRole(client.role)) return null;
    const granted = scope.split(' ');
    return {
      tenantId: client.tenant_id,
      credentialKind: 'oauth_client',
      credentialId: client.id,
      personId: client.person_id,
      role: client.role,
      scopes: effectiveScopes(client.role, JSON.parse(client.scopes) as string[]).filter((s) => granted.includes(s)),
    };
  };
}
