/**
 * Line-key layout rules (pure functions, no I/O). The spec states the types and that key 1 is the primary line
 * and cannot be modified; the rest is SILENT and chosen here (docs/compat/webex.md):
 * - line keys: indexes 1 to the model's key count, each at most once; key 1 is PRIMARY_LINE and no other key is;
 * - SPEED_DIAL needs a value (a number, an extension or a SIP URI user@host) and alone may carry a label/value;
 * - SHARED_LINE needs `sharedLineIndex` (1 to the model's line count), which no other key type carries;
 * - KEM keys need `kemModuleType`; module indexes 1 to MAX_KEM_MODULES, key indexes 1 to the module's keys,
 *   each (module, key) at most once, never PRIMARY_LINE; keys left out are OPEN.
 */
import { ruleViolation } from './device-rules.js';
import { type DeviceLayout, KEM_KEYS_BY_TYPE } from './device-layout.schemas.js';

/** Expansion modules one phone takes. */
export const MAX_KEM_MODULES = 3;
/** A speed-dial target: digits (with an optional +, *, #) or user@host in the spec's alphabet. */
const SPEED_DIAL = /^(?:\+?[0-9*#]{1,30}|[A-Za-z0-9\-_.+]{1,64}@[A-Za-z0-9\-_.+]{1,190})$/;

interface Key {
  readonly type: string;
  readonly label?: string;
  readonly value?: string;
  readonly sharedLineIndex?: number;
}

function checkKey(key: Key, at: string, names: { label: string; value: string }, lineCount: number): void {
  if (key.type === 'SPEED_DIAL') {
    if (key.value === undefined || !SPEED_DIAL.test(key.value)) {
      throw ruleViolation(
        `${at}.${names.value}`,
        'speed_dial_value',
        'A SPEED_DIAL key needs a telephone number, an extension or a SIP URI (user@host).',
      );
    }
  } else {
    for (const [name, value] of [
      [names.label, key.label],
      [names.value, key.value],
    ] as const) {
      if (value !== undefined && value !== '') {
        throw ruleViolation(`${at}.${name}`, 'speed_dial_only', `${name} applies to SPEED_DIAL keys only.`);
      }
    }
  }
  if (key.type === 'SHARED_LINE') {
    if (key.sharedLineIndex === undefined || key.sharedLineIndex > lineCount) {
      throw ruleViolation(
        `${at}.sharedLineIndex`,
        'shared_line_index',
        `A SHARED_LINE key names one of the device's ${lineCount} line(s), from 1.`,
      );
    }
  } else if (key.sharedLineIndex !== undefined) {
    throw ruleViolation(
      `${at}.sharedLineIndex`,
      'shared_line_only',
      'sharedLineIndex applies to SHARED_LINE keys only.',
    );
  }
}

/** Throws a 400 naming the first member that breaks a rule; `keyCount` is the model's line keys. */
export function checkLayout(layout: DeviceLayout, keyCount: number, lineCount: number): void {
  const seen = new Set<number>();
  layout.lineKeys.forEach((key, i) => {
    const at = `lineKeys[${i}]`;
    if (key.lineKeyIndex > keyCount) {
      throw ruleViolation(`${at}.lineKeyIndex`, 'line_key_index', `The device's model has ${keyCount} line key(s).`);
    }
    if (seen.has(key.lineKeyIndex)) {
      throw ruleViolation(`${at}.lineKeyIndex`, 'line_key_taken', `Line key ${key.lineKeyIndex} is set twice.`);
    }
    seen.add(key.lineKeyIndex);
    if ((key.lineKeyIndex === 1) !== (key.lineKeyType === 'PRIMARY_LINE')) {
      throw ruleViolation(`${at}.lineKeyType`, 'primary_line_key', 'Line key 1, and only it, is PRIMARY_LINE.');
    }
    checkKey(
      { type: key.lineKeyType, label: key.lineKeyLabel, value: key.lineKeyValue, sharedLineIndex: key.sharedLineIndex },
      at,
      { label: 'lineKeyLabel', value: 'lineKeyValue' },
      lineCount,
    );
  });
  const kemKeys = layout.kemKeys ?? [];
  if (layout.kemModuleType === undefined) {
    if (kemKeys.length > 0) {
      throw ruleViolation('kemModuleType', 'kem_module_type', 'KEM keys need the type of the expansion modules.');
    }
    return;
  }
  const perModule = KEM_KEYS_BY_TYPE[layout.kemModuleType];
  const kemSeen = new Set<string>();
  kemKeys.forEach((key, i) => {
    const at = `kemKeys[${i}]`;
    if (key.kemModuleIndex > MAX_KEM_MODULES) {
      throw ruleViolation(`${at}.kemModuleIndex`, 'kem_module_index', `A phone takes ${MAX_KEM_MODULES} modules.`);
    }
    if (key.kemKeyIndex > perModule) {
      throw ruleViolation(
        `${at}.kemKeyIndex`,
        'kem_key_index',
        `A ${layout.kemModuleType} module has ${perModule} keys.`,
      );
    }
    const slot = `${key.kemModuleIndex}:${key.kemKeyIndex}`;
    if (kemSeen.has(slot)) {
      throw ruleViolation(`${at}.kemKeyIndex`, 'kem_key_taken', `KEM key ${slot} is set twice.`);
    }
    kemSeen.add(slot);
    if (key.kemKeyType === 'PRIMARY_LINE') {
      throw ruleViolation(`${at}.kemKeyType`, 'primary_line_key', 'Only line key 1 is PRIMARY_LINE.');
    }
    checkKey(
      { type: key.kemKeyType, label: key.kemKeyLabel, value: key.kemKeyValue, sharedLineIndex: key.sharedLineIndex },
      at,
      { label: 'kemKeyLabel', value: 'kemKeyValue' },
      lineCount,
    );
  });
}

/** The layout of a device nobody customized: the primary line on key 1, every other key open. */
export function defaultLayout(keyCount: number): DeviceLayout {
  return {
    layoutMode: 'DEFAULT',
    userReorderEnabled: false,
    lineKeys: Array.from({ length: keyCount }, (_, i) =>
      i === 0 ? { lineKeyIndex: 1, lineKeyType: 'PRIMARY_LINE' } : { lineKeyIndex: i + 1, lineKeyType: 'OPEN' },
    ),
  };
}
