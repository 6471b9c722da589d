/**
 * The four native write routes of a versioned resource, as device writes have them (device-writes.routes.ts):
 * POST {collection} (201 and Location), PUT {collection}/{id} (replace the writable fields), PATCH
 * {collection}/{id} (JSON merge patch: application/merge-patch+json or application/json) and DELETE
 * {collection}/{id} (204). PUT, PATCH and DELETE honour If-Match with the ETag GET {collection}/{id} gave
 * (412 precondition_failed when it is stale; `*` matches any existing resource). Answers carry the resource as
 * GET shows it, so their ETag is the one the next conditional write needs. The caller registers
 * acceptMergePatch on the same instance.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type TSchema, Type } from 'typebox';
import { principalOf } from '../http/auth.js';
import { ifMatchPrecondition } from '../http/conditional.js';
import { errorResponses } from '../http/schemas.js';
import { type Actor, actorOf } from '../modules/audit/audit-trail.js';
import type { Precondition } from '../modules/preconditions.js';

const problem = Type.Ref('Problem');
export const writeErrors = { ...errorResponses, 403: problem, 409: problem };
export const conditionalErrors = { ...writeErrors, 412: problem };
export const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export function ifMatchHeaders(getPath: string) {
  return Type.Object({
    'if-match': Type.Optional(
      Type.String({ description: `The ETag of GET ${getPath} (or *): the write happens only if it is current.` }),
    ),
  });
}

/** The service calls the routes make; `B` is the POST/PUT body, `P` the PATCH body. */
export interface VersionedWrites<R, B, P> {
  create(actor: Actor, body: B): Promise<R>;
  replace(actor: Actor, id: string, body: B, precondition?: Precondition<R>): Promise<R>;
  patch(actor: Actor, id: string, patch: P, precondition?: Precondition<R>): Promise<R>;
  delete(actor: Actor, id: string, precondition?: Precondition<R>): Promise<void>;
}

export interface VersionedRouteOptions<R, B, P> {
  /** E.g. `/sites` (relative to the /v1 prefix). */
  readonly collection: string;
  readonly tag: string;
  /** E.g. `site`, for summaries. */
  readonly noun: string;
  /** The shared schema GET {collection}/{id} answers with (a module constant: one compiled serializer). */
  readonly ref: TSchema;
  readonly body: TSchema;
  readonly patchBody: TSchema;
  readonly service: VersionedWrites<R, B, P>;
  readonly present: (record: R) => object;
  /** Extra words for the POST and DELETE descriptions (uniqueness, what a deletion does). */
  readonly createNotes?: string;
  readonly deleteNotes?: string;
}

interface IdRequest {
  params: { id: string };
}

export function versionedWriteRoutes<R, B, P>(app: FastifyInstance, o: VersionedRouteOptions<R, B, P>): void {
  const getPath = `/v1${o.collection}/{id}`;
  const headers = ifMatchHeaders(getPath);
  const ifMatch = (request: FastifyRequest, reply: FastifyReply) =>
    ifMatchPrecondition(request, reply, o.ref, (current: R) => o.present(current));
  const actor = (request: FastifyRequest) => actorOf(principalOf(request), request.id);

  app.post(
    o.collection,
    {
      schema: {
        tags: [o.tag],
        summary: `Create a ${o.noun}`,
        ...(o.createNotes ? { description: o.createNotes } : {}),
        body: o.body,
        response: { 201: o.ref, ...writeErrors },
      },
    },
    async (request, reply) => {
      const record = await o.service.create(actor(request), request.body as B);
      const body = o.present(record) as { id: string };
      reply.code(201).header('location', `/v1${o.collection}/${body.id}`);
      return body;
    },
  );

  app.put(
    `${o.collection}/:id`,
    {
      schema: {
        tags: [o.tag],
        summary: `Replace a ${o.noun}`,
        description: 'Replaces every writable field: a missing member is cleared (null, [] or its default).',
        params: IdParams,
        headers,
        body: o.body,
        response: { 200: o.ref, ...conditionalErrors },
      },
    },
    async (request, reply) => {
      const { id } = (request as IdRequest).params;
      return o.present(await o.service.replace(actor(request), id, request.body as B, ifMatch(request, reply)));
    },
  );

  app.patch(
    `${o.collection}/:id`,
    {
      schema: {
        tags: [o.tag],
        summary: `Update a ${o.noun}`,
        description:
          'A JSON merge patch (RFC 7396; application/merge-patch+json or application/json): members present ' +
          'are set, null clears a nullable field, arrays replace the whole list.',
        params: IdParams,
        headers,
        body: o.patchBody,
        response: { 200: o.ref, ...conditionalErrors },
      },
    },
    async (request, reply) => {
      const { id } = (request as IdRequest).params;
      return o.present(await o.service.patch(actor(request), id, request.body as P, ifMatch(request, reply)));
    },
  );

  app.delete(
    `${o.collection}/:id`,
    {
      schema: {
        tags: [o.tag],
        summary: `Delete a ${o.noun}`,
        ...(o.deleteNotes ? { description: o.deleteNotes } : {}),
        params: IdParams,
        headers,
        response: { 204: Type.Null(), ...conditionalErrors },
      },
    },
    async (request, reply) => {
      const { id } = (request as IdRequest).params;
      await o.service.delete(actor(request), id, ifMatch(request, reply));
      return reply.code(204).send(null);
    },
  );
}
