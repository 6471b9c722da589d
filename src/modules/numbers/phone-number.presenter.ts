/** Turns a phone-number row into the native resource. */
import { iso } from '../presenting.js';
import { countryNameOf } from './phone-number.js';
import type { PhoneNumberRow } from './phone-number.repository.js';
import type { PhoneNumberView } from './phone-number.schemas.js';

export function presentPhoneNumber(row: PhoneNumberRow): PhoneNumberView {
  return {
    id: row.id,
    number: row.number,
    e164: row.e164,
    countryCode: row.country_code,
    countryName: row.country_code === null ? null : countryNameOf(row.country_code),
    callingCode: row.calling_code,
    nationalFormat: row.national_format,
    location: row.location,
    numberType: row.number_type,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}
