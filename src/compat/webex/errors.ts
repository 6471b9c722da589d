/**
 * Webex errors (vendor-apis.md §3.7): `{message, errors:[{description}], trackingId}`. The tracking id is the
 * request's `TrackingID` header when it sends one, else a generated `ROUTER_<UUID>`; it is echoed in the
 * `TrackingID` response header of every answer. Statuses are the catalogue's, except where Webex lists none
 * (SILENT: WEBEX_STATUS): a write that keeps losing races is 423 Locked with Retry-After, as Webex answers a
 * resource that is busy.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError, ErrorCode } from '../../errors.js';
import { WEBEX_SCOPES } from '../../modules/access/vendor-scopes.js';
import type { VendorError } from '../dialect.js';

export const TRACKING_HEADER = 'trackingid';
const TRACKING_ID = /^[\w.:-]{1,128}$/;

/** Where Webex's status differs from the catalogue's. */
const WEBEX_STATUS: Partial<Record<ErrorCode, number>> = {
  write_conflict: 423,
  precondition_failed: 409,
  idempotency_key_mismatch: 400,
  activation_code_invalid: 400,
  payload_too_large: 400,
};
/** Seconds a client waits before retrying a 423. */
const LOCKED_RETRY_AFTER_SECONDS = 1;

/** The request's tracking id: its TrackingID header, else a new ROUTER_ one (kept on the request). */
export function trackingIdOf(request: FastifyRequest): string {
  const given = request.headers[TRACKING_HEADER];
  if (typeof given === 'string' && TRACKING_ID.test(given)) return given;
  let id = trackingIds.get(request);
  if (id === undefined) {
    id = `ROUTER_${randomUUID().toUpperCase()}`;
    trackingIds.set(request, id);
  }
  return id;
}

const trackingIds = new WeakMap<FastifyRequest, string>();

/** An onRequest hook: every answer carries the TrackingID header. */
export async function echoTrackingId(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.header('TrackingID', trackingIdOf(request));
}

export function renderWebexError(error: AppError, request: FastifyRequest): VendorError {
  const status = WEBEX_STATUS[error.code] ?? error.status;
  const message = error.code === 'insufficient_scope' ? missingScopeMessage(error) : error.detail;
  return {
    status,
    body: { message, errors: [{ description: message }], trackingId: trackingIdOf(request) },
    ...(status === 423 ? { headers: { 'retry-after': String(LOCKED_RETRY_AFTER_SECONDS) } } : {}),
  };
}

/** "Missing required scope: spark-admin:devices_read", in Webex's names for the Ucfleet scopes a route needs. */
function missingScopeMessage(error: AppError): string {
  const needed = (error.extras.scope ?? '').split(' ').filter((s) => s !== '');
  const names = needed.map(
    (scope) =>
      Object.entries(WEBEX_SCOPES).find(
        ([name, scopes]) => name.startsWith('spark-admin:') && (scopes as readonly string[]).includes(scope),
      )?.[0] ?? scope,
  );
  return names.length > 0 && error.detail.startsWith('This operation needs')
    ? `Missing required scope: ${names.join(', ')}`
    : error.detail;
}
