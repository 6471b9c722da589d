/**
 * Native user group routes: GET /v1/user-groups, GET /v1/user-groups/{id} and
 * GET /v1/user-groups/{id}/people (the group's members, keyset-paged, projectable).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf, viewerFrom } from '../http/auth.js';
import { listBody, pageRequestFrom } from '../http/pagination.js';
import { parseFields, project } from '../http/projection.js';
import { errorResponses, listEnvelope } from '../http/schemas.js';
import { PERSON_SORT_FIELDS } from '../modules/people/person.repository.js';
import { personIncludesFor, presentPerson } from '../modules/people/person.presenter.js';
import { GroupMemberListQuery, PERSON_FIELDS } from '../modules/people/person.schemas.js';
import { USER_GROUP_SORT_FIELDS } from '../modules/user-groups/user-group.repository.js';
import { presentUserGroup, userGroupIncludesFor } from '../modules/user-groups/user-group.presenter.js';
import {
  USER_GROUP_FIELDS,
  UserGroupGetQuery,
  UserGroupListQuery,
  UserGroupParams,
} from '../modules/user-groups/user-group.schemas.js';
import type { UserGroupService } from '../modules/user-groups/user-group.service.js';

const UserGroupRef = Type.Ref('UserGroup');
const PersonRef = Type.Ref('Person');

export const userGroupRoutes: FastifyPluginAsyncTypebox<{ userGroups: UserGroupService }> = async (
  app,
  { userGroups },
) => {
  app.get(
    '/user-groups',
    {
      schema: {
        tags: ['user-groups'],
        summary: 'List user groups',
        description: 'Ordered by id (creation order) unless sort says otherwise.',
        querystring: UserGroupListQuery,
        response: { 200: listEnvelope(UserGroupRef), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { tenantId } = principalOf(request);
      const query = request.query;
      const fields = parseFields(query.fields, USER_GROUP_FIELDS);
      const page = await userGroups.listUserGroups(
        tenantId,
        { q: query.q },
        pageRequestFrom(query, USER_GROUP_SORT_FIELDS, 'id'),
        userGroupIncludesFor(fields),
      );
      return listBody(request, reply, page, presentUserGroup, fields);
    },
  );

  app.get(
    '/user-groups/:id',
    {
      schema: {
        tags: ['user-groups'],
        summary: 'Get a user group',
        params: UserGroupParams,
        querystring: UserGroupGetQuery,
        response: { 200: UserGroupRef, ...errorResponses },
      },
    },
    async (request) => {
      const { tenantId } = principalOf(request);
      const fields = parseFields(request.query.fields, USER_GROUP_FIELDS);
      const record = await userGroups.getUserGroup(tenantId, request.params.id, userGroupIncludesFor(fields));
      return project(presentUserGroup(record), fields);
    },
  );

  app.get(
    '/user-groups/:id/people',
    {
      schema: {
        tags: ['user-groups', 'people'],
        summary: 'List the members of a user group',
        description: 'The parameters of GET /v1/people apply, except userGroup.',
        params: UserGroupParams,
        querystring: GroupMemberListQuery,
        response: { 200: listEnvelope(PersonRef), ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = viewerFrom(request);
      const query = request.query;
      const fields = parseFields(query.fields, PERSON_FIELDS);
      const page = await userGroups.listMembers(
        viewer,
        request.params.id,
        { site: query.site, role: query.role, q: query.q },
        pageRequestFrom(query, PERSON_SORT_FIELDS, 'id'),
        personIncludesFor(fields),
      );
      return listBody(request, reply, page, presentPerson, fields);
    },
  );
};
