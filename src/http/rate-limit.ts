/**
 * Rate limits in groups like RingCentral's (light, medium, heavy, auth; each route's group is in the policy
 * table). Each request is counted twice in its route's group: against its credential
 * (`cred:<kind>:<id>`, the group's budget) and against its tenant (`tenant:<id>`, the budget × the tenant
 * factor), so one credential cannot starve its tenant's others and one tenant never touches another's counters.
 * A caller without a credential is counted by client IP (`ip:<address>`; IPv6 by its /64). Every answer of a
 * limited route carries X-Rate-Limit-Group/-Limit/-Remaining/-Window for the tighter of the two budgets; over
 * budget → 429 rate_limited with Retry-After in whole seconds. Rejected credentials are counted against the
 * client IP in the auth group, so keys cannot be guessed at full speed.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { RATE_GROUPS, type RateGroup, type RoutePolicy } from './policy.js';
import { type CounterStore, memoryCounters, redisCounters } from './rate-limit-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    rateLimits: RateLimits;
  }
}

export interface RateLimits {
  /** The hooks a route of this policy gets: enforceRoutePolicies' `extraHooks`. */
  readonly hooks: (policy: RoutePolicy) => onRequestHookHandler[];
  /** Counts a rejected credential against the client IP in the auth group; throws rate_limited once exhausted. */
  readonly credentialRejected: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  readonly store: CounterStore['kind'] | 'off';
  readonly close: () => Promise<void>;
}

/** The outcome of counting one request against one budget. */
interface Verdict {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  readonly msBeforeNext: number;
}

interface GroupCounters {
  readonly window: number;
  /** Per credential, or per client IP when there is none. */
  readonly caller: RateLimiterAbstract;
  readonly callerLimit: number;
  readonly tenant: RateLimiterAbstract;
  readonly tenantLimit: number;
}

/** Builds the limits from the configuration; with Redis, waits for the first connection attempt. */
export async function createRateLimits(config: Config, log: FastifyBaseLogger): Promise<RateLimits> {
  const settings = config.rateLimits;
  if (!settings.enabled) {
    return { hooks: () => [], credentialRejected: async () => {}, store: 'off', close: async () => {} };
  }
  const store = config.redisUrl ? redisCounters(config.redisUrl, log) : memoryCounters();
  await store.connect();

  const groups = new Map<RateGroup, GroupCounters>();
  for (const group of RATE_GROUPS) {
    const { points, seconds } = settings.budgets[group];
    const tenantPoints = points * settings.tenantFactor;
    const keyPrefix = `${settings.keyPrefix}:${group}`;
    groups.set(group, {
      window: seconds,
      caller: store.counter({ keyPrefix, points, seconds }),
      callerLimit: points,
      tenant: store.counter({ keyPrefix, points: tenantPoints, seconds }),
      tenantLimit: tenantPoints,
    });
  }
  const countersOf = (group: RateGroup): GroupCounters => groups.get(group)!;

  const count = async (limiter: RateLimiterAbstract, limit: number, key: string): Promise<Verdict> => {
    try {
      const res = await limiter.consume(key);
      return { allowed: true, limit, remaining: res.remainingPoints, msBeforeNext: res.msBeforeNext };
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) {
        return { allowed: false, limit, remaining: 0, msBeforeNext: outcome.msBeforeNext };
      }
      // The store failed and had no fallback: a limit is never a reason to fail a request.
      log.warn({ err: outcome }, 'rate-limit counter failed; request let through');
      return { allowed: true, limit, remaining: limit, msBeforeNext: 0 };
    }
  };

  const hooks = (policy: RoutePolicy): onRequestHookHandler[] => {
    const group = policy.rateGroup;
    const counters = countersOf(group);
    return [
      async function rateLimit(request: FastifyRequest, reply: FastifyReply): Promise<void> {
        const principal = request.principal;
        let verdict: Verdict;
        if (principal) {
          const key = `cred:${principal.credentialKind}:${principal.credentialId}`;
          verdict = await count(counters.caller, counters.callerLimit, key);
          // A credential over its own budget is refused without spending its tenant's.
          if (verdict.allowed) {
            const tenant = await count(counters.tenant, counters.tenantLimit, `tenant:${principal.tenantId}`);
            verdict = tighter(verdict, tenant);
          }
        } else {
          verdict = await count(counters.caller, counters.callerLimit, `ip:${clientAddress(request.ip)}`);
        }
        answer(reply, group, counters.window, verdict);
      },
    ];
  };

  const auth = countersOf('auth');
  const credentialRejected = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const verdict = await count(auth.caller, auth.callerLimit, `ip:${clientAddress(request.ip)}`);
    answer(reply, 'auth', auth.window, verdict);
  };

  return { hooks, credentialRejected, store: store.kind, close: () => store.close() };
}

/** The budget closer to exhaustion: a refusal first, then the one with fewer requests left. */
function tighter(a: Verdict, b: Verdict): Verdict {
  if (!a.allowed) return a;
  if (!b.allowed) return b;
  return b.remaining < a.remaining ? b : a;
}

/** Sets the rate-limit headers; over budget, throws 429 with Retry-After in whole seconds (at least 1). */
function answer(reply: FastifyReply, group: RateGroup, window: number, verdict: Verdict): void {
  reply.header('x-rate-limit-group', group);
  reply.header('x-rate-limit-limit', String(verdict.limit));
  reply.header('x-rate-limit-remaining', String(verdict.remaining));
  reply.header('x-rate-limit-window', String(window));
  if (verdict.allowed) return;
  const retryAfter = Math.max(1, Math.ceil(verdict.msBeforeNext / 1000));
  reply.header('retry-after', String(retryAfter));
  throw new AppError(
    'rate_limited',
    `Too many requests in the '${group}' rate-limit group; retry in ${retryAfter} second${retryAfter === 1 ? '' : 's'}.`,
  );
}

/**
 * The address a caller without a credential is counted by: IPv4 as is (also when IPv4-mapped), IPv6 by its
 * /64 prefix, since one subscriber usually holds a whole /64 and could otherwise rotate addresses.
 */
export function clientAddress(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (isIPv4(ip) || !isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === '' ? [] : tail.split(':');
  const groups = ip.includes('::')
    ? [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups]
    : headGroups;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
