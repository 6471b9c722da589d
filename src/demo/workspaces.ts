/**
 * Workspaces of a demo tenant: meeting rooms named after a site, a floor and a river or mountain,
 * each with a room system, sometimes a common-area phone and a paging adapter.
 */
import { idAt } from '../db/ids.js';
import { addDevice } from './devices.js';
import { type DevicePlan, type FleetContext, HOUR, MINUTE, type TenantState } from './fleet-state.js';
import type { Random } from './random.js';
import { ROOM_NAMES } from './reference-data.js';
import { numericExtensionIdOf } from '../modules/extension-ids/numeric-extension-id.js';

/** Writes a workspace created at `at` and its devices (as many as the quota leaves room for). */
export function addWorkspace(ctx: FleetContext, t: TenantState, rng: Random, at: number): void {
  const site = t.sites[Math.floor(rng.next() * t.sites.length)]!;
  const n = ++t.workspacesCreated;
  const name = `${site.template.code}-${rng.int(1, 12)}.${String(n).padStart(2, '0')} ${rng.pick(ROOM_NAMES)}`;
  const id = idAt(at, rng.bytes16());
  ctx.batch.add('workspaces', {
    id,
    tenant_id: t.id,
    name,
    site_id: site.id,
    ringcentral_extension_id: numericExtensionIdOf(id),
    created_at: at,
    updated_at: at,
    version: 1,
  });
  let offset = HOUR;
  for (const device of roomDevices(rng).slice(0, t.quota - t.devicesCreated)) {
    addDevice(ctx, t, rng, at + offset, device, { workspace: { id, name, site } });
    offset += MINUTE * rng.int(5, 120);
  }
}

function roomDevices(rng: Random): DevicePlan[] {
  const devices: DevicePlan[] = [{ product: rng.weightedKey({ 'cisco-room-kit-mini': 60, 'poly-studio-x50': 40 }) }];
  if (rng.chance(0.25))
    devices.push({
      product: rng.weightedKey({ 'yealink-t33g': 50, 'cisco-6871': 50 }),
      commonPhone: true,
    });
  if (rng.chance(0.1)) devices.push({ product: 'algo-8301' });
  return devices;
}
