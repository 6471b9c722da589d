/**
 * Genesys device and agent-state operations (vendor-apis.md §2.7), each a POST with `operationName`:
 *   POST /api/v2/me/devices/{id}    DoNotDisturbOn/Off, ForwardCallsOn {destination} / ForwardCallsOff,
 *                                   ListenIn / Coach / BargeIn {targetDeviceUri, supervisorMonitoringScope?,
 *                                   supervisorMonitoringMode?, phoneNumber?}, CancelSupervisorMonitoring,
 *                                   MuteMonitoredUser / UnmuteMonitoredUser
 *   POST /api/v2/me/channels/voice  Ready, NotReady, or a NotReady work mode (AuxWork, AfterCallWork…)
 * Both act on the caller's own device or person only and go through DeviceControlsService and
 * AgentStateService (same rules and audit trail as the native API). Success is `{"statusCode":0}` alone.
 * A parameter that does not belong to the operation is refused (statusCode 10), so is an unknown operation.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, invalidParameter } from '../../errors.js';
import { principalOf } from '../../http/auth.js';
import { viewerOf } from '../../modules/access/principal.js';
import { actorOf } from '../../modules/audit/audit-trail.js';
import {
  AGENT_WORK_MODES,
  MONITORING_MODES,
  MONITORING_SCOPES,
  MONITORING_STATES,
} from '../../modules/devices/device-controls.schemas.js';
import { controlsCallerOf, type DeviceControlsService } from '../../modules/devices/device-controls.service.js';
import type { DeviceService } from '../../modules/devices/device.service.js';
import { describePhoneNumber } from '../../modules/numbers/phone-number.js';
import type { AgentStateService } from '../../modules/people/agent-state.service.js';
import type { GenesysUris } from './device.presenter.js';
import { personOf } from './devices.routes.js';

const MONITORING_PARAMETERS = [
  'targetDeviceUri',
  'supervisorMonitoringScope',
  'supervisorMonitoringMode',
  'phoneNumber',
];

/** The device operations and the parameters each takes (besides operationName). */
export const DEVICE_OPERATIONS: Readonly<Record<string, readonly string[]>> = {
  DoNotDisturbOn: [],
  DoNotDisturbOff: [],
  ForwardCallsOn: ['destination'],
  ForwardCallsOff: [],
  ListenIn: MONITORING_PARAMETERS,
  Coach: MONITORING_PARAMETERS,
  BargeIn: MONITORING_PARAMETERS,
  CancelSupervisorMonitoring: [],
  MuteMonitoredUser: [],
  UnmuteMonitoredUser: [],
};

/** Operations for supervisors (and admins) only, as GWS's api-supervisor-monitoring feature. */
const SUPERVISOR_OPERATIONS = new Set([
  ...MONITORING_STATES,
  'CancelSupervisorMonitoring',
  'MuteMonitoredUser',
  'UnmuteMonitoredUser',
]);

/**
 * Voice-channel operations: Ready, NotReady, and each NotReady work mode by its name (AuxWork → NotReady with
 * work mode AuxWork, as GWS shows it in userState).
 */
export const VOICE_OPERATIONS: readonly string[] = ['Ready', 'NotReady', ...AGENT_WORK_MODES];

/**
 * An operation GWS does not know (SILENT): statusCode 10 "input validation error", HTTP 400, like any value
 * out of range; statusCode 2 ("not valid for the current state") is kept for known operations that the
 * device's state refuses (cancel without a session…).
 */
export const UNKNOWN_OPERATION_STATUS = 'invalid_parameter';

const Id = Type.String({ minLength: 1, maxLength: 200 });
const Name = Type.String({ minLength: 1, maxLength: 64 });

const DeviceOperationBody = Type.Object(
  {
    operationName: Type.Optional(Name),
    destination: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    targetDeviceUri: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    supervisorMonitoringScope: Type.Optional(Type.String({ enum: [...MONITORING_SCOPES] })),
    supervisorMonitoringMode: Type.Optional(Type.String({ enum: [...MONITORING_MODES] })),
    phoneNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  },
  { additionalProperties: false },
);

/** The voice channel takes no reason code (SILENT in GWS; the canonical agent state has none): refused. */
const VoiceOperationBody = Type.Object({ operationName: Type.Optional(Name) }, { additionalProperties: false });

export interface GenesysOperationRouteOptions {
  readonly devices: DeviceService;
  readonly controls: DeviceControlsService;
  readonly agentStates: AgentStateService;
  readonly uris: (request: FastifyRequest) => GenesysUris;
}

const OK = { statusCode: 0 } as const;

export const genesysOperationRoutes: FastifyPluginAsyncTypebox<GenesysOperationRouteOptions> = async (
  app,
  { devices, controls, agentStates, uris },
) => {
  app.post(
    '/api/v2/me/devices/:id',
    { schema: { hide: true, params: Type.Object({ id: Id }), body: DeviceOperationBody } },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params;
      const body = request.body;
      const operation = operationOf(body.operationName, DEVICE_OPERATIONS);
      for (const name of Object.keys(body)) {
        if (name !== 'operationName' && !DEVICE_OPERATIONS[operation]!.includes(name)) {
          throw invalidParameter(name, `${name} is not a parameter of ${operation}.`);
        }
      }
      // /me/devices/{id}: one of the caller's own devices, with a number (what makes it a Genesys device).
      const own = await devices.getDevice(viewerOf(principal), id, LINES_ONLY);
      if (own.row.owner_person_id !== personOf(principal) || own.lines.length === 0) {
        throw new AppError('device_not_found', `There is no device with id '${id.slice(0, 64)}'.`);
      }
      if (SUPERVISOR_OPERATIONS.has(operation) && principal.role !== 'supervisor' && principal.role !== 'admin') {
        throw new AppError('insufficient_scope', `${operation} is for supervisors.`);
      }
      const actor = actorOf(principal, request.id);
      const caller = controlsCallerOf(principal);
      switch (operation) {
        case 'DoNotDisturbOn':
        case 'DoNotDisturbOff':
          await controls.setDoNotDisturb(actor, caller, id, { enabled: operation === 'DoNotDisturbOn' });
          break;
        case 'ForwardCallsOn':
          if (body.destination === undefined) {
            throw new AppError('missing_parameter', 'ForwardCallsOn needs the parameter destination.', {
              parameter: 'destination',
            });
          }
          await controls.setForwarding(actor, caller, id, { enabled: true, destination: body.destination });
          break;
        case 'ForwardCallsOff':
          await controls.setForwarding(actor, caller, id, { enabled: false });
          break;
        case 'ListenIn':
        case 'Coach':
        case 'BargeIn': {
          if (body.targetDeviceUri === undefined) {
            throw new AppError('missing_parameter', `${operation} needs the parameter targetDeviceUri.`, {
              parameter: 'targetDeviceUri',
            });
          }
          const targetId = deviceIdOfUri(body.targetDeviceUri, uris(request).device(''));
          const target =
            targetId === undefined
              ? undefined
              : await devices.getDevice(viewerOf(principal), targetId, LINES_ONLY).catch(notFound);
          if (target === undefined || target.lines.length === 0) {
            throw new AppError('device_not_found', `targetDeviceUri names no device of this contact center.`, {
              parameter: 'targetDeviceUri',
            });
          }
          if (body.phoneNumber !== undefined && !isNumberOf(body.phoneNumber, target.lines[0]!)) {
            throw invalidParameter('phoneNumber', 'phoneNumber is not the number of the device targetDeviceUri names.');
          }
          await controls.startMonitoring(actor, caller, id, {
            targetDeviceId: target.row.id,
            state: operation,
            mode: body.supervisorMonitoringMode ?? 'AllCalls',
            scope: body.supervisorMonitoringScope ?? 'Call',
          });
          break;
        }
        case 'CancelSupervisorMonitoring':
          await controls.cancelMonitoring(actor, caller, id);
          break;
        case 'MuteMonitoredUser':
        case 'UnmuteMonitoredUser':
          await controls.setMonitoredUserMuted(actor, caller, id, operation === 'MuteMonitoredUser');
          break;
      }
      return OK;
    },
  );

  app.post('/api/v2/me/channels/voice', { schema: { hide: true, body: VoiceOperationBody } }, async (request) => {
    const principal = principalOf(request);
    const operation = operationOf(request.body.operationName, VOICE_OPERATIONS);
    const body =
      operation === 'Ready' || operation === 'NotReady'
        ? { state: operation }
        : { state: 'NotReady', workMode: operation };
    await agentStates.set(actorOf(principal, request.id), principal, personOf(principal), body);
    return OK;
  });
};

const LINES_ONLY = { tags: false, connected: false, sightings: false, lines: true };

/** The operation named, of those known: statusCode 1 when absent, 10 when unknown. */
function operationOf(name: string | undefined, known: Readonly<Record<string, unknown>> | readonly string[]): string {
  if (name === undefined) {
    throw new AppError('missing_parameter', 'The parameter operationName is required.', { parameter: 'operationName' });
  }
  const names = Array.isArray(known) ? known : Object.keys(known);
  if (!names.includes(name)) {
    throw new AppError(UNKNOWN_OPERATION_STATUS, `Unknown operationName '${name}': one of ${names.join(', ')}.`, {
      parameter: 'operationName',
    });
  }
  return name;
}

/**
 * The device id of a device URI of this dialect: absolute (as the dialect answers them: same origin and
 * path) or relative to the server (`/compat/genesys/api/v2/devices/{id}`). Undefined for anything else.
 */
export function deviceIdOfUri(uri: string, devicesBase: string): string | undefined {
  let url: URL;
  let base: URL;
  try {
    base = new URL(devicesBase);
    url = new URL(uri, base);
  } catch {
    return undefined;
  }
  if (url.origin !== base.origin || url.search !== '' || url.hash !== '') return undefined;
  if (!url.pathname.startsWith(base.pathname)) return undefined;
  const id = url.pathname.slice(base.pathname.length);
  return /^[0-9A-Za-z-]{1,64}$/.test(id) ? id : undefined;
}

/** Whether `given` is the number on this line, in any spelling describePhoneNumber accepts. */
function isNumberOf(given: string, line: { number: string; e164: string | null }): boolean {
  const described = describePhoneNumber(given);
  const normalized = described?.e164 ?? given.trim();
  return normalized === line.number || normalized === line.e164;
}

function notFound(error: unknown): undefined {
  if (error instanceof AppError && error.code === 'device_not_found') return undefined;
  throw error;
}
