/**
 * The device row: one physical or soft endpoint. Integers stand for booleans (0/1) and epoch
 * milliseconds for instants, so the same SQL runs on SQLite and PostgreSQL.
 */
export interface DeviceTable {
  id: string;
  tenant_id: string;
  kind: string;
  product_id: string | null;
  /** Copied from the product on every write, so the manufacturer filter and the serial constraint need no join. */
  manufacturer: string | null;
  name: string;
  /** Tattoo id when the device has one, otherwise its serial. */
  display_id: string | null;
  serial: string | null;
  /** Twelve upper-case hex digits, no separators. */
  mac: string | null;
  ip: string | null;
  status: string;
  activation_state: string | null;
  owner_person_id: string | null;
  owner_workspace_id: string | null;
  owner_virtual_line_id: string | null;
  site_id: string | null;
  fw_main: string | null;
  fw_base: string | null;
  fw_headset: string | null;
  fw_bluetooth: string | null;
  fw_usb: string | null;
  /** Derived by the compliance evaluator: compliant | noncompliant | unknown. */
  compliance: string;
  /** The compliance policy that applied when compliance was last derived. */
  policy_id: string | null;
  upgrade_channel: string | null;
  managed_by: string | null;
  sip_user_name: string | null;
  sip_line_port: string | null;
  sip_outbound_proxy: string | null;
  hot_desk: number;
  common_phone: number;
  line_pooling: string | null;
  telephony_network: string | null;
  do_not_disturb: number;
  forward_to: string | null;
  monitoring_state: string | null;
  monitoring_mode: string | null;
  monitoring_scope: string | null;
  monitoring_target_device_id: string | null;
  monitoring_supervisor_id: string | null;
  /** 1 while the session this device monitors from mutes the monitored user, 0 while not; null without one. */
  monitoring_muted: number | null;
  computer_name: string | null;
  /** JSON: emergency settings (address, location, statuses). */
  emergency: string | null;
  /** JSON: shipping status, carrier, method and address. */
  shipping: string | null;
  /** JSON: billing statement. */
  billing: string | null;
  /**
   * 1: Automatic Location Update (RingCentral) keeps the emergency address with the network location; else 0.
   * NOT NULL DEFAULT 0 in the database; typed nullable so that inserts may leave it out.
   */
  emergency_auto_update: number | null;
  last_seen_at: number | null;
  /** The latest telemetry report's instant: only devices an agent reports on go Offline after a silence. */
  telemetry_seen_at: number | null;
  /** The instant of the firmware report the fw_* columns hold: an older report never overwrites them. */
  fw_reported_at: number | null;
  /** JSON object: the settings of the latest settings report. */
  reported_settings: string | null;
  settings_reported_at: number | null;
  source_system: string;
  external_id: string | null;
  synced_at: number | null;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface DeviceTagTable {
  tenant_id: string;
  device_id: string;
  tag: string;
}

/** What a device is paired with: a headset's base or dongle, or a base's headset. */
export interface ConnectedDeviceTable {
  id: string;
  tenant_id: string;
  device_id: string;
  /** The role of the connected device: headset | base | dongle. */
  component: string;
  /** The connected device's own inventory row, when it has one. */
  connected_device_id: string | null;
  display_id: string | null;
  family: string | null;
  model_id: string | null;
  name: string | null;
}

/** The first and the last time a device was seen by a desktop agent (kind = first | last). */
export interface SightingTable {
  tenant_id: string;
  device_id: string;
  kind: string;
  seen_at: number;
  client_instance_id: string | null;
  hostname: string | null;
  host_os: string | null;
  host_os_version: string | null;
  softphone_name: string | null;
  softphone_plugin_id: string | null;
  softphone_vendor: string | null;
  softphone_version: string | null;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  /** JSON array of group names, highest priority first, as they were at that time. */
  user_groups: string;
}
