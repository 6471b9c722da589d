/**
 * Configuration from environment variables, validated once at start-up.
 * Every problem is collected and reported together, so an operator fixes them in one pass.
 */
import path from 'node:path';

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
}

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

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({ port, host, databaseUrl, logLevel, publicBaseUrl, dbPoolSize });
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}
