/**
 * The canonical resource a Webex id in a path names, as the caller may see it. Every miss — a malformed id, one
 * of another type or another tenant, a missing resource, a device that is not a Webex Calling device — is the
 * same 404 in the Webex body, naming the id as given.
 */
import type { FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../../errors.js';
import { principalOf } from '../../http/auth.js';
import { viewerOf } from '../../modules/access/principal.js';
import type { DeviceRecord } from '../../modules/devices/device.repository.js';
import type { SiteRow } from '../../modules/sites/site.repository.js';
import type { Services } from '../../services.js';
import { CALLING_KINDS } from './calling.presenter.js';
import { canonicalIdOf } from './ids.js';

const NOUNS = {
  device_not_found: 'device',
  person_not_found: 'person',
  workspace_not_found: 'workspace',
  site_not_found: 'location',
} as const;

function notFound(code: keyof typeof NOUNS, id: string): AppError {
  return new AppError(code as ErrorCode, `The requested ${NOUNS[code]} '${id.slice(0, 300)}' was not found.`);
}

/** Runs `find`, answering its own not-found error as the Webex one. */
async function orNotFound<T>(code: keyof typeof NOUNS, id: string, find: () => Promise<T>): Promise<T> {
  try {
    return await find();
  } catch (error) {
    throw error instanceof AppError && error.code === code ? notFound(code, id) : error;
  }
}

/** The device (of any kind) a Webex id names. */
export async function deviceOf(services: Services, request: FastifyRequest, id: string): Promise<DeviceRecord> {
  const canonical = canonicalIdOf('device', id);
  if (canonical === undefined) throw notFound('device_not_found', id);
  return orNotFound('device_not_found', id, () =>
    services.devices.getDevice(viewerOf(principalOf(request)), canonical),
  );
}

/** The Webex Calling device a Webex id names. */
export async function callingDeviceOf(services: Services, request: FastifyRequest, id: string): Promise<DeviceRecord> {
  const canonical = canonicalIdOf('device', id);
  if (canonical === undefined) throw notFound('device_not_found', id);
  const device = await orNotFound('device_not_found', id, () =>
    services.devices.getDevice(viewerOf(principalOf(request)), canonical),
  );
  if (!CALLING_KINDS.includes(device.row.kind)) throw notFound('device_not_found', id);
  return device;
}

/** The canonical id of the person a Webex id names. */
export async function personIdOf(services: Services, request: FastifyRequest, id: string): Promise<string> {
  const canonical = canonicalIdOf('person', id);
  if (canonical === undefined) throw notFound('person_not_found', id);
  await orNotFound('person_not_found', id, () =>
    services.people.getPerson(viewerOf(principalOf(request)), canonical, { userGroups: false }),
  );
  return canonical;
}

/** The canonical id of the workspace a Webex id names. */
export async function workspaceIdOf(services: Services, request: FastifyRequest, id: string): Promise<string> {
  const canonical = canonicalIdOf('workspace', id);
  if (canonical === undefined) throw notFound('workspace_not_found', id);
  await orNotFound('workspace_not_found', id, () =>
    services.workspaces.getWorkspace(principalOf(request).tenantId, canonical),
  );
  return canonical;
}

/** The site a Webex location id names. */
export async function locationOf(services: Services, request: FastifyRequest, id: string): Promise<SiteRow> {
  const canonical = canonicalIdOf('location', id);
  if (canonical === undefined) throw notFound('site_not_found', id);
  return orNotFound('site_not_found', id, () => services.sites.getSite(principalOf(request).tenantId, canonical));
}
