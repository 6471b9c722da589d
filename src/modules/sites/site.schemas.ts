/** The native site resource and the site list parameters. Response schemas are allowlists. */
import { type Static, Type } from 'typebox';
import { fieldNames, Instant, listParameters, Nullable, wireResource } from '../../http/schemas.js';

const SiteShape = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    address: Type.Object(
      {
        street: Nullable(Type.String()),
        street2: Nullable(Type.String()),
        city: Nullable(Type.String()),
        state: Nullable(Type.String()),
        postalCode: Nullable(Type.String()),
        countryCode: Nullable(Type.String({ description: 'ISO 3166-1 alpha-2.' })),
      },
      { additionalProperties: false },
    ),
    timeZone: Nullable(Type.String({ description: 'IANA time zone, e.g. Europe/Berlin.' })),
    subnets: Type.Array(Type.String(), { description: "CIDR blocks on which the site's devices are found." }),
    emergencyAddress: Nullable(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'Where emergency services are sent, when it differs from the street address.',
      }),
    ),
    createdAt: Instant,
    updatedAt: Instant,
    version: Type.Integer(),
  },
  { additionalProperties: false },
);
export type SiteView = Static<typeof SiteShape>;
export type SiteField = keyof SiteView;
export const SITE_FIELDS = fieldNames(SiteShape);

export const Site = wireResource(SiteShape, 'Site', 'A site');

export const SiteListQuery = Type.Object(
  {
    ...listParameters,
    sort: Type.Optional(Type.String({ description: 'id (default), name; prefix with - for descending.' })),
    country: Type.Optional(
      Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2 country code, any case.' }),
    ),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Substring of the name, any case.' })),
  },
  { additionalProperties: false },
);
export type SiteListQuery = Static<typeof SiteListQuery>;

export const SiteParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const SiteGetQuery = Type.Object({ fields: listParameters.fields }, { additionalProperties: false });
