/**
 * Webex ids (DESIGN.md "Dialects"): base64 of `ciscospark://urn:TEAM:<region>/<TYPE>/<UUID>`, derived from
 * the canonical id and decoded back. The older form `ciscospark://us/<TYPE>/<UUID>` is read too. An id that
 * does not decode, or names another type, names nothing: the caller answers 404 as for a missing resource.
 */

/** The Webex resource types Ucfleet shows, by the canonical concept they stand for. */
export const WEBEX_TYPES = {
  device: 'DEVICE',
  person: 'PEOPLE',
  workspace: 'PLACE',
  location: 'LOCATION',
  virtualLine: 'VIRTUAL_LINE',
} as const;
export type WebexKind = keyof typeof WEBEX_TYPES;

/** The cluster named in the ids (SILENT: any value round-trips; Webex's own ids show e.g. `us-east-2_a`). */
export const WEBEX_REGION = 'us-east-2_a';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const URI = /^ciscospark:\/\/(?:urn:TEAM:[A-Za-z0-9_.-]+|us)\/([A-Z_]+)\/([0-9A-Fa-f-]{36})$/;

export function webexId(kind: WebexKind, canonicalId: string): string {
  const uri = `ciscospark://urn:TEAM:${WEBEX_REGION}/${WEBEX_TYPES[kind]}/${canonicalId.toUpperCase()}`;
  return Buffer.from(uri, 'utf8').toString('base64').replace(/=+$/, '');
}

/** The canonical id a Webex id of `kind` names, or undefined (malformed, or of another type). */
export function canonicalIdOf(kind: WebexKind, id: string): string | undefined {
  if (id.length > 300 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(id)) return undefined;
  const decoded = Buffer.from(id.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  const match = URI.exec(decoded);
  if (!match || match[1] !== WEBEX_TYPES[kind] || !UUID.test(match[2]!)) return undefined;
  return match[2]!.toLowerCase();
}
