/**
 * Direct-dial numbers of demo tenants, handed out from each site's number block (its template's
 * calling code and prefix, then `subscriberDigits` free digits) and described by describePhoneNumber().
 */
import { idAt } from '../db/ids.js';
import { describePhoneNumber } from '../modules/numbers/phone-number.js';
import type { FleetContext, PhoneNumber, SiteState, TenantState } from './fleet-state.js';
import type { SiteTemplate } from './reference-data.js';
import { stableBytes } from './stable-ids.js';

/** Countries where a city is customarily written with its state or province. */
const CITY_WITH_STATE = ['US', 'CA', 'AU', 'IN', 'BR'];

/** A new direct number in the site's block, valid for its country. */
export function newNumber(ctx: FleetContext, t: TenantState, site: SiteState, at: number): PhoneNumber {
  const tpl = site.template;
  const space = 10 ** tpl.subscriberDigits;
  for (;;) {
    const n = site.numbersUsed++;
    if (n >= space) throw new Error(`Site ${site.name} ran out of phone numbers`);
    // An affine map with a multiplier coprime to 10 is a permutation of the block: unique, scattered.
    const subscriber = (n * 3_735_931 + (t.salt % space)) % space;
    const number = `+${tpl.callingCode}${tpl.numberPrefix}${String(subscriber).padStart(tpl.subscriberDigits, '0')}`;
    const described = describePhoneNumber(number);
    if (described === undefined || described.e164 === null || described.countryCode !== tpl.country) continue;
    const id = idAt(at, stableBytes(`${t.label}:number:${number}`));
    ctx.batch.add('phone_numbers', {
      id,
      tenant_id: t.id,
      number,
      e164: described.e164,
      country_code: described.countryCode,
      calling_code: described.callingCode,
      national_format: described.nationalFormat,
      // The site knows the city; describePhoneNumber() only knows the country.
      location: siteLocation(tpl),
      number_type: described.numberType,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    return { id, e164: described.e164 };
  }
}

function siteLocation(tpl: SiteTemplate): string {
  return CITY_WITH_STATE.includes(tpl.country) ? `${tpl.city}, ${tpl.stateCode}` : tpl.city;
}
