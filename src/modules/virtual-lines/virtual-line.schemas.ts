/** The native virtual-line resource, its list parameters and its write bodies. Response schemas are allowlists. */
import { type Static, Type } from 'typebox';
import { fieldNames, Instant, listParameters, Nullable, wireResource } from '../../http/schemas.js';

const VirtualLineShape = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    firstName: Type.String(),
    lastName: Type.String(),
    displayName: Nullable(Type.String()),
    extension: Nullable(Type.String()),
    phoneNumber: Nullable(Type.Object({ id: Type.String(), number: Type.String() }, { additionalProperties: false })),
    site: Nullable(Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false })),
    createdAt: Instant,
    updatedAt: Instant,
    version: Type.Integer(),
  },
  { additionalProperties: false },
);
export type VirtualLineView = Static<typeof VirtualLineShape>;
export type VirtualLineField = keyof VirtualLineView;
export const VIRTUAL_LINE_FIELDS = fieldNames(VirtualLineShape);

export const VirtualLine = wireResource(
  VirtualLineShape,
  'VirtualLine',
  'A virtual line: an extension or number with its own caller id, at a site, tied to no person',
);

export const VirtualLineListQuery = Type.Object(
  {
    ...listParameters,
    sort: Type.Optional(Type.String({ description: 'id (default), lastName; prefix with - for descending.' })),
    site: Type.Optional(Type.String({ maxLength: 200, description: 'Site id or name.' })),
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'Substring of the first, last or display name or the extension.' }),
    ),
  },
  { additionalProperties: false },
);
export type VirtualLineListQuery = Static<typeof VirtualLineListQuery>;

export const VirtualLineParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const VirtualLineGetQuery = Type.Object({ fields: listParameters.fields }, { additionalProperties: false });

const Name = (description: string) => Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description });
const Id = (description: string) => Nullable(Type.String({ minLength: 1, maxLength: 64, description }));

const writable = {
  firstName: Name('Caller id first name.'),
  lastName: Name('Caller id last name.'),
  displayName: Nullable(Name('Shown instead of "firstName lastName".')),
  extension: Nullable(Type.String({ pattern: '^[0-9]{2,10}$', description: '2 to 10 digits, unique in the tenant.' })),
  phoneNumberId: Id('A phone number of the tenant, on no other virtual line.'),
  siteId: Id('A site of the tenant.'),
};
const { firstName, lastName, ...optional } = writable;

export const VirtualLineBody = Type.Object(
  {
    firstName,
    lastName,
    displayName: Type.Optional(optional.displayName),
    extension: Type.Optional(optional.extension),
    phoneNumberId: Type.Optional(optional.phoneNumberId),
    siteId: Type.Optional(optional.siteId),
  },
  {
    additionalProperties: false,
    description:
      'The writable fields of a virtual line; it needs an extension, a phone number or both. On PUT a missing ' +
      'member is cleared.',
  },
);
export type VirtualLineBody = Static<typeof VirtualLineBody>;

export const VirtualLinePatchBody = Type.Object(
  {
    firstName: Type.Optional(firstName),
    lastName: Type.Optional(lastName),
    displayName: Type.Optional(optional.displayName),
    extension: Type.Optional(optional.extension),
    phoneNumberId: Type.Optional(optional.phoneNumberId),
    siteId: Type.Optional(optional.siteId),
  },
  { additionalProperties: false, description: 'A JSON merge patch (RFC 7396): null clears a nullable member.' },
);
export type VirtualLinePatchBody = Static<typeof VirtualLinePatchBody>;
