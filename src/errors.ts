/**
 * The error catalogue: one stable code per failure, with its HTTP status and title.
 * Domain code throws `AppError(code, detail)`; each API surface renders it in its own shape
 * (RFC 9457 problem+json natively, the vendor's error body in a dialect).
 * docs/errors.md lists the same codes; a test keeps the two in sync.
 */
export const errorCatalogue = {
  invalid_parameter: { status: 400, title: 'Invalid parameter' },
  invalid_body: { status: 400, title: 'Invalid request body' },
  invalid_cursor: { status: 400, title: 'Invalid cursor' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  invalid_credentials: { status: 401, title: 'Invalid credentials' },
  insufficient_scope: { status: 403, title: 'Insufficient scope' },
  route_not_found: { status: 404, title: 'Route not found' },
  device_not_found: { status: 404, title: 'Device not found' },
  person_not_found: { status: 404, title: 'Person not found' },
  site_not_found: { status: 404, title: 'Site not found' },
  product_not_found: { status: 404, title: 'Product not found' },
  user_group_not_found: { status: 404, title: 'User group not found' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal_error: { status: 500, title: 'Internal error' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export class AppError extends Error {
  readonly status: number;
  readonly title: string;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    /** Extra, safe-to-show members (e.g. the offending parameter). */
    readonly extras: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    this.name = 'AppError';
    this.status = errorCatalogue[code].status;
    this.title = errorCatalogue[code].title;
  }
}

export function invalidParameter(parameter: string, detail: string): AppError {
  return new AppError('invalid_parameter', detail, { parameter });
}
