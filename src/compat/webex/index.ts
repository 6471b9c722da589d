/**
 * The Webex dialect, at /compat/webex (vendor-apis.md §3, seed 002; docs/compat/webex.md maps every field): the
 * Devices API (`/v1/devices…`) and the Webex Calling device settings (`/v1/telephony/config/…`). A client written
 * for https://webexapis.com/v1 works against https://<ucfleet>/compat/webex/v1 by changing only its base URL.
 */
import type { FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import type { Dialect } from '../dialect.js';
import { authenticateWebex } from './auth.js';
import { webexCallingRoutes } from './calling.routes.js';
import { webexDeviceRoutes } from './devices.routes.js';
import { webexSettingsRoutes } from './settings.routes.js';
import { webexConfigurationRoutes } from './configurations.routes.js';
import { echoTrackingId, renderWebexError } from './errors.js';

export const WEBEX_PREFIX = '/compat/webex';

export interface WebexOptions {
  readonly services: Services;
  /** PUBLIC_BASE_URL: links in answers start with it (else with the request's own scheme and host). */
  readonly publicBaseUrl?: string;
}

/** The absolute origin of this server as a client reached it. */
export function originOf(request: FastifyRequest, publicBaseUrl: string | undefined): string {
  return publicBaseUrl ?? `${request.protocol}://${request.host}`;
}

export const webexDialect: Dialect<WebexOptions> = {
  name: 'webex',
  renderError: renderWebexError,
  routes: async (app, { services, publicBaseUrl }) => {
    app.addHook('onRequest', echoTrackingId);
    app.addHook(
      'onRequest',
      authenticateWebex({
        access: services.access,
        tenants: services.tenants,
        onRejected: app.rateLimits?.credentialRejected,
      }),
    );
    // Route plugins: devices.routes.ts (the Devices API), calling.routes.ts (Webex Calling), settings.routes.ts
    // (Webex Calling device settings, layouts, SIP passwords, hoteling), configurations.routes.ts (RoomOS
    // device configurations).
    await app.register(webexDeviceRoutes, { services, publicBaseUrl });
    await app.register(webexCallingRoutes, { services, publicBaseUrl });
    await app.register(webexSettingsRoutes, { services });
    await app.register(webexConfigurationRoutes, { services });
  },
};
