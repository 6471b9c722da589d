/**
 * Native contact-center controls (Genesys rules, vendor-apis.md §2), each answering with the device's
 * DeviceTelephony resource (number, derived country and location, DND, forwarding, monitoring and the
 * caller's capabilities):
 *   GET    /v1/devices/{id}/telephony        the controls and the caller's capabilities
 *   PUT    /v1/devices/{id}/telephony        {phoneNumber, telephonyNetwork?}: the number on the first line
 *   PUT    /v1/devices/{id}/do-not-disturb   {enabled}
 *   PUT    /v1/devices/{id}/forwarding       {enabled, destination?}
 *   POST   /v1/devices/{id}/monitoring       {targetDeviceId, state?, mode?, scope?}: device {id} monitors the target
 *   DELETE /v1/devices/{id}/monitoring       cancels the session device {id} takes part in (either end)
 *   PUT    /v1/devices/{id}/monitoring/mute  {muted}: mutes or unmutes that session's monitored user
 * and a person's agent state, answering with the person as GET /v1/people/{id} shows them:
 *   PUT    /v1/people/{id}/agent-state       {state, workMode?}
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../http/auth.js';
import { errorResponses } from '../http/schemas.js';
import { IdParams } from '../modules/access/access.schemas.js';
import { actorOf } from '../modules/audit/audit-trail.js';
import {
  AgentStateBody,
  DeviceTelephony,
  DoNotDisturbBody,
  ForwardingBody,
  MonitoringBody,
  MonitoringMuteBody,
  TelephonyBody,
} from '../modules/devices/device-controls.schemas.js';
import { controlsCallerOf, type DeviceControlsService } from '../modules/devices/device-controls.service.js';
import type { AgentStateService } from '../modules/people/agent-state.service.js';
import { presentPerson } from '../modules/people/person.presenter.js';

const problem = Type.Ref('Problem');
const writeErrors = { ...errorResponses, 403: problem, 409: problem };

export const contactCenterRoutes: FastifyPluginAsyncTypebox<{
  controls: DeviceControlsService;
  agentStates: AgentStateService;
}> = async (app, { controls, agentStates }) => {
  app.get(
    '/devices/:id/telephony',
    {
      schema: {
        tags: ['devices'],
        summary: "A device's contact-center controls",
        description: "Its number and what derives from it, DND, forwarding, monitoring, and the caller's capabilities.",
        params: IdParams,
        response: { 200: DeviceTelephony, ...errorResponses },
      },
    },
    async (request) => controls.telephony(controlsCallerOf(principalOf(request)), request.params.id),
  );

  app.put(
    '/devices/:id/telephony',
    {
      schema: {
        tags: ['devices'],
        summary: "Set a device's phone number and telephony network",
        description:
          'The number (mandatory) goes on the first line, created in the tenant with its derived E.164 form, ' +
          'country, national format and location when new; telephonyNetwork defaults to Private. Admins only.',
        params: IdParams,
        body: TelephonyBody,
        response: { 200: DeviceTelephony, ...writeErrors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return controls.setTelephony(
        actorOf(principal, request.id),
        controlsCallerOf(principal),
        request.params.id,
        request.body,
      );
    },
  );

  app.put(
    '/devices/:id/do-not-disturb',
    {
      schema: {
        tags: ['devices'],
        summary: 'Turn do-not-disturb on or off',
        params: IdParams,
        body: DoNotDisturbBody,
        response: { 200: DeviceTelephony, ...writeErrors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return controls.setDoNotDisturb(
        actorOf(principal, request.id),
        controlsCallerOf(principal),
        request.params.id,
        request.body,
      );
    },
  );

  app.put(
    '/devices/:id/forwarding',
    {
      schema: {
        tags: ['devices'],
        summary: 'Forward calls to a number, or stop forwarding',
        params: IdParams,
        body: ForwardingBody,
        response: { 200: DeviceTelephony, ...writeErrors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return controls.setForwarding(
        actorOf(principal, request.id),
        controlsCallerOf(principal),
        request.params.id,
        request.body,
      );
    },
  );

  app.post(
    '/devices/:id/monitoring',
    {
      schema: {
        tags: ['devices'],
        summary: 'Monitor another device from this one (supervisors)',
        description:
          'Device {id} (the supervisor’s own; an admin may name any device owned by a person) listens in on, ' +
          'coaches or barges in on the target. One supervisor at a time per target: 409 device_monitored. ' +
          'Posting again for the same target changes state, mode or scope.',
        params: IdParams,
        body: MonitoringBody,
        response: { 200: DeviceTelephony, ...writeErrors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return controls.startMonitoring(
        actorOf(principal, request.id),
        controlsCallerOf(principal),
        request.params.id,
        request.body,
      );
    },
  );

  app.delete(
    '/devices/:id/monitoring',
    {
      schema: {
        tags: ['devices'],
        summary: 'Cancel supervisor monitoring',
        description: 'Ends the session device {id} takes part in, as the monitoring or the monitored device.',
        params: IdParams,
        response: { 200: DeviceTelephony, ...writeErrors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return controls.cancelMonitoring(actorOf(principal, request.id), controlsCallerOf(principal), request.params.id);
    },
  );

  app.put(
    '/devices/:id/monitoring/mute',
    {
      schema: {
        tags: ['devices'],
        summary: 'Mute or unmute the monitored user (supervisors)',
        description:
          'For the session device {id} takes part in (the one it monitors from, else the one monitoring it): its ' +
          'supervisor or an admin. 409 device_not_monitoring without a session.',
        params: IdParams,
        body: MonitoringMuteBody,
        response: { 200: DeviceTelephony, ...writeErrors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return controls.setMonitoredUserMuted(
        actorOf(principal, request.id),
        controlsCallerOf(principal),
        request.params.id,
        request.body.muted,
      );
    },
  );

  app.put(
    '/people/:id/agent-state',
    {
      schema: {
        tags: ['people'],
        summary: "Set a person's agent state",
        description: 'Ready, or NotReady with an optional work mode. Agents set their own only.',
        params: IdParams,
        body: AgentStateBody,
        response: { 200: Type.Ref('Person'), ...writeErrors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const record = await agentStates.set(actorOf(principal, request.id), principal, request.params.id, request.body);
      return presentPerson(record);
    },
  );
};
