/** Applications registered by a tenant; dialects that require an application id (Plantronics `appId`) check it here. */
export interface AppTable {
  id: string;
  tenant_id: string;
  app_id: string;
  name: string;
  created_at: number;
  revoked_at: number | null;
  /** Free text given at registration (Plantronics `description`). */
  description: string | null;
  /** JSON {email, firstName, lastName, partnerName} given at registration (Plantronics `partnerProfile`). */
  partner_profile: string | null;
}
