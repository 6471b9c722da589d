/**
 * A write that breaks a business rule: 400 invalid_body, the detail naming the field's full path and the rule
 * (as device-rules.ts does), `parameter` naming the top-level member as schema validation does
 * (`address.countryCode` → `address`, `subnets[1]` → `subnets`).
 */
import { AppError } from '../errors.js';

export function ruleViolationAt(path: string, rule: string, message: string): AppError {
  return new AppError('invalid_body', `${path} breaks rule ${rule}: ${message}`, {
    parameter: path.split(/[.[]/)[0] ?? path,
  });
}
