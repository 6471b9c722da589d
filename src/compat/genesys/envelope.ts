/**
 * The Genesys Web Services envelope (vendor-apis.md §2.5): every answer carries `statusCode` (0 on success);
 * an error carries only `statusCode` and `statusMessage`. GWS documents the codes but not the HTTP status
 * paired with each (SILENT): the pairing chosen here is the table below, one line per catalogue code family.
 */
import type { FastifyRequest } from 'fastify';
import type { AppError, ErrorCode } from '../../errors.js';
import type { VendorError } from '../dialect.js';

export const STATUS = {
  ok: 0,
  missingParameter: 1,
  invalidForState: 2,
  forbidden: 3,
  internalError: 4,
  noPermission: 5,
  notFound: 6,
  invalidValue: 10,
  alreadyExists: 18,
  inUse: 19,
  notAuthenticated: 20,
} as const;

/** The GWS statusCode of a catalogue error, and the HTTP status it is answered with. */
export function genesysStatusOf(error: AppError): { statusCode: number; http: number } {
  const code: ErrorCode = error.code;
  if (code === 'missing_parameter') return { statusCode: STATUS.missingParameter, http: 400 };
  if (code === 'unauthenticated' || code === 'invalid_credentials') {
    return { statusCode: STATUS.notAuthenticated, http: 401 };
  }
  if (code === 'csrf_header_required' || code === 'rate_limited')
    return { statusCode: STATUS.forbidden, http: error.status };
  if (error.status === 403) return { statusCode: STATUS.noPermission, http: 403 };
  if (error.status === 404) return { statusCode: STATUS.notFound, http: 404 };
  if (code.endsWith('_in_use') || code === 'device_monitored' || code === 'device_already_monitoring') {
    return { statusCode: STATUS.inUse, http: 409 };
  }
  if (code.endsWith('_taken') || code === 'device_already_paired')
    return { statusCode: STATUS.alreadyExists, http: 409 };
  if (error.status === 409 || error.status === 412 || error.status === 422) {
    return { statusCode: STATUS.invalidForState, http: 409 };
  }
  if (error.status >= 500) return { statusCode: STATUS.internalError, http: error.status };
  return { statusCode: STATUS.invalidValue, http: 400 };
}

export function renderGenesysError(error: AppError, _request: FastifyRequest): VendorError {
  const { statusCode, http } = genesysStatusOf(error);
  return { status: http, body: { statusCode, statusMessage: error.detail } };
}
