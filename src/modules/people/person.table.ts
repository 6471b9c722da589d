export interface PersonTable {
  id: string;
  tenant_id: string;
  username: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  extension_number: string | null;
  /** JSON array of role names (e.g. ["agent"]). */
  roles: string;
  site_id: string | null;
  /** Contact-center agent state: Ready | NotReady; null when the person is not an agent. */
  agent_state: string | null;
  /** Work mode while NotReady, e.g. AuxWork. */
  agent_work_mode: string | null;
  /** The numeric extension id it is known by (src/modules/extension-ids): set on insert, indexed. */
  ringcentral_extension_id: number | null;
  source_system: string;
  external_id: string | null;
  synced_at: number | null;
  created_at: number;
  updated_at: number;
  version: number;
}

/** A person's membership of a user group; `position` orders them from highest priority (0) down. */
export interface GroupMembershipTable {
  tenant_id: string;
  person_id: string;
  group_id: string;
  position: number;
}
