/**
 * Plantronics errors. The vendor documents the statuses (400 malformed, 422 a required parameter missing,
 * 401, 403, 404, 500) but not the body (SILENT); its back end answered in Spring's style
 * (`Server: Apache-Coyote/1.1`), so errors use Spring Boot's default error body, plus Ucfleet's stable code:
 *   {"timestamp": 1700000000000, "status": 422, "error": "Unprocessable Entity",
 *    "message": "The query parameter 'page' is required.", "path": "/reports/…", "code": "missing_parameter"}
 * `path` is the vendor path (without /compat/poly and without the query, which may hold the apikey).
 */
import { STATUS_CODES } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { AppError, ErrorCode } from '../../errors.js';
import type { VendorError } from '../dialect.js';

export const POLY_PREFIX = '/compat/poly';

/** Where Plantronics' status differs from the catalogue's. */
const POLY_STATUS: Partial<Record<ErrorCode, number>> = {
  // "One or more of the required parameters not found in the request URI."
  missing_parameter: 422,
  // Plantronics documents no 409/412/415/422-for-bodies; a request it cannot act on is "malformed".
  idempotency_key_mismatch: 400,
  unsupported_media_type: 400,
  payload_too_large: 400,
};

export interface PolyErrorBody {
  timestamp: number;
  status: number;
  error: string;
  message: string;
  path: string;
  code: string;
}

export function renderPolyError(error: AppError, request: FastifyRequest, now: () => number = Date.now): VendorError {
  const status = POLY_STATUS[error.code] ?? error.status;
  const path = (request.url.split('?')[0] ?? '').slice(POLY_PREFIX.length) || '/';
  const body: PolyErrorBody = {
    timestamp: now(),
    status,
    error: STATUS_CODES[status] ?? 'Error',
    message: error.detail,
    path,
    code: error.code,
  };
  return { status, body };
}
