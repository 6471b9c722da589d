/**
 * Configuration from environment variables, validated once at start-up.
 * Every problem is collected and reported together, so an operator fixes them in one pass.
 */
import path from 'node:path';
import { RATE_GROUPS, type RateGroup } from './http/policy.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface Config {
  readonly port: number;
  readonly host: string;
  /** `postgres://…` for PostgreSQL; anything else is a SQLite file path (or `:memory:`). */
  readonly databaseUrl: string;
  readonly logLevel: LogLevel;
  /** The externally visible base URL, used where a response must carry absolute URIs. */
  readonly publicBaseUrl: string | undefined;
  readonly dbPoolSize: number;
  /** Browser origins allowed to call the API cross-origin; empty (the default) means CORS stays closed. */
  readonly corsOrigins: readonly string[];
  readonly bodyLimitBytes: number;
  /** The body limit of POST /v1/imports (IMPORT_MAX_BYTES, default 50 MiB). */
  readonly importMaxBytes: number;
  /** A request (slow clients included) that takes longer is answered 408 and its socket closed. */
  readonly requestTimeoutMs: number;
  /** Audit events older than this many days are purged (hourly by the server); 0 keeps them forever. */
  readonly auditRetentionDays: number;
  /** `redis://…`: rate-limit counters shared by every node; unset: counters in this process's memory. */
  readonly redisUrl: string | undefined;
  readonly rateLimits: RateLimitConfig;
  /** Lifetime of an OAuth access token (`expires_in`). */
  readonly oauthTokenTtlSeconds: number;
  /** A signing key older than this is replaced when the next access token is issued. */
  readonly signingKeyRotationDays: number;
  /** Lifetime of a console sign-in session (the `ucfleet_session` cookie). */
  readonly sessionTtlHours: number;
  /** How long an Idempotency-Key of a POST is remembered (and its answer replayed). */
  readonly idempotencyTtlHours: number;
  /** GENESYS_CSRF=off turns the Genesys dialect's CSRF protocol (and its JSESSIONID sessions) off. */
  readonly genesysCsrf: boolean;
  /** A device an agent reports on goes Offline after this many seconds without a report (default 900). */
  readonly telemetryOfflineAfterSeconds: number;
}

/** A budget: so many requests per window of so many seconds. */
export interface RateBudget {
  readonly points: number;
  readonly seconds: number;
}

export interface RateLimitConfig {
  /** RATE_LIMITS=off disables every limit (benchmarks, trusted single-tenant set-ups). */
  readonly enabled: boolean;
  /** Each group's budget per credential (and per client IP for callers without a credential). */
  readonly budgets: Readonly<Record<RateGroup, RateBudget>>;
  /** A tenant's budget in a group is the group's budget times this factor. */
  readonly tenantFactor: number;
  /** Prefix of the counters' keys in Redis, so deployments (or test runs) sharing a Redis stay apart. */
  readonly keyPrefix: string;
}

/** Budgets per credential when the environment names none: a device inventory is read far more than written. */
export const DEFAULT_RATE_BUDGETS: Readonly<Record<RateGroup, string>> = {
  light: '1200/60',
  medium: '300/60',
  heavy: '60/60',
  auth: '20/60',
};

export const DEFAULT_DATABASE_PATH = path.join('data', 'ucfleet.db');

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };

  const port = integer('PORT', 8080, 0, 65535);
  const dbPoolSize = integer('DB_POOL_SIZE', 10, 1, 1000);
  const bodyLimitBytes = integer('BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600);
  const importMaxBytes = integer('IMPORT_MAX_BYTES', 52_428_800, 1024, 1_073_741_824);
  const requestTimeoutMs = integer('REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000);
  const auditRetentionDays = integer('AUDIT_RETENTION_DAYS', 365, 0, 36_500);
  const oauthTokenTtlSeconds = integer('OAUTH_TOKEN_TTL_SECONDS', 900, 60, 86_400);
  const signingKeyRotationDays = integer('SIGNING_KEY_ROTATION_DAYS', 30, 1, 365);
  const sessionTtlHours = integer('SESSION_TTL_HOURS', 12, 1, 720);
  const idempotencyTtlHours = integer('IDEMPOTENCY_TTL_HOURS', 24, 1, 720);
  const telemetryOfflineAfterSeconds = integer('TELEMETRY_OFFLINE_AFTER_SECONDS', 900, 30, 2_592_000);
  const host = env.HOST?.trim() || '127.0.0.1';

  const logLevelRaw = (env.LOG_LEVEL?.trim() || 'info').toLowerCase();
  let logLevel: LogLevel = 'info';
  if ((LOG_LEVELS as readonly string[]).includes(logLevelRaw)) logLevel = logLevelRaw as LogLevel;
  else problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}")`);

  const databaseUrl = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_PATH;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(databaseUrl) && !/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    problems.push(
      `DATABASE_URL must be a postgres:// URL or a SQLite file path (got a "${databaseUrl.split(':')[0]}:" URL)`,
    );
  }

  let publicBaseUrl: string | undefined;
  const baseRaw = env.PUBLIC_BASE_URL?.trim();
  if (baseRaw) {
    try {
      const url = new URL(baseRaw);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
      publicBaseUrl = url.toString().replace(/\/$/, '');
    } catch {
      problems.push(`PUBLIC_BASE_URL must be an absolute http(s) URL (got "${baseRaw}")`);
    }
  }

  const corsOrigins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      problems.push(`CORS_ORIGINS must list origins like https://console.example.com (got "${origin}")`);
    }
  }

  let redisUrl: string | undefined;
  const redisRaw = env.REDIS_URL?.trim();
  if (redisRaw) {
    if (/^rediss?:\/\/\S+$/i.test(redisRaw)) redisUrl = redisRaw;
    else problems.push(`REDIS_URL must be a redis:// or rediss:// URL (got a "${redisRaw.split(':')[0]}:" value)`);
  }
  const rateLimits = rateLimitConfig(env, problems, integer);
  const csrfRaw = (env.GENESYS_CSRF?.trim() || 'on').toLowerCase();
  if (csrfRaw !== 'on' && csrfRaw !== 'off')
    problems.push(`GENESYS_CSRF must be on or off (got "${env.GENESYS_CSRF}")`);
  const genesysCsrf = csrfRaw !== 'off';

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    port,
    host,
    databaseUrl,
    logLevel,
    publicBaseUrl,
    dbPoolSize,
    corsOrigins,
    bodyLimitBytes,
    importMaxBytes,
    requestTimeoutMs,
    auditRetentionDays,
    redisUrl,
    rateLimits,
    oauthTokenTtlSeconds,
    signingKeyRotationDays,
    sessionTtlHours,
    idempotencyTtlHours,
    genesysCsrf,
    telemetryOfflineAfterSeconds,
  });
}

function rateLimitConfig(
  env: Env,
  problems: string[],
  integer: (name: string, fallback: number, min: number, max: number) => number,
): RateLimitConfig {
  const switchRaw = (env.RATE_LIMITS?.trim() || 'on').toLowerCase();
  if (switchRaw !== 'on' && switchRaw !== 'off') {
    problems.push(`RATE_LIMITS must be on or off (got "${env.RATE_LIMITS}")`);
  }
  const budgetOf = (group: RateGroup): RateBudget => {
    const name = `RATE_LIMIT_${group.toUpperCase()}`;
    const raw = env[name]?.trim() || DEFAULT_RATE_BUDGETS[group];
    const budget = parseBudget(raw);
    if (budget) return budget;
    problems.push(`${name} must be <requests>/<seconds> with 1 to 86400 seconds, e.g. 300/60 (got "${raw}")`);
    return parseBudget(DEFAULT_RATE_BUDGETS[group])!;
  };
  const budgets = Object.fromEntries(RATE_GROUPS.map((group) => [group, budgetOf(group)])) as Record<
    RateGroup,
    RateBudget
  >;
  const tenantFactor = integer('RATE_LIMIT_TENANT_FACTOR', 5, 1, 1000);
  const keyPrefix = env.RATE_LIMIT_KEY_PREFIX?.trim() || 'ucfleet:rl';
  return Object.freeze({ enabled: switchRaw !== 'off', budgets: Object.freeze(budgets), tenantFactor, keyPrefix });
}

/** `<requests>/<seconds>`, e.g. `300/60`; undefined when malformed or out of range. */
function parseBudget(text: string): RateBudget | undefined {
  const match = /^(\d{1,9})\s*\/\s*(\d{1,5})$/.exec(text);
  if (!match) return undefined;
  const points = Number(match[1]);
  const seconds = Number(match[2]);
  if (points < 1 || seconds < 1 || seconds > 86_400) return undefined;
  return Object.freeze({ points, seconds });
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}
