/**
 * Webex activation codes (vendor-apis.md §3.4, seed 002): issuing a code pre-creates the device for a person
 * or a workspace (not both) with activationState `activating`; a device redeeming the code (with its MAC and
 * optionally its serial) moves it to `activated`; deactivation moves it to `deactivated` and withdraws unused
 * codes. A code is 16 digits, valid ACTIVATION_CODE_TTL_MS, usable once, shown only in the answer that issues
 * it and stored as its SHA-256. Each step is one transaction with its audit event; the device's version bumps.
 */
import { createHash, randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { newId } from '../../db/ids.js';
import { AppError } from '../../errors.js';
import { type Actor, recordChange } from '../audit/audit-trail.js';
import { evaluateCompliance } from '../firmware/compliance.js';
import type { Precondition } from '../preconditions.js';
import { presentDevice } from '../devices/device.presenter.js';
import type { DeviceRecord, DeviceRepository } from '../devices/device.repository.js';
import { DeviceChanges, translated } from '../devices/device-change.js';
import { draftOfBody } from '../devices/device-document.js';
import { checkDevice, ruleViolation } from '../devices/device-rules.js';
import { DeviceWriteRepository, newDeviceState } from '../devices/device-write.repository.js';
import type { DeviceEditor } from '../devices/device-write.service.js';
import { parseMac } from '../devices/mac-address.js';
import { ActivationRepository } from './activation.repository.js';

/** How long a code may be redeemed. Webex's API is SILENT; Control Hub's codes last seven days. */
export const ACTIVATION_CODE_TTL_MS = 7 * 24 * 3_600_000;

/** Webex's lower-case activation states (Calling device details). */
export const ACTIVATION_STATES = ['activating', 'activated', 'deactivated'] as const;

export interface IssueRequest {
  readonly personId?: string;
  readonly workspaceId?: string;
  readonly model: string;
}

export interface RedeemRequest {
  readonly code: string;
  readonly mac: string;
  readonly serial?: string;
}

export interface IssuedCode {
  /** The code, in this answer only. */
  readonly code: string;
  readonly expiresAt: number;
  readonly device: DeviceRecord;
}

export function hashActivationCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** Sixteen random digits (the first may be 0), from a CSPRNG. */
function newCode(): string {
  return Array.from({ length: 4 }, () => String(randomInt(0, 10_000)).padStart(4, '0')).join('');
}

export class ActivationService {
  private readonly changes: DeviceChanges;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly reads: DeviceRepository,
    private readonly now: () => number = Date.now,
  ) {
    this.changes = new DeviceChanges(db, reads, now);
  }

  async issue(actor: Actor, editor: DeviceEditor, request: IssueRequest): Promise<IssuedCode> {
    const { personId, workspaceId, model } = request;
    if (personId !== undefined && workspaceId !== undefined) {
      throw ruleViolation('workspaceId', 'owner_person_or_workspace', 'Send personId or workspaceId, not both.');
    }
    const owner = personId ?? (workspaceId === undefined ? editor.ownPerson : null);
    if (owner === null && workspaceId === undefined) {
      throw ruleViolation('personId', 'owner_required', 'An activation code is for a person or a workspace.');
    }
    if (editor.ownPerson !== null && (workspaceId !== undefined || owner !== editor.ownPerson)) {
      throw new AppError('device_not_owned', 'You may issue activation codes for your own devices only.', {
        parameter: workspaceId !== undefined ? 'workspaceId' : 'personId',
      });
    }
    return this.db.transaction().execute(async (trx) => {
      const codes = new ActivationRepository(trx);
      const writes = new DeviceWriteRepository(trx);
      const product = await codes.productByModel(model.trim());
      if (!product) throw ruleViolation('model', 'unknown_model', `No product in the catalogue is named '${model}'.`);
      const draft = draftOfBody({
        kind: product.deviceKind,
        productId: product.id,
        ...(workspaceId !== undefined ? { workspaceId } : { personId: owner ?? undefined }),
      } as Parameters<typeof draftOfBody>[0]);
      const { document: d } = await checkDevice(editor.tenantId, draft, writes);
      const at = this.now();
      const id = newId();
      const policies = await writes.policiesFor(editor.tenantId, product.id);
      const groups =
        policies.length > 0 && d.personId !== null ? await writes.groupIdsOf(editor.tenantId, d.personId) : [];
      const compliance = evaluateCompliance({ productId: product.id, firmware: {}, userGroupIds: groups }, policies);
      await writes.insert({
        ...newDeviceState(at),
        id,
        tenant_id: editor.tenantId,
        kind: d.kind,
        product_id: product.id,
        manufacturer: (await writes.productById(product.id))?.manufacturer ?? null,
        name: d.name,
        display_id: null,
        serial: null,
        mac: null,
        status: 'Offline',
        activation_state: 'activating',
        owner_person_id: d.personId,
        owner_workspace_id: d.workspaceId,
        site_id: null,
        compliance: compliance.status,
        policy_id: compliance.policyId,
        upgrade_channel: null,
        managed_by: null,
        sip_user_name: null,
        sip_line_port: null,
        sip_outbound_proxy: null,
        hot_desk: 0,
        common_phone: 0,
        line_pooling: null,
        computer_name: null,
        emergency: null,
        shipping: null,
        billing: null,
      });
      const code = newCode();
      const expiresAt = at + ACTIVATION_CODE_TTL_MS;
      await codes.insert({
        id: newId(),
        tenant_id: editor.tenantId,
        device_id: id,
        code_hash: hashActivationCode(code),
        created_at: at,
        expires_at: expiresAt,
        used_at: null,
        withdrawn_at: null,
      });
      const device = await this.reads.inTransaction(trx).findById(editor.tenantId, id);
      if (!device) throw new Error(`device ${id} vanished inside its own transaction`);
      await recordChange(trx, actor, {
        action: 'device.activation_code.create',
        resourceType: 'device',
        resourceId: id,
        after: { ...presentDevice(device), activationCodeExpiresAt: new Date(expiresAt).toISOString() },
      });
      return { code, expiresAt, device };
    });
  }

  /** A device registering with its code: activating → activated, with its MAC (and serial). */
  async redeem(actor: Actor, editor: DeviceEditor, request: RedeemRequest): Promise<DeviceRecord> {
    const parsed = parseMac(request.mac);
    if (!parsed.ok) throw ruleViolation('mac', parsed.rule, parsed.message);
    const serial = request.serial?.trim();
    if (serial === '') throw ruleViolation('serial', 'serial_blank', 'A serial number is not blank; leave it out.');
    const code = request.code.replace(/[\s-]/g, '');
    const stored = /^\d{16}$/.test(code)
      ? await new ActivationRepository(this.db).findByHash(editor.tenantId, hashActivationCode(code))
      : undefined;
    const at = this.now();
    if (!stored) throw invalidCode('is not an activation code of this tenant');
    if (stored.used_at !== null) throw invalidCode('has been used already');
    if (stored.withdrawn_at !== null) throw invalidCode('was withdrawn when its device was deactivated');
    if (stored.expires_at <= at) throw invalidCode('has expired');
    return translated(() =>
      this.changes.run(actor, editor, stored.device_id, 'device.activate', async ({ trx, current }) => {
        if (current.row.activation_state !== 'activating') throw invalidCode('is for a device that is not activating');
        if (!(await new ActivationRepository(trx).markUsed(editor.tenantId, stored.id, at))) {
          throw invalidCode('has been used already');
        }
        return {
          activation_state: 'activated',
          mac: parsed.mac,
          ...(serial !== undefined ? { serial, display_id: serial } : {}),
        };
      }),
    );
  }

  /** activating or activated → deactivated; the device's unused codes stop working. */
  deactivate(
    actor: Actor,
    editor: DeviceEditor,
    id: string,
    precondition?: Precondition<DeviceRecord>,
  ): Promise<DeviceRecord> {
    return this.changes.run(
      actor,
      editor,
      id,
      'device.deactivate',
      async ({ trx, current, at }) => {
        const state = current.row.activation_state;
        if (state !== 'activating' && state !== 'activated') {
          throw new AppError(
            'device_not_activated',
            state === 'deactivated'
              ? 'The device is deactivated already.'
              : 'The device was not added with an activation code.',
          );
        }
        await new ActivationRepository(trx).withdrawUnused(editor.tenantId, id, at);
        return { activation_state: 'deactivated' };
      },
      precondition,
    );
  }
}

function invalidCode(why: string): AppError {
  return new AppError('activation_code_invalid', `The activation code ${why}.`, { parameter: 'code' });
}
