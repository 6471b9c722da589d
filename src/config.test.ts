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
