/**
 * The media type of JSON Merge Patch (RFC 7396), `application/merge-patch+json`: parsed like JSON (the same
 * prototype-poisoning refusal and body limit) and accepted by PATCH only; other methods answer 415.
 * A routes plugin with PATCH routes calls acceptMergePatch on its own instance.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

export const MERGE_PATCH_TYPE = 'application/merge-patch+json';

export function acceptMergePatch(app: FastifyInstance): void {
  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser(MERGE_PATCH_TYPE, { parseAs: 'string' }, (request, body, done) => {
    if (request.method !== 'PATCH') {
      done(new AppError('unsupported_media_type', `${MERGE_PATCH_TYPE} is accepted by PATCH only.`), undefined);
      return;
    }
    json(request, body as string, done);
  });
}
