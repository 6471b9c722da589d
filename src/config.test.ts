import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_DATABASE_PATH, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: DEFAULT_DATABASE_PATH,
      logLevel: 'info',
      publicBaseUrl: undefined,
      dbPoolSize: 10,
      corsOrigins: [],
      bodyLimitBytes: 1_048_576,
      importMaxBytes: 52_428_800,
      requestTimeoutMs: 30_000,
      auditRetentionDays: 365,
      redisUrl: undefined,
      rateLimits: {
        enabled: true,
        budgets: {
          light: { points: 1200, seconds: 60 },
          medium: { points: 300, seconds: 60 },
          heavy: { points: 60, seconds: 60 },
          auth: { points: 20, seconds: 60 },
        },
        tenantFactor: 5,
        keyPrefix: 'ucfleet:rl',
      },
      oauthTokenTtlSeconds: 900,
      signingKeyRotationDays: 30,
      sessionTtlHours: 12,
      idempotencyTtlHours: 24,
      genesysCsrf: true,
      telemetryOfflineAfterSeconds: 900,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u@db:5432/ucfleet',
      LOG_LEVEL: 'WARN',
      PUBLIC_BASE_URL: 'https://fleet.example.com/',
      DB_POOL_SIZE: '20',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u@db:5432/ucfleet',
      logLevel: 'warn',
      publicBaseUrl: 'https://fleet.example.com',
      dbPoolSize: 20,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://x',
        PUBLIC_BASE_URL: 'ftp://x',
        DB_POOL_SIZE: '0',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL/);
    expect(problems.join('\n')).toMatch(/PUBLIC_BASE_URL/);
    expect(problems.join('\n')).toMatch(/DB_POOL_SIZE/);
  });

  it('rejects a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must be an integer from 0 to 65535/);
  });
});

describe('loadConfig: rate limits', () => {
  it('reads the budgets, the tenant factor, the switch and Redis', () => {
    const config = loadConfig({
      RATE_LIMIT_LIGHT: '100/10',
      RATE_LIMIT_MEDIUM: ' 50 / 30 ',
      RATE_LIMIT_HEAVY: '5/1',
      RATE_LIMIT_AUTH: '3/600',
      RATE_LIMIT_TENANT_FACTOR: '2',
      RATE_LIMIT_KEY_PREFIX: 'run42',
      RATE_LIMITS: 'OFF',
      REDIS_URL: 'rediss://cache.example.com:6380/2',
    });
    expect(config.rateLimits).toEqual({
      enabled: false,
      budgets: {
        light: { points: 100, seconds: 10 },
        medium: { points: 50, seconds: 30 },
        heavy: { points: 5, seconds: 1 },
        auth: { points: 3, seconds: 600 },
      },
      tenantFactor: 2,
      keyPrefix: 'run42',
    });
    expect(config.redisUrl).toBe('rediss://cache.example.com:6380/2');
    expect(Object.isFrozen(config.rateLimits.budgets.light)).toBe(true);
  });

  it('reports every bad rate-limit variable at once', () => {
    let error: unknown;
    try {
      loadConfig({
        RATE_LIMIT_LIGHT: '1200',
        RATE_LIMIT_MEDIUM: '0/60',
        RATE_LIMIT_HEAVY: '60/0',
        RATE_LIMIT_AUTH: '20/100000',
        RATE_LIMIT_TENANT_FACTOR: '0',
        RATE_LIMITS: 'maybe',
        REDIS_URL: 'http://cache:6379',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'RATE_LIMIT_LIGHT',
      'RATE_LIMIT_MEDIUM',
      'RATE_LIMIT_HEAVY',
      'RATE_LIMIT_AUTH',
      'RATE_LIMIT_TENANT_FACTOR',
      'RATE_LIMITS',
      'REDIS_URL',
    ]) {
      expect(problems).toMatch(new RegExp(`${name} must`));
    }
    expect((error as ConfigError).problems).toHaveLength(7);
  });
});

describe('loadConfig: OAuth tokens and signing keys', () => {
  it('defaults to 15-minute tokens and 30-day key rotation, and reads both variables', () => {
    expect(loadConfig({})).toMatchObject({ oauthTokenTtlSeconds: 900, signingKeyRotationDays: 30 });
    expect(loadConfig({ OAUTH_TOKEN_TTL_SECONDS: '3600', SIGNING_KEY_ROTATION_DAYS: '7' })).toMatchObject({
      oauthTokenTtlSeconds: 3600,
      signingKeyRotationDays: 7,
    });
  });

  it('reports both out-of-range values at once', () => {
    for (const [ttl, days] of [
      ['59', '0'],
      ['86401', '366'],
      ['15m', '-1'],
    ]) {
      let error: unknown;
      try {
        loadConfig({ OAUTH_TOKEN_TTL_SECONDS: ttl, SIGNING_KEY_ROTATION_DAYS: days });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toEqual([
        `OAUTH_TOKEN_TTL_SECONDS must be an integer from 60 to 86400 (got "${ttl}")`,
        `SIGNING_KEY_ROTATION_DAYS must be an integer from 1 to 365 (got "${days}")`,
      ]);
    }
  });

  it('reads IDEMPOTENCY_TTL_HOURS, from 1 to 720 hours', () => {
    expect(loadConfig({ IDEMPOTENCY_TTL_HOURS: '1' }).idempotencyTtlHours).toBe(1);
    for (const bad of ['0', '721', '24h']) {
      expect(() => loadConfig({ IDEMPOTENCY_TTL_HOURS: bad })).toThrow(
        /IDEMPOTENCY_TTL_HOURS must be an integer from 1 to 720/,
      );
    }
  });

  it('reads TELEMETRY_OFFLINE_AFTER_SECONDS, from 30 seconds to 30 days', () => {
    expect(loadConfig({ TELEMETRY_OFFLINE_AFTER_SECONDS: '30' }).telemetryOfflineAfterSeconds).toBe(30);
    for (const bad of ['29', '2592001', '15m']) {
      expect(() => loadConfig({ TELEMETRY_OFFLINE_AFTER_SECONDS: bad })).toThrow(
        /TELEMETRY_OFFLINE_AFTER_SECONDS must be an integer from 30 to 2592000/,
      );
    }
  });

  it('reads SESSION_TTL_HOURS, from 1 to 720 hours', () => {
    expect(loadConfig({ SESSION_TTL_HOURS: '720' }).sessionTtlHours).toBe(720);
    for (const bad of ['0', '721', 'twelve']) {
      expect(() => loadConfig({ SESSION_TTL_HOURS: bad })).toThrow(
        /SESSION_TTL_HOURS must be an integer from 1 to 720/,
      );
    }
  });
});

describe('loadConfig: the Genesys CSRF protocol', () => {
  it('is on by default, off with GENESYS_CSRF=off, and refuses anything else', () => {
    expect(loadConfig({}).genesysCsrf).toBe(true);
    expect(loadConfig({ GENESYS_CSRF: ' OFF ' }).genesysCsrf).toBe(false);
    expect(() => loadConfig({ GENESYS_CSRF: 'sometimes' })).toThrow(/GENESYS_CSRF must be on or off/);
  });
});
