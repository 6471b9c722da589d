/** A place (room, lobby, shared desk) that owns devices instead of a person. */
export interface WorkspaceTable {
  id: string;
  tenant_id: string;
  name: string;
  site_id: string | null;
  /** The numeric extension id it is known by (src/modules/extension-ids): set on insert, indexed. */
  ringcentral_extension_id: number | null;
  created_at: number;
  updated_at: number;
  version: number;
}
