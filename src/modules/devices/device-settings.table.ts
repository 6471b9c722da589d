/**
 * What Ucfleet keeps about a device's configuration beyond the device row (migration 0011): its settings
 * override, its line-key layout, the one-way hash of a third-party device's SIP password, and the device
 * settings of the people and workspaces who own devices (audio compression, hoteling). JSON documents are text;
 * integers stand for booleans (0/1) and epoch milliseconds for instants. Also: a device's configured RoomOS
 * configuration values (device_configurations).
 */

/** A device's own customizations (present only while the device overrides its location). */
export interface DeviceSettingOverrideTable {
  device_id: string;
  tenant_id: string;
  /** JSON of DeviceCustomizations, as validated. */
  customizations: string;
  updated_at: number;
}

/** A device's custom line-key layout (absent: the model's default layout). */
export interface DeviceLayoutTable {
  device_id: string;
  tenant_id: string;
  /** JSON of DeviceLayout, as validated. */
  layout: string;
  updated_at: number;
}

/** The SIP password of a third-party device, as a scrypt hash only. */
export interface DeviceSipCredentialTable {
  device_id: string;
  tenant_id: string;
  /** `scrypt$N$r$p$<salt base64>$<hash base64>`. */
  password_hash: string;
  updated_at: number;
}

/** Device settings of an owner: a person (person_id) or a workspace (workspace_id), one of them set. */
export interface OwnerDeviceSettingTable {
  id: string;
  tenant_id: string;
  person_id: string | null;
  workspace_id: string | null;
  /** ON | OFF; null: the default. */
  compression: string | null;
  /** Hoteling of the owner's primary devices; null: not set (the devices' own hot-desk flag). */
  hoteling_enabled: number | null;
  hoteling_limit_guest_use: number | null;
  hoteling_guest_hours_limit: number | null;
  /** Workspaces: whether the workspace may have more than one device; null: not set. */
  enabled_for_multiple_devices: number | null;
  updated_at: number;
}

/** One configured RoomOS configuration value of a device (`Audio.Ultrasound.MaxVolume` = 50). */
export interface DeviceConfigurationTable {
  device_id: string;
  tenant_id: string;
  config_key: string;
  /** JSON of the value: a string, a number or a boolean. */
  value: string;
  updated_at: number;
}
