/**
 * Webex device settings a device document may carry (vendor-apis.md §3.4, §3.5, seed 002), checked on every
 * device write by device-rules.ts. Pure functions: no I/O.
 * - managedBy ∈ CISCO | CUSTOMER | PARTNER (any case; Webex shows upper case).
 * - The SIP owner of a device's primary line: Webex requires `sipUserName` in `owner`, so a line port without
 *   a user name is refused. The outbound proxy (`proxy.outboundProxy`) stands on its own.
 * - upgradeChannel: its values come from Webex's supportedDevices `upgradeChannelList`, which §3 does not list
 *   (SILENT), so any non-blank text of up to 100 characters is accepted.
 */
import type { DeviceDocument } from './device-document.js';

export const WEBEX_MANAGED_BY = ['CISCO', 'CUSTOMER', 'PARTNER'] as const;

export interface WebexSettingViolation {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

export function checkWebexSettings(
  d: Pick<DeviceDocument, 'managedBy' | 'sip' | 'upgradeChannel'>,
): WebexSettingViolation | undefined {
  if (d.managedBy !== null && !(WEBEX_MANAGED_BY as readonly string[]).includes(d.managedBy.toUpperCase())) {
    return {
      field: 'managedBy',
      rule: 'managed_by_value',
      message: `managedBy is one of ${WEBEX_MANAGED_BY.join(', ')}.`,
    };
  }
  if (d.upgradeChannel !== null && d.upgradeChannel.trim() === '') {
    return { field: 'upgradeChannel', rule: 'upgrade_channel_blank', message: 'Send null to clear the channel.' };
  }
  const sip = d.sip;
  if (sip && (sip.linePort ?? null) !== null && (sip.userName ?? null) === null) {
    return {
      field: 'sip.userName',
      rule: 'sip_user_name_required',
      message: 'The SIP owner of a line port needs its user name (Webex owner.sipUserName).',
    };
  }
  return undefined;
}
