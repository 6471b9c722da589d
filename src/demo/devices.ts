/**
 * Devices of a demo tenant: one row per device, with its firmware (mostly recent packages), the
 * compliance the evaluator derives from it, its presence (online, recently seen, stale), identifiers
 * and network address, then what the device kind adds: lines and SIP registration, sightings, tags.
 */
import { idAt } from '../db/ids.js';
import { type ComplianceResult, evaluateCompliance } from '../modules/firmware/compliance.js';
import type { DeviceRow } from './batch.js';
import type { CatalogProduct, FirmwareComponent } from './catalog-model.js';
import { deviceIdentifiers } from './device-identifiers.js';
import { addSightings, addTags } from './device-relations.js';
import {
  type Activity,
  DAY,
  type DevicePlan,
  type FleetContext,
  HOUR,
  MINUTE,
  type Owner,
  SOURCE,
  type SiteState,
  type TenantState,
} from './fleet-state.js';
import type { Random } from './random.js';
import { type Platform, addSoftphone, addTelephony, addWebexSip } from './telephony.js';

type Firmware = Record<FirmwareComponent, string | null>;

/** What a new device row is made from. */
interface DeviceDraft {
  readonly id: string;
  readonly createdAt: number;
  readonly spec: CatalogProduct;
  readonly productId: string;
  readonly firmware: Firmware;
  readonly compliance: ComplianceResult;
  readonly platform: Platform | null;
}

/** Writes a device of `plan` for `owner`, created at `plannedAt` (at the latest an hour before now). */
export function addDevice(
  ctx: FleetContext,
  t: TenantState,
  rng: Random,
  plannedAt: number,
  plan: DevicePlan,
  owner: Owner,
): DeviceRow {
  const { spec, id: productId } = ctx.products.byKey(plan.product);
  const createdAt = Math.min(plannedAt, ctx.now - HOUR);
  const id = idAt(createdAt, rng.bytes16());
  const firmware = pickFirmware(rng, spec, plan.packageAge);
  const compliance = evaluateCompliance(
    { productId, firmware, userGroupIds: owner.person?.groupIds ?? [] },
    t.policiesByProduct.get(productId) ?? [],
  );
  const draft = { id, createdAt, spec, productId, firmware, compliance, platform: platformOf(spec) };
  const row = deviceRow(ctx, t, rng, draft, plan, owner);

  const { person } = owner;
  const kind = spec.deviceKind;
  if (kind === 'HardPhone' || kind === 'OtherPhone' || kind === 'Paging')
    addTelephony(ctx, t, rng, row, spec, draft.platform, owner);
  if (kind === 'Room' && draft.platform === 'webex') addWebexSip(t, rng, row, siteOf(owner));
  if (kind === 'SoftPhone') addSoftphone(ctx, t, row, spec, person!);
  if (person && (kind === 'Headset' || kind === 'Base' || kind === 'Dongle' || kind === 'SoftPhone'))
    addSightings(ctx, t, row, person);
  addTags(ctx, t, rng, row, owner);

  ctx.batch.add('devices', row);
  ctx.batch.devices++;
  t.devicesCreated++;
  t.summary.devices++;
  return row;
}

/** The versions of one of the product's packages: the `packageAge`-th newest, else drawn, mostly recent. */
function pickFirmware(rng: Random, spec: CatalogProduct, packageAge: number | undefined): Firmware {
  const packages = spec.packages;
  const age = Math.min(packages.length - 1, packageAge ?? rng.weightedIndex([45, 28, 15, 8, 4]));
  const versions = packages.length > 0 ? packages[packages.length - 1 - age]!.versions : {};
  return {
    main: versions.main ?? null,
    base: versions.base ?? null,
    headset: versions.headset ?? null,
    bluetooth: versions.bluetooth ?? null,
    usb: versions.usb ?? null,
  };
}

function isNetworked(spec: CatalogProduct): boolean {
  return spec.deviceKind === 'HardPhone' || spec.deviceKind === 'Room' || spec.deviceKind === 'Paging';
}

function platformOf(spec: CatalogProduct): Platform | null {
  if (spec.manufacturer === 'Cisco') return 'webex';
  if (spec.manufacturer === 'Genesys') return 'genesys';
  return isNetworked(spec) ? 'ringcentral' : null;
}

function siteOf(owner: Owner): SiteState {
  return owner.person?.site ?? owner.workspace!.site;
}

function deviceName(spec: CatalogProduct, owner: Owner): string {
  if (owner.workspace) return `${owner.workspace.name} – ${spec.name}`;
  if (spec.deviceKind === 'HardPhone' && owner.person)
    return `${spec.name} – ${owner.person.first} ${owner.person.last}`;
  return spec.name;
}

/** Columns that the device's kind sets afterwards, where it applies (lines, SIP, monitoring, shipping…). */
const SET_BY_KIND = {
  sip_user_name: null,
  sip_line_port: null,
  sip_outbound_proxy: null,
  line_pooling: null,
  telephony_network: null,
  do_not_disturb: 0,
  forward_to: null,
  monitoring_state: null,
  monitoring_mode: null,
  monitoring_scope: null,
  monitoring_target_device_id: null,
  monitoring_supervisor_id: null,
  computer_name: null,
  emergency: null,
  shipping: null,
  billing: null,
} as const;

/** Whether the device is activated (networked devices only), how recently it was seen, and when. */
function presence(
  rng: Random,
  networked: boolean,
  createdAt: number,
  now: number,
): { activation: string | null; activity: Activity; lastSeenAt: number } {
  const activation = networked ? rng.weightedKey({ activated: 88, activating: 4, deactivated: 8 }) : null;
  const activity = activation === 'deactivated' ? 'stale' : rng.weightedKey({ online: 60, recent: 25, stale: 15 });
  return { activation, activity, lastSeenAt: lastSeen(rng, activity, createdAt, now) };
}

function lastSeen(rng: Random, activity: Activity, createdAt: number, now: number): number {
  const floor = createdAt + MINUTE;
  if (activity === 'online') return Math.max(floor, now - rng.int(0, 10 * MINUTE));
  if (activity === 'recent') return Math.max(floor, now - rng.int(HOUR, 14 * DAY));
  return Math.max(floor, Math.min(now - 14 * DAY, createdAt + Math.floor(rng.next() * (now - createdAt))));
}

/** The device row before its kind adds lines, SIP registration and call features. */
function deviceRow(
  ctx: FleetContext,
  t: TenantState,
  rng: Random,
  draft: DeviceDraft,
  plan: DevicePlan,
  owner: Owner,
): DeviceRow {
  const { spec, createdAt, firmware, platform } = draft;
  const networked = isNetworked(spec);
  const { activation, activity, lastSeenAt } = presence(rng, networked, createdAt, ctx.now);
  const ids = deviceIdentifiers(t, rng, spec, networked);
  const site = siteOf(owner);
  const ip = networked ? `10.${site.octet}.${rng.int(1, 254)}.${rng.int(2, 254)}` : null;
  const upgradeChannel =
    platform === 'webex' && networked
      ? rng.weightedKey({ Stable: 70, 'Stable Delay': 15, Preview: 10, Beta: 5 })
      : null;
  const managedBy = networked ? rng.weightedKey({ CUSTOMER: 80, PARTNER: 20 }) : null;
  const updatedAt = Math.min(ctx.now, createdAt + Math.floor(rng.next() * (lastSeenAt - createdAt)));
  return {
    id: draft.id,
    tenant_id: t.id,
    kind: spec.deviceKind,
    product_id: draft.productId,
    manufacturer: spec.manufacturer,
    name: deviceName(spec, owner),
    display_id: ids.displayId,
    serial: ids.serial,
    mac: ids.mac,
    ip,
    status: activity === 'online' ? 'Online' : 'Offline',
    activation_state: activation,
    owner_person_id: owner.person?.id ?? null,
    owner_workspace_id: owner.workspace?.id ?? null,
    site_id: site.id,
    fw_main: firmware.main,
    fw_base: firmware.base,
    fw_headset: firmware.headset,
    fw_bluetooth: firmware.bluetooth,
    fw_usb: firmware.usb,
    compliance: draft.compliance.status,
    policy_id: draft.compliance.policyId,
    upgrade_channel: upgradeChannel,
    managed_by: managedBy,
    ...SET_BY_KIND,
    hot_desk: plan.hotDesk ? 1 : 0,
    common_phone: plan.commonPhone ? 1 : 0,
    last_seen_at: lastSeenAt,
    source_system: SOURCE,
    external_id: null,
    synced_at: null,
    created_at: createdAt,
    updated_at: updatedAt,
    version: 1,
  };
}
