import { describe, expect, it } from 'vitest';
import { checkWebexSettings } from './webex-settings.js';

const none = { managedBy: null, sip: null, upgradeChannel: null };

describe('checkWebexSettings', () => {
  it('accepts the three managers in any case, and nothing', () => {
    expect(checkWebexSettings(none)).toBeUndefined();
    for (const managedBy of ['CISCO', 'customer', 'Partner']) {
      expect(checkWebexSettings({ ...none, managedBy })).toBeUndefined();
    }
  });

  it('refuses another manager, a blank channel and a line port without its SIP user name', () => {
    expect(checkWebexSettings({ ...none, managedBy: 'VENDOR' })).toMatchObject({
      field: 'managedBy',
      rule: 'managed_by_value',
    });
    expect(checkWebexSettings({ ...none, upgradeChannel: ' ' })).toMatchObject({ rule: 'upgrade_channel_blank' });
    expect(checkWebexSettings({ ...none, sip: { linePort: 'lp@example.com' } })).toMatchObject({
      field: 'sip.userName',
      rule: 'sip_user_name_required',
    });
    expect(checkWebexSettings({ ...none, sip: { userName: '392829', linePort: 'lp' } })).toBeUndefined();
    expect(checkWebexSettings({ ...none, sip: { outboundProxy: 'hs17.example.com' } })).toBeUndefined();
  });
});
