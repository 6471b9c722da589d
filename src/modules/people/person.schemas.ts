/** The native person resource and the people list parameters. Response schemas are allowlists. */
import { type Static, Type } from 'typebox';
import { fieldNames, Instant, listParameters, Nullable, wireResource } from '../../http/schemas.js';
import { DeviceListQuery } from '../devices/device.schemas.js';
import { Provenance } from '../presenting.js';

const PersonShape = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    username: Type.String(),
    firstName: Nullable(Type.String()),
    lastName: Nullable(Type.String()),
    displayName: Type.String({ description: 'First and last name, or the username when both are missing.' }),
    email: Nullable(Type.String()),
    extensionNumber: Nullable(Type.String()),
    roles: Type.Array(Type.String()),
    site: Nullable(Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false })),
    userGroups: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false }), {
      description: 'Membership order: highest priority first.',
    }),
    agentState: Nullable(
      Type.Object(
        {
          state: Type.String({ description: 'Ready | NotReady' }),
          workMode: Nullable(Type.String({ description: 'Work mode while NotReady, e.g. AuxWork.' })),
        },
        {
          additionalProperties: false,
          description: 'Contact-center agent state; null when the person is not an agent.',
        },
      ),
    ),
    provenance: Provenance,
    createdAt: Instant,
    updatedAt: Instant,
    version: Type.Integer(),
  },
  { additionalProperties: false },
);
export type PersonView = Static<typeof PersonShape>;
export type PersonField = keyof PersonView;
export const PERSON_FIELDS = fieldNames(PersonShape);

export const Person = wireResource(PersonShape, 'Person', 'A person');

const personFilterParameters = {
  ...listParameters,
  sort: Type.Optional(Type.String({ description: 'id (default), username; prefix with - for descending.' })),
  site: Type.Optional(Type.String({ maxLength: 200, description: 'Site id or name.' })),
  role: Type.Optional(Type.String({ maxLength: 100, description: 'A role the person holds (e.g. agent), any case.' })),
  q: Type.Optional(
    Type.String({ maxLength: 200, description: 'Substring of username, first or last name, or email; any case.' }),
  ),
};

export const PersonListQuery = Type.Object(
  {
    ...personFilterParameters,
    userGroup: Type.Optional(Type.String({ maxLength: 200, description: 'User group id or name.' })),
  },
  { additionalProperties: false },
);
export type PersonListQuery = Static<typeof PersonListQuery>;

/** The members of one user group: the people list parameters without userGroup. */
export const GroupMemberListQuery = Type.Object(personFilterParameters, { additionalProperties: false });
export type GroupMemberListQuery = Static<typeof GroupMemberListQuery>;

const { owner: _owner, ...personDeviceParameters } = DeviceListQuery.properties;

/** A person's devices: the device list parameters without owner (the owner is the person). */
export const PersonDeviceListQuery = Type.Object(personDeviceParameters, { additionalProperties: false });
export type PersonDeviceListQuery = Static<typeof PersonDeviceListQuery>;

export const PersonParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const PersonGetQuery = Type.Object({ fields: listParameters.fields }, { additionalProperties: false });
