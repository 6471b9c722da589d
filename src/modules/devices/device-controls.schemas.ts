/**
 * The contact-center controls of a device (Genesys rules, vendor-apis.md §2): the request bodies of its
 * telephony identity, do-not-disturb, forwarding and supervisor monitoring, the body of a person's agent
 * state, and the DeviceTelephony resource every control answers with.
 */
import { type Static, Type } from 'typebox';
import { Nullable } from '../../http/schemas.js';
import { CAPABILITIES } from './capabilities.js';
import { MonitoringSession } from './device.schemas.js';

export const TELEPHONY_NETWORKS = ['Public', 'Private'] as const;
export const MONITORING_STATES = ['ListenIn', 'BargeIn', 'Coach'] as const;
export const MONITORING_MODES = ['NextCall', 'AllCalls'] as const;
export const MONITORING_SCOPES = ['Agent', 'Call'] as const;
export const AGENT_STATES = ['Ready', 'NotReady'] as const;
/** Genesys voice-channel work modes while NotReady. */
export const AGENT_WORK_MODES = ['AuxWork', 'AfterCallWork', 'LegalGuard', 'NoCallDisconnect', 'WalkAway'] as const;

const PhoneNumberText = (description: string) => Type.String({ minLength: 1, maxLength: 40, description });

export const TelephonyBody = Type.Object(
  {
    phoneNumber: PhoneNumberText(
      'Mandatory. International (+16509870000, any punctuation) or an internal extension of up to 8 digits (3001).',
    ),
    telephonyNetwork: Type.Optional(
      Type.String({ enum: [...TELEPHONY_NETWORKS], description: 'Public (PSTN via SIP) or Private (default).' }),
    ),
  },
  { additionalProperties: false },
);
export type TelephonyBody = Static<typeof TelephonyBody>;

export const DoNotDisturbBody = Type.Object(
  { enabled: Type.Boolean({ description: 'true: On, false: Off.' }) },
  { additionalProperties: false },
);
export type DoNotDisturbBody = Static<typeof DoNotDisturbBody>;

export const ForwardingBody = Type.Object(
  {
    enabled: Type.Boolean(),
    destination: Type.Optional(
      PhoneNumberText('Required when enabled, refused otherwise: an international number or an extension.'),
    ),
  },
  { additionalProperties: false },
);
export type ForwardingBody = Static<typeof ForwardingBody>;

export const MonitoringBody = Type.Object(
  {
    targetDeviceId: Type.String({ minLength: 1, maxLength: 64, description: 'The device to monitor.' }),
    state: Type.Optional(Type.String({ enum: [...MONITORING_STATES], description: 'Default ListenIn.' })),
    mode: Type.Optional(Type.String({ enum: [...MONITORING_MODES], description: 'Default AllCalls.' })),
    scope: Type.Optional(Type.String({ enum: [...MONITORING_SCOPES], description: 'Default Call.' })),
  },
  { additionalProperties: false },
);
export type MonitoringBody = Static<typeof MonitoringBody>;

export const MonitoringMuteBody = Type.Object(
  { muted: Type.Boolean({ description: 'true: mute the monitored user; false: unmute them.' }) },
  { additionalProperties: false },
);
export type MonitoringMuteBody = Static<typeof MonitoringMuteBody>;

export const AgentStateBody = Type.Object(
  {
    state: Type.String({ enum: [...AGENT_STATES] }),
    workMode: Type.Optional(
      Type.String({ enum: [...AGENT_WORK_MODES], description: 'Only with NotReady (e.g. AuxWork).' }),
    ),
  },
  { additionalProperties: false },
);
export type AgentStateBody = Static<typeof AgentStateBody>;

const Country = Type.Object(
  {
    name: Type.String({ description: 'English name; empty for an internal extension.' }),
    code: Type.String({ description: 'ISO 3166-1 alpha-2; empty for an internal extension.' }),
    callingCode: Type.String({ description: 'Without "+"; empty for an internal extension.' }),
  },
  { additionalProperties: false },
);

export const DeviceTelephony = Type.Object(
  {
    deviceId: Type.String(),
    phoneNumber: Nullable(Type.String({ description: 'The number on the first line; null when it has none.' })),
    e164Number: Nullable(Type.String({ description: 'E.164; an internal extension stays as it is.' })),
    country: Nullable(Country),
    localNumber: Nullable(Type.String({ description: 'As dialled within its country.' })),
    location: Nullable(Type.String()),
    telephonyNetwork: Nullable(Type.String({ enum: [...TELEPHONY_NETWORKS] })),
    doNotDisturb: Type.Boolean(),
    forwardTo: Nullable(Type.String()),
    monitoring: Nullable(MonitoringSession),
    monitoredBy: Nullable(
      Type.Object(
        { deviceId: Type.String(), supervisorId: Nullable(Type.String()) },
        { additionalProperties: false, description: 'The session that monitors this device.' },
      ),
    ),
    capabilities: Type.Array(Type.String({ enum: [...CAPABILITIES] }), {
      description: "What the caller may do to the device now, given its state and the caller's role.",
    }),
    version: Type.Integer({ description: "The device's version." }),
  },
  { additionalProperties: false, description: "A device's contact-center controls." },
);
export type DeviceTelephonyView = Static<typeof DeviceTelephony>;
