/**
 * The rows that hang off a demo device: the pairing of a headset with its base or adapter, the first
 * and last sighting of a USB or Bluetooth device on its owner's computer, and the device's tags.
 */
import { idAt } from '../db/ids.js';
import type { DeviceRow } from './batch.js';
import type { FleetContext, Owner, PersonState, TenantState } from './fleet-state.js';
import type { Random } from './random.js';
import { PERSONAL_TAGS, PHONE_TAGS, ROOM_TAGS } from './reference-data.js';

/** Pairs a headset with its base or dongle: one connected_devices row on each side. */
export function pairDevices(ctx: FleetContext, rng: Random, headset: DeviceRow, other: DeviceRow): void {
  const side = (from: DeviceRow, to: DeviceRow, component: string): void => {
    const spec = ctx.products.specById(to.product_id!);
    ctx.batch.add('connected_devices', {
      id: idAt(from.created_at, rng.bytes16()),
      tenant_id: from.tenant_id,
      device_id: from.id,
      component,
      connected_device_id: to.id,
      display_id: to.display_id,
      family: spec.family,
      model_id: spec.modelId,
      name: spec.name,
    });
  };
  side(headset, other, other.kind === 'Base' ? 'base' : 'dongle');
  side(other, headset, 'headset');
}

/** Where a person's device was first seen (when it was created) and last seen, with the softphone in use. */
export function addSightings(ctx: FleetContext, t: TenantState, row: DeviceRow, person: PersonState): void {
  const { host } = person;
  const softphone = host.softphone;
  for (const kind of ['first', 'last'] as const) {
    const h = host[kind];
    ctx.batch.add('sightings', {
      tenant_id: t.id,
      device_id: row.id,
      kind,
      seen_at: kind === 'first' ? row.created_at : row.last_seen_at!,
      client_instance_id: h.clientInstanceId,
      hostname: h.hostname,
      host_os: h.os,
      host_os_version: h.osVersion,
      softphone_name: softphone.name,
      softphone_plugin_id: softphone.pluginId,
      softphone_vendor: softphone.vendor,
      softphone_version: host.softphoneVersions[kind === 'first' ? 0 : 1],
      username: person.username,
      first_name: person.first,
      last_name: person.last,
      user_groups: person.groupsJson,
    });
  }
}

/** Zero to two tags from the pool that fits the device, and "contact-center" for agents' devices. */
export function addTags(ctx: FleetContext, t: TenantState, rng: Random, row: DeviceRow, owner: Owner): void {
  const pool = owner.workspace
    ? ROOM_TAGS
    : row.kind === 'HardPhone' || row.kind === 'OtherPhone'
      ? PHONE_TAGS
      : PERSONAL_TAGS;
  const count = rng.weightedIndex([45, 40, 15]);
  const chosen = new Set<string>();
  for (let i = 0; i < count; i++) chosen.add(rng.pick(pool));
  if (owner.person?.groupIds.includes(t.groups.get('Contact Center')!)) chosen.add('contact-center');
  for (const tag of chosen) ctx.batch.add('device_tags', { tenant_id: t.id, device_id: row.id, tag });
}
