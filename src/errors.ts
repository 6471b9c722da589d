/**
 * The error catalogue: one stable code per failure, with its HTTP status and title.
 * Domain code throws `AppError(code, detail)`; each API surface renders it in its own shape
 * (RFC 9457 problem+json natively, the vendor's error body in a dialect).
 * docs/errors.md lists the same codes; a test keeps the two in sync.
 */
export const errorCatalogue = {
  invalid_parameter: { status: 400, title: 'Invalid parameter' },
  missing_parameter: { status: 400, title: 'Missing parameter' },
  invalid_body: { status: 400, title: 'Invalid request body' },
  invalid_cursor: { status: 400, title: 'Invalid cursor' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  invalid_credentials: { status: 401, title: 'Invalid credentials' },
  insufficient_scope: { status: 403, title: 'Insufficient scope' },
  csrf_header_required: { status: 403, title: 'CSRF header required' },
  device_not_owned: { status: 403, title: 'Not your device' },
  monitoring_not_yours: { status: 403, title: 'Not your monitoring session' },
  app_not_authorized: { status: 403, title: 'App not authorized' },
  tenant_not_authorized: { status: 403, title: 'Tenant not authorized' },
  route_not_found: { status: 404, title: 'Route not found' },
  device_not_found: { status: 404, title: 'Device not found' },
  phone_number_not_found: { status: 404, title: 'Phone number not found' },
  job_not_found: { status: 404, title: 'Job not found' },
  person_not_found: { status: 404, title: 'Person not found' },
  site_not_found: { status: 404, title: 'Site not found' },
  product_not_found: { status: 404, title: 'Product not found' },
  user_group_not_found: { status: 404, title: 'User group not found' },
  workspace_not_found: { status: 404, title: 'Workspace not found' },
  virtual_line_not_found: { status: 404, title: 'Virtual line not found' },
  paging_group_not_found: { status: 404, title: 'Paging group not found' },
  oauth_client_not_found: { status: 404, title: 'OAuth client not found' },
  api_key_not_found: { status: 404, title: 'API key not found' },
  app_not_found: { status: 404, title: 'App not found' },
  authorization_not_found: { status: 404, title: 'App authorization not found' },
  tenant_not_found: { status: 404, title: 'Tenant not found' },
  login_not_found: { status: 404, title: 'Login not found' },
  session_not_found: { status: 404, title: 'Session not found' },
  policy_not_found: { status: 404, title: 'Compliance policy not found' },
  release_not_found: { status: 404, title: 'Firmware release not found' },
  app_id_taken: { status: 409, title: 'App id taken' },
  authorization_closed: { status: 409, title: 'App authorization closed' },
  login_taken: { status: 409, title: 'Login taken' },
  device_mac_taken: { status: 409, title: 'MAC address taken' },
  device_serial_taken: { status: 409, title: 'Serial number taken' },
  person_username_taken: { status: 409, title: 'Username taken' },
  person_email_taken: { status: 409, title: 'E-mail address taken' },
  user_group_name_taken: { status: 409, title: 'User group name taken' },
  user_group_in_use: { status: 409, title: 'User group in use' },
  policy_name_taken: { status: 409, title: 'Compliance policy name taken' },
  product_in_use: { status: 409, title: 'Product in use' },
  site_name_taken: { status: 409, title: 'Site name taken' },
  workspace_name_taken: { status: 409, title: 'Workspace name taken' },
  extension_taken: { status: 409, title: 'Extension taken' },
  virtual_line_number_taken: { status: 409, title: 'Phone number taken by a virtual line' },
  virtual_line_in_use: { status: 409, title: 'Virtual line in use' },
  paging_group_name_taken: { status: 409, title: 'Paging group name taken' },
  write_conflict: { status: 409, title: 'Write conflict' },
  device_not_a_phone: { status: 409, title: 'Not a phone' },
  device_has_no_number: { status: 409, title: 'No phone number' },
  device_monitored: { status: 409, title: 'Device already monitored' },
  device_already_monitoring: { status: 409, title: 'Device already monitoring' },
  device_not_monitoring: { status: 409, title: 'No monitoring session' },
  monitoring_device_unowned: { status: 409, title: 'Monitoring device has no owner' },
  device_not_activated: { status: 409, title: 'Device not activated' },
  device_already_paired: { status: 409, title: 'Device already paired' },
  device_assigned: { status: 409, title: 'Device assigned' },
  phone_number_taken: { status: 409, title: 'Phone number taken' },
  phone_number_in_use: { status: 409, title: 'Phone number in use' },
  activation_code_invalid: { status: 422, title: 'Activation code not usable' },
  idempotency_key_in_use: { status: 409, title: 'Idempotency key in use' },
  precondition_failed: { status: 412, title: 'Precondition failed' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  idempotency_key_mismatch: { status: 422, title: 'Idempotency key reused for another request' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal_error: { status: 500, title: 'Internal error' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
  // The OAuth 2.0 token endpoint (RFC 6749 §5.2) answers these as {error, error_description}.
  invalid_request: { status: 400, title: 'Invalid token request' },
  invalid_client: { status: 401, title: 'Client authentication failed' },
  unauthorized_client: { status: 400, title: 'Client not authorized for this grant' },
  unsupported_grant_type: { status: 400, title: 'Unsupported grant type' },
  invalid_scope: { status: 400, title: 'Invalid scope' },
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
