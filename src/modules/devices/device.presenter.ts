/** Turns a device record into the native resource: only whitelisted fields, instants as ISO strings. */
import type { Selectable } from 'kysely';
import type { DeviceIncludes, DeviceRecord } from './device.repository.js';
import type { DeviceField, DeviceView } from './device.schemas.js';
import type { DeviceTable, SightingTable } from './device.table.js';
import { iso, isoOrNull, presentProvenance } from '../presenting.js';
import type { BillingStatement, EmergencyInfo, ShippingInfo } from './ringcentral-blocks.js';
import { virtualLineName } from '../virtual-lines/virtual-line.presenter.js';

/** A stored RingCentral block (ringcentral-blocks.ts): written in its canonical form, so shown as stored. */
const block = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export function presentDevice({ row, tags, connected, firstSeen, lastSeen, lines }: DeviceRecord): DeviceView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    displayId: row.display_id,
    serial: row.serial,
    mac: row.mac,
    ip: row.ip,
    status: row.status,
    activationState: row.activation_state,
    product:
      row.product_id === null || row.product_manufacturer === null
        ? null
        : {
            id: row.product_id,
            manufacturer: row.product_manufacturer,
            family: row.product_family,
            modelId: row.product_model_id ?? '',
            name: row.product_name ?? '',
            type: row.product_type ?? '',
            usbVendorId: row.product_usb_vendor_id,
            usbProductId: row.product_usb_product_id,
            sku: row.product_sku,
          },
    owner: row.owner_person_id
      ? {
          type: 'person',
          id: row.owner_person_id,
          name: [row.owner_first_name, row.owner_last_name].filter(Boolean).join(' ') || (row.owner_username ?? ''),
          username: row.owner_username ?? '',
        }
      : row.owner_workspace_id
        ? { type: 'workspace', id: row.owner_workspace_id, name: row.workspace_name ?? '' }
        : row.owner_virtual_line_id
          ? {
              type: 'virtualLine',
              id: row.owner_virtual_line_id,
              name: virtualLineName({
                display_name: row.virtual_line_display_name,
                first_name: row.virtual_line_first_name,
                last_name: row.virtual_line_last_name,
              }),
            }
          : null,
    site: row.site_id ? { id: row.site_id, name: row.site_name ?? '' } : null,
    tags,
    firmware: {
      main: row.fw_main,
      base: row.fw_base,
      headset: row.fw_headset,
      bluetooth: row.fw_bluetooth,
      usb: row.fw_usb,
      available: row.firmware_available,
      updateId: row.firmware_update_id,
    },
    compliance: { status: row.compliance, policyId: row.policy_id, targetVersion: row.policy_target_version },
    upgradeChannel: row.upgrade_channel,
    managedBy: row.managed_by,
    sip:
      row.sip_user_name === null && row.sip_line_port === null && row.sip_outbound_proxy === null
        ? null
        : { userName: row.sip_user_name, linePort: row.sip_line_port, outboundProxy: row.sip_outbound_proxy },
    hotDesk: row.hot_desk === 1,
    commonPhone: row.common_phone === 1,
    linePooling: row.line_pooling,
    telephonyNetwork: row.telephony_network,
    doNotDisturb: row.do_not_disturb === 1,
    forwardTo: row.forward_to,
    monitoring: presentMonitoring(row),
    computerName: row.computer_name,
    emergency: block<EmergencyInfo>(row.emergency),
    shipping: block<ShippingInfo>(row.shipping),
    billing: block<BillingStatement>(row.billing),
    connectedDevices: connected.map((c) => ({
      component: c.component,
      deviceId: c.connected_device_id,
      displayId: c.display_id,
      family: c.family,
      modelId: c.model_id,
      name: c.name,
    })),
    firstSeen: presentSighting(firstSeen),
    lastSeen: presentSighting(lastSeen),
    lines: lines.map((l) => ({
      position: l.position,
      lineType: l.line_type,
      phoneNumberId: l.phone_number_id,
      number: l.number,
      e164: l.e164,
      countryCode: l.country_code,
      callingCode: l.calling_code,
      nationalFormat: l.national_format,
      location: l.location,
    })),
    lastSeenAt: isoOrNull(row.last_seen_at),
    provenance: presentProvenance(row),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}

function presentSighting(s: Selectable<SightingTable> | undefined): DeviceView['firstSeen'] {
  if (!s) return null;
  const hasSoftphone = s.softphone_name !== null || s.softphone_vendor !== null;
  return {
    seenAt: iso(s.seen_at),
    clientInstanceId: s.client_instance_id,
    hostname: s.hostname,
    hostOs: s.host_os,
    hostOsVersion: s.host_os_version,
    softphone: hasSoftphone
      ? {
          name: s.softphone_name,
          pluginId: s.softphone_plugin_id,
          vendor: s.softphone_vendor,
          version: s.softphone_version,
        }
      : null,
    username: s.username,
    firstName: s.first_name,
    lastName: s.last_name,
    userGroups: JSON.parse(s.user_groups) as string[],
  };
}

/** Relations a projection needs; a relation no requested field shows is not loaded at all. */
export function deviceIncludesFor(fields: readonly DeviceField[] | undefined): DeviceIncludes {
  const has = (f: DeviceField) => !fields || fields.includes(f);
  return {
    tags: has('tags'),
    connected: has('connectedDevices'),
    sightings: has('firstSeen') || has('lastSeen'),
    lines: has('lines'),
  };
}

/** The monitoring session a device row records (the one it monitors another device from), or null. */
export function presentMonitoring(row: Selectable<DeviceTable>): DeviceView['monitoring'] {
  if (row.monitoring_state === null) return null;
  return {
    state: row.monitoring_state,
    mode: row.monitoring_mode,
    scope: row.monitoring_scope,
    targetDeviceId: row.monitoring_target_device_id,
    supervisorId: row.monitoring_supervisor_id,
    muted: row.monitoring_muted === 1,
  };
}
