/**
 * Phone-number writes: create, replace (PUT), merge patch (PATCH) and delete, through the shared versioned
 * write cycle (../versioned-writer.ts). A number is valid for its country (libphonenumber-js; national numbers
 * need `country`) or an internal extension of 1 to 8 digits, and is stored in E.164 when it has that form, so
 * "+1 650-987-0000" and "+16509870000" are the same number: unique in the tenant (409 phone_number_taken).
 * Its country, calling code, national format, location and type are derived. A number on a device line cannot
 * be deleted (409 phone_number_in_use): take it off the device first; so is a virtual line's number.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { violatedConstraint } from '../../db/unique-violation.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../audit/audit-trail.js';
import { ruleViolation } from '../devices/device-rules.js';
import type { Precondition } from '../preconditions.js';
import { type ResourceWrites, VersionedWriter } from '../versioned-writer.js';
import { describePhoneNumber } from './phone-number.js';
import { presentPhoneNumber } from './phone-number.presenter.js';
import { PhoneNumberRepository, type PhoneNumberRow } from './phone-number.repository.js';
import type { PhoneNumberBody, PhoneNumberPatchBody } from './phone-number.schemas.js';
import type { PhoneNumberTable } from './phone-number.table.js';
import type { CountryCode } from 'libphonenumber-js/max';

interface NumberDocument {
  readonly number: string;
  readonly country: string | null;
}

type Columns = Omit<PhoneNumberTable, 'id' | 'tenant_id' | 'created_at' | 'updated_at' | 'version'>;

const UNIQUE = [{ name: 'phone_numbers_tenant_number_uq', table: 'phone_numbers', columns: ['tenant_id', 'number'] }];

/** The stored columns of a number: E.164 when it has one, else the extension; the rest derived. */
export function numberColumns(document: NumberDocument): Columns {
  const country = document.country === null ? undefined : (document.country.toUpperCase() as CountryCode);
  const d = describePhoneNumber(document.number, country);
  if (!d) {
    throw ruleViolation(
      'number',
      'phone_number_invalid',
      `'${document.number.slice(0, 40)}' is neither a valid phone number${country ? ` of ${country}` : ' (national numbers need country)'} nor an extension of 1 to 8 digits.`,
    );
  }
  return {
    number: d.e164 ?? document.number.trim(),
    e164: d.e164,
    country_code: d.countryCode,
    calling_code: d.callingCode,
    national_format: d.nationalFormat,
    location: d.location,
    number_type: d.numberType,
  };
}

const numberWrites: ResourceWrites<PhoneNumberRow, NumberDocument, Columns> = {
  type: 'phone_number',
  noun: 'phone number',
  notFound: (id) => new AppError('phone_number_not_found', `There is no phone number with id '${id.slice(0, 64)}'.`),
  find: (db, tenantId, id) => new PhoneNumberRepository(db).findById(tenantId, id),
  rowOf: (row) => row,
  present: presentPhoneNumber,
  documentOf: (row) => ({ number: row.number, country: row.country_code }),
  columnsOf: async (_db, _tenantId, document) => numberColumns(document),
  unchanged: (columns, row) => (Object.keys(columns) as (keyof Columns)[]).every((k) => columns[k] === row[k]),
  insert: (db, tenantId, id, columns, at) =>
    new PhoneNumberRepository(db).insert({
      id,
      tenant_id: tenantId,
      ...columns,
      created_at: at,
      updated_at: at,
      version: 1,
    }),
  update: (db, tenantId, id, version, values) => new PhoneNumberRepository(db).update(tenantId, id, version, values),
  remove: (db, tenantId, id, version) => new PhoneNumberRepository(db).remove(tenantId, id, version),
  beforeDelete: async (db, tenantId, row) => {
    const lines = await new PhoneNumberRepository(db).linesOnOtherDevices(tenantId, [row.id], null);
    if (lines.length > 0) {
      throw new AppError(
        'phone_number_in_use',
        `The number is on ${lines.length} device line(s); take it off the device(s) first.`,
      );
    }
    const [virtualLine] = await new PhoneNumberRepository(db).virtualLinesWith(tenantId, row.id);
    if (virtualLine) {
      throw new AppError(
        'phone_number_in_use',
        `The virtual line ${virtualLine.id} has this number; take it off the virtual line first.`,
      );
    }
  },
  conflictOf: (error) =>
    violatedConstraint(error, UNIQUE)
      ? new AppError('phone_number_taken', 'The tenant has this phone number already.', { parameter: 'number' })
      : undefined,
};

export class PhoneNumberWriteService {
  private readonly writer: VersionedWriter<PhoneNumberRow, NumberDocument, Columns>;

  constructor(db: Kysely<Database>, now: () => number = Date.now) {
    this.writer = new VersionedWriter(db, numberWrites, now);
  }

  create(actor: Actor, body: PhoneNumberBody): Promise<PhoneNumberRow> {
    return this.writer.create(actor, { number: body.number, country: body.country ?? null });
  }

  replace(
    actor: Actor,
    id: string,
    body: PhoneNumberBody,
    precondition?: Precondition<PhoneNumberRow>,
  ): Promise<PhoneNumberRow> {
    return this.writer.change(actor, id, () => ({ number: body.number, country: body.country ?? null }), precondition);
  }

  /** PATCH: `number` replaces the number; `country` says how to read a national one. */
  patch(
    actor: Actor,
    id: string,
    patch: PhoneNumberPatchBody,
    precondition?: Precondition<PhoneNumberRow>,
  ): Promise<PhoneNumberRow> {
    return this.writer.change(
      actor,
      id,
      (current) => ({
        number: patch.number ?? current.number,
        country: patch.country === undefined ? current.country : patch.country,
      }),
      precondition,
    );
  }

  delete(actor: Actor, id: string, precondition?: Precondition<PhoneNumberRow>): Promise<void> {
    return this.writer.delete(actor, id, precondition);
  }
}
