/**
 * The keys that sign access tokens (ES256). The newest unretired key signs; a key older than the rotation
 * period is replaced lazily when the next token is issued (or at once by `ucfleet signing-keys rotate`).
 * A replaced key is retired: it signs no more, but still verifies until every token it signed has expired
 * (token TTL + 5 minutes), after which it is neither published nor accepted.
 * Verification keys are held in memory: reloaded every minute, or when an unknown kid appears (at most
 * once every few seconds, so a stream of forged kids cannot hammer the database).
 */
import { type CryptoKey, type JWK, exportJWK, generateKeyPair, importJWK } from 'jose';
import { newId } from '../../db/ids.js';
import type { SigningKeyRepository, SigningKeyRow } from './signing-key.repository.js';

export const SIGNING_ALGORITHM = 'ES256';

export interface SigningKeyOptions {
  readonly rotationDays: number;
  readonly tokenTtlSeconds: number;
}

/** A published verification key: the public half only. */
export interface PublicJwk {
  readonly kty: string;
  readonly crv: string;
  readonly x: string;
  readonly y: string;
  readonly kid: string;
  readonly alg: string;
  readonly use: string;
}

interface RingKey {
  readonly jwk: PublicJwk;
  readonly key: CryptoKey;
  readonly expiresAt: number | null;
}

interface KeyRing {
  readonly loadedAt: number;
  readonly keys: ReadonlyMap<string, RingKey>;
}

const DAY_MS = 86_400_000;
const RETIRED_GRACE_MS = 5 * 60_000;
const RING_MAX_AGE_MS = 60_000;
const UNKNOWN_KID_RELOAD_MS = 5_000;

export class SigningKeyService {
  private ring: KeyRing | undefined;
  private loading: Promise<KeyRing> | undefined;
  private rotating: Promise<SigningKeyRow> | undefined;
  /** Bumped by a rotation, so that a load begun before it does not install a ring without the new key. */
  private generation = 0;
  private readonly privateKeys = new Map<string, CryptoKey>();

  constructor(
    private readonly keys: SigningKeyRepository,
    private readonly options: SigningKeyOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** The key to sign with now, rotating first when there is none or the newest is past the rotation period. */
  async signingKey(): Promise<{ kid: string; key: CryptoKey }> {
    let row = await this.keys.newestActive();
    if (!row || row.created_at + this.options.rotationDays * DAY_MS <= this.now()) row = await this.rotate();
    let key = this.privateKeys.get(row.id);
    if (!key) {
      key = (await importJWK(JSON.parse(row.private_jwk) as JWK, SIGNING_ALGORITHM)) as CryptoKey;
      this.privateKeys.set(row.id, key);
    }
    return { kid: row.id, key };
  }

  /** Makes a new signing key and retires the older ones. Concurrent calls on this node share one rotation. */
  rotate(): Promise<SigningKeyRow> {
    this.rotating ??= this.insertNewKey().finally(() => {
      this.rotating = undefined;
    });
    return this.rotating;
  }

  /** The public keys that verify tokens now (JWKS `keys`), newest first. */
  async publishedKeys(): Promise<PublicJwk[]> {
    const ring = await this.currentRing();
    const at = this.now();
    return [...ring.keys.values()].filter((k) => isUnexpired(k, at)).map((k) => k.jwk);
  }

  /** The verification key for a token's kid, or undefined when no unexpired key has that id. */
  async verificationKey(kid: string): Promise<CryptoKey | undefined> {
    let ring = await this.currentRing();
    if (!ring.keys.has(kid) && this.now() - ring.loadedAt >= UNKNOWN_KID_RELOAD_MS) ring = await this.reload();
    const found = ring.keys.get(kid);
    return found && isUnexpired(found, this.now()) ? found.key : undefined;
  }

  private async insertNewKey(): Promise<SigningKeyRow> {
    const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
    const id = newId();
    const at = this.now();
    const row: SigningKeyRow = {
      id,
      algorithm: SIGNING_ALGORITHM,
      public_jwk: JSON.stringify({ ...(await exportJWK(publicKey)), kid: id, alg: SIGNING_ALGORITHM, use: 'sig' }),
      private_jwk: JSON.stringify({ ...(await exportJWK(privateKey)), kid: id, alg: SIGNING_ALGORITHM }),
      created_at: at,
      retired_at: null,
      expires_at: null,
    };
    await this.keys.insertAndRetireOthers(row, at + this.options.tokenTtlSeconds * 1000 + RETIRED_GRACE_MS);
    this.generation += 1;
    this.ring = undefined;
    this.loading = undefined;
    return row;
  }

  private currentRing(): Promise<KeyRing> {
    if (this.ring && this.now() - this.ring.loadedAt < RING_MAX_AGE_MS) return Promise.resolve(this.ring);
    return this.reload();
  }

  private reload(): Promise<KeyRing> {
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<KeyRing> {
    const generation = this.generation;
    const loadedAt = this.now();
    const rows = await this.keys.listUnexpired(loadedAt);
    const keys = new Map<string, RingKey>();
    for (const row of rows) {
      if (row.algorithm !== SIGNING_ALGORITHM) continue;
      const jwk = publicMembers(JSON.parse(row.public_jwk) as JWK, row.id);
      keys.set(row.id, {
        jwk,
        key: (await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, SIGNING_ALGORITHM)) as CryptoKey,
        expiresAt: row.expires_at,
      });
    }
    const ring = { loadedAt, keys };
    if (generation === this.generation) this.ring = ring;
    return ring;
  }
}

function isUnexpired(key: RingKey, at: number): boolean {
  return key.expiresAt === null || key.expiresAt > at;
}

/** Only the public members of an EC key, whatever was stored: never `d`. */
function publicMembers(jwk: JWK, kid: string): PublicJwk {
  return {
    kty: String(jwk.kty),
    crv: String(jwk.crv),
    x: String(jwk.x),
    y: String(jwk.y),
    kid,
    alg: SIGNING_ALGORITHM,
    use: 'sig',
  };
}
