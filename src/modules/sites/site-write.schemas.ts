/**
 * The bodies of site writes: POST and PUT (the whole writable document) and PATCH (a JSON merge patch of it).
 * Unknown members are refused (400 naming them). The country code, time zone and subnets are checked by the
 * service (site-rules.ts), which names the field and the rule.
 */
import { type Static, Type } from 'typebox';
import { Nullable } from '../../http/schemas.js';

const Text = (maxLength: number, description?: string) =>
  Nullable(Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) }));

const Address = Type.Object(
  {
    street: Type.Optional(Text(200)),
    street2: Type.Optional(Text(200)),
    city: Type.Optional(Text(100)),
    state: Type.Optional(Text(100)),
    postalCode: Type.Optional(Text(20)),
    countryCode: Type.Optional(Text(2, 'ISO 3166-1 alpha-2, any case; stored upper-case.')),
  },
  { additionalProperties: false, description: 'A missing member is null.' },
);

const writable = {
  name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'Unique in the tenant.' }),
  address: Address,
  timeZone: Text(64, 'IANA time zone, e.g. Europe/Berlin.'),
  subnets: Type.Array(Type.String({ maxLength: 64 }), {
    maxItems: 100,
    uniqueItems: true,
    description: "CIDR blocks on which the site's devices are found; a write replaces the whole list.",
  }),
  emergencyAddress: Nullable(
    Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), {
      maxProperties: 50,
      description: 'Where emergency services are sent, when it differs from the street address.',
    }),
  ),
};

const { name, ...optional } = writable;
const optionalMembers = {
  address: Type.Optional(optional.address),
  timeZone: Type.Optional(optional.timeZone),
  subnets: Type.Optional(optional.subnets),
  emergencyAddress: Type.Optional(optional.emergencyAddress),
};

export const SiteBody = Type.Object(
  { name, ...optionalMembers },
  { additionalProperties: false, description: 'The writable fields of a site. On PUT a missing member is cleared.' },
);
export type SiteBody = Static<typeof SiteBody>;

export const SitePatchBody = Type.Object(
  { name: Type.Optional(name), ...optionalMembers },
  {
    additionalProperties: false,
    description: 'A JSON merge patch (RFC 7396): members present are set, null clears a nullable member.',
  },
);
export type SitePatchBody = Static<typeof SitePatchBody>;
