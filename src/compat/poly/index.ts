/**
 * The Plantronics Manager Pro "Open Data Access" dialect, at /compat/poly (vendor-apis.md §1, seed 000;
 * docs/compat/poly.md maps every field). A client written for https://oda-sandbox.plantronicsmanager.com
 * works against https://<ucfleet>/compat/poly by changing only its base URL.
 */
import type { Services } from '../../services.js';
import type { Dialect } from '../dialect.js';
import { polyAppRoutes } from './apps.routes.js';
import { authenticatePoly } from './auth.js';
import { polyDeviceRoutes } from './devices.routes.js';
import { polyPolicyRoutes } from './policies.routes.js';
import { renderPolyError } from './errors.js';

export interface PolyOptions {
  readonly services: Services;
  /** PUBLIC_BASE_URL: the base of the links in answers (else the request's host). */
  readonly publicBaseUrl?: string;
}

export const polyDialect: Dialect<PolyOptions> = {
  name: 'poly',
  renderError: (error, request) => renderPolyError(error, request),
  routes: async (app, { services, publicBaseUrl }) => {
    app.addHook(
      'onRequest',
      authenticatePoly({
        access: services.access,
        apps: services.apps,
        appAuthorizations: services.appAuthorizations,
        tenants: services.tenants,
        onRejected: app.rateLimits?.credentialRejected,
      }),
    );
    await app.register(polyDeviceRoutes, { devices: services.devices, people: services.people });
    await app.register(polyPolicyRoutes, { policies: services.compliancePolicies });
    await app.register(polyAppRoutes, {
      apps: services.apps,
      appAuthorizations: services.appAuthorizations,
      publicBaseUrl,
    });
  },
};
