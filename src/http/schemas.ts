/** Schema pieces every native route shares: nullable values, list parameters, the problem body. */
import { type Static, type TSchema, Type } from 'typebox';

/**
 * `T | null` as a JSON Schema type array rather than anyOf: the serializer then checks
 * typeof instead of running a validator for every nullable value.
 */
export const Nullable = <T extends TSchema>(schema: T) => {
  const { type, ...rest } = schema as unknown as { type: string } & Record<string, unknown>;
  return Type.Unsafe<Static<T> | null>({ ...rest, type: [type, 'null'] });
};

export const Instant = Type.String({ format: 'date-time', description: 'ISO 8601, UTC' });

/** Paging, sorting and projection, common to every native list. */
export const listParameters = {
  limit: Type.Optional(
    Type.Integer({ minimum: 1, description: 'Page size, default 50; values above 500 are clamped to 500.' }),
  ),
  cursor: Type.Optional(Type.String({ maxLength: 512, description: 'Opaque position returned as nextCursor.' })),
  fields: Type.Optional(
    Type.String({ maxLength: 2000, description: 'Comma-separated top-level fields to return (projection).' }),
  ),
};

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.String(),
    code: Type.String(),
    parameter: Type.Optional(Type.String()),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details with a stable code.' },
);

export const errorResponses = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
} as const;

export function listEnvelope<T extends TSchema>(item: T) {
  return Type.Object(
    {
      items: Type.Array(item),
      nextCursor: Nullable(Type.String()),
    },
    { additionalProperties: false },
  );
}
