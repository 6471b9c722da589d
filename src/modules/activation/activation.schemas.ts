/** Bodies and answers of activation codes and of Webex's MAC list validation. Allowlists only. */
import { type Static, Type } from 'typebox';
import { Instant } from '../../http/schemas.js';

const OwnerId = (description: string) => Type.String({ minLength: 1, maxLength: 64, description });

export const ActivationCodeBody = Type.Object(
  {
    personId: Type.Optional(OwnerId('The person the device is for; agents and supervisors: themselves (default).')),
    workspaceId: Type.Optional(OwnerId('The workspace the device is for. Not with personId.')),
    model: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'A catalogue product, by name (Webex: "DMS Cisco 8865") or model id.',
    }),
  },
  { additionalProperties: false },
);
export type ActivationCodeBody = Static<typeof ActivationCodeBody>;

export const IssuedActivationCode = Type.Object(
  {
    code: Type.String({
      pattern: '^[0-9]{16}$',
      description: 'Sixteen digits, shown only in this answer; usable once.',
    }),
    expiresAt: Instant,
    device: Type.Ref('Device'),
  },
  { additionalProperties: false },
);

export const ActivationBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, description: 'The 16-digit code (spaces and hyphens ignored).' }),
    mac: Type.String({
      minLength: 1,
      maxLength: 64,
      description: "The registering device's MAC, any accepted layout.",
    }),
    serial: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type ActivationBody = Static<typeof ActivationBody>;

export const MacListBody = Type.Object(
  { macs: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000, description: 'Up to 1,000 MACs.' }) },
  { additionalProperties: false },
);
export type MacListBody = Static<typeof MacListBody>;

export const MacListValidation = Type.Object(
  {
    status: Type.String({ enum: ['OK', 'ERRORS'] }),
    macStatus: Type.Array(
      Type.Object(
        {
          mac: Type.String({ description: 'As sent.' }),
          state: Type.String({ enum: ['AVAILABLE', 'UNAVAILABLE', 'DUPLICATE_IN_LIST', 'INVALID'] }),
          errorCode: Type.Optional(Type.Integer()),
          message: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
