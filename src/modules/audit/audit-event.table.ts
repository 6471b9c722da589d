/** One change: who (actor and credential), what (action on a resource, before → after), when, which request. */
export interface AuditEventTable {
  /** UUIDv7: id order is time order. */
  id: string;
  tenant_id: string;
  occurred_at: number;
  request_id: string | null;
  /** api_key | oauth_client | session | password | system */
  actor_kind: string;
  /** The acting person when there is one, else the credential. */
  actor_id: string | null;
  credential_id: string | null;
  /** `<resource>.<verb>`, e.g. `api_key.create`. */
  action: string;
  resource_type: string;
  resource_id: string;
  /** JSON of the resource before the change (null on create), secrets removed. */
  before: string | null;
  /** JSON after the change (null on delete), secrets removed. */
  after: string | null;
}
