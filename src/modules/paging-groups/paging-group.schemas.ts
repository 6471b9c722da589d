/** The native paging-group resource, its list parameters and its write bodies. Response schemas are allowlists. */
import { type Static, Type } from 'typebox';
import { fieldNames, Instant, listParameters, Nullable, wireResource } from '../../http/schemas.js';

/** Members of one group: enough for a building's overhead speakers and desk phones. */
export const MAX_PAGING_GROUP_DEVICES = 500;

const PagingGroupShape = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    extension: Nullable(Type.String()),
    deviceIds: Type.Array(Type.String(), { description: 'The member devices, in id order.' }),
    createdAt: Instant,
    updatedAt: Instant,
    version: Type.Integer(),
  },
  { additionalProperties: false },
);
export type PagingGroupView = Static<typeof PagingGroupShape>;
export const PAGING_GROUP_FIELDS = fieldNames(PagingGroupShape);

export const PagingGroup = wireResource(
  PagingGroupShape,
  'PagingGroup',
  'A paging group: devices of the tenant that receive the pages sent to the group (its extension)',
);

export const PagingGroupListQuery = Type.Object(
  {
    ...listParameters,
    sort: Type.Optional(Type.String({ description: 'id (default), name; prefix with - for descending.' })),
  },
  { additionalProperties: false },
);
export type PagingGroupListQuery = Static<typeof PagingGroupListQuery>;

export const PagingGroupParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const PagingGroupGetQuery = Type.Object({ fields: listParameters.fields }, { additionalProperties: false });

const DeviceIds = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
  maxItems: MAX_PAGING_GROUP_DEVICES,
  uniqueItems: true,
  description: `Devices of the tenant (at most ${MAX_PAGING_GROUP_DEVICES}); a device may be in several groups.`,
});

export const PagingGroupBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: 'Unique in the tenant.' }),
    extension: Type.Optional(
      Nullable(Type.String({ pattern: '^[0-9]{2,10}$', description: '2 to 10 digits, unique among paging groups.' })),
    ),
    deviceIds: Type.Optional(DeviceIds),
  },
  { additionalProperties: false, description: 'A new paging group and, optionally, its member devices.' },
);
export type PagingGroupBody = Static<typeof PagingGroupBody>;

export const PagingGroupDevicesBody = Type.Object(
  { deviceIds: DeviceIds },
  { additionalProperties: false, description: 'The whole member list: it replaces the current one.' },
);
export type PagingGroupDevicesBody = Static<typeof PagingGroupDevicesBody>;
