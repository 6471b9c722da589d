/**
 * Native people routes: GET /v1/people (filtered, keyset-paged, projectable), GET /v1/people/{id}
 * and GET /v1/people/{id}/devices (the person's devices, with the device list parameters).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { viewerFrom } from '../http/auth.js';
import { listBody, pageRequestFrom } from '../http/pagination.js';
import { parseFields, project } from '../http/projection.js';
import { errorResponses, listEnvelope } from '../http/schemas.js';
import { DEVICE_SORT_FIELDS } from '../modules/devices/device.repository.js';
import { deviceIncludesFor, presentDevice } from '../modules/devices/device.presenter.js';
import { DEVICE_FIELDS } from '../modules/devices/device.schemas.js';
import { deviceFilterFrom } from './devices.routes.js';
import { PERSON_SORT_FIELDS } from '../modules/people/person.repository.js';
import { personIncludesFor, presentPerson } from '../modules/people/person.presenter.js';
import {
  PERSON_FIELDS,
  PersonDeviceListQuery,
  PersonGetQuery,
  PersonListQuery,
  PersonParams,
} from '../modules/people/person.schemas.js';
import type { PersonService } from '../modules/people/person.service.js';

const PersonRef = Type.Ref('Person');
const DeviceRef = Type.Ref('Device');

export const peopleRoutes: FastifyPluginAsyncTypebox<{ people: PersonService }> = async (app, { people }) => {
  app.get(
    '/people',
    {
      schema: {
        tags: ['people'],
        summary: 'List people',
        description: 'Filters are ANDed. Ordered by id (creation order) unless sort says otherwise.',
        querystring: PersonListQuery,
        response: { 200: listEnvelope(PersonRef), ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = viewerFrom(request);
      const query = request.query;
      const fields = parseFields(query.fields, PERSON_FIELDS);
      const page = await people.listPeople(
        viewer,
        { userGroup: query.userGroup, site: query.site, role: query.role, q: query.q },
        pageRequestFrom(query, PERSON_SORT_FIELDS, 'id'),
        personIncludesFor(fields),
      );
      return listBody(request, reply, page, presentPerson, fields);
    },
  );

  app.get(
    '/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'Get a person',
        params: PersonParams,
        querystring: PersonGetQuery,
        response: { 200: PersonRef, ...errorResponses },
      },
    },
    async (request) => {
      const fields = parseFields(request.query.fields, PERSON_FIELDS);
      const record = await people.getPerson(viewerFrom(request), request.params.id, personIncludesFor(fields));
      return project(presentPerson(record), fields);
    },
  );

  app.get(
    '/people/:id/devices',
    {
      schema: {
        tags: ['people', 'devices'],
        summary: "List a person's devices",
        description: 'The devices the person owns; the parameters of GET /v1/devices apply, except owner.',
        params: PersonParams,
        querystring: PersonDeviceListQuery,
        response: { 200: listEnvelope(DeviceRef), ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = viewerFrom(request);
      const query = request.query;
      const fields = parseFields(query.fields, DEVICE_FIELDS);
      const page = await people.listPersonDevices(
        viewer,
        request.params.id,
        deviceFilterFrom(query),
        pageRequestFrom(query, DEVICE_SORT_FIELDS, 'id'),
        deviceIncludesFor(fields),
      );
      return listBody(request, reply, page, presentDevice, fields);
    },
  );
};
