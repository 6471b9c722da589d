/**
 * Conditional requests (RFC 9110 §13) for any resource. The entity tag of a representation is computed
 * exactly as @fastify/etag tags the answer that carries it (a strong tag of the base64 SHA-1 of the bytes
 * sent), over the bytes the GET route's response schema would serialize. `If-Match` becomes a precondition
 * a module service evaluates on the state it is about to change (src/modules/preconditions.ts).
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import type { Precondition } from '../modules/preconditions.js';

/** @fastify/etag's tag of an answer body. */
export function entityTag(payload: string | Buffer): string {
  return `"${createHash('sha1').update(payload).digest('base64')}"`;
}

/**
 * The tag a GET answering `representation` with `schema` carries. Pass the same schema object every time
 * (a module constant): Fastify compiles its serializer once per object.
 */
export function representationTag(reply: FastifyReply, representation: object, schema: TSchema): string {
  return entityTag(
    reply.serializeInput(representation as Record<string, unknown>, schema as unknown as Record<string, unknown>),
  );
}

/** `If-Match: *`, or the list of entity tags it names. */
export type IfMatch = { readonly any: true } | { readonly any: false; readonly tags: readonly string[] };

/** The request's If-Match, or undefined when it has none. */
export function ifMatchOf(request: FastifyRequest): IfMatch | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const text = Array.isArray(header) ? header.join(',') : header;
  if (text.trim() === '*') return { any: true };
  // Weak tags (W/"…") are kept so that they never match: If-Match compares strongly (RFC 9110 §13.1.1).
  return { any: false, tags: text.match(/(?:W\/)?"[^"]*"/g) ?? [] };
}

/**
 * If-Match as a service precondition: undefined when the request has none (an unconditional write), else a
 * test of the current resource — presented, tagged as its GET would tag it, and looked up in the header's
 * list. `*` matches any existing resource.
 */
export function ifMatchPrecondition<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  schema: TSchema,
  present: (current: T) => object,
): Precondition<T> | undefined {
  const ifMatch = ifMatchOf(request);
  if (ifMatch === undefined) return undefined;
  if (ifMatch.any) return () => true;
  return (current) => ifMatch.tags.includes(representationTag(reply, present(current), schema));
}
