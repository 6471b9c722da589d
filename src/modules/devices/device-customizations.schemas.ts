/**
 * Device configuration customizations (MPP phones, ATAs, Wi-Fi phones, DECT bases): the settings an admin may
 * override on a device, or that a location or the organization sets for all of them. The shape is Webex Calling's
 * (vendor-apis.md §3.2, the spec extract's device-settings schemas), which Ucfleet keeps as its canonical form:
 * member names, required members and enum values as the spec states them. Every object refuses unknown members;
 * texts and lists are bounded (SILENT in the spec: 1,000 characters, 100 entries) so one body stays small.
 */
import { type Static, type TProperties, type TSchema, Type } from 'typebox';

const Text = Type.String({ maxLength: 1000 });
const List = <T extends TSchema>(item: T) => Type.Array(item, { maxItems: 100 });
const Strict = <T extends TProperties>(properties: T) => Type.Object(properties, { additionalProperties: false });
const oneOf = <const V extends string[]>(...values: V) => Type.Enum(values);
const Flag = Type.Boolean();
const Num = Type.Number();
const Opt = Type.Optional;

const Selection = oneOf('REGIONAL', 'CUSTOM');
const CodecPriority = Strict({ selection: Selection, primary: Text, secondary: Text, tertiary: Text });
const Vlan = Strict({ enabled: Flag, value: Num });

export const AtaCustomizations = Strict({
  audioCodecPriority: CodecPriority,
  ataDtmfMode: oneOf('STRICT', 'NORMAL'),
  ataDtmfMethod: oneOf('INBAND', 'AVT', 'AUTO'),
  cdpEnabled: Flag,
  lldpEnabled: Flag,
  qosEnabled: Flag,
  vlan: Vlan,
  webAccessEnabled: Flag,
  nightlyResyncEnabled: Flag,
  snmp: Strict({ enabled: Flag, trustedIP: Text, getCommunity: Text, setCommunity: Text, snmpV3Enabled: Flag }),
});

const SoftKeyMenu = Strict({
  idleKeyList: Text,
  offHookKeyList: Text,
  dialingInputKeyList: Text,
  progressingKeyList: Text,
  connectedKeyList: Text,
  connectedVideoKeyList: Text,
  startTransferKeyList: Text,
  startConferenceKeyList: Text,
  conferencingKeyList: Text,
  releasingKeyList: Text,
  holdKeyList: Text,
  ringingKeyList: Text,
  sharedActiveKeyList: Text,
  sharedHeldKeyList: Text,
});
const ProgrammableSoftKeys = Strict({
  psk1: Text,
  psk2: Opt(Text),
  psk3: Opt(Text),
  psk4: Text,
  psk5: Opt(Text),
  psk6: Opt(Text),
  psk7: Opt(Text),
  psk8: Opt(Text),
  psk9: Opt(Text),
  psk10: Opt(Text),
  psk11: Opt(Text),
  psk12: Opt(Text),
  psk13: Opt(Text),
  psk14: Opt(Text),
  psk15: Opt(Text),
  psk16: Opt(Text),
});

export const MppCustomizations = Strict({
  pnacEnabled: Flag,
  audioCodecPriority: CodecPriority,
  backlightTimer: oneOf('ONE_MIN', 'FIVE_MIN', 'THIRTY_MIN', 'ALWAYS_ON'),
  background: Strict({
    image: Opt(oneOf('NONE', 'DARK_BLUE', 'CISCO_DARK_BLUE', 'WEBEX_DARK_BLUE', 'CUSTOM_BACKGROUND')),
    customUrl: Opt(Text),
  }),
  displayNameFormat: Opt(oneOf('PERSON_NUMBER', 'PERSON_FIRST_THEN_LAST_NAME', 'PERSON_LAST_THEN_FIRST_NAME')),
  cdpEnabled: Flag,
  defaultLoggingLevel: oneOf('STANDARD', 'DEBUGGING'),
  dndServicesEnabled: Flag,
  acd: Strict({ enabled: Flag, displayCallqueueAgentSoftkeys: oneOf('FRONT_PAGE', 'LAST_PAGE') }),
  shortInterdigitTimer: Num,
  longInterdigitTimer: Num,
  lineKeyLabelFormat: oneOf('PERSON_EXTENSION', 'PERSON_FIRST_THEN_LAST_NAME', 'PERSON_LAST_THEN_FIRST_NAME'),
  lineKeyLEDPattern: oneOf('DEFAULT', 'PRESET_1'),
  lldpEnabled: Flag,
  mppUserWebAccessEnabled: Flag,
  multicast: List(Text),
  enhancedMulticast: Strict({
    xmlAppUrl: Opt(Text),
    multicastList: List(Strict({ hostAndPort: Text, hasXmlAppUrl: Flag, xmlAppTimeout: Opt(Num) })),
  }),
  offHookTimer: Num,
  phoneLanguage: oneOf(
    'PERSON_LANGUAGE',
    'ARABIC',
    'BULGARIAN',
    'CATALAN',
    'CHINESE_SIMPLIFIED',
    'CHINESE_TRADITIONAL',
    'CROATIAN',
    'CZECH',
    'DANISH',
    'DUTCH',
    'ENGLISH_UNITED_STATES',
    'ENGLISH_UNITED_KINGDOM',
    'FINNISH',
    'FRENCH_CANADA',
    'FRENCH_FRANCE',
    'GERMAN',
    'GREEK',
    'HEBREW',
    'HUNGARIAN',
    'ITALIAN',
    'JAPANESE',
    'KOREAN',
    'NORWEGIAN',
    'POLISH',
    'PORTUGUESE_PORTUGAL',
    'RUSSIAN',
    'SPANISH_COLOMBIA',
    'SPANISH_SPAIN',
    'SLOVAK',
    'SWEDISH',
    'SLOVENIAN',
    'TURKISH',
    'UKRAINE',
  ),
  poeMode: oneOf('NORMAL', 'MAXIMUM'),
  qosEnabled: Flag,
  screenTimeout: Strict({ enabled: Flag, value: Num }),
  usbPortsEnabled: Flag,
  usbPorts: Strict({ enabled: Flag, sideUsbEnabled: Flag, rearUsbEnabled: Flag }),
  vlan: Strict({ enabled: Flag, value: Opt(Num), pcPort: Opt(Num) }),
  wifiNetwork: Strict({
    enabled: Flag,
    authenticationMethod: oneOf('NONE', 'EAP_FAST', 'PEAP_GTC', 'PEAP_MSCHAPV2', 'PSK', 'WEP'),
    ssidName: Text,
    userId: Text,
  }),
  callHistory: oneOf('WEBEX_UNIFIED_CALL_HISTORY', 'LOCAL_CALL_HISTORY'),
  contacts: oneOf('XSI_DIRECTORY', 'WEBEX_DIRECTORY'),
  webexMeetingsEnabled: Flag,
  volumeSettings: Strict({
    ringerVolume: Num,
    speakerVolume: Num,
    handsetVolume: Num,
    headsetVolume: Num,
    eHookEnabled: Flag,
    allowEndUserOverrideEnabled: Flag,
  }),
  cfExpandedSoftKey: oneOf('ONLY_THE_CALL_FORWARD_ALL', 'ALL_CALL_FORWARDS'),
  httpProxy: Strict({
    mode: oneOf('OFF', 'AUTO', 'MANUAL'),
    autoDiscoveryEnabled: Flag,
    host: Opt(Text),
    port: Opt(Text),
    packUrl: Opt(Text),
    authSettingsEnabled: Opt(Flag),
    username: Opt(Text),
    password: Opt(Text),
  }),
  bluetooth: Strict({ enabled: Flag, mode: Opt(oneOf('PHONE', 'HANDS_FREE', 'BOTH')) }),
  passThroughPortEnabled: Flag,
  userPasswordOverrideEnabled: Flag,
  activeCallFocusEnabled: Flag,
  peerFirmwareEnabled: Flag,
  noiseCancellation: Strict({ enabled: Flag, allowEndUserOverrideEnabled: Flag }),
  voiceFeedbackAccessibilityEnabled: Flag,
  dialAssistEnabled: Flag,
  callsPerLine: Num,
  nightlyResyncEnabled: Flag,
  missedCallNotificationEnabled: Flag,
  softKeyLayout: Strict({
    softKeyMenu: SoftKeyMenu,
    psk: ProgrammableSoftKeys,
    softKeyMenuDefaults: SoftKeyMenu,
    pskDefaults: ProgrammableSoftKeys,
  }),
  backgroundImage8875: oneOf('CYAN_DARK', 'PURPLE_DARK', 'BLUE_DARK', 'VIOLET_DARK', 'BLUE_LIGHT', 'VIOLET_LIGHT'),
  backlightTimer68XX78XX: oneOf('ALWAYS_ON', 'TEN_SEC', 'TWENTY_SEC', 'THIRTY_SEC', 'OFF'),
  allowMonitorLinesEnabled: Flag,
  iceEnabled: Opt(Flag),
});

export const WifiCustomizations = Strict({
  // The spec leaves the Wi-Fi phones' codec selection a free text (REGIONAL / CUSTOM elsewhere).
  audioCodecPriority: Strict({ selection: Text, primary: Text, secondary: Text, tertiary: Text }),
  ldap: Strict({
    enabled: Flag,
    serverAddress: Opt(Text),
    serverPort: Opt(Num),
    commSecurityType: Opt(oneOf('NONE', 'SSL', 'STARTTLS')),
    bindDn: Opt(Text),
    bindPw: Opt(Text),
    baseDn: Opt(Text),
    primaryEmailAttribute: Opt(Text),
    alternateEmailAttribute: Opt(Text),
  }),
  webAccess: Strict({ enabled: Flag, password: Text }),
  phoneSecurityPwd: Text,
});

export const DectCustomizations = Strict({
  audioCodecPriority: CodecPriority,
  cdpEnabled: Flag,
  dect6825HandsetEmergencyNumber: Text,
  lldpEnabled: Flag,
  multicast: Text,
  qosEnabled: Flag,
  vlan: Vlan,
  webAccessEnabled: Flag,
  nightlyResyncEnabled: Flag,
});

/** What one device may override: its family's settings (DECT devices have no device-level settings). */
export const DeviceCustomizations = Strict({
  ata: Opt(AtaCustomizations),
  mpp: Opt(MppCustomizations),
  wifi: Opt(WifiCustomizations),
});
export type DeviceCustomizations = Static<typeof DeviceCustomizations>;

/** What a location or the organization sets: every family, DECT included. */
export const FleetCustomizations = Strict({
  ata: AtaCustomizations,
  dect: DectCustomizations,
  mpp: MppCustomizations,
  wifi: WifiCustomizations,
});
export type FleetCustomizations = Static<typeof FleetCustomizations>;

/** The families of a device-level override. */
export const DEVICE_FAMILIES = ['ata', 'mpp', 'wifi'] as const;
export type DeviceFamily = (typeof DEVICE_FAMILIES)[number];
