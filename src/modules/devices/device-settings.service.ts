/**
 * Device configuration beyond the device row, for every API surface (the Webex dialect renders it):
 *
 * - Settings overrides. Precedence, per family (ata, mpp, wifi): the device's own override while it has one,
 *   else its location's settings, else the organization's. Locations and the organization have no settings of
 *   their own in Ucfleet (no API sets them), so both are ORGANIZATION_DEFAULT_CUSTOMIZATIONS. An override holds
 *   exactly the families it was given; setting `customEnabled: false` removes it (the device inherits again).
 * - The line-key layout of a device (device-layout.ts checks it); DEFAULT mode removes a custom layout.
 * - A third-party device's SIP password, kept only as a scrypt hash and never answered.
 * - The device settings of a person or a workspace: audio compression and the hoteling of their primary devices.
 *
 * Every change is audited in its own transaction (device.settings.update / .clear, device.layout.update /
 * .clear, device.sip_password.update, person.device_settings.update, workspace.device_settings.update); a write
 * that changes nothing records nothing. Audit entries name what changed, never a setting's value (the settings
 * carry passwords and community strings).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type Actor, recordChange } from '../audit/audit-trail.js';
import { DEFAULT_SCRYPT_COST, hashPassword, type ScryptCost } from '../logins/password.js';
import {
  DEVICE_FAMILIES,
  type DeviceCustomizations,
  type FleetCustomizations,
} from './device-customizations.schemas.js';
import { checkLayout, defaultLayout } from './device-layout.js';
import type { DeviceLayout } from './device-layout.schemas.js';
import { DeviceSettingsRepository, type SettingsOwner } from './device-settings.repository.js';
import { ORGANIZATION_DEFAULT_CUSTOMIZATIONS } from './device-settings.defaults.js';

/** The device a setting belongs to, as the caller already read it for the tenant. */
export interface SettingsDevice {
  readonly tenantId: string;
  readonly id: string;
  readonly siteId: string | null;
  /** When the device row last changed (epoch ms): the settings' time while nothing is overridden. */
  readonly updatedAt: number;
}

export interface DeviceSettingsView {
  readonly customEnabled: boolean;
  /** The effective settings of every device family: overridden or inherited. */
  readonly customizations: Required<DeviceCustomizations>;
  /** When the override last changed; the device's own time without one. */
  readonly updatedAt: number;
}

export interface FleetSettingsView {
  readonly customizations: FleetCustomizations;
  readonly deviceCount: number;
  /** When any device override in scope last changed; 0 when none ever did (the defaults apply). */
  readonly updatedAt: number;
}

export interface HotelingSettings {
  readonly enabled: boolean;
  readonly limitGuestUse?: boolean;
  readonly guestHoursLimit?: number;
}

export interface OwnerDeviceSettingsView {
  readonly compression: 'ON' | 'OFF';
  /** Undefined: never set (a device's own hot-desk flag applies). */
  readonly hoteling?: { enabled: boolean; limitGuestUse: boolean; guestHoursLimit?: number };
  readonly enabledForMultipleDevices?: boolean;
}

/** Compression of an owner who never set it (SILENT: Webex's own default is off). */
export const DEFAULT_COMPRESSION = 'OFF';

export class DeviceSettingsService {
  private readonly repository: DeviceSettingsRepository;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
    private readonly passwordCost: ScryptCost = DEFAULT_SCRYPT_COST,
  ) {
    this.repository = new DeviceSettingsRepository(db);
  }

  /** The organization's settings, which every location inherits. */
  private inherited(): FleetCustomizations {
    return structuredClone(ORGANIZATION_DEFAULT_CUSTOMIZATIONS);
  }

  async deviceSettings(device: SettingsDevice): Promise<DeviceSettingsView> {
    const stored = await this.repository.findDocument('override', device.tenantId, device.id);
    const override = stored ? (JSON.parse(stored.text) as DeviceCustomizations) : undefined;
    const inherited = this.inherited();
    const customizations = Object.fromEntries(
      DEVICE_FAMILIES.map((family) => [family, override?.[family] ?? inherited[family]]),
    ) as Required<DeviceCustomizations>;
    return { customEnabled: stored !== undefined, customizations, updatedAt: stored?.updatedAt ?? device.updatedAt };
  }

  /** A location's (siteId) or, without one, the organization's settings, with the devices of `kinds` in scope. */
  async fleetSettings(tenantId: string, kinds: readonly string[], siteId?: string): Promise<FleetSettingsView> {
    return {
      customizations: this.inherited(),
      deviceCount: await this.repository.countDevices(tenantId, kinds, siteId),
      updatedAt: (await this.repository.lastOverrideChange(tenantId, siteId)) ?? 0,
    };
  }

  /** Stores the device's override (`customEnabled`), or removes it so the device inherits again. */
  async setDeviceSettings(
    actor: Actor,
    device: SettingsDevice,
    customEnabled: boolean,
    customizations: DeviceCustomizations,
  ): Promise<void> {
    const text = JSON.stringify(customizations);
    await this.db.transaction().execute(async (trx) => {
      const repository = new DeviceSettingsRepository(trx);
      const before = await repository.findDocument('override', device.tenantId, device.id);
      const overridden = (doc: string | undefined) =>
        doc === undefined ? null : { customEnabled: true, families: Object.keys(JSON.parse(doc) as object).sort() };
      if (!customEnabled) {
        if (!(await repository.deleteDocument('override', device.tenantId, device.id))) return;
        await recordChange(trx, actor, {
          action: 'device.settings.clear',
          resourceType: 'device',
          resourceId: device.id,
          before: overridden(before?.text),
          after: { customEnabled: false },
        });
        return;
      }
      if (before?.text === text) return;
      await repository.saveDocument('override', device.tenantId, device.id, text, this.now());
      await recordChange(trx, actor, {
        action: 'device.settings.update',
        resourceType: 'device',
        resourceId: device.id,
        before: overridden(before?.text) ?? { customEnabled: false },
        after: overridden(text),
      });
    });
  }

  /** The device's layout: its custom one, else the default for `keyCount` line keys. */
  async layout(device: SettingsDevice, keyCount: number): Promise<DeviceLayout> {
    const stored = await this.repository.findDocument('layout', device.tenantId, device.id);
    return stored ? (JSON.parse(stored.text) as DeviceLayout) : defaultLayout(keyCount);
  }

  /** Checks and stores a CUSTOM layout; a DEFAULT one removes the custom layout. */
  async setLayout(
    actor: Actor,
    device: SettingsDevice,
    layout: DeviceLayout,
    model: { keyCount: number; lineCount: number },
  ): Promise<void> {
    checkLayout(layout, model.keyCount, model.lineCount);
    const custom = layout.layoutMode === 'CUSTOM';
    const text = JSON.stringify(layout);
    await this.db.transaction().execute(async (trx) => {
      const repository = new DeviceSettingsRepository(trx);
      const before = await repository.findDocument('layout', device.tenantId, device.id);
      if (!custom) {
        if (!(await repository.deleteDocument('layout', device.tenantId, device.id))) return;
      } else {
        if (before?.text === text) return;
        await repository.saveDocument('layout', device.tenantId, device.id, text, this.now());
      }
      const summary = (doc: string | undefined) => {
        if (doc === undefined) return { layoutMode: 'DEFAULT' };
        const l = JSON.parse(doc) as DeviceLayout;
        return { layoutMode: l.layoutMode, lineKeys: l.lineKeys.length, kemKeys: l.kemKeys?.length ?? 0 };
      };
      await recordChange(trx, actor, {
        action: custom ? 'device.layout.update' : 'device.layout.clear',
        resourceType: 'device',
        resourceId: device.id,
        before: summary(before?.text),
        after: summary(custom ? text : undefined),
      });
    });
  }

  /** Replaces the SIP password of a device (the caller checked that it may have one): only its hash is kept. */
  async setSipPassword(actor: Actor, device: SettingsDevice, password: string): Promise<void> {
    const hash = await hashPassword(password, this.passwordCost);
    await this.db.transaction().execute(async (trx) => {
      const repository = new DeviceSettingsRepository(trx);
      const had = (await repository.findDocument('sipCredential', device.tenantId, device.id)) !== undefined;
      await repository.saveDocument('sipCredential', device.tenantId, device.id, hash, this.now());
      await recordChange(trx, actor, {
        action: 'device.sip_password.update',
        resourceType: 'device',
        resourceId: device.id,
        before: { sipPasswordSet: had },
        after: { sipPasswordSet: true },
      });
    });
  }

  /** Whether the device has a SIP password (its hash is never read out). */
  async hasSipPassword(device: SettingsDevice): Promise<boolean> {
    return (await this.repository.findDocument('sipCredential', device.tenantId, device.id)) !== undefined;
  }

  async ownerSettings(tenantId: string, owner: SettingsOwner): Promise<OwnerDeviceSettingsView> {
    return viewOf(await this.repository.findOwnerSettings(tenantId, owner));
  }

  async setCompression(actor: Actor, owner: SettingsOwner, compression: 'ON' | 'OFF'): Promise<void> {
    await this.changeOwner(actor, owner, (current) =>
      current.compression === compression ? undefined : { compression },
    );
  }

  /** Hoteling of the owner's primary devices; for a workspace, also whether it may have several devices. */
  async setHoteling(
    actor: Actor,
    owner: SettingsOwner,
    hoteling: HotelingSettings | undefined,
    enabledForMultipleDevices?: boolean,
  ): Promise<void> {
    const values = {
      ...(hoteling === undefined
        ? {}
        : {
            hoteling_enabled: hoteling.enabled ? 1 : 0,
            hoteling_limit_guest_use: hoteling.limitGuestUse ? 1 : 0,
            hoteling_guest_hours_limit: hoteling.guestHoursLimit ?? null,
          }),
      ...(enabledForMultipleDevices === undefined
        ? {}
        : { enabled_for_multiple_devices: enabledForMultipleDevices ? 1 : 0 }),
    };
    await this.changeOwner(actor, owner, (current) => {
      const same =
        (hoteling === undefined ||
          (current.hoteling !== undefined &&
            current.hoteling.enabled === hoteling.enabled &&
            current.hoteling.limitGuestUse === (hoteling.limitGuestUse ?? false) &&
            current.hoteling.guestHoursLimit === hoteling.guestHoursLimit)) &&
        (enabledForMultipleDevices === undefined || current.enabledForMultipleDevices === enabledForMultipleDevices);
      return same ? undefined : values;
    });
  }

  private async changeOwner(
    actor: Actor,
    owner: SettingsOwner,
    change: (
      current: OwnerDeviceSettingsView,
    ) => Parameters<DeviceSettingsRepository['saveOwnerSettings']>[2] | undefined,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const repository = new DeviceSettingsRepository(trx);
      const before = viewOf(await repository.findOwnerSettings(actor.tenantId, owner));
      const values = change(before);
      if (values === undefined) return;
      await repository.saveOwnerSettings(actor.tenantId, owner, values, this.now());
      const after = viewOf(await repository.findOwnerSettings(actor.tenantId, owner));
      await recordChange(trx, actor, {
        action: `${owner.kind}.device_settings.update`,
        resourceType: owner.kind,
        resourceId: owner.id,
        before,
        after,
      });
    });
  }
}

function viewOf(row: Awaited<ReturnType<DeviceSettingsRepository['findOwnerSettings']>>): OwnerDeviceSettingsView {
  const compression = row?.compression === 'ON' ? 'ON' : DEFAULT_COMPRESSION;
  if (!row) return { compression };
  return {
    compression,
    ...(row.hoteling_enabled === null
      ? {}
      : {
          hoteling: {
            enabled: row.hoteling_enabled === 1,
            limitGuestUse: row.hoteling_limit_guest_use === 1,
            ...(row.hoteling_guest_hours_limit === null ? {} : { guestHoursLimit: row.hoteling_guest_hours_limit }),
          },
        }),
    ...(row.enabled_for_multiple_devices === null
      ? {}
      : { enabledForMultipleDevices: row.enabled_for_multiple_devices === 1 }),
  };
}
