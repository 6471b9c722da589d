/**
 * Native directory writes (admins only, by the route policy table): POST/PUT/PATCH/DELETE for /v1/people,
 * /v1/user-groups, /v1/sites and /v1/workspaces (versioned-write-routes.ts), and
 * PUT /v1/people/{id}/user-groups, which replaces a person's memberships with an ordered list of group ids
 * (the first is the highest priority) and answers the person.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../http/auth.js';
import { ifMatchPrecondition } from '../http/conditional.js';
import { acceptMergePatch } from '../http/merge-patch.js';
import { actorOf } from '../modules/audit/audit-trail.js';
import { presentPerson } from '../modules/people/person.presenter.js';
import type { PersonRecord } from '../modules/people/person.repository.js';
import { PersonBody, PersonPatchBody, PersonUserGroupsBody } from '../modules/people/person-write.schemas.js';
import type { PersonWriteService } from '../modules/people/person-write.service.js';
import { presentSite } from '../modules/sites/site.presenter.js';
import { SiteBody, SitePatchBody } from '../modules/sites/site-write.schemas.js';
import type { SiteWriteService } from '../modules/sites/site-write.service.js';
import { presentUserGroup } from '../modules/user-groups/user-group.presenter.js';
import { UserGroupBody, UserGroupPatchBody } from '../modules/user-groups/user-group-write.schemas.js';
import type { UserGroupWriteService } from '../modules/user-groups/user-group-write.service.js';
import { presentWorkspace } from '../modules/workspaces/workspace.presenter.js';
import { WorkspaceBody, WorkspacePatchBody } from '../modules/workspaces/workspace.schemas.js';
import type { WorkspaceService } from '../modules/workspaces/workspace.service.js';
import { conditionalErrors, IdParams, ifMatchHeaders, versionedWriteRoutes } from './versioned-write-routes.js';

const PersonRef = Type.Ref('Person');

export const directoryWriteRoutes: FastifyPluginAsyncTypebox<{
  personWrites: PersonWriteService;
  userGroupWrites: UserGroupWriteService;
  siteWrites: SiteWriteService;
  workspaces: WorkspaceService;
}> = async (app, { personWrites, userGroupWrites, siteWrites, workspaces }) => {
  acceptMergePatch(app);

  versionedWriteRoutes(app, {
    collection: '/people',
    tag: 'people',
    noun: 'person',
    ref: PersonRef,
    body: PersonBody,
    patchBody: PersonPatchBody,
    service: personWrites,
    present: presentPerson,
    createNotes:
      'Username and e-mail are unique in the tenant (409 person_username_taken, person_email_taken). ' +
      'Memberships are set with PUT /v1/people/{id}/user-groups.',
    deleteNotes:
      'Their devices stay, without an owner; their memberships, login, sessions, and the API keys and OAuth ' +
      'clients acting as them are deleted.',
  });
  versionedWriteRoutes(app, {
    collection: '/user-groups',
    tag: 'user-groups',
    noun: 'user group',
    ref: Type.Ref('UserGroup'),
    body: UserGroupBody,
    patchBody: UserGroupPatchBody,
    service: userGroupWrites,
    present: presentUserGroup,
    createNotes: 'The name is unique in the tenant (409 user_group_name_taken).',
    deleteNotes:
      'Its memberships go with it; a group a compliance policy names cannot be deleted (409 user_group_in_use).',
  });
  versionedWriteRoutes(app, {
    collection: '/sites',
    tag: 'sites',
    noun: 'site',
    ref: Type.Ref('Site'),
    body: SiteBody,
    patchBody: SitePatchBody,
    service: siteWrites,
    present: presentSite,
    createNotes:
      'The name is unique in the tenant (409 site_name_taken); the country code is ISO 3166-1 alpha-2, the time ' +
      'zone an IANA name, subnets CIDR blocks.',
    deleteNotes: 'Its people, workspaces and devices stay, without a site.',
  });
  versionedWriteRoutes(app, {
    collection: '/workspaces',
    tag: 'workspaces',
    noun: 'workspace',
    ref: Type.Ref('Workspace'),
    body: WorkspaceBody,
    patchBody: WorkspacePatchBody,
    service: workspaces,
    present: presentWorkspace,
    createNotes: 'The name is unique in the tenant (409 workspace_name_taken).',
    deleteNotes: 'Its devices stay, without an owner.',
  });

  app.put(
    '/people/:id/user-groups',
    {
      schema: {
        tags: ['people', 'user-groups'],
        summary: "Replace a person's user groups",
        description:
          'The ordered list replaces every membership: the first group is the highest priority. Honours If-Match ' +
          'with the ETag of GET /v1/people/{id}; answers the person.',
        params: IdParams,
        headers: ifMatchHeaders('/v1/people/{id}'),
        body: PersonUserGroupsBody,
        response: { 200: PersonRef, ...conditionalErrors },
      },
    },
    async (request, reply) => {
      const record = await personWrites.replaceUserGroups(
        actorOf(principalOf(request), request.id),
        request.params.id,
        request.body,
        ifMatchPrecondition(request, reply, PersonRef, (current: PersonRecord) => presentPerson(current)),
      );
      return presentPerson(record);
    },
  );
};
