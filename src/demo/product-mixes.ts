/**
 * What demo tenants buy: the softphones desktop agents report (with the versions they ship), and
 * each tenant's mix of desk phones and softphones.
 */
import { catalogProduct } from './catalog.js';

/** Softphones as desktop agents report them (name, plugin id, vendor), with the versions they ship. */
export interface SoftphoneInfo {
  readonly name: string;
  readonly pluginId: string;
  readonly vendor: string;
  /** Catalogue key of the softphone product, when there is one. */
  readonly product: string | null;
  readonly versions: readonly string[];
}

const versionsOf = (key: string): string[] => catalogProduct(key).packages.map((p) => p.versions.main!);

export const SOFTPHONES: Record<string, SoftphoneInfo> = {
  teams: {
    name: 'Microsoft Teams',
    pluginId: 'MSTeams',
    vendor: 'Microsoft',
    product: 'teams',
    versions: versionsOf('teams'),
  },
  'zoom-workplace': {
    name: 'Zoom Workplace',
    pluginId: 'ZoomClient',
    vendor: 'Zoom',
    product: 'zoom-workplace',
    versions: versionsOf('zoom-workplace'),
  },
  'webex-app': {
    name: 'Webex',
    pluginId: 'CiscoWebex',
    vendor: 'Cisco',
    product: 'webex-app',
    versions: versionsOf('webex-app'),
  },
  'ringcentral-app': {
    name: 'RingCentral App',
    pluginId: 'RingCentral',
    vendor: 'RingCentral',
    product: 'ringcentral-app',
    versions: versionsOf('ringcentral-app'),
  },
  genesys: {
    name: 'Genesys Cloud',
    pluginId: 'GenesysCloud',
    vendor: 'Genesys',
    product: null,
    versions: ['2.34.7', '2.38.12', '2.41.3', '2.44.1'],
  },
};

export const DESK_PHONE_MIXES: readonly Readonly<Record<string, number>>[] = [
  { 'cisco-8851': 35, 'cisco-8811': 25, 'poly-edge-e350': 15, 'yealink-t54w': 15, 'yealink-t46u': 10 },
  { 'yealink-t54w': 35, 'yealink-t46u': 25, 'poly-edge-e350': 20, 'poly-vvx-450': 10, 'cisco-8851': 10 },
  { 'poly-edge-e350': 40, 'poly-vvx-450': 25, 'cisco-8811': 15, 'yealink-t54w': 20 },
];
export const SOFTPHONE_MIXES: readonly Readonly<Record<string, number>>[] = [
  { teams: 45, 'webex-app': 25, 'zoom-workplace': 15, 'ringcentral-app': 15 },
  { 'webex-app': 55, teams: 30, 'zoom-workplace': 15 },
  { 'ringcentral-app': 50, teams: 30, 'zoom-workplace': 20 },
  { 'zoom-workplace': 50, teams: 35, 'ringcentral-app': 15 },
];
