/**
 * The Plantronics firmware policy API (vendor-apis.md §1.3, last row; subscription VERSIONPOLICY [P7]):
 * GET lists the tenant's compliance policies (pages from 0, `count` per page, oldest first) or, with
 * `policyId`, answers that one policy in the same list shape; POST creates one (201 with the element) and
 * re-derives the compliance of the devices it can govern. Bodies are presented by policy.presenter.ts.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../errors.js';
import { principalOf } from '../../http/auth.js';
import { actorOf } from '../../modules/audit/audit-trail.js';
import type { CompliancePolicySortField } from '../../modules/firmware/compliance-policy.repository.js';
import type { CompliancePolicyService } from '../../modules/firmware/compliance-policy.service.js';
import { ruleViolationAt } from '../../modules/rule-violation.js';
import type { TenantSummary } from '../../modules/tenants/tenant.service.js';
import type { Sort } from '../../query/page.js';
import { numberedPage } from '../paging.js';
import { presentPolyPolicy } from './policy.presenter.js';
import {
  DEFAULT_POLICY_COUNT,
  DEFAULT_POLICY_PAGE,
  POLY_POLICY_LIST,
  PolicyBody,
  PolicyParams,
  PolicyQuery,
  PolyPolicy,
} from './policy.schemas.js';

/** Oldest first (ids are UUIDv7): a new policy lands on the last page. */
const ORDER: Sort<CompliancePolicySortField> = { field: 'id', direction: 'asc' };
const PATH = '/v1/assets/management/tenant/:tenantId/policy';

export interface PolyPolicyRouteOptions {
  readonly policies: CompliancePolicyService;
}

export const polyPolicyRoutes: FastifyPluginAsyncTypebox<PolyPolicyRouteOptions> = async (app, { policies }) => {
  app.get(
    PATH,
    { schema: { hide: true, params: PolicyParams, querystring: PolicyQuery, response: { 200: POLY_POLICY_LIST } } },
    async (request) => {
      const { tenantId } = principalOf(request);
      const tenant = tenantOf(request);
      const { query } = request;
      if (query.policyId !== undefined) {
        return [presentPolyPolicy(await policies.get(tenantId, query.policyId), tenant)];
      }
      const page = await policies.list(
        tenantId,
        {},
        numberedPage(ORDER, query.page ?? DEFAULT_POLICY_PAGE, query.count ?? DEFAULT_POLICY_COUNT, 0),
      );
      return page.items.map((record) => presentPolyPolicy(record, tenant));
    },
  );

  app.post(
    PATH,
    {
      schema: {
        hide: true,
        params: PolicyParams,
        querystring: PolicyQuery,
        body: PolicyBody,
        response: { 201: PolyPolicy },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const tenant = tenantOf(request);
      const body = request.body;
      const groups = (body.userGroups ?? []).map((g) => g.trim()).filter((g) => g !== '');
      if (groups.length > 1) {
        throw ruleViolationAt('userGroups', 'single_user_group', 'A policy names at most one user group.');
      }
      const modelId = body.modelId?.trim() ?? '';
      const record = await policies.create(actorOf(principal, request.id), {
        name: body.policyName,
        product: modelId === '' ? null : { modelId },
        userGroup: groups.length === 0 ? null : { name: groups[0]! },
        component: body.component,
        targetVersion: body.firmwareVersion,
        allowDecline: body.allowDecline ?? false,
        labels: {
          name: 'policyName',
          product: 'modelId',
          userGroup: 'userGroups',
          component: 'component',
          targetVersion: 'firmwareVersion',
        },
      });
      return reply.code(201).send(presentPolyPolicy(record, tenant));
    },
  );
};

function tenantOf(request: { callerTenant: TenantSummary | null }): TenantSummary {
  if (!request.callerTenant) throw new AppError('unauthenticated', 'Authentication required.');
  return request.callerTenant;
}
