/** The body of PUT /v1/devices/{id}/lines: the device's whole line list (Webex's members PUT replaces it too). */
import { type Static, Type } from 'typebox';

/** RingCentral's line types (PhoneLinesInfo.lineType), as the demo fleet stores them. */
export const LINE_TYPES = ['Standalone', 'StandaloneFree', 'BlaPrimary', 'BlaSecondary', 'Unknown'] as const;

export const DeviceLinesBody = Type.Object(
  {
    lines: Type.Array(
      Type.Object(
        {
          position: Type.Integer({ minimum: 0, maximum: 63, description: 'Line key; 0 is the primary line.' }),
          phoneNumberId: Type.String({ minLength: 1, maxLength: 64, description: 'A phone number of the tenant.' }),
          lineType: Type.String({ enum: [...LINE_TYPES] }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 64 },
    ),
  },
  { additionalProperties: false },
);
export type DeviceLinesBody = Static<typeof DeviceLinesBody>;
