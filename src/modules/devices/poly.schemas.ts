/** Bodies of the Poly device writes: the paired device (headset ↔ base or dongle) and firmware per component. */
import { type Static, Type } from 'typebox';
import { Nullable } from '../../http/schemas.js';

export const PairedDeviceBody = Type.Object(
  {
    deviceId: Nullable(
      Type.String({ minLength: 1, maxLength: 64, description: 'The device to pair with; null unpairs.' }),
    ),
  },
  { additionalProperties: false },
);
export type PairedDeviceBody = Static<typeof PairedDeviceBody>;

const Version = Nullable(Type.String({ minLength: 1, maxLength: 100, pattern: '^\\S(.*\\S)?$' }));

export const FirmwareBody = Type.Object(
  {
    main: Type.Optional(Version),
    base: Type.Optional(Version),
    headset: Type.Optional(Version),
    bluetooth: Type.Optional(Version),
    usb: Type.Optional(Version),
  },
  {
    additionalProperties: false,
    description: 'The installed version of every component: a missing member is null (not reported).',
  },
);
export type FirmwareBody = Static<typeof FirmwareBody>;
