/** The native audit event resource and the audit list parameters. Response schemas are allowlists. */
import { type Static, Type } from 'typebox';
import { Instant, Nullable, fieldNames, listParameters, wireResource } from '../../http/schemas.js';

const Snapshot = (description: string) => Nullable(Type.Record(Type.String(), Type.Unknown(), { description }));

const AuditEventShape = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'UUIDv7 minted from occurredAt: id order is time order.' }),
    occurredAt: Instant,
    requestId: Nullable(Type.String({ description: 'The X-Request-Id of the change; null for the CLI.' })),
    actor: Type.Object(
      {
        kind: Type.String({ description: 'api_key, oauth_client, session, password or system.' }),
        id: Nullable(Type.String({ description: 'The acting person, else the credential.' })),
        credentialId: Nullable(Type.String()),
      },
      { additionalProperties: false },
    ),
    action: Type.String({ description: '<resource type>.<verb>, e.g. api_key.create.' }),
    resourceType: Type.String(),
    resourceId: Type.String(),
    before: Snapshot('The resource before the change, as an admin sees it; null on create.'),
    after: Snapshot('The resource after the change, as an admin sees it; null on delete.'),
  },
  { additionalProperties: false },
);
export type AuditEventView = Static<typeof AuditEventShape>;
export const AUDIT_EVENT_FIELDS = fieldNames(AuditEventShape);

export const AuditEvent = wireResource(AuditEventShape, 'AuditEvent', 'A recorded change');

const exact = (description: string, maxLength = 200) => Type.Optional(Type.String({ maxLength, description }));
const instant = (description: string) =>
  Type.Optional(Type.String({ format: 'date-time', maxLength: 64, description }));

export const AuditEventListQuery = Type.Object(
  {
    ...listParameters,
    sort: Type.Optional(
      Type.String({ description: '-occurredAt (default, newest first) or occurredAt (oldest first).' }),
    ),
    action: exact('Exactly this action, e.g. api_key.create.'),
    resourceType: exact('Exactly this resource type, e.g. api_key.'),
    resourceId: exact('Exactly this resource id.'),
    actor: exact('The acting person id, or the credential id when no person acted.'),
    credential: exact('The credential (API key, OAuth client, session) id that made the change.'),
    requestId: exact('The X-Request-Id of the request that made the change.'),
    since: instant('ISO 8601 instant with a time zone; events at or after it.'),
    until: instant('ISO 8601 instant with a time zone; events before it.'),
  },
  { additionalProperties: false },
);
export type AuditEventListQuery = Static<typeof AuditEventListQuery>;
