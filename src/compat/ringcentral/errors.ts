/**
 * RingCentral errors (vendor-apis.md §4.7): `{errorCode, message, errors: [{errorCode, message, …}]}` with the
 * first error's extra attributes (`parameterName`, `permissionName`) repeated at top level, as real responses
 * do. Catalogue codes map onto RingCentral's: CMN-101 a bad parameter, CMN-102 an unknown resource, CMN-103
 * unparsable JSON, CMN-401/CMN-408 a missing app/user permission, OAU-* credentials, CMN-301 the rate limit,
 * DEV-* the device rules (device-rules.ts) RingCentral has a code for. The HTTP status is RingCentral's.
 */
import type { FastifyRequest } from 'fastify';
import type { AppError, ErrorCode } from '../../errors.js';
import { RINGCENTRAL_PERMISSIONS, missingVendorScopes } from '../../modules/access/vendor-scopes.js';
import type { VendorError } from '../dialect.js';
import type { RingCentralRoutePermissions } from './permissions.js';

export interface RingCentralErrorEntry {
  errorCode: string;
  message: string;
  parameterName?: string;
  permissionName?: string;
}

export interface RingCentralErrorBody extends RingCentralErrorEntry {
  errors: RingCentralErrorEntry[];
}

/** Extras a dialect hook may set on an AppError: the exact RingCentral code and message to answer. */
export const VENDOR_CODE = 'ringcentralCode';
/** Extras: the RingCentral parameter an unknown resource is reported for, when not the usual one (below). */
export const VENDOR_PARAMETER = 'ringcentralParameter';

/** A device rule (device-rules.ts, `… breaks rule <rule>: …`) RingCentral has its own code for. */
const DEVICE_RULE_CODES: Readonly<Record<string, { status: number; errorCode: string; message: string }>> = {
  emergency_unassigned_device: {
    status: 409,
    errorCode: 'DEV-129',
    message: 'Cannot update E911 address of unassigned device',
  },
  // Using a phone as a common phone is hot desking on it.
  common_phone_unsupported_by_model: {
    status: 400,
    errorCode: 'DEV-217',
    message: 'Hot desking is not available for device model',
  },
};

/** Canonical field names (in rule violations and schema errors) as RingCentral's parameter names. */
const PARAMETER_NAMES: Readonly<Record<string, string>> = {
  commonPhone: 'useAsCommonPhone',
  hotDesk: 'hotDeskDevice',
  personId: 'extension.id',
  workspaceId: 'extension.id',
  virtualLineId: 'extension.id',
  lines: 'phoneLines',
  siteId: 'site.id',
};

/** The path parameter an unknown resource is reported for. */
const NOT_FOUND_PARAMETER: Partial<Record<ErrorCode, string>> = {
  device_not_found: 'deviceId',
  person_not_found: 'extensionId',
  workspace_not_found: 'extensionId',
  virtual_line_not_found: 'extensionId',
  tenant_not_authorized: 'accountId',
  tenant_not_found: 'accountId',
  phone_number_not_found: 'phoneLines.id',
  site_not_found: 'site.id',
  paging_group_not_found: 'pagingOnlyGroupId',
};

export function renderRingCentralError(error: AppError, request: FastifyRequest): VendorError {
  const { status, entry } = entryOf(error, request);
  const body: RingCentralErrorBody = {
    errorCode: entry.errorCode,
    message: entry.message,
    errors: [entry],
    ...(entry.parameterName !== undefined ? { parameterName: entry.parameterName } : {}),
    ...(entry.permissionName !== undefined ? { permissionName: entry.permissionName } : {}),
  };
  return { status, body };
}

function entryOf(error: AppError, request: FastifyRequest): { status: number; entry: RingCentralErrorEntry } {
  const vendorCode = error.extras[VENDOR_CODE];
  if (vendorCode !== undefined)
    return { status: error.status, entry: { errorCode: vendorCode, message: error.detail } };
  const parameter = error.extras.parameter;
  const parameterName = parameter === undefined ? undefined : ringCentralName(parameter);
  /** RingCentral's message; a body's rule adds its explanation, which RingCentral's message does not give. */
  const invalid = (name: string | undefined, explained: boolean) => ({
    status: 400,
    entry: {
      errorCode: 'CMN-101',
      message:
        name === undefined
          ? error.detail
          : `Parameter [${name}] value is invalid.${explained ? ` ${error.detail}` : ''}`,
      ...(name === undefined ? {} : { parameterName: name }),
    },
  });
  switch (error.code) {
    case 'invalid_parameter':
    case 'missing_parameter':
    case 'invalid_cursor':
      return invalid(parameterName, false);
    case 'invalid_body': {
      if (/not valid JSON/.test(error.detail)) {
        return { status: 400, entry: { errorCode: 'CMN-103', message: "JSON can't be parsed." } };
      }
      const rule = /breaks rule (\w+)/.exec(error.detail)?.[1];
      const mapped = rule === undefined ? undefined : DEVICE_RULE_CODES[rule];
      if (mapped) {
        return {
          status: mapped.status,
          entry: {
            errorCode: mapped.errorCode,
            message: mapped.message,
            ...(parameterName ? { parameterName } : {}),
          },
        };
      }
      return invalid(parameterName, true);
    }
    case 'unauthenticated':
      return { status: 401, entry: { errorCode: 'OAU-151', message: 'Authorization method not supported' } };
    case 'invalid_credentials':
      return { status: 401, entry: { errorCode: 'OAU-149', message: 'Unparsable access token' } };
    case 'insufficient_scope':
      return { status: 403, entry: permissionEntry(request) };
    case 'device_assigned':
      return { status: 403, entry: { errorCode: 'DEV-102', message: 'Device already assigned' } };
    case 'device_not_owned':
      return {
        status: 403,
        entry: { errorCode: 'DEV-130', message: 'Attempt to update device of another extension' },
      };
    case 'write_conflict':
    case 'precondition_failed':
      return { status: 409, entry: { errorCode: 'CMN-204', message: 'Resource is blocked by another operation' } };
    case 'rate_limited':
      return { status: 429, entry: { errorCode: 'CMN-301', message: 'Request rate exceeded' } };
    case 'service_unavailable':
      return { status: 503, entry: { errorCode: 'CMN-201', message: 'Service Temporary Unavailable' } };
    case 'internal_error':
      return { status: 500, entry: { errorCode: 'CMN-203', message: 'Internal Server Error' } };
    case 'route_not_found':
      return { status: 404, entry: { errorCode: 'CMN-102', message: 'Resource for parameter [path] is not found' } };
    default:
      break;
  }
  const notFound = error.extras[VENDOR_PARAMETER] ?? NOT_FOUND_PARAMETER[error.code];
  if (notFound !== undefined || error.status === 404) {
    const name = notFound ?? parameterName ?? 'resource';
    return {
      status: 404,
      entry: { errorCode: 'CMN-102', message: `Resource for parameter [${name}] is not found`, parameterName: name },
    };
  }
  if (error.status >= 500) return { status: 500, entry: { errorCode: 'CMN-203', message: 'Internal Server Error' } };
  if (error.status === 409) {
    // A uniqueness or sharing rule (a MAC, a serial or a number used elsewhere): the resource is taken.
    return {
      status: 409,
      entry: { errorCode: 'CMN-101', message: error.detail, ...(parameterName ? { parameterName } : {}) },
    };
  }
  return {
    status: error.status >= 400 && error.status < 500 ? error.status : 400,
    entry: { errorCode: 'CMN-101', message: error.detail, ...(parameterName ? { parameterName } : {}) },
  };
}

/** A canonical field name (`commonPhone`, `lines[0].phoneNumberId`) as RingCentral's (`phoneLines[0].id`). */
function ringCentralName(parameter: string): string {
  const line = /^lines\[(\d+)\]\.(\w+)$/.exec(parameter);
  if (line) return `phoneLines[${line[1]}]${line[2] === 'phoneNumberId' ? '.id' : ''}`;
  return PARAMETER_NAMES[parameter] ?? parameter;
}

/** CMN-401 when the app permission is missing (the credential's scopes), else CMN-408 naming the user permission. */
function permissionEntry(request: FastifyRequest): RingCentralErrorEntry {
  const required = request.routeOptions.config.ringcentralPermissions as RingCentralRoutePermissions | undefined;
  const principal = request.principal;
  if (required && principal && missingVendorScopes(RINGCENTRAL_PERMISSIONS, principal, [required.app]).length > 0) {
    return {
      errorCode: 'CMN-401',
      message: `In order to call this API endpoint, application needs to have [${required.app}] permission`,
      permissionName: required.app,
    };
  }
  // The role may not (a company-wide permission for a personal role) or the user permission's scopes are missing.
  const user = required?.user ?? required?.app ?? 'ReadAccounts';
  return {
    errorCode: 'CMN-408',
    message: `In order to call this API endpoint, user needs to have [${user}] permission for requested resource.`,
    permissionName: user,
  };
}
