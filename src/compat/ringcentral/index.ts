/**
 * The RingCentral device dialect, at /compat/ringcentral (vendor-apis.md §4, seed 003; docs/compat/ringcentral.md
 * maps every field). A client written for https://platform.ringcentral.com works against
 * https://<ucfleet>/compat/ringcentral by changing only its base URL and presenting a Ucfleet API key or access
 * token as its bearer token.
 */
import type { Services } from '../../services.js';
import type { Dialect } from '../dialect.js';
import { authenticateRingCentral, checkAccount } from './auth.js';
import { ringCentralDeviceRoutes } from './devices.routes.js';
import { renderRingCentralError } from './errors.js';
import { ringCentralV2Routes } from './v2.routes.js';
import { ringCentralAccountDeviceRoutes } from './account-devices.routes.js';
import { ringCentralInventoryRoutes } from './inventory.routes.js';

export interface RingCentralOptions {
  readonly services: Services;
  /** PUBLIC_BASE_URL: the base of the URIs in answers (else the request's host). */
  readonly publicBaseUrl?: string;
}

export const ringCentralDialect: Dialect<RingCentralOptions> = {
  name: 'ringcentral',
  renderError: (error, request) => renderRingCentralError(error, request),
  routes: async (app, { services, publicBaseUrl }) => {
    app.addHook(
      'onRequest',
      authenticateRingCentral({
        access: services.access,
        tenants: services.tenants,
        onRejected: app.rateLimits?.credentialRejected,
      }),
    );
    // After the rate limit and the route guard (onRequest): a foreign account is a 404 that was counted.
    app.addHook('preValidation', checkAccount);
    await app.register(ringCentralDeviceRoutes, {
      devices: services.devices,
      deviceWrites: services.deviceWrites,
      deviceLines: services.deviceLines,
      people: services.people,
      workspaces: services.workspaces,
      products: services.products,
      extensionIds: services.extensionIds,
      publicBaseUrl,
    });
    await app.register(ringCentralV2Routes, { devices: services.devices, deviceWrites: services.deviceWrites });
    const directory = {
      people: services.people,
      workspaces: services.workspaces,
      products: services.products,
      extensionIds: services.extensionIds,
    };
    await app.register(ringCentralAccountDeviceRoutes, {
      ...directory,
      devices: services.devices,
      deviceWrites: services.deviceWrites,
      pagingGroups: services.pagingGroups,
      publicBaseUrl,
    });
    await app.register(ringCentralInventoryRoutes, {
      ...directory,
      devices: services.devices,
      deviceWrites: services.deviceWrites,
    });
  },
};
