/** The native workspace resource, its list parameters and its write bodies. Response schemas are allowlists. */
import { type Static, Type } from 'typebox';
import { fieldNames, Instant, listParameters, Nullable, wireResource } from '../../http/schemas.js';

const WorkspaceShape = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    site: Nullable(Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false })),
    createdAt: Instant,
    updatedAt: Instant,
    version: Type.Integer(),
  },
  { additionalProperties: false },
);
export type WorkspaceView = Static<typeof WorkspaceShape>;
export type WorkspaceField = keyof WorkspaceView;
export const WORKSPACE_FIELDS = fieldNames(WorkspaceShape);

export const Workspace = wireResource(WorkspaceShape, 'Workspace', 'A workspace (room, lobby, shared desk)');

export const WorkspaceListQuery = Type.Object(
  {
    ...listParameters,
    sort: Type.Optional(Type.String({ description: 'id (default), name; prefix with - for descending.' })),
    site: Type.Optional(Type.String({ maxLength: 200, description: 'Site id or name.' })),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Substring of the name, any case.' })),
  },
  { additionalProperties: false },
);
export type WorkspaceListQuery = Static<typeof WorkspaceListQuery>;

export const WorkspaceParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const WorkspaceGetQuery = Type.Object({ fields: listParameters.fields }, { additionalProperties: false });

const name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'Unique in the tenant.' });
const siteId = Nullable(Type.String({ minLength: 1, maxLength: 64, description: 'A site of the tenant.' }));

export const WorkspaceBody = Type.Object(
  { name, siteId: Type.Optional(siteId) },
  { additionalProperties: false, description: 'The writable fields of a workspace. On PUT a missing site is cleared.' },
);
export type WorkspaceBody = Static<typeof WorkspaceBody>;

export const WorkspacePatchBody = Type.Object(
  { name: Type.Optional(name), siteId: Type.Optional(siteId) },
  { additionalProperties: false, description: 'A JSON merge patch (RFC 7396): null clears the site.' },
);
export type WorkspacePatchBody = Static<typeof WorkspacePatchBody>;
