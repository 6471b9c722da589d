/**
 * Enforces the route policy table (src/http/policy.ts) on every route, centrally: registering a route that
 * has no policy throws, so the server cannot start with an unguarded route. Each guarded route gets an
 * onRequest hook that runs after its surface has authenticated the caller: no principal → 401, a role
 * not allowed or a scope missing → 403 insufficient_scope.
 */
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import { AppError } from '../errors.js';
import { hasScopes } from '../modules/access/principal.js';
import { type RoutePolicy, policyFor } from './policy.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
}

/** Installs policy enforcement; must be called on the root instance before any route is registered. */
export function enforceRoutePolicies(
  app: FastifyInstance,
  extraHooks: (policy: RoutePolicy) => onRequestHookHandler[] = () => [],
): void {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const policy = policyFor(method, route.url);
      if (!policy) {
        throw new Error(`${method} ${route.url} has no entry in the route policy table (src/http/policy.ts).`);
      }
      route.config = { ...route.config, policy };
      const own =
        route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
      const guard = policy.roles === 'public' ? [] : [authorize(policy)];
      // The extra hooks (rate limits) run before the guard, so refused requests are counted and carry their headers.
      route.onRequest = [...own, ...extraHooks(policy), ...guard];
    }
  });
}

function authorize(policy: RoutePolicy): onRequestHookHandler {
  return async function authorizeRoute(request: FastifyRequest): Promise<void> {
    const principal = request.principal;
    if (!principal) throw new AppError('unauthenticated', 'This operation needs a credential.');
    if (policy.roles === 'public') return;
    if (!policy.roles.includes(principal.role)) {
      throw new AppError('insufficient_scope', `The role '${principal.role}' may not perform this operation.`, {
        scope: policy.scopes.join(' '),
      });
    }
    if (!hasScopes(principal, policy.scopes)) {
      throw new AppError('insufficient_scope', `This operation needs the scope ${policy.scopes.join(', ')}.`, {
        scope: policy.scopes.join(' '),
      });
    }
  };
}
