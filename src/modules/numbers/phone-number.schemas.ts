/**
 * The native phone-number resource and its write bodies. A number is written as `number` (international, or
 * national with `country`, or an internal extension such as "3001"); everything else is derived from it.
 */
import { type Static, Type } from 'typebox';
import { Instant, listParameters, Nullable } from '../../http/schemas.js';

export const PhoneNumberView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    number: Type.String({ description: 'E.164 ("+16509870000"), or the extension as given ("3001").' }),
    e164: Nullable(Type.String()),
    countryCode: Nullable(Type.String({ description: 'ISO 3166-1 alpha-2.' })),
    countryName: Nullable(Type.String()),
    callingCode: Nullable(Type.String()),
    nationalFormat: Nullable(Type.String()),
    location: Nullable(Type.String({ description: "The number's area (e.g. California), else its country." })),
    numberType: Nullable(Type.String({ description: 'fixed_line, mobile, toll_free, voip, extension, …' })),
    createdAt: Instant,
    updatedAt: Instant,
    version: Type.Integer(),
  },
  { additionalProperties: false },
);
export type PhoneNumberView = Static<typeof PhoneNumberView>;

const writable = {
  number: Type.String({
    minLength: 1,
    maxLength: 40,
    description: 'International (+1 650 987 0000), national with country, or an extension (1 to 8 digits).',
  }),
  country: Nullable(
    Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2: how to read a national number.' }),
  ),
};

export const PhoneNumberBody = Type.Object(
  { number: writable.number, country: Type.Optional(writable.country) },
  { additionalProperties: false },
);
export type PhoneNumberBody = Static<typeof PhoneNumberBody>;

export const PhoneNumberPatchBody = Type.Object(
  { number: Type.Optional(writable.number), country: Type.Optional(writable.country) },
  { additionalProperties: false },
);
export type PhoneNumberPatchBody = Static<typeof PhoneNumberPatchBody>;

export const PhoneNumberListQuery = Type.Object(
  {
    limit: listParameters.limit,
    cursor: listParameters.cursor,
    q: Type.Optional(Type.String({ maxLength: 40, description: 'Substring of the number.' })),
  },
  { additionalProperties: false },
);
export type PhoneNumberListQuery = Static<typeof PhoneNumberListQuery>;
