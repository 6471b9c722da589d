/** The whole database as Kysely sees it: one entry per table, each typed in its module. */
import type { ApiKeyTable } from '../modules/api-keys/api-key.table.js';
import type { AppTable } from '../modules/apps/app.table.js';
import type { AppAuthorizationTable } from '../modules/apps/app-authorization.table.js';
import type { OAuthClientTable } from '../modules/oauth/oauth-client.table.js';
import type { PersonLoginTable } from '../modules/logins/person-login.table.js';
import type { SessionTable } from '../modules/logins/session.table.js';
import type { SigningKeyTable } from '../modules/oauth/signing-key.table.js';
import type { AuditEventTable } from '../modules/audit/audit-event.table.js';
import type { ActivationCodeTable } from '../modules/activation/activation-code.table.js';
import type { IdempotencyKeyTable } from '../modules/idempotency/idempotency-key.table.js';
import type { JobTable } from '../modules/jobs/job.table.js';
import type {
  DeviceTable,
  DeviceTagTable,
  ConnectedDeviceTable,
  SightingTable,
} from '../modules/devices/device.table.js';
import type { CompliancePolicyTable, FirmwareReleaseTable } from '../modules/firmware/firmware.table.js';
import type { DeviceLineTable, PhoneNumberTable } from '../modules/numbers/phone-number.table.js';
import type { GroupMembershipTable, PersonTable } from '../modules/people/person.table.js';
import type { ProductTable } from '../modules/products/product.table.js';
import type { SiteTable } from '../modules/sites/site.table.js';
import type { TenantTable } from '../modules/tenants/tenant.table.js';
import type { UserGroupTable } from '../modules/user-groups/user-group.table.js';
import type { WorkspaceTable } from '../modules/workspaces/workspace.table.js';
import type {
  DeviceActiveDayTable,
  TelemetryDailyTable,
  TelemetryEventTable,
} from '../modules/telemetry/telemetry.table.js';
import type { VirtualLineTable } from '../modules/virtual-lines/virtual-line.table.js';
import type {
  DeviceConfigurationTable,
  DeviceLayoutTable,
  DeviceSettingOverrideTable,
  DeviceSipCredentialTable,
  OwnerDeviceSettingTable,
} from '../modules/devices/device-settings.table.js';
import type { PagingGroupDeviceTable, PagingGroupTable } from '../modules/paging-groups/paging-group.table.js';

export interface Database {
  tenants: TenantTable;
  api_keys: ApiKeyTable;
  user_groups: UserGroupTable;
  people: PersonTable;
  group_memberships: GroupMembershipTable;
  sites: SiteTable;
  workspaces: WorkspaceTable;
  virtual_lines: VirtualLineTable;
  paging_groups: PagingGroupTable;
  paging_group_devices: PagingGroupDeviceTable;
  products: ProductTable;
  devices: DeviceTable;
  device_tags: DeviceTagTable;
  connected_devices: ConnectedDeviceTable;
  sightings: SightingTable;
  phone_numbers: PhoneNumberTable;
  device_lines: DeviceLineTable;
  firmware_releases: FirmwareReleaseTable;
  compliance_policies: CompliancePolicyTable;
  oauth_clients: OAuthClientTable;
  signing_keys: SigningKeyTable;
  person_logins: PersonLoginTable;
  sessions: SessionTable;
  apps: AppTable;
  app_authorizations: AppAuthorizationTable;
  audit_events: AuditEventTable;
  idempotency_keys: IdempotencyKeyTable;
  jobs: JobTable;
  telemetry_events: TelemetryEventTable;
  device_active_days: DeviceActiveDayTable;
  telemetry_daily: TelemetryDailyTable;
  activation_codes: ActivationCodeTable;
  device_setting_overrides: DeviceSettingOverrideTable;
  device_layouts: DeviceLayoutTable;
  device_sip_credentials: DeviceSipCredentialTable;
  owner_device_settings: OwnerDeviceSettingTable;
  device_configurations: DeviceConfigurationTable;
}
