/**
 * The vendor dialects, each at /compat/<vendor> (DESIGN.md "Dialects"). Adding a vendor is a folder here
 * and one registration below.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../config.js';
import type { Services } from '../services.js';
import { type Dialect, mountDialect } from './dialect.js';
import { genesysDialect } from './genesys/index.js';
import { polyDialect } from './poly/index.js';
import { ringCentralDialect } from './ringcentral/index.js';
import { webexDialect } from './webex/index.js';

/** Every dialect, for answering in its shape where no route of it is reached (a malformed URL). */
const DIALECTS: readonly Pick<Dialect<never>, 'name' | 'renderError'>[] = [
  polyDialect,
  genesysDialect,
  webexDialect,
  ringCentralDialect,
];

/** The dialect whose prefix `url` is under, if any. */
export function dialectServing(url: string): Pick<Dialect<never>, 'name' | 'renderError'> | undefined {
  return DIALECTS.find((d) => url === `/compat/${d.name}` || url.startsWith(`/compat/${d.name}/`));
}

export interface CompatOptions {
  readonly services: Services;
  readonly config: Config;
}

/** PUBLIC_BASE_URL is the base of the links and URIs dialects put in their answers (else the request's host). */
export const compatApi: FastifyPluginAsyncTypebox<CompatOptions> = async (app, { services, config }) => {
  const publicBaseUrl = config.publicBaseUrl;
  const mount = (name: string) => ({ prefix: `/compat/${name}`, services, publicBaseUrl });
  await app.register(mountDialect(polyDialect), mount(polyDialect.name));
  await app.register(mountDialect(genesysDialect), {
    ...mount(genesysDialect.name),
    csrf: config.genesysCsrf,
    secureCookie: publicBaseUrl?.startsWith('https:') ?? false,
  });
  await app.register(mountDialect(webexDialect), mount(webexDialect.name));
  await app.register(mountDialect(ringCentralDialect), mount(ringCentralDialect.name));
};
