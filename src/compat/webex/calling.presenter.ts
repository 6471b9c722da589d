/**
 * Webex Calling shapes (vendor-apis.md §3.5, §3.6; docs/compat/webex.md "Webex Calling" maps every field) from
 * canonical devices, line members and catalogue products. SILENT choices are the named constants below.
 */
import type { DeviceRecord } from '../../modules/devices/device.repository.js';
import type { ProductRow } from '../../modules/products/product.repository.js';
import {
  type LineMember,
  type LineMemberKind,
  type MemberLine,
  SHARED_LINE_TYPES,
} from '../../modules/numbers/line-member.service.js';
import { webexId } from './ids.js';

/** Device kinds that are Webex Calling devices (take lines); headsets, bases and dongles are not. */
export const CALLING_KINDS: readonly string[] = [
  'HardPhone',
  'OtherPhone',
  'SoftPhone',
  'Room',
  'Paging',
  'WebRTC',
  'WebPhone',
  'BLA',
];
/** Kinds that Webex counts as applications rather than devices (people/{id}/devices/count). */
export const APPLICATION_KINDS: readonly string[] = ['SoftPhone', 'WebRTC', 'WebPhone'];
/** Product kinds listed by supportedDevices: hardware that registers lines by MAC or activation code. */
export const SUPPORTED_DEVICE_KINDS: readonly string[] = ['HardPhone', 'OtherPhone', 'Paging'];
/** Webex's upgrade channels (supportedDevices upgradeChannelList): the spec's enum, in its order. */
export const UPGRADE_CHANNELS = ['STABLE', 'STABLE_DELAY', 'PREVIEW', 'BETA', 'TESTING'] as const;
/** Lines of a model the catalogue gives no line count for: the canonical line positions (0–63). */
export const UNKNOWN_MODEL_LINE_COUNT = 64;
/** A person's or workspace's device limits: Ucfleet has none, so the most devices one list answers. */
export const DEVICE_COUNT_LIMIT = 10_000;
/** Fixed member settings that the canonical model does not hold (a PUT must send these values). */
export const FIXED_MEMBER_SETTINGS = {
  t38FaxCompressionEnabled: false,
  lineWeight: 1,
  hotlineEnabled: false,
  hotlineDestination: '',
  allowCallDeclineEnabled: true,
} as const;

/** managedBy of a device that states none: Webex manages what it registers. */
export const DEFAULT_MANAGED_BY = 'CISCO';

export const MEMBER_TYPES: Record<LineMemberKind, 'PEOPLE' | 'PLACE' | 'VIRTUAL_LINE'> = {
  person: 'PEOPLE',
  workspace: 'PLACE',
  virtualLine: 'VIRTUAL_LINE',
};

const isCisco = (manufacturer: string | null) => manufacturer?.toLowerCase() === 'cisco';

/** Cisco-made and not managed by the customer or a partner; anything else Webex files as THIRD_PARTY. */
export function webexManufacturer(device: DeviceRecord): 'CISCO' | 'THIRD_PARTY' {
  const managedBy = device.row.managed_by?.toUpperCase() ?? DEFAULT_MANAGED_BY;
  return isCisco(device.row.product_manufacturer) && managedBy === 'CISCO' ? 'CISCO' : 'THIRD_PARTY';
}

/** The model: the catalogue product's name, else the device's kind. */
export const webexModel = (device: DeviceRecord) => device.row.product_name ?? device.row.kind;

/** Webex device types (person devices' modelType, supportedDevices' type); undefined where none fits. */
export function webexModelType(kind: string, manufacturer: string | null): string | undefined {
  if (kind === 'Room') return 'ROOM_OS';
  if (kind === 'HardPhone') return isCisco(manufacturer) ? 'MPP' : 'GENERIC_SIP';
  if (kind === 'OtherPhone' || kind === 'BLA') return 'GENERIC_SIP';
  if (kind === 'Paging') return 'ATA';
  return undefined;
}

const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;

/** GET /telephony/config/devices/{deviceId}: the seed 002 shape. */
export function presentCallingDevice(device: DeviceRecord) {
  const { row, tags } = device;
  return defined({
    manufacturer: webexManufacturer(device),
    managedBy: row.managed_by?.toUpperCase() ?? DEFAULT_MANAGED_BY,
    id: webexId('device', row.id),
    ip: row.ip ?? '',
    mac: row.mac ?? undefined,
    model: webexModel(device),
    activationState: row.activation_state ?? undefined,
    description: tags,
    upgradeChannelEnabled: row.upgrade_channel !== null,
    owner:
      row.sip_user_name === null
        ? undefined
        : defined({ sipUserName: row.sip_user_name, linePort: row.sip_line_port ?? undefined }),
    proxy: row.sip_outbound_proxy === null ? undefined : { outboundProxy: row.sip_outbound_proxy },
  });
}

function memberIdentity(member: LineMember) {
  return {
    id: webexId(member.kind, member.id),
    firstName: member.firstName,
    lastName: member.lastName,
  };
}

function location(member: LineMember) {
  return member.siteId === null ? undefined : { id: webexId('location', member.siteId), name: member.siteName ?? '' };
}

const webexLineType = (lineType: string): 'PRIMARY' | 'SHARED_CALL_APPEARANCE' =>
  SHARED_LINE_TYPES.includes(lineType) ? 'SHARED_CALL_APPEARANCE' : 'PRIMARY';

/** GET …/members. */
export function presentMembers(
  device: DeviceRecord,
  lines: readonly MemberLine[],
  owner: LineMember | undefined,
  maxLineCount: number,
) {
  return {
    model: webexModel(device),
    members: lines.map((line) =>
      defined({
        ...memberIdentity(line.member),
        phoneNumber: line.member.e164 ?? undefined,
        extension: line.member.extension ?? undefined,
        primaryOwner: owner?.kind === line.member.kind && owner.id === line.member.id,
        port: line.position + 1,
        ...FIXED_MEMBER_SETTINGS,
        lineType: webexLineType(line.lineType),
        linePort: line.position === 0 ? (device.row.sip_line_port ?? undefined) : undefined,
        memberType: MEMBER_TYPES[line.member.kind],
        location: location(line.member),
      }),
    ),
    maxLineCount,
  };
}

/** One availableMembers entry. */
export function presentAvailableMember(member: LineMember, lineType: 'PRIMARY' | 'SHARED_CALL_APPEARANCE') {
  return defined({
    ...memberIdentity(member),
    phoneNumber: member.e164 ?? undefined,
    extension: member.extension ?? undefined,
    t38FaxCompressionEnabled: FIXED_MEMBER_SETTINGS.t38FaxCompressionEnabled,
    lineType,
    allowCallDeclineEnabled: FIXED_MEMBER_SETTINGS.allowCallDeclineEnabled,
    memberType: MEMBER_TYPES[member.kind],
    location: location(member),
  });
}

/** Hoteling an owner set for their primary devices (DeviceSettingsService.setHoteling). */
export interface OwnerHoteling {
  readonly enabled: boolean;
  readonly limitGuestUse: boolean;
  readonly guestHoursLimit?: number;
}

/**
 * A person's (activationState lower case, modelType) or a workspace's (upper case, no modelType) device. Hoteling:
 * on a primary device, what the owner set when they did; else the device's own hot-desk flag.
 */
export function presentOwnedDevice(
  device: DeviceRecord,
  owner: LineMember,
  style: 'person' | 'workspace',
  primary = true,
  ownerHoteling?: OwnerHoteling,
) {
  const { row, tags } = device;
  const state = row.activation_state ?? 'deactivated';
  return defined({
    id: webexId('device', row.id),
    description: tags,
    model: webexModel(device),
    modelType: style === 'person' ? webexModelType(row.kind, row.product_manufacturer) : undefined,
    mac: row.mac ?? undefined,
    ipAddress: row.ip ?? undefined,
    primaryOwner: primary,
    type: primary ? 'PRIMARY' : 'SHARED_CALL_APPEARANCE',
    hoteling:
      primary && ownerHoteling !== undefined
        ? { ...ownerHoteling }
        : { enabled: row.hot_desk === 1, limitGuestUse: false },
    owner: { ...memberIdentity(owner), type: MEMBER_TYPES[owner.kind] },
    activationState: style === 'person' ? state : state.toUpperCase(),
  });
}

/** One supportedDevices entry from a catalogue product. */
export function presentSupportedDevice(product: ProductRow) {
  const cisco = isCisco(product.manufacturer);
  // Custom line-key layouts and key expansion modules: Cisco MPP models with a known key count (settings.routes.ts).
  const layout = webexModelType(product.device_kind, product.manufacturer) === 'MPP' && product.line_count !== null;
  return defined({
    model: product.name,
    displayName: product.name,
    familyDisplayName: product.family ?? undefined,
    type: webexModelType(product.device_kind, product.manufacturer) ?? 'GENERIC_SIP',
    manufacturer: cisco ? 'CISCO' : 'THIRD_PARTY',
    managedBy: cisco ? 'CISCO' : 'CUSTOMER',
    supportedFor: ['PEOPLE', 'PLACE'],
    onboardingMethod: ['MAC_ADDRESS', 'ACTIVATION_CODE'],
    allowConfigureLayoutEnabled: layout,
    numberOfLinePorts: product.line_count ?? UNKNOWN_MODEL_LINE_COUNT,
    kemSupportEnabled: layout,
    kemLinesSupportEnabled: layout,
    upgradeChannelEnabled: true,
    additionalPrimaryLineAppearancesEnabled: false,
    basicEmergencyNomadicEnabled: false,
    customizedBehaviorsEnabled: false,
    allowConfigurePortsEnabled: false,
    customizableLineLabelEnabled: false,
    supportsLinePortReorderingEnabled: true,
    portNumberSupportEnabled: false,
    t38Enabled: false,
    callDeclinedEnabled: false,
    touchScreenPhone: false,
    numberOfLineKeyButtons: product.line_count ?? 0,
    allowHotelingHostEnabled: product.device_kind === 'HardPhone',
    supportsApplyChangesEnabled: true,
    allowConfigureLinesEnabled: true,
    allowConfigurePhoneSettingsEnabled: false,
    supportsHotlineEnabled: false,
  });
}
