/**
 * The native API under /v1: authentication, problem+json errors, ETags, and the resource routes.
 * The caller is authenticated here and authorized by the route policy table; answers are for their tenant only.
 */
import etag from '@fastify/etag';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authenticateBearer } from '../http/auth.js';
import { idempotentPosts } from '../http/idempotency.js';
import { sendProblem, toAppError } from '../http/problem.js';
import type { Services } from '../services.js';
import { apiKeyRoutes } from './api-keys.routes.js';
import { appRoutes } from './apps.routes.js';
import { appAuthorizationRoutes } from './app-authorizations.routes.js';
import { auditEventRoutes } from './audit-events.routes.js';
import { deviceRoutes } from './devices.routes.js';
import { deviceWriteRoutes } from './device-writes.routes.js';
import { deviceExportRoutes } from './device-export.routes.js';
import { importRoutes } from './imports.routes.js';
import { contactCenterRoutes } from './contact-center.routes.js';
import { deviceActivationRoutes } from './device-activation.routes.js';
import { numberRoutes } from './numbers.routes.js';
import { polyDeviceRoutes } from './poly-devices.routes.js';
import { loginRoutes } from './logins.routes.js';
import { meRoutes } from './me.routes.js';
import { oauthClientRoutes } from './oauth-clients.routes.js';
import { peopleRoutes } from './people.routes.js';
import { productRoutes } from './products.routes.js';
import { sessionRoutes } from './sessions.routes.js';
import { siteRoutes } from './sites.routes.js';
import { userGroupRoutes } from './user-groups.routes.js';
import { directoryWriteRoutes } from './directory-writes.routes.js';
import { workspaceRoutes } from './workspaces.routes.js';
import { virtualLineRoutes } from './virtual-lines.routes.js';
import { compliancePolicyRoutes } from './compliance-policies.routes.js';
import { complianceRoutes } from './compliance.routes.js';
import { pagingGroupRoutes } from './paging-groups.routes.js';
import { telemetryRoutes } from './telemetry.routes.js';
import { analyticsRoutes } from './analytics.routes.js';

/** secureCookie: mark the session cookie Secure (PUBLIC_BASE_URL is https). */
/** importMaxBytes: the body limit of POST /v1/imports (default 50 MiB). */
export const nativeApi: FastifyPluginAsyncTypebox<{
  services: Services;
  secureCookie?: boolean;
  importMaxBytes?: number;
}> = async (app, { services, secureCookie = false, importMaxBytes = 52_428_800 }) => {
  app.setErrorHandler((error, request, reply) => sendProblem(reply, toAppError(error, request)));
  await app.register(etag);
  app.addHook('onRequest', authenticateBearer(services.access, app.rateLimits?.credentialRejected, services.sessions));
  // Idempotency-Key on every POST route registered below (sign-in excepted).
  idempotentPosts(app, services.idempotency);

  await app.register(deviceRoutes, { devices: services.devices });
  await app.register(deviceWriteRoutes, { deviceWrites: services.deviceWrites });
  await app.register(deviceExportRoutes, { devices: services.devices });
  await app.register(importRoutes, { imports: services.deviceImports, jobs: services.jobs, importMaxBytes });
  await app.register(contactCenterRoutes, { controls: services.deviceControls, agentStates: services.agentStates });
  await app.register(deviceActivationRoutes, { activation: services.activation, macLists: services.macLists });
  await app.register(polyDeviceRoutes, { polyDevices: services.polyDevices });
  await app.register(numberRoutes, {
    numbers: services.numbers,
    numberWrites: services.numberWrites,
    deviceLines: services.deviceLines,
  });
  await app.register(peopleRoutes, { people: services.people });
  await app.register(siteRoutes, { sites: services.sites });
  await app.register(productRoutes, { products: services.products });
  await app.register(userGroupRoutes, { userGroups: services.userGroups });
  await app.register(workspaceRoutes, { workspaces: services.workspaces });
  await app.register(virtualLineRoutes, { virtualLines: services.virtualLines });
  await app.register(compliancePolicyRoutes, { policies: services.compliancePolicies });
  await app.register(complianceRoutes, {
    firmwareCatalog: services.firmwareCatalog,
    complianceSummary: services.complianceSummary,
    devices: services.devices,
  });
  await app.register(pagingGroupRoutes, { pagingGroups: services.pagingGroups });
  await app.register(telemetryRoutes, { telemetry: services.telemetry });
  await app.register(analyticsRoutes, { analytics: services.analytics });
  await app.register(directoryWriteRoutes, {
    personWrites: services.personWrites,
    userGroupWrites: services.userGroupWrites,
    siteWrites: services.siteWrites,
    workspaces: services.workspaces,
  });
  await app.register(oauthClientRoutes, { oauthClients: services.oauthClients });
  await app.register(auditEventRoutes, { audit: services.audit });
  await app.register(apiKeyRoutes, { apiKeys: services.apiKeys });
  await app.register(appRoutes, { apps: services.apps });
  await app.register(appAuthorizationRoutes, { appAuthorizations: services.appAuthorizations });
  await app.register(loginRoutes, { logins: services.logins });
  await app.register(sessionRoutes, { sessions: services.sessions, secureCookie });
  await app.register(meRoutes, { caller: services.caller });
};
