/**
 * The telephony side of demo devices: the lines of desk phones, contact-center positions, paging
 * adapters and RingCentral softphones; their SIP registration in the style of the platform they run
 * on (Webex, RingCentral, Genesys); call features; supervisor monitoring; RingCentral shipping.
 */
import type { DeviceRow } from './batch.js';
import type { CatalogProduct } from './catalog-model.js';
import {
  type FleetContext,
  MINUTE,
  type Owner,
  type PersonState,
  type PhoneNumber,
  type SiteState,
  type TenantState,
  pushBounded,
} from './fleet-state.js';
import { newNumber } from './number-blocks.js';
import type { Random } from './random.js';

/** The calling platform a device registers with. */
export type Platform = 'webex' | 'ringcentral' | 'genesys';

const SHIPPING_METHODS = [
  { id: '1', name: 'Ground' },
  { id: '2', name: '2 Day' },
  { id: '3', name: 'Overnight' },
];

/** Lines, SIP registration and telephony flags of desk phones, contact-center positions and paging adapters. */
export function addTelephony(
  ctx: FleetContext,
  t: TenantState,
  rng: Random,
  row: DeviceRow,
  spec: CatalogProduct,
  platform: Platform | null,
  owner: Owner,
): void {
  const person = owner.person;
  const site = person?.site ?? owner.workspace!.site;
  const line = addDirectLine(ctx, t, row, person, site);
  if (row.kind === 'HardPhone' && spec.features.includes('BLA') && rng.chance(0.12))
    addLine(ctx, t, row, site.mainLine, 1, 'BlaSecondary');
  setCallFeatures(rng, row, spec, line, person, site);
  if (platform === 'webex') addWebexSip(t, rng, row, site);
  else if (platform === 'ringcentral') setRingCentralPhone(rng, row, site, line, person);
  else if (platform === 'genesys') setContactCenterPosition(ctx, t, rng, row, line, person);
}

/** A person's phones share their direct number; a workspace's phone gets its own; paging adapters none. */
function addDirectLine(
  ctx: FleetContext,
  t: TenantState,
  row: DeviceRow,
  person: PersonState | undefined,
  site: SiteState,
): PhoneNumber | null {
  let line: PhoneNumber | null = null;
  if (person) {
    person.did ??= newNumber(ctx, t, site, row.created_at);
    line = person.did;
    person.hasDeskPhone = true;
  } else if (row.kind !== 'Paging') {
    line = newNumber(ctx, t, site, row.created_at);
  }
  if (line) addLine(ctx, t, row, line, 0, 'Standalone');
  return line;
}

function setCallFeatures(
  rng: Random,
  row: DeviceRow,
  spec: CatalogProduct,
  line: PhoneNumber | null,
  person: PersonState | undefined,
  site: SiteState,
): void {
  row.common_phone = row.common_phone || (spec.features.includes('CommonPhone') && rng.chance(0.03)) ? 1 : 0;
  if (!spec.features.includes('CommonPhone')) row.common_phone = 0;
  row.hot_desk = row.hot_desk || (row.kind === 'HardPhone' && rng.chance(0.05)) ? 1 : 0;
  row.line_pooling = line && row.kind === 'HardPhone' ? (rng.chance(0.7) ? 'Host' : 'None') : 'None';
  row.telephony_network = rng.chance(row.kind === 'OtherPhone' ? 0.6 : 0.15) ? 'Private' : 'Public';
  row.do_not_disturb = rng.chance(row.kind === 'OtherPhone' && person?.agentState === 'NotReady' ? 0.25 : 0.04) ? 1 : 0;
  if (rng.chance(0.05)) row.forward_to = site.mainLine.e164;
}

/** Webex Calling registration: a SIP user and line port in the tenant's domain, the site's region. */
export function addWebexSip(t: TenantState, rng: Random, row: DeviceRow, site: SiteState): void {
  row.sip_user_name = String(rng.int(100_000, 99_999_999));
  row.sip_line_port = `${rng.hex(10).toLowerCase()}@${t.webexDomain}.${site.webexRegion}.bcld.webex.com`;
  row.sip_outbound_proxy = `hs${(t.salt % 20) + 1}.${site.webexRegion}.bcld.webex.com`;
}

function setRingCentralPhone(
  rng: Random,
  row: DeviceRow,
  site: SiteState,
  line: PhoneNumber | null,
  person: PersonState | undefined,
): void {
  row.sip_user_name = line ? line.e164.slice(1) : `${rng.int(10_000_000, 99_999_999)}`;
  row.sip_outbound_proxy = site.rcProxy;
  row.emergency = site.emergencyJson;
  if (rng.chance(0.2) && row.kind === 'HardPhone') row.shipping = shipping(rng, site, person);
}

/** A Genesys ACD position: online with its agent, monitored by a supervisor now and then. */
function setContactCenterPosition(
  ctx: FleetContext,
  t: TenantState,
  rng: Random,
  row: DeviceRow,
  line: PhoneNumber | null,
  person: PersonState | undefined,
): void {
  row.name = `ACD Position ${person?.extension ?? line?.e164 ?? ''}`.trim();
  row.status = person?.agentState === 'Ready' || rng.chance(0.5) ? 'Online' : 'Offline';
  if (row.status === 'Online') row.last_seen_at = ctx.now - rng.int(0, 10) * MINUTE;
  if (person?.supervisor && t.agentDevices.length > 0 && rng.chance(0.3)) {
    row.monitoring_state = rng.weightedKey({ ListenIn: 6, Coach: 3, BargeIn: 1 });
    row.monitoring_mode = rng.weightedKey({ AllCalls: 2, NextCall: 1 });
    row.monitoring_scope = rng.weightedKey({ Call: 2, Agent: 1 });
    row.monitoring_target_device_id = rng.pick(t.agentDevices);
    row.monitoring_supervisor_id = person.id;
  } else if (!person?.supervisor) {
    pushBounded(t.agentDevices, row.id);
  }
}

/** A softphone runs on its owner's laptop; the RingCentral App carries the owner's direct number. */
export function addSoftphone(
  ctx: FleetContext,
  t: TenantState,
  row: DeviceRow,
  spec: CatalogProduct,
  person: PersonState,
): void {
  row.computer_name = person.host.last.hostname;
  row.name = `${spec.name} (${person.host.last.hostname})`;
  person.host.softphoneVersions = [person.host.softphoneVersions[0], row.fw_main ?? person.host.softphoneVersions[1]];
  if (spec.manufacturer === 'RingCentral' && person.did) {
    addLine(ctx, t, row, person.did, 0, 'Standalone');
    row.line_pooling = person.hasDeskPhone ? 'Guest' : 'Host';
    row.sip_user_name = person.did.e164.slice(1);
    row.sip_outbound_proxy = person.site.rcProxy;
  } else {
    row.line_pooling = 'None';
  }
}

function addLine(
  ctx: FleetContext,
  t: TenantState,
  row: DeviceRow,
  number: PhoneNumber,
  position: number,
  lineType: string,
): void {
  ctx.batch.add('device_lines', {
    tenant_id: t.id,
    device_id: row.id,
    phone_number_id: number.id,
    position,
    line_type: lineType,
  });
}

/** RingCentral ships phones it sells: where to, how, and how far it got. */
function shipping(rng: Random, site: SiteState, person: PersonState | undefined): string {
  const tpl = site.template;
  return JSON.stringify({
    status: rng.weightedKey({ Shipped: 6, Accepted: 2, Initial: 1 }),
    carrier: rng.pick(['UPS', 'FedEx', 'DHL']),
    trackingNumber: `1Z${rng.hex(16)}`,
    method: SHIPPING_METHODS[rng.weightedIndex([6, 3, 1])],
    address: {
      customerName: person ? `${person.first} ${person.last}` : site.name,
      street: tpl.street,
      city: tpl.city,
      state: tpl.stateCode,
      stateName: tpl.state,
      zip: tpl.postalCode,
      country: tpl.country,
      countryName: tpl.countryName,
    },
  });
}
