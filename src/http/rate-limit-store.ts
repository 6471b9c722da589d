/**
 * Where rate-limit counters live: in this process's memory (one node), or in Redis when REDIS_URL is set, so
 * that every node counts against the same budgets. Redis failing never fails a request: while it is
 * unreachable each Redis counter falls back to an in-memory "insurance" counter of the same budget (so the
 * limit holds per node instead of cluster-wide), and a warning is logged once per outage.
 */
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';

/** One fixed-window budget: `points` requests per `seconds`, counted per key under `keyPrefix`. */
export interface CounterSpec {
  readonly keyPrefix: string;
  readonly points: number;
  readonly seconds: number;
}

export interface CounterStore {
  readonly kind: 'memory' | 'redis';
  counter(spec: CounterSpec): RateLimiterAbstract;
  /** Resolves once the store can count (at once in memory; first connection attempt for Redis). */
  connect(): Promise<void>;
  close(): Promise<void>;
}

export function memoryCounters(): CounterStore {
  return {
    kind: 'memory',
    counter: ({ keyPrefix, points, seconds }) => new RateLimiterMemory({ keyPrefix, points, duration: seconds }),
    connect: async () => {},
    close: async () => {},
  };
}

/** A Redis call that takes longer than this is abandoned and counted in memory instead. */
const REDIS_COMMAND_TIMEOUT_MS = 1_000;

export function redisCounters(url: string, log: FastifyBaseLogger): CounterStore {
  const redis = new Redis(url, {
    lazyConnect: true,
    // Never queue commands while disconnected: the insurance counter answers at once instead.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  });
  let outage = false;
  redis.on('error', (err: Error) => {
    if (outage) return;
    outage = true;
    log.warn(
      { err: { message: err.message } },
      'Redis is unreachable: rate limits are counted in this process only until it is back',
    );
  });
  redis.on('ready', () => {
    if (!outage) return;
    outage = false;
    log.info('Redis is reachable again: rate limits are shared by every node');
  });

  return {
    kind: 'redis',
    counter: ({ keyPrefix, points, seconds }) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix,
        points,
        duration: seconds,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration: seconds }),
        // A key over budget is refused from memory until its window ends: a flood costs no Redis round trips.
        inMemoryBlockOnConsumed: points + 1,
      }),
    connect: () => redis.connect().catch(() => {}),
    close: async () => {
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}
