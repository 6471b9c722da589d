/**
 * Native compliance policy routes: GET /v1/compliance-policies (keyset-paged, projectable), GET
 * /v1/compliance-policies/{id}, and the versioned writes POST, PUT, PATCH and DELETE (versioned-write-routes.ts)
 * over CompliancePolicyService, which re-derives the compliance of the devices a change can affect.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../http/auth.js';
import { acceptMergePatch } from '../http/merge-patch.js';
import { listBody, pageRequestFrom } from '../http/pagination.js';
import { parseFields, project } from '../http/projection.js';
import { errorResponses, listEnvelope } from '../http/schemas.js';
import { presentCompliancePolicy } from '../modules/firmware/compliance-policy.presenter.js';
import { COMPLIANCE_POLICY_SORT_FIELDS } from '../modules/firmware/compliance-policy.repository.js';
import {
  COMPLIANCE_POLICY_FIELDS,
  CompliancePolicyBody,
  CompliancePolicyGetQuery,
  CompliancePolicyListQuery,
  CompliancePolicyPatchBody,
  draftOfBody,
  draftPatchOfBody,
} from '../modules/firmware/compliance-policy.schemas.js';
import type { CompliancePolicyService } from '../modules/firmware/compliance-policy.service.js';
import { IdParams, versionedWriteRoutes } from './versioned-write-routes.js';

const CompliancePolicyRef = Type.Ref('CompliancePolicy');

export const compliancePolicyRoutes: FastifyPluginAsyncTypebox<{ policies: CompliancePolicyService }> = async (
  app,
  { policies },
) => {
  acceptMergePatch(app);

  app.get(
    '/compliance-policies',
    {
      schema: {
        tags: ['compliance'],
        summary: 'List compliance policies',
        description: 'Ordered by id (creation order) unless sort says otherwise.',
        querystring: CompliancePolicyListQuery,
        response: { 200: listEnvelope(CompliancePolicyRef), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { tenantId } = principalOf(request);
      const fields = parseFields(request.query.fields, COMPLIANCE_POLICY_FIELDS);
      const page = await policies.list(
        tenantId,
        {},
        pageRequestFrom(request.query, COMPLIANCE_POLICY_SORT_FIELDS, 'id'),
      );
      return listBody(request, reply, page, presentCompliancePolicy, fields);
    },
  );

  app.get(
    '/compliance-policies/:id',
    {
      schema: {
        tags: ['compliance'],
        summary: 'Get a compliance policy',
        params: IdParams,
        querystring: CompliancePolicyGetQuery,
        response: { 200: CompliancePolicyRef, ...errorResponses },
      },
    },
    async (request) => {
      const { tenantId } = principalOf(request);
      const fields = parseFields(request.query.fields, COMPLIANCE_POLICY_FIELDS);
      return project(presentCompliancePolicy(await policies.get(tenantId, request.params.id)), fields);
    },
  );

  versionedWriteRoutes(app, {
    collection: '/compliance-policies',
    tag: 'compliance',
    noun: 'compliance policy',
    ref: CompliancePolicyRef,
    body: CompliancePolicyBody,
    patchBody: CompliancePolicyPatchBody,
    service: {
      create: (actor, body: CompliancePolicyBody) => policies.create(actor, draftOfBody(body)),
      replace: (actor, id, body: CompliancePolicyBody, precondition) =>
        policies.replace(actor, id, draftOfBody(body), precondition),
      patch: (actor, id, patch: CompliancePolicyPatchBody, precondition) =>
        policies.patch(actor, id, draftPatchOfBody(patch), precondition),
      delete: (actor, id, precondition) => policies.delete(actor, id, precondition),
    },
    present: presentCompliancePolicy,
    createNotes:
      'The name is unique in the tenant (409 policy_name_taken). A product or user group the catalogue or ' +
      'tenant does not know is 400 invalid_body naming the member and the rule. targetVersion "latest" follows ' +
      "the newest catalogue release of the device's product. Creating, changing what a policy governs, and " +
      'deleting re-derive the compliance of the devices concerned in the same transaction; when several ' +
      'policies match a device the most specific wins (docs/compliance.md).',
    deleteNotes: 'The devices the policy governed are re-derived against the remaining policies.',
  });
};
