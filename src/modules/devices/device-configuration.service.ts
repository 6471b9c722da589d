/**
 * A device's configured RoomOS configuration values (Webex's /deviceConfigurations): key → value, set and
 * removed one key at a time by a patch. Ucfleet holds no device configuration schema, so it knows neither the
 * factory defaults nor the value spaces: it keeps what was configured (a string, a number or a boolean), answers
 * those keys, and forgets a removed one (the device falls back to its own default). A patch is applied whole or
 * not at all, in one transaction with one audit event naming the keys it changed (never their values). The SQL
 * is in device-configuration.repository.ts.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type Actor, recordChange } from '../audit/audit-trail.js';
import { type KeyFilter, parseConfigurationKey } from './device-configuration-keys.js';
import { DeviceConfigurationRepository } from './device-configuration.repository.js';
import { ruleViolation } from './device-rules.js';

export type ConfigurationValue = string | number | boolean;

export type ConfigurationOperation =
  | { readonly op: 'replace'; readonly key: string; readonly value: ConfigurationValue }
  | { readonly op: 'remove'; readonly key: string };

/** Keys one device may have configured, and texts' length (SILENT in the spec). */
export const MAX_CONFIGURED_KEYS = 1000;
export const MAX_TEXT_VALUE_LENGTH = 1024;

export class DeviceConfigurationService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The device's configured values, by key in key order, of the keys `filter` keeps. */
  async configured(tenantId: string, deviceId: string, filter?: KeyFilter): Promise<Map<string, ConfigurationValue>> {
    const rows = await new DeviceConfigurationRepository(this.db).list(tenantId, deviceId);
    return new Map(
      rows
        .filter((r) => filter === undefined || filter(r.config_key))
        .map((r) => [r.config_key, JSON.parse(r.value) as ConfigurationValue]),
    );
  }

  /** Applies the operations in order (`at` names each in errors, e.g. `/0/path`); records one audit event. */
  async apply(
    actor: Actor,
    deviceId: string,
    operations: readonly ConfigurationOperation[],
    at: (index: number, member: string) => string,
  ): Promise<void> {
    operations.forEach((operation, i) => {
      if (parseConfigurationKey(operation.key) === undefined) {
        throw ruleViolation(at(i, 'path'), 'configuration_key', 'A key is segments Name or Name[n] joined by dots.');
      }
      if (operation.op === 'replace') {
        const { value } = operation;
        const fits =
          typeof value === 'boolean' ||
          (typeof value === 'number' && Number.isFinite(value)) ||
          (typeof value === 'string' && value.length <= MAX_TEXT_VALUE_LENGTH);
        if (!fits) {
          throw ruleViolation(
            at(i, 'value'),
            'configuration_value',
            `A configured value is a boolean, a number or a text of up to ${MAX_TEXT_VALUE_LENGTH} characters.`,
          );
        }
      }
    });
    await this.db.transaction().execute(async (trx) => {
      const configurations = new DeviceConfigurationRepository(trx);
      const changed = new Set<string>();
      const time = this.now();
      for (const operation of operations) {
        if (operation.op === 'remove') {
          if (await configurations.remove(actor.tenantId, deviceId, operation.key)) changed.add(operation.key);
          continue;
        }
        await configurations.set(actor.tenantId, deviceId, operation.key, JSON.stringify(operation.value), time);
        changed.add(operation.key);
      }
      if ((await configurations.count(actor.tenantId, deviceId)) > MAX_CONFIGURED_KEYS) {
        throw ruleViolation('body', 'configured_keys', `A device has at most ${MAX_CONFIGURED_KEYS} configured keys.`);
      }
      if (changed.size === 0) return;
      await recordChange(trx, actor, {
        action: 'device.configurations.update',
        resourceType: 'device',
        resourceId: deviceId,
        after: { changedKeys: [...changed].sort() },
      });
    });
  }
}
