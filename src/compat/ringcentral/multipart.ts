/**
 * RingCentral's batch answers (vendor-apis.md §4.5 "Bulk IDs"): HTTP 207 with one part per id, after a first part
 * that lists each id's href, status and description. `multipart/mixed` by default, each part preceded by
 * `--Boundary_…` and `Content-Type: application/json`; with `Accept: application/vnd.ringcentral.multipart+json`,
 * the same parts as one JSON array (the summary first).
 */
import { randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

export const MULTIPART_JSON = 'application/vnd.ringcentral.multipart+json';
/** The most ids one batch request may name (RingCentral's batch limit is not stated for this endpoint). */
export const MAX_BATCH_IDS = 30;

export interface BatchPart {
  readonly href: string;
  readonly status: number;
  readonly body: unknown;
}

export function wantsJsonMultipart(accept: string | undefined): boolean {
  return (accept ?? '').toLowerCase().includes(MULTIPART_JSON);
}

export function renderBatch(parts: readonly BatchPart[], json: boolean): { contentType: string; body: string } {
  const summary = {
    response: parts.map((p) => ({
      href: p.href,
      status: p.status,
      responseDescription: STATUS_CODES[p.status] ?? 'Error',
    })),
  };
  const bodies = [summary, ...parts.map((p) => p.body)];
  if (json) return { contentType: `${MULTIPART_JSON}; charset=utf-8`, body: JSON.stringify(bodies) };
  const boundary = `Boundary_${randomBytes(12).toString('hex')}`;
  const text = bodies
    .map((b) => `--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(b)}\r\n`)
    .join('');
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: `${text}--${boundary}--\r\n` };
}
