/** Schema pieces every native route shares: nullable values, list parameters, the problem body. */
import { type Static, type TObject, type TSchema, Type } from 'typebox';

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

/**
 * A resource as it goes on the wire: every field is present unless `fields=` selects some, so all
 * are optional to the serializer; unknown fields are still refused (an allowlist).
 */
export function wireResource<T extends TObject>(shape: T, $id: string, noun: string) {
  return Type.Partial(shape, {
    $id,
    additionalProperties: false,
    description: `${noun}. All fields are returned unless the fields parameter selects some.`,
  });
}

/** The top-level field names of a resource shape: what `fields=` may name. */
export function fieldNames<T extends TObject>(shape: T): (keyof Static<T> & string)[] {
  return Object.keys(shape.properties) as (keyof Static<T> & string)[];
}
