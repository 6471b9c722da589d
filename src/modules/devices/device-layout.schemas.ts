/**
 * A device's line-key layout: what each programmable line key (and each key of attached key expansion modules)
 * does. The shape is Webex Calling's (the spec extract's DeviceLayout), kept as Ucfleet's canonical form.
 * `sharedLineIndex` is required by the spec's schema but absent from its own example for non-shared keys: it
 * is optional here and required for SHARED_LINE keys only (device-layout.ts).
 */
import { type Static, Type } from 'typebox';

export const LINE_KEY_TYPES = [
  'PRIMARY_LINE',
  'SHARED_LINE',
  'MONITOR',
  'CALL_PARK_EXTENSION',
  'SPEED_DIAL',
  'OPEN',
  'CLOSED',
  'MODE_MANAGEMENT',
] as const;
/** Keys per expansion module, by module type. */
export const KEM_KEYS_BY_TYPE = { KEM_14_KEYS: 14, KEM_18_KEYS: 18, KEM_20_KEYS: 20 } as const;

const Index = Type.Integer({ minimum: 1, maximum: 1000 });
const KeyType = Type.Enum([...LINE_KEY_TYPES]);
const Label = Type.String({ maxLength: 100 });
const Value = Type.String({ maxLength: 300 });

export const DeviceLayout = Type.Object(
  {
    layoutMode: Type.Enum(['DEFAULT', 'CUSTOM']),
    userReorderEnabled: Type.Optional(Type.Boolean()),
    lineKeys: Type.Array(
      Type.Object(
        {
          lineKeyIndex: Index,
          lineKeyType: KeyType,
          lineKeyLabel: Type.Optional(Label),
          lineKeyValue: Type.Optional(Value),
          sharedLineIndex: Type.Optional(Index),
        },
        { additionalProperties: false },
      ),
      { maxItems: 100 },
    ),
    kemModuleType: Type.Optional(Type.Enum(['KEM_14_KEYS', 'KEM_18_KEYS', 'KEM_20_KEYS'])),
    kemKeys: Type.Optional(
      Type.Array(
        Type.Object(
          {
            kemModuleIndex: Index,
            kemKeyIndex: Index,
            kemKeyType: KeyType,
            kemKeyLabel: Type.Optional(Label),
            kemKeyValue: Type.Optional(Value),
            sharedLineIndex: Type.Optional(Index),
          },
          { additionalProperties: false },
        ),
        { maxItems: 100 },
      ),
    ),
  },
  { additionalProperties: false },
);
export type DeviceLayout = Static<typeof DeviceLayout>;
