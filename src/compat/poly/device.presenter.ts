/**
 * One canonical device as a Plantronics inventory element (docs/compat/poly.md maps every field). Every value
 * comes from the canonical record: firmware per component, the governing compliance policy and the catalogue's
 * latest release (derived by the firmware module), the pairing, and the first and last sightings.
 */
import type { Selectable } from 'kysely';
import type { DeviceRecord } from '../../modules/devices/device.repository.js';
import type { SightingTable } from '../../modules/devices/device.table.js';
import type { TenantSummary } from '../../modules/tenants/tenant.service.js';
import type { PolyDevice } from './device.schemas.js';

/** Canonical manufacturer names that Plantronics calls itself ("Plantronics for all Plantronics devices"). */
export const PLANTRONICS_MANUFACTURERS = ['Poly', 'Plantronics'] as const;

export function isPlantronics(manufacturer: string | null): boolean {
  return manufacturer !== null && PLANTRONICS_MANUFACTURERS.some((m) => m.toLowerCase() === manufacturer.toLowerCase());
}

export function presentPolyDevice(record: DeviceRecord, tenant: TenantSummary): PolyDevice {
  const { row } = record;
  const manufacturer = row.product_manufacturer ?? row.manufacturer;
  const plantronics = isPlantronics(manufacturer);
  const paired = record.connected[0];
  return {
    device: {
      baseFwVersion: row.fw_base,
      btFwVersion: row.fw_bluetooth,
      ...(row.display_id === null ? {} : { displayId: row.display_id }),
      // "For non-Plantronics devices this is the USB FW version."
      firmwareVersion: plantronics ? row.fw_main : (row.fw_usb ?? row.fw_main),
      firmwareVersionAvailable: row.firmware_available,
      hasActivePolicy: row.policy_id !== null,
      hsFwVersion: row.fw_headset,
      id: row.id,
      policyFirmwareVersion: row.policy_target_version,
      policyId: row.policy_id,
      updateId: row.firmware_update_id,
      usbFwVersion: row.fw_usb,
      versionCompliant: row.compliance === 'compliant',
    },
    connectedDevice: paired
      ? {
          component: paired.component,
          ...(paired.display_id === null ? {} : { displayId: paired.display_id }),
          family: paired.family,
          id: paired.connected_device_id ?? paired.id,
          modelId: paired.model_id,
          name: paired.name,
        }
      : null,
    firstSeen: record.firstSeen ? presentSighting(record.firstSeen) : null,
    lastSeen: record.lastSeen ? presentSighting(record.lastSeen) : null,
    product:
      row.product_id === null
        ? null
        : {
            family: row.product_family,
            manufacturer: plantronics ? 'Plantronics' : (manufacturer ?? ''),
            modelId: row.product_model_id,
            name: row.product_name,
            type: row.product_type,
            vendorId: row.product_usb_vendor_id,
          },
    // The softphone the device was last used with.
    softphone: record.lastSeen ? presentSoftphone(record.lastSeen) : null,
    tenantApiCode: tenant.apiCode,
    tenantName: tenant.name,
  };
}

function presentSighting(s: Selectable<SightingTable>): NonNullable<PolyDevice['firstSeen']> {
  return {
    clientInstanceId: s.client_instance_id,
    firstname: s.first_name,
    lastname: s.last_name,
    hostOs: s.host_os,
    hostOsVersion: s.host_os_version,
    hostname: s.hostname,
    softphone: presentSoftphone(s),
    userGroups: JSON.parse(s.user_groups) as string[],
    username: s.username,
  };
}

function presentSoftphone(s: Selectable<SightingTable>): NonNullable<PolyDevice['softphone']> {
  return {
    name: s.softphone_name,
    pluginId: s.softphone_plugin_id,
    vendor: s.softphone_vendor,
    version: s.softphone_version,
  };
}
