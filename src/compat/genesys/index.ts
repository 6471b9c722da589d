/**
 * The Genesys Web Services dialect, at /compat/genesys (vendor-apis.md §2, seed 001; docs/compat/genesys.md
 * maps every attribute). A client written for http://<gws>/api/v2 works against
 * https://<ucfleet>/compat/genesys/api/v2 by changing only its base URL.
 */
import type { FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import type { Dialect } from '../dialect.js';
import { authenticateGenesys } from './auth.js';
import type { GenesysUris } from './device.presenter.js';
import { genesysDeviceRoutes } from './devices.routes.js';
import { renderGenesysError } from './envelope.js';
import { genesysOperationRoutes } from './operations.routes.js';
import { genesysResourceRoutes } from './resources.routes.js';
import { genesysNotificationRoutes, type NotificationSettings } from './notifications.routes.js';

export const GENESYS_PREFIX = '/compat/genesys';

export interface GenesysOptions {
  readonly services: Services;
  /** PUBLIC_BASE_URL: the absolute URIs in answers start with it (else with the request's own host). */
  readonly publicBaseUrl: string | undefined;
  readonly csrf: boolean;
  readonly secureCookie: boolean;
  /** The CometD long-poll's advice (defaults: notifications.routes.ts). */
  readonly notifications?: Partial<NotificationSettings>;
}

export const genesysDialect: Dialect<GenesysOptions> = {
  name: 'genesys',
  renderError: renderGenesysError,
  routes: async (app, { services, publicBaseUrl, csrf, secureCookie, notifications }) => {
    app.addHook(
      'onRequest',
      authenticateGenesys({
        access: services.access,
        logins: services.logins,
        sessions: services.sessions,
        csrf,
        cookiePath: GENESYS_PREFIX,
        secureCookie,
        onRejected: app.rateLimits?.credentialRejected,
      }),
    );
    const uris = (request: FastifyRequest): GenesysUris => {
      const base = `${publicBaseUrl ?? `${request.protocol}://${request.host}`}${GENESYS_PREFIX}/api/v2`;
      return {
        device: (id) => `${base}/devices/${id}`,
        phoneNumber: (id) => `${base}/phone-numbers/${id}`,
        voiceEnvironment: (id) => `${base}/voice-environments/${id}`,
      };
    };
    await app.register(genesysDeviceRoutes, {
      devices: services.devices,
      controls: services.deviceControls,
      agentStates: services.agentStates,
      people: services.people,
      uris,
    });
    await app.register(genesysOperationRoutes, {
      devices: services.devices,
      controls: services.deviceControls,
      agentStates: services.agentStates,
      uris,
    });
    await app.register(genesysResourceRoutes, { numbers: services.numbers, tenants: services.tenants });
    await app.register(genesysNotificationRoutes, {
      devices: services.devices,
      controls: services.deviceControls,
      agentStates: services.agentStates,
      people: services.people,
      uris,
      feed: services.deviceChanges,
      notifications,
    });
  },
};
