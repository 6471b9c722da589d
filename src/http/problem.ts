/**
 * Native error rendering: RFC 9457 problem+json with the catalogue's stable code. Never a stack
 * trace, SQL or file path; unexpected errors are logged in full and answered as internal_error.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../errors.js';

export const PROBLEM_TYPE_BASE = 'https://ucfleet.dev/problems/';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  parameter?: string;
}

export function problemOf(error: AppError, request: FastifyRequest): ProblemBody {
  return {
    type: PROBLEM_TYPE_BASE + error.code,
    title: error.title,
    status: error.status,
    detail: error.detail,
    instance: request.url.split('?')[0] ?? request.url,
    code: error.code,
    ...(error.extras.parameter ? { parameter: error.extras.parameter } : {}),
  };
}

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  const challenge = bearerChallenge(error);
  if (challenge) reply.header('www-authenticate', challenge);
  return reply.code(error.status).type('application/problem+json').send(problemOf(error, reply.request));
}

/** The RFC 6750 challenge for an authentication or authorization failure, else undefined. */
export function bearerChallenge(error: AppError): string | undefined {
  if (error.code === 'unauthenticated') return 'Bearer realm="ucfleet"';
  if (error.code === 'invalid_credentials') return 'Bearer realm="ucfleet", error="invalid_token"';
  if (error.code === 'insufficient_scope') {
    return `Bearer realm="ucfleet", error="insufficient_scope", scope="${error.extras.scope ?? ''}"`;
  }
  return undefined;
}

/** Maps anything thrown during a request onto the catalogue. */
export function toAppError(error: unknown, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  const e = error as FastifyError & { validationContext?: string };
  if (e.validation) return validationError(e);
  const known: Record<string, ErrorCode> = {
    FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_body',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_body',
    FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_body',
  };
  const mapped = e.code ? known[e.code] : undefined;
  if (mapped)
    return new AppError(mapped, mapped === 'invalid_body' ? 'The request body is not valid JSON.' : e.message);
  if (e.statusCode === 400 && e.message?.includes('JSON'))
    return new AppError('invalid_body', 'The request body is not valid JSON.');
  if (isDatabaseUnavailable(e)) {
    request.log.error({ err: error }, 'database unavailable');
    return new AppError('service_unavailable', 'The database is unavailable; retry shortly.');
  }
  request.log.error({ err: error }, 'unhandled error');
  return new AppError('internal_error', 'Something went wrong on our side. The error has been logged.');
}

function validationError(e: FastifyError & { validationContext?: string }): AppError {
  const first = e.validation?.[0];
  const where =
    e.validationContext === 'body'
      ? 'body'
      : e.validationContext === 'params'
        ? 'path'
        : e.validationContext === 'headers'
          ? 'header'
          : 'query';
  const params = (first?.params ?? {}) as Record<string, unknown>;
  const path = (first?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const name =
    typeof params.additionalProperty === 'string'
      ? [path, params.additionalProperty].filter(Boolean).join('.') // nested: emergency.address.colour
      : typeof params.missingProperty === 'string'
        ? params.missingProperty
        : path.split('.')[0] || path;
  let detail: string;
  if (typeof params.additionalProperty === 'string') detail = `Unknown ${where} parameter '${name}'.`;
  else if (typeof params.missingProperty === 'string') detail = `The ${where} parameter '${name}' is required.`;
  else detail = `The ${where} parameter '${path || name}' ${first?.message ?? 'is invalid'}.`;
  const missing = typeof params.missingProperty === 'string';
  const code: ErrorCode = where === 'body' ? 'invalid_body' : missing ? 'missing_parameter' : 'invalid_parameter';
  return new AppError(code, detail, name ? { parameter: name } : {});
}

function isDatabaseUnavailable(e: { code?: string }): boolean {
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08006', '08001', 'SQLITE_BUSY'].includes(
      e.code ?? '',
    ) || /Connection terminated|timeout exceeded when trying to connect/i.test((e as Error).message ?? '')
  );
}
