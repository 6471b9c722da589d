/**
 * The rules a device must satisfy before it is stored, on create and on every update alike. Each failure is
 * a 400 invalid_body naming the field (`parameter`) and the rule (in the detail); nothing is stored.
 *
 * - Product: `productId`, `sku` (RingCentral's SKU grammar, fitting the kind) and `boxBillingId` each name
 *   a catalogue product; given together they must name the same one. A product whose SKU is known must fit
 *   the kind (HP for HardPhone, DV otherwise).
 * - RingCentral (ringcentral-sku.ts): name mandatory for SoftPhone and OtherPhone, else the product's name;
 *   a HardPhone needs a product or a boxBillingId; computerName only for a SoftPhone; commonPhone only for a
 *   workspace-owned device whose model can; linePooling Host, Guest or None.
 * - Webex: a device belongs to a person, a workspace or a virtual line, never two (person and workspace:
 *   owner_person_or_workspace; a virtual line with either: one_owner); the MAC is parsed into its stored form;
 *   managedBy, upgrade channel and SIP owner as webex-settings.ts says.
 * - References (person, workspace, virtual line, site) must exist in the caller's tenant: another tenant's id
 *   is unknown.
 * - RingCentral's blocks (ringcentral-blocks.ts): emergency, shipping and billing fit their schemas at every
 *   level (unknown members refused), with ISO country and currency codes and an agreeing shipping method;
 *   emergency only on a device with an owner (DEV-129 "Cannot update E911 address of unassigned device");
 *   shipping only for a HardPhone, SoftPhone or OtherPhone. Each failure names the path (`shipping.method.name`).
 * Uniqueness (MAC per tenant, serial per manufacturer) is left to the database's constraints.
 */
import { AppError } from '../../errors.js';
import type { DeviceDocument, DeviceDraft } from './device-document.js';
import type { CatalogueProduct, DeviceWriteRepository } from './device-write.repository.js';
import { parseMac } from './mac-address.js';
import { type CanonicalBlocks, checkRingCentralBlocks } from './ringcentral-blocks.js';
import { checkRingCentralDevice, checkSku, parseSku } from './ringcentral-sku.js';
import { checkWebexSettings } from './webex-settings.js';

/** A document that passed every rule: MAC in its stored form, serial trimmed, the name decided. */
export interface CheckedDevice {
  readonly document: DeviceDocument & { readonly name: string };
  readonly product: CatalogueProduct | null;
}

export function ruleViolation(field: string, rule: string, message: string): AppError {
  return new AppError('invalid_body', `${field} breaks rule ${rule}: ${message}`, { parameter: field });
}

export async function checkDevice(
  tenantId: string,
  draft: DeviceDraft,
  lookups: DeviceWriteRepository,
): Promise<CheckedDevice> {
  const { document: d, selectors } = draft;
  const product = await resolveProduct(draft, lookups);

  const ringCentral = checkRingCentralDevice({
    kind: d.kind,
    name: d.name,
    product: product && { name: product.name, features: product.features },
    boxBillingId: selectors.boxBillingId ?? null,
    computerName: d.computerName,
    commonPhone: d.commonPhone,
    linePooling: d.linePooling,
    owner: d.personId !== null ? { type: 'person' } : d.workspaceId !== null ? { type: 'workspace' } : null,
  });
  const [broken] = ringCentral.violations;
  if (broken) throw ruleViolation(broken.field, broken.rule, broken.message);
  const name = ringCentral.name ?? product?.name ?? null;
  if (name === null) {
    throw ruleViolation('name', 'name_required', 'A device needs a name, or a product whose name it takes.');
  }
  if (product?.sku != null && selectors.sku === undefined && parseSku(product.sku).ok) {
    const fit = checkSku(product.sku, d.kind, 'kind');
    if (!fit.ok) throw ruleViolation('kind', fit.violation.rule, `${product.name}: ${fit.violation.message}`);
  }

  let mac: string | null = null;
  if (d.mac !== null) {
    const parsed = parseMac(d.mac);
    if (!parsed.ok) throw ruleViolation('mac', parsed.rule, parsed.message);
    mac = parsed.mac;
  }
  const serial = d.serial === null ? null : d.serial.trim();
  if (serial === '')
    throw ruleViolation('serial', 'serial_blank', 'A serial number is not blank; send null to clear it.');

  const webex = checkWebexSettings(d);
  if (webex) throw ruleViolation(webex.field, webex.rule, webex.message);

  if (d.personId !== null && d.workspaceId !== null) {
    throw ruleViolation(
      'workspaceId',
      'owner_person_or_workspace',
      'A device belongs to a person or to a workspace, not both: clear personId to give it to a workspace.',
    );
  }
  if (d.personId !== null && !(await lookups.personExists(tenantId, d.personId))) {
    throw ruleViolation('personId', 'unknown_person', `There is no person with id '${d.personId}'.`);
  }
  if (d.workspaceId !== null && !(await lookups.workspaceExists(tenantId, d.workspaceId))) {
    throw ruleViolation('workspaceId', 'unknown_workspace', `There is no workspace with id '${d.workspaceId}'.`);
  }
  if (d.virtualLineId !== null && (d.personId !== null || d.workspaceId !== null)) {
    const other = d.personId !== null ? 'personId' : 'workspaceId';
    throw ruleViolation(
      'virtualLineId',
      'one_owner',
      `A device has one owner (a person, a workspace or a virtual line), but ${other} and virtualLineId are ` +
        `both set: clear ${other} to give it to a virtual line.`,
    );
  }
  if (d.virtualLineId !== null && !(await lookups.virtualLineExists(tenantId, d.virtualLineId))) {
    throw ruleViolation(
      'virtualLineId',
      'unknown_virtual_line',
      `There is no virtual line with id '${d.virtualLineId}'.`,
    );
  }
  if (d.siteId !== null && !(await lookups.siteExists(tenantId, d.siteId))) {
    throw ruleViolation('siteId', 'unknown_site', `There is no site with id '${d.siteId}'.`);
  }
  const blocks = checkDeviceBlocks(d);
  return { document: { ...d, name, mac, serial, ...blocks }, product };
}

/** Kinds RingCentral ships something for: the phone itself (HardPhone) or its e911 stickers (seed 003). */
export const SHIPPED_KINDS: readonly string[] = ['HardPhone', 'SoftPhone', 'OtherPhone'];

/** The RingCentral blocks (ringcentral-blocks.ts) in canonical form, and the rules tying them to the device. */
function checkDeviceBlocks(d: DeviceDocument): CanonicalBlocks {
  const checked = checkRingCentralBlocks(d);
  if (!checked.ok) throw ruleViolation(checked.violation.field, checked.violation.rule, checked.violation.message);
  const { blocks } = checked;
  // Any owner counts: a person, a workspace or a virtual line.
  const assigned = d.personId !== null || d.workspaceId !== null || d.virtualLineId !== null;
  if (blocks.emergency !== null && !assigned) {
    throw ruleViolation(
      'emergency',
      'emergency_unassigned_device',
      'Cannot update E911 address of unassigned device (RingCentral DEV-129): give the device an owner first.',
    );
  }
  if (blocks.shipping !== null && !SHIPPED_KINDS.includes(d.kind)) {
    throw ruleViolation(
      'shipping',
      'shipping_kind',
      `RingCentral ships HardPhones, and e911 stickers for SoftPhones and OtherPhones; not for a ${d.kind}.`,
    );
  }
  return blocks;
}

/** The catalogue product the draft names by id, SKU or boxBillingId, all of which must agree. */
async function resolveProduct({ document, selectors }: DeviceDraft, lookups: DeviceWriteRepository) {
  const named: { field: string; product: CatalogueProduct }[] = [];
  if (document.productId !== null) {
    const product = await lookups.productById(document.productId);
    if (!product) {
      throw ruleViolation('productId', 'unknown_product', `There is no product with id '${document.productId}'.`);
    }
    named.push({ field: 'productId', product });
  }
  if (selectors.sku !== undefined) {
    const sku = checkSku(selectors.sku, document.kind);
    if (!sku.ok) throw ruleViolation('sku', sku.violation.rule, sku.violation.message);
    const product = await lookups.productBySku(selectors.sku.trim());
    if (!product)
      throw ruleViolation('sku', 'unknown_sku', `No product in the catalogue has the SKU '${selectors.sku.trim()}'.`);
    named.push({ field: 'sku', product });
  }
  const box = selectors.boxBillingId;
  // A malformed boxBillingId, or one given for another kind than HardPhone, is reported by the RingCentral rules.
  if (box !== undefined && Number.isSafeInteger(box) && box > 0 && document.kind === 'HardPhone') {
    const product = await lookups.productByBoxBillingId(box);
    if (!product) {
      throw ruleViolation(
        'boxBillingId',
        'unknown_box_billing_id',
        `No product in the catalogue has the boxBillingId ${box}.`,
      );
    }
    named.push({ field: 'boxBillingId', product });
  }
  const [first, ...others] = named;
  const disagreeing = others.find((n) => n.product.id !== first?.product.id);
  if (first && disagreeing) {
    throw ruleViolation(
      disagreeing.field,
      'product_mismatch',
      `${first.field} names ${first.product.name} but ${disagreeing.field} names ${disagreeing.product.name}.`,
    );
  }
  return first?.product ?? null;
}
