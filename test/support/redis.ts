/**
 * Redis for the tests that share counters between nodes: TEST_REDIS_URL names it (.ci/run sets it). In CI a
 * missing or silent Redis fails; locally those tests are skipped with a warning. Each test run gets its own
 * key prefix, and its keys are deleted afterwards, so parallel runs over one Redis never collide.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const testRedisUrl = process.env.TEST_REDIS_URL?.trim() || undefined;

async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 0 });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

const redisAvailable = testRedisUrl !== undefined && (await redisAnswers(testRedisUrl));
if (!redisAvailable) {
  const why = testRedisUrl ? `Redis does not answer at ${testRedisUrl}` : 'TEST_REDIS_URL is not set';
  if (process.env.CI) throw new Error(`CI needs Redis for the shared rate-limit tests: ${why}.`);
  console.warn(`\n  ${why}: Redis rate-limit tests are SKIPPED (set TEST_REDIS_URL=redis://127.0.0.1:6379).\n`);
}

/** The Redis URL when one answers, else undefined (and the Redis tests are skipped). */
export const redisUrl: string | undefined = redisAvailable ? testRedisUrl : undefined;

/** A key prefix no other test run uses. */
export const runKeyPrefix = `ucfleet-test:${process.pid}:${randomBytes(4).toString('hex')}`;

/** Deletes every key under the prefix. */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}
