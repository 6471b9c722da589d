/**
 * The demo fleet: a deterministic, realistic multi-vendor inventory, from a handful of devices to
 * millions, written through bulk inserts on an empty, migrated database.
 *
 * Always present: the Plantronics sandbox tenant of the vendor documentation (its tenantApiCode, its
 * public API key, and the user "dwalker" with his headsets, dongle, desk phone and softphone). Further
 * tenants get their own API key, derived from the seed and printed in the summary.
 *
 * Split of devices: with one tenant, the sandbox gets them all; otherwise the sandbox gets half
 * (rounded up) and the other tenants share the rest evenly. The sandbox is the showcase and the
 * tenant benchmarks list from; the others exist to show (and test) tenant isolation.
 *
 * Everything follows from `seed` and `now`: ids are UUIDv7 built from each row's creation instant
 * and seeded random bytes, so ordering by id is ordering by creation. Devices are created in time
 * order, spread over the two years before `now`, each tenant's people and workspaces just before
 * their devices. Rows are produced and written in chunks (one transaction per chunk), so memory stays
 * flat however large the fleet.
 */
import { createHmac } from 'node:crypto';
import type { Insertable } from 'kysely';
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { insertRows } from '../db/bulk-insert.js';
import type { Store } from '../db/database.js';
import { idAt } from '../db/ids.js';
import type { Database } from '../db/schema.js';
import { API_KEY_PREFIX, hashApiKey, keyPrefix } from '../modules/access/api-key.js';
import { type ApplicablePolicy, type ComplianceStatus, evaluateCompliance } from '../modules/firmware/compliance.js';
import { TenantRepository } from '../modules/tenants/tenant.repository.js';
import {
  CATALOG,
  type CatalogProduct,
  DEMO_ORGANISATIONS,
  DESK_PHONE_MIXES,
  FIRST_NAMES,
  type FirmwareComponent,
  LAST_NAMES,
  OUI,
  PERSONAL_TAGS,
  PHONE_TAGS,
  POLICY_TEMPLATES,
  POLY,
  ROOM_NAMES,
  ROOM_TAGS,
  SITE_TEMPLATES,
  SOFTPHONE_MIXES,
  SOFTPHONES,
  type SiteTemplate,
  type SoftphoneInfo,
  USER_GROUPS,
  firmwareReleaseRows,
  productRow,
  stableBytes,
  stableUuid,
} from './catalog.js';
import { Random, hashString, scramble24, scramble32 } from './random.js';

/** The Plantronics Manager Pro sandbox, as the vendor's documentation publishes it. */
export const SANDBOX = {
  name: 'Plantronics Sandbox',
  apiCode: 'af0813e6-81c0-4a77-89d2-3338d0277c42',
  apiKey: '1hKMMPFMmaldnC0rcohvXN0UX7UeWPjb',
  username: 'dwalker',
  domain: 'plantronics-sandbox.example',
  ringcentralAccountId: '2061540004',
} as const;

/** The default "now" of a demo fleet: fixed, so that a seed always gives the same rows. */
export const DEMO_NOW = Date.UTC(2026, 10, 1);

/** How many devices dwalker owns in the sandbox. */
export const SANDBOX_USER_DEVICES = 6;

export interface SeedDemoOptions {
  /** Total number of devices, over all tenants. */
  devices: number;
  /** Total number of tenants, the sandbox included (default 1: only the sandbox). */
  tenants?: number;
  seed?: number;
  /** The instant the fleet is "as of" (epoch ms); default DEMO_NOW. */
  now?: number;
  /** Devices per transaction (default 10,000). */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoTenantSummary {
  id: string;
  name: string;
  apiCode: string;
  /** The admin API key; only its hash is stored. */
  apiKey: string;
  webexOrgId: string;
  ringcentralAccountId: string;
  devices: number;
  people: number;
}

export interface DemoSummary {
  seed: number;
  now: number;
  tenants: DemoTenantSummary[];
  /** Catalogue rows written by this run (0 when the catalogue was already there). */
  products: number;
  firmwareReleases: number;
  devices: number;
  people: number;
  userGroups: number;
  groupMemberships: number;
  sites: number;
  workspaces: number;
  phoneNumbers: number;
  deviceLines: number;
  deviceTags: number;
  connectedDevices: number;
  sightings: number;
  compliancePolicies: number;
  apiKeys: number;
  devicesByKind: Record<string, number>;
  compliance: Record<ComplianceStatus, number>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TWO_YEARS = 730 * DAY;
const SOURCE = 'demo';

type Row<T extends keyof Database> = Insertable<Database[T]>;
type DeviceRow = Row<'devices'>;

/** Insert order: every table after the tables its foreign keys point to. */
const TABLE_ORDER = [
  'tenants',
  'api_keys',
  'user_groups',
  'sites',
  'workspaces',
  'people',
  'group_memberships',
  'compliance_policies',
  'phone_numbers',
  'devices',
  'device_tags',
  'connected_devices',
  'sightings',
  'device_lines',
] as const satisfies readonly (keyof Database)[];
type BatchTable = (typeof TABLE_ORDER)[number];

// --- the catalogue -----------------------------------------------------------------------------------

interface ResolvedProduct {
  readonly spec: CatalogProduct;
  readonly id: string;
}

/**
 * Writes the products and firmware releases the database lacks; returns the product row of every
 * catalogue entry (an existing product with the same manufacturer and model keeps its id).
 */
export async function ensureCatalog(
  store: Store,
): Promise<{ products: Map<string, ResolvedProduct>; inserted: { products: number; firmwareReleases: number } }> {
  const existing = await store.db.selectFrom('products').select(['id', 'manufacturer', 'model_id']).execute();
  const idByModel = new Map(existing.map((p) => [`${p.manufacturer}\u0000${p.model_id}`, p.id]));
  const products = new Map<string, ResolvedProduct>();
  const productRows: Row<'products'>[] = [];
  for (const spec of CATALOG) {
    const row = productRow(spec);
    const id = idByModel.get(`${spec.manufacturer}\u0000${spec.modelId}`) ?? row.id;
    if (!idByModel.has(`${spec.manufacturer}\u0000${spec.modelId}`)) productRows.push(row);
    products.set(spec.key, { spec, id });
  }
  const releases = await store.db
    .selectFrom('firmware_releases')
    .select(['product_id', 'component', 'version'])
    .execute();
  const haveRelease = new Set(releases.map((r) => `${r.product_id}\u0000${r.component}\u0000${r.version}`));
  const releaseRows = [...products.values()]
    .flatMap(({ spec, id }) => firmwareReleaseRows(spec, id))
    .filter((r) => !haveRelease.has(`${r.product_id}\u0000${r.component}\u0000${r.version}`));
  await store.db.transaction().execute(async (trx) => {
    await insertRows(trx, store.capabilities, 'products', productRows);
    await insertRows(trx, store.capabilities, 'firmware_releases', releaseRows);
  });
  return { products, inserted: { products: productRows.length, firmwareReleases: releaseRows.length } };
}

// --- tenant state ------------------------------------------------------------------------------------

interface SiteState {
  readonly id: string;
  readonly name: string;
  readonly template: SiteTemplate;
  /** Second octet of the site's 10.x.0.0/16 subnet. */
  readonly octet: number;
  mainLine: PhoneNumber;
  readonly emergencyJson: string;
  readonly webexRegion: string;
  readonly rcProxy: string;
  /** How many numbers of this site's block have been handed out. */
  numbersUsed: number;
}

interface PhoneNumber {
  readonly id: string;
  readonly e164: string;
}

interface TenantState {
  readonly index: number;
  readonly label: string;
  readonly id: string;
  readonly name: string;
  readonly domain: string;
  readonly createdAt: number;
  readonly quota: number;
  readonly summary: DemoTenantSummary;
  readonly groups: Map<string, string>;
  readonly sites: SiteState[];
  readonly policiesByProduct: Map<string, ApplicablePolicy[]>;
  readonly usernames: Map<string, number>;
  readonly counters: Map<string, number>;
  readonly salt: number;
  readonly webexDomain: string;
  readonly deskPhones: Readonly<Record<string, number>>;
  readonly softphones: Readonly<Record<string, number>>;
  readonly extensionStart: number;
  peopleCreated: number;
  workspacesCreated: number;
  devicesCreated: number;
  /** Recent supervisors and agent positions, for supervisor monitoring. */
  readonly supervisors: string[];
  readonly agentDevices: string[];
}

interface PersonState {
  readonly id: string;
  readonly first: string;
  readonly last: string;
  readonly username: string;
  readonly extension: string;
  readonly site: SiteState;
  readonly groupIds: string[];
  readonly groupsJson: string;
  readonly supervisor: boolean;
  readonly agentState: string | null;
  readonly host: HostSpec;
  did: PhoneNumber | null;
  hasDeskPhone: boolean;
}

interface HostSpec {
  readonly first: Host;
  readonly last: Host;
  softphone: SoftphoneInfo;
  softphoneVersions: readonly [string, string];
}

interface Host {
  readonly hostname: string;
  readonly os: string;
  readonly osVersion: string;
  readonly clientInstanceId: string;
}

// --- the generator -----------------------------------------------------------------------------------

class Batch {
  rows = emptyRows();
  devices = 0;
  add<T extends BatchTable>(table: T, row: Row<T>): void {
    (this.rows[table] as Row<T>[]).push(row);
  }
}

function emptyRows(): { [T in BatchTable]: Row<T>[] } {
  return Object.fromEntries(TABLE_ORDER.map((t) => [t, []])) as unknown as { [T in BatchTable]: Row<T>[] };
}

export async function seedDemoFleet(store: Store, options: SeedDemoOptions): Promise<DemoSummary> {
  const devices = options.devices;
  const tenantCount = options.tenants ?? 1;
  const seed = options.seed ?? 1;
  const now = options.now ?? DEMO_NOW;
  const chunkSize = options.chunkSize ?? 10_000;
  if (!Number.isInteger(devices) || devices < 0) throw new RangeError('devices must be a non-negative integer');
  if (!Number.isInteger(tenantCount) || tenantCount < 1)
    throw new RangeError('tenants must be an integer of at least 1');
  if (!Number.isInteger(seed)) throw new RangeError('seed must be an integer');
  if (!(await new TenantRepository(store.db).isEmpty())) {
    throw new Error('The database already holds tenants; the demo fleet is seeded only into an empty database.');
  }

  const catalog = await ensureCatalog(store);
  const generator = new FleetGenerator(store, catalog.products, seed, now, chunkSize, devices, options.onProgress);
  const quotas = splitDevices(devices, tenantCount);
  for (let index = 0; index < tenantCount; index++) await generator.tenant(index, quotas[index]!);
  await generator.flush();

  const s = generator.summary;
  s.products = catalog.inserted.products;
  s.firmwareReleases = catalog.inserted.firmwareReleases;
  return s;
}

function splitDevices(devices: number, tenants: number): number[] {
  if (tenants === 1) return [devices];
  const sandbox = Math.max(Math.ceil(devices / 2), Math.min(devices, SANDBOX_USER_DEVICES));
  const rest = devices - sandbox;
  const others = tenants - 1;
  return [
    sandbox,
    ...Array.from({ length: others }, (_, i) => Math.floor(rest / others) + (i < rest % others ? 1 : 0)),
  ];
}

/** A tenant's admin key: "ucf_" and 32 base64url characters, derived from the seed. */
export function demoApiKey(seed: number, tenantIndex: number): string {
  return (
    API_KEY_PREFIX +
    createHmac('sha256', `ucfleet-demo:${seed}`).update(`tenant:${tenantIndex}`).digest('base64url').slice(0, 32)
  );
}

class FleetGenerator {
  readonly summary: DemoSummary;
  private batch = new Batch();
  private done = 0;
  private readonly specs: Map<string, CatalogProduct>;

  constructor(
    private readonly store: Store,
    private readonly products: Map<string, ResolvedProduct>,
    private readonly seed: number,
    private readonly now: number,
    private readonly chunkSize: number,
    private readonly total: number,
    private readonly onProgress: ((done: number, total: number) => void) | undefined,
  ) {
    this.specs = new Map([...products.values()].map((p) => [p.id, p.spec]));
    this.summary = {
      seed,
      now,
      tenants: [],
      products: 0,
      firmwareReleases: 0,
      devices: 0,
      people: 0,
      userGroups: 0,
      groupMemberships: 0,
      sites: 0,
      workspaces: 0,
      phoneNumbers: 0,
      deviceLines: 0,
      deviceTags: 0,
      connectedDevices: 0,
      sightings: 0,
      compliancePolicies: 0,
      apiKeys: 0,
      devicesByKind: {},
      compliance: { compliant: 0, noncompliant: 0, unknown: 0 },
    };
  }

  private product(key: string): ResolvedProduct {
    const p = this.products.get(key);
    if (!p) throw new Error(`Unknown catalogue product "${key}"`);
    return p;
  }

  async flush(): Promise<void> {
    const { rows } = this.batch;
    this.batch = new Batch();
    await this.store.db.transaction().execute(async (trx) => {
      for (const table of TABLE_ORDER) await insertRows(trx, this.store.capabilities, table, rows[table]);
    });
    const s = this.summary;
    s.people += rows.people.length;
    s.userGroups += rows.user_groups.length;
    s.groupMemberships += rows.group_memberships.length;
    s.sites += rows.sites.length;
    s.workspaces += rows.workspaces.length;
    s.phoneNumbers += rows.phone_numbers.length;
    s.deviceLines += rows.device_lines.length;
    s.deviceTags += rows.device_tags.length;
    s.connectedDevices += rows.connected_devices.length;
    s.sightings += rows.sightings.length;
    s.compliancePolicies += rows.compliance_policies.length;
    s.apiKeys += rows.api_keys.length;
    for (const d of rows.devices) {
      s.devices++;
      s.devicesByKind[d.kind] = (s.devicesByKind[d.kind] ?? 0) + 1;
      s.compliance[d.compliance as ComplianceStatus]++;
    }
    this.done += rows.devices.length;
    this.onProgress?.(this.done, this.total);
  }

  private async maybeFlush(): Promise<void> {
    if (this.batch.devices >= this.chunkSize) await this.flush();
  }

  // --- tenants ---------------------------------------------------------------------------------------

  async tenant(index: number, quota: number): Promise<void> {
    const t = this.setupTenant(index, quota);
    const rng = new Random(`seed:${this.seed}:${t.label}:people`);
    if (index === 0) this.sandboxUser(t);
    const start = this.now - TWO_YEARS;
    const step = (TWO_YEARS - 3 * DAY) / Math.max(1, quota);
    while (t.devicesCreated < quota) {
      const at = Math.round(start + step * t.devicesCreated + rng.next() * step);
      if (rng.chance(0.03)) this.workspaceBlock(t, rng, at);
      else this.personBlock(t, rng, at, this.randomPerson(t, rng));
      await this.maybeFlush();
    }
  }

  private setupTenant(index: number, quota: number): TenantState {
    const sandbox = index === 0;
    const label = sandbox ? 'sandbox' : `seed:${this.seed}:tenant:${index}`;
    const rng = new Random(label);
    const [orgName, orgDomain] = DEMO_ORGANISATIONS[Math.max(0, index - 1) % DEMO_ORGANISATIONS.length]!;
    const round = Math.floor(Math.max(0, index - 1) / DEMO_ORGANISATIONS.length);
    const name = sandbox ? SANDBOX.name : `${orgName}${round > 0 ? ` ${round + 1}` : ''}`;
    const domain = sandbox
      ? SANDBOX.domain
      : round > 0
        ? orgDomain.replace('.example', `${round + 1}.example`)
        : orgDomain;
    const createdAt = this.now - TWO_YEARS - (sandbox ? 90 : 30 + index) * DAY;
    const id = idAt(createdAt, stableBytes(`${label}:tenant`));
    const apiKey = sandbox ? SANDBOX.apiKey : demoApiKey(this.seed, index);
    const apiCode = sandbox ? SANDBOX.apiCode : stableUuid(`${label}:api-code`);
    const webexOrgId = Buffer.from(`ciscospark://us/ORGANIZATION/${stableUuid(`${label}:webex-org`)}`)
      .toString('base64')
      .replace(/=+$/, '');
    const ringcentralAccountId = sandbox
      ? SANDBOX.ringcentralAccountId
      : `${3_000_000 + index * 7_919 + (Math.abs(this.seed) % 7_919)}004`;
    const versioned = { created_at: createdAt, updated_at: createdAt, version: 1 };

    this.batch.add('tenants', {
      id,
      name,
      api_code: apiCode,
      webex_org_id: webexOrgId,
      ringcentral_account_id: ringcentralAccountId,
      ...versioned,
    });
    this.batch.add('api_keys', {
      id: idAt(createdAt, stableBytes(`${label}:api-key`)),
      tenant_id: id,
      name: sandbox ? 'Plantronics sandbox public key' : 'Demo admin key',
      prefix: keyPrefix(apiKey),
      key_hash: hashApiKey(apiKey),
      role: 'admin',
      scopes: '["admin"]',
      created_at: createdAt,
      last_used_at: null,
      expires_at: null,
      revoked_at: null,
    });

    const groups = new Map<string, string>();
    USER_GROUPS.forEach(([groupName, description], i) => {
      const groupId = idAt(createdAt + i, stableBytes(`${label}:group:${groupName}`));
      groups.set(groupName, groupId);
      this.batch.add('user_groups', { id: groupId, tenant_id: id, name: groupName, description, ...versioned });
    });

    const siteCount = Math.min(SITE_TEMPLATES.length, Math.max(3, Math.ceil(quota / 5_000)));
    const sites: SiteState[] = [];
    for (let i = 0; i < siteCount; i++) {
      const template = SITE_TEMPLATES[(i + (sandbox ? 0 : index * 3)) % SITE_TEMPLATES.length]!;
      const siteAt = createdAt + DAY + i * HOUR;
      const siteId = idAt(siteAt, stableBytes(`${label}:site:${i}`));
      const octet = 16 + i;
      const emergencyAddress = {
        customerName: name,
        street: template.street,
        city: template.city,
        state: template.stateCode,
        stateName: template.state,
        zip: template.postalCode,
        country: template.country,
        countryName: template.countryName,
      };
      this.batch.add('sites', {
        id: siteId,
        tenant_id: id,
        name: i === 0 ? `${template.city} HQ` : `${template.city} Office`,
        street: template.street,
        street2: rng.chance(0.5) ? `Floor ${rng.int(2, 30)}` : null,
        city: template.city,
        state: template.state,
        postal_code: template.postalCode,
        country_code: template.country,
        time_zone: template.timeZone,
        subnets: JSON.stringify([`10.${octet}.0.0/16`, `172.${16 + (i % 16)}.${i}.0/24`]),
        emergency_address: JSON.stringify(emergencyAddress),
        created_at: siteAt,
        updated_at: siteAt,
        version: 1,
      });
      const region = regionOf(template.country);
      const partial = {
        id: siteId,
        name: i === 0 ? `${template.city} HQ` : `${template.city} Office`,
        template,
        octet,
        numbersUsed: 0,
      };
      const state: SiteState = {
        ...partial,
        mainLine: { id: '', e164: '' },
        emergencyJson: JSON.stringify({
          address: emergencyAddress,
          location: { name: partial.name },
          outOfCountry: false,
          addressStatus: 'Valid',
          visibility: 'Private',
          syncStatus: 'Verified',
          addressEditableStatus: 'MainDevice',
        }),
        webexRegion: region.webex,
        rcProxy: region.ringcentral,
      };
      sites.push(state);
    }

    const policiesByProduct = new Map<string, ApplicablePolicy[]>();
    POLICY_TEMPLATES.forEach((p, i) => {
      if (!sandbox && !rng.chance(0.7)) return;
      const product = this.product(p.product);
      const versions = [
        ...new Set(product.spec.packages.map((pkg) => pkg.versions[p.component]).filter((v) => v !== undefined)),
      ];
      const target = versions[Math.max(0, versions.length - 1 - p.age)]!;
      const at = createdAt + 2 * DAY + i * HOUR;
      const policy: ApplicablePolicy = {
        id: idAt(at, stableBytes(`${label}:policy:${p.name}`)),
        productId: product.id,
        userGroupId: p.group === null ? null : groups.get(p.group)!,
        component: p.component,
        targetVersion: target,
      };
      this.batch.add('compliance_policies', {
        id: policy.id,
        tenant_id: id,
        name: p.name,
        product_id: policy.productId,
        user_group_id: policy.userGroupId,
        component: p.component,
        target_version: target,
        allow_decline: p.allowDecline ? 1 : 0,
        created_at: at,
        updated_at: at,
        version: 1,
      });
      const list = policiesByProduct.get(product.id) ?? [];
      list.push(policy);
      policiesByProduct.set(product.id, list);
    });

    let extensionStart = 1000;
    while (extensionStart * 9 < quota + 1000) extensionStart *= 10;
    const summary: DemoTenantSummary = {
      id,
      name,
      apiCode,
      apiKey,
      webexOrgId,
      ringcentralAccountId,
      devices: 0,
      people: 0,
    };
    this.summary.tenants.push(summary);
    const t: TenantState = {
      index,
      label,
      id,
      name,
      domain,
      createdAt,
      quota,
      summary,
      groups,
      sites,
      policiesByProduct,
      usernames: new Map(sandbox ? [[SANDBOX.username, 1]] : []),
      counters: new Map(),
      salt: hashString(label),
      webexDomain: String(10_000_000 + (hashString(`${label}:webex`) % 89_999_999)),
      deskPhones: DESK_PHONE_MIXES[index % DESK_PHONE_MIXES.length]!,
      softphones: SOFTPHONE_MIXES[index % SOFTPHONE_MIXES.length]!,
      extensionStart,
      peopleCreated: 0,
      workspacesCreated: 0,
      devicesCreated: 0,
      supervisors: [],
      agentDevices: [],
    };
    // Each site's main number, shared by bridged-line appearances and used as the forwarding target.
    for (const s of sites) s.mainLine = this.newNumber(t, s, createdAt + DAY);
    return t;
  }

  /** A new direct number in the site's block, valid for its country. */
  private newNumber(t: TenantState, site: SiteState, at: number): PhoneNumber {
    const tpl = site.template;
    const space = 10 ** tpl.subscriberDigits;
    for (;;) {
      const n = site.numbersUsed++;
      if (n >= space) throw new Error(`Site ${site.name} ran out of phone numbers`);
      // An affine map with a multiplier coprime to 10 is a permutation of the block: unique, scattered.
      const subscriber = (n * 3_735_931 + (t.salt % space)) % space;
      const e164 = `+${tpl.callingCode}${tpl.numberPrefix}${String(subscriber).padStart(tpl.subscriberDigits, '0')}`;
      const parsed = parsePhoneNumberWithError(e164);
      if (!parsed.isValid() || parsed.country !== tpl.country) continue;
      const id = idAt(at, stableBytes(`${t.label}:number:${e164}`));
      const type = parsed.getType();
      this.batch.add('phone_numbers', {
        id,
        tenant_id: t.id,
        number: e164,
        e164,
        country_code: tpl.country,
        calling_code: parsed.countryCallingCode,
        national_format: parsed.formatNational(),
        location: ['US', 'CA', 'AU', 'IN', 'BR'].includes(tpl.country) ? `${tpl.city}, ${tpl.stateCode}` : tpl.city,
        number_type: type === undefined ? null : type.toLowerCase(),
        created_at: at,
        updated_at: at,
        version: 1,
      });
      return { id, e164 };
    }
  }

  /** The next value of one of the tenant's counters (serials per manufacturer, MACs per OUI…). */
  private next(t: TenantState, counter: string): number {
    const n = t.counters.get(counter) ?? 0;
    t.counters.set(counter, n + 1);
    return n;
  }

  // --- people ----------------------------------------------------------------------------------------

  private randomPerson(t: TenantState, rng: Random): PersonPlan {
    const persona = rng.weightedKey({ office: 45, 'contact-center': 30, support: 12, executive: 5, frontline: 8 });
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const site = t.sites[Math.min(t.sites.length - 1, Math.floor(rng.next() ** 1.6 * t.sites.length))]!;
    const plan: PersonPlan = {
      first,
      last,
      persona,
      site,
      groups: [],
      roles: ['user'],
      supervisor: false,
      devices: [],
    };
    const kit = (choices: Readonly<Record<string, number>>) =>
      plan.devices.push(...HEADSET_KITS[rng.weightedKey(choices)]!);
    switch (persona) {
      case 'office': {
        const department = rng.weightedKey({
          Sales: 30,
          Engineering: 25,
          Marketing: 10,
          Finance: 10,
          HR: 5,
          Operations: 10,
          IT: 10,
        });
        plan.groups = rng.chance(0.04) ? ['Executives', department] : [department];
        if (department === 'IT' && rng.chance(0.2)) plan.roles = ['admin'];
        if (rng.chance(0.3)) plan.devices.push({ product: rng.weightedKey(t.deskPhones) });
        if (rng.chance(0.9)) plan.devices.push({ product: rng.weightedKey(t.softphones) });
        if (rng.chance(0.85)) kit({ vf2: 35, v4320: 25, vfuc: 8, bw5220: 22, sync20: 10 });
        break;
      }
      case 'contact-center': {
        plan.supervisor = rng.chance(0.1);
        plan.groups = rng.chance(0.35) ? ['Contact Center', 'Support'] : ['Contact Center'];
        plan.roles = plan.supervisor ? ['supervisor', 'agent'] : ['agent'];
        if (rng.chance(0.85)) plan.devices.push({ product: 'genesys-acd' });
        if (plan.supervisor && rng.chance(0.5)) plan.devices.push({ product: rng.weightedKey(t.deskPhones) });
        kit({ savi: 50, encore: 40, bw5220: 10 });
        break;
      }
      case 'support': {
        plan.groups = rng.chance(0.3) ? ['Support', 'IT'] : ['Support'];
        if (rng.chance(0.5)) plan.devices.push({ product: rng.weightedKey(t.deskPhones) });
        if (rng.chance(0.95)) plan.devices.push({ product: rng.weightedKey(t.softphones) });
        if (rng.chance(0.95)) kit({ bw5220: 40, encore: 30, vf2: 30 });
        break;
      }
      case 'executive': {
        plan.groups = ['Executives', rng.pick(['Sales', 'Finance', 'Engineering', 'Operations'])];
        plan.roles = ['user'];
        if (rng.chance(0.9))
          plan.devices.push({
            product: rng.weightedKey({ 'cisco-8851': 40, 'poly-edge-e350': 35, 'yealink-t54w': 25 }),
          });
        plan.devices.push({ product: rng.weightedKey(t.softphones) });
        kit({ vf2: 60, savi: 40 });
        if (rng.chance(0.4)) kit({ sync20: 1 });
        break;
      }
      case 'frontline': {
        plan.groups = ['Operations'];
        plan.devices.push({
          product: rng.weightedKey({ 'yealink-t33g': 40, 'cisco-6871': 35, 'poly-vvx-450': 25 }),
          hotDesk: rng.chance(0.3),
        });
        if (rng.chance(0.2)) kit({ encore: 1 });
        break;
      }
    }
    return plan;
  }

  private sandboxUser(t: TenantState): void {
    const rng = new Random('sandbox:dwalker');
    const at = this.now - 400 * DAY;
    const site = t.sites[0]!;
    this.personBlock(t, rng, at, {
      first: 'David',
      last: 'Walker',
      username: SANDBOX.username,
      persona: 'office',
      site,
      groups: ['Sales', 'Executives'],
      roles: ['user'],
      supervisor: false,
      host: {
        first: {
          hostname: 'DWALKER-LT01',
          os: 'Windows 11',
          osVersion: '10.0.22631',
          clientInstanceId: stableUuid('sandbox:dwalker:lt01'),
        },
        last: {
          hostname: 'DWALKER-LT02',
          os: 'Windows 11',
          osVersion: '10.0.26100',
          clientInstanceId: stableUuid('sandbox:dwalker:lt02'),
        },
      },
      devices: [
        { product: 'poly-edge-e350', packageAge: 0 },
        { product: 'teams', packageAge: 0 },
        ...HEADSET_KITS.savi!.map((d) => ({ ...d, packageAge: 1 })),
        ...HEADSET_KITS.vf2!.map((d) => ({ ...d, packageAge: 0 })),
      ],
    });
  }

  private personBlock(t: TenantState, rng: Random, at: number, plan: PersonPlan): void {
    const username = plan.username ?? this.username(t, plan.first, plan.last);
    const id = idAt(at, rng.bytes16());
    const extension = String(t.extensionStart + t.peopleCreated);
    const cc = plan.persona === 'contact-center';
    const agentState = cc ? (rng.chance(0.45) ? 'Ready' : 'NotReady') : null;
    this.batch.add('people', {
      id,
      tenant_id: t.id,
      username,
      first_name: plan.first,
      last_name: plan.last,
      email: `${username}@${t.domain}`,
      extension_number: extension,
      roles: JSON.stringify(plan.roles),
      site_id: plan.site.id,
      agent_state: agentState,
      agent_work_mode: agentState === 'NotReady' ? rng.weightedKey({ AuxWork: 3, AfterCallWork: 2 }) : null,
      source_system: SOURCE,
      external_id: null,
      synced_at: null,
      created_at: at,
      updated_at: Math.min(this.now, at + rng.int(0, 90) * DAY),
      version: 1,
    });
    t.peopleCreated++;
    t.summary.people++;
    const groupIds = plan.groups.map((g) => t.groups.get(g)!);
    groupIds.forEach((groupId, position) =>
      this.batch.add('group_memberships', { tenant_id: t.id, person_id: id, group_id: groupId, position }),
    );
    if (plan.supervisor) pushBounded(t.supervisors, id);

    const softphoneDevice = plan.devices.find((d) => SOFTPHONES[d.product] !== undefined);
    const softphone = SOFTPHONES[softphoneDevice?.product ?? (cc ? 'genesys' : Object.keys(t.softphones)[0]!)]!;
    const person: PersonState = {
      id,
      first: plan.first,
      last: plan.last,
      username,
      extension,
      site: plan.site,
      groupIds,
      groupsJson: JSON.stringify(plan.groups),
      supervisor: plan.supervisor,
      agentState,
      did: null,
      hasDeskPhone: false,
      host: {
        ...(plan.host ?? randomHosts(rng, username, plan.first)),
        softphone,
        softphoneVersions: softphoneVersions(rng, softphone),
      },
    };

    const room = t.quota - t.devicesCreated;
    const planned = plan.devices.slice(0, room);
    const made: DeviceRow[] = [];
    let offset = MINUTE * rng.int(5, 600);
    for (const device of planned) {
      made.push(this.device(t, rng, at + offset, device, { person }));
      offset += MINUTE * rng.int(1, 240);
    }
    planned.forEach((device, i) => {
      if (device.pairWith !== undefined && device.pairWith < 0 && made[i + device.pairWith])
        this.pair(rng, made[i + device.pairWith]!, made[i]!);
    });
  }

  private username(t: TenantState, first: string, last: string): string {
    const base = ascii(first).slice(0, 1) + ascii(last);
    const n = t.usernames.get(base) ?? 0;
    t.usernames.set(base, n + 1);
    return n === 0 ? base : `${base}${n + 1}`;
  }

  private workspaceBlock(t: TenantState, rng: Random, at: number): void {
    const site = t.sites[Math.floor(rng.next() * t.sites.length)]!;
    const n = ++t.workspacesCreated;
    const name = `${site.template.code}-${rng.int(1, 12)}.${String(n).padStart(2, '0')} ${rng.pick(ROOM_NAMES)}`;
    const id = idAt(at, rng.bytes16());
    this.batch.add('workspaces', {
      id,
      tenant_id: t.id,
      name,
      site_id: site.id,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    const devices: DevicePlan[] = [
      {
        product: rng.weightedKey({ 'cisco-room-kit-mini': 60, 'poly-studio-x50': 40 }),
      },
    ];
    if (rng.chance(0.25))
      devices.push({
        product: rng.weightedKey({ 'yealink-t33g': 50, 'cisco-6871': 50 }),
        commonPhone: true,
      });
    if (rng.chance(0.1)) devices.push({ product: 'algo-8301' });
    let offset = HOUR;
    for (const device of devices.slice(0, t.quota - t.devicesCreated)) {
      this.device(t, rng, at + offset, device, { workspace: { id, name, site } });
      offset += MINUTE * rng.int(5, 120);
    }
  }

  // --- devices ---------------------------------------------------------------------------------------

  private device(t: TenantState, rng: Random, plannedAt: number, plan: DevicePlan, owner: Owner): DeviceRow {
    const { spec, id: productId } = this.product(plan.product);
    const createdAt = Math.min(plannedAt, this.now - HOUR);
    const id = idAt(createdAt, rng.bytes16());
    const person = owner.person;
    const site = person?.site ?? owner.workspace!.site;
    const kind = spec.deviceKind;
    const packages = spec.packages;
    const age = Math.min(packages.length - 1, plan.packageAge ?? rng.weightedIndex([45, 28, 15, 8, 4]));
    const firmware = packages.length > 0 ? packages[packages.length - 1 - age]!.versions : {};
    const fw = (c: FirmwareComponent): string | null => firmware[c] ?? null;
    const userGroupIds = person?.groupIds ?? [];
    const compliance = evaluateCompliance(
      {
        productId,
        firmware: {
          main: fw('main'),
          base: fw('base'),
          headset: fw('headset'),
          bluetooth: fw('bluetooth'),
          usb: fw('usb'),
        },
        userGroupIds,
      },
      t.policiesByProduct.get(productId) ?? [],
    );

    const networked = kind === 'HardPhone' || kind === 'Room' || kind === 'Paging';
    const activation = networked ? rng.weightedKey({ activated: 88, activating: 4, deactivated: 8 }) : null;
    const activity = activation === 'deactivated' ? 'stale' : rng.weightedKey({ online: 60, recent: 25, stale: 15 });
    const lastSeenAt = lastSeen(rng, activity, createdAt, this.now);
    const serial = this.serial(t, rng, spec);
    const platform =
      spec.manufacturer === 'Cisco'
        ? 'webex'
        : spec.manufacturer === 'Genesys'
          ? 'genesys'
          : networked
            ? 'ringcentral'
            : null;

    const row: DeviceRow = {
      id,
      tenant_id: t.id,
      kind,
      product_id: productId,
      manufacturer: spec.manufacturer,
      name: deviceName(spec, owner),
      display_id: serial.displayId,
      serial: serial.serial,
      mac: networked ? (spec.manufacturer === POLY ? serial.serial : this.mac(t, spec.manufacturer)) : null,
      ip: networked ? `10.${site.octet}.${rng.int(1, 254)}.${rng.int(2, 254)}` : null,
      status: activity === 'online' ? 'Online' : 'Offline',
      activation_state: activation,
      owner_person_id: person?.id ?? null,
      owner_workspace_id: owner.workspace?.id ?? null,
      site_id: site.id,
      fw_main: fw('main'),
      fw_base: fw('base'),
      fw_headset: fw('headset'),
      fw_bluetooth: fw('bluetooth'),
      fw_usb: fw('usb'),
      compliance: compliance.status,
      policy_id: compliance.policyId,
      upgrade_channel:
        platform === 'webex' && networked
          ? rng.weightedKey({ Stable: 70, 'Stable Delay': 15, Preview: 10, Beta: 5 })
          : null,
      managed_by: networked ? rng.weightedKey({ CUSTOMER: 80, PARTNER: 20 }) : null,
      sip_user_name: null,
      sip_line_port: null,
      sip_outbound_proxy: null,
      hot_desk: plan.hotDesk ? 1 : 0,
      common_phone: plan.commonPhone ? 1 : 0,
      line_pooling: null,
      telephony_network: null,
      do_not_disturb: 0,
      forward_to: null,
      monitoring_state: null,
      monitoring_mode: null,
      monitoring_scope: null,
      monitoring_target_device_id: null,
      monitoring_supervisor_id: null,
      computer_name: null,
      emergency: null,
      shipping: null,
      billing: null,
      last_seen_at: lastSeenAt,
      source_system: SOURCE,
      external_id: null,
      synced_at: null,
      created_at: createdAt,
      updated_at: Math.min(this.now, createdAt + Math.floor(rng.next() * (lastSeenAt - createdAt))),
      version: 1,
    };

    if (kind === 'HardPhone' || kind === 'OtherPhone' || kind === 'Paging')
      this.telephony(t, rng, row, spec, platform, owner);
    if (kind === 'Room' && platform === 'webex') this.webexSip(t, rng, row, site);
    if (kind === 'SoftPhone') this.softphone(t, row, spec, person!);
    if (person && (kind === 'Headset' || kind === 'Base' || kind === 'Dongle' || kind === 'SoftPhone'))
      this.sightings(t, row, person);
    this.tags(t, rng, row, owner);

    this.batch.add('devices', row);
    this.batch.devices++;
    t.devicesCreated++;
    t.summary.devices++;
    return row;
  }

  /** Lines, SIP registration and telephony flags of desk phones, contact-center positions and paging adapters. */
  private telephony(
    t: TenantState,
    rng: Random,
    row: DeviceRow,
    spec: CatalogProduct,
    platform: string | null,
    owner: Owner,
  ): void {
    const person = owner.person;
    const site = person?.site ?? owner.workspace!.site;
    const at = row.created_at;
    let line: PhoneNumber | null = null;
    if (person) {
      person.did ??= this.newNumber(t, site, at);
      line = person.did;
      person.hasDeskPhone = true;
    } else if (row.kind !== 'Paging') {
      line = this.newNumber(t, site, at);
    }
    if (line) this.line(t, row, line, 0, 'Standalone');
    if (row.kind === 'HardPhone' && spec.features.includes('BLA') && rng.chance(0.12))
      this.line(t, row, site.mainLine, 1, 'BlaSecondary');
    row.common_phone = row.common_phone || (spec.features.includes('CommonPhone') && rng.chance(0.03)) ? 1 : 0;
    if (!spec.features.includes('CommonPhone')) row.common_phone = 0;
    row.hot_desk = row.hot_desk || (row.kind === 'HardPhone' && rng.chance(0.05)) ? 1 : 0;
    row.line_pooling = line && row.kind === 'HardPhone' ? (rng.chance(0.7) ? 'Host' : 'None') : 'None';
    row.telephony_network = rng.chance(row.kind === 'OtherPhone' ? 0.6 : 0.15) ? 'Private' : 'Public';
    row.do_not_disturb = rng.chance(row.kind === 'OtherPhone' && person?.agentState === 'NotReady' ? 0.25 : 0.04)
      ? 1
      : 0;
    if (rng.chance(0.05)) row.forward_to = site.mainLine.e164;

    if (platform === 'webex') this.webexSip(t, rng, row, site);
    else if (platform === 'ringcentral') {
      row.sip_user_name = line ? line.e164.slice(1) : `${rng.int(10_000_000, 99_999_999)}`;
      row.sip_outbound_proxy = site.rcProxy;
      row.emergency = site.emergencyJson;
      if (rng.chance(0.2) && row.kind === 'HardPhone') row.shipping = this.shipping(rng, site, person);
    } else if (platform === 'genesys') {
      row.name = `ACD Position ${person?.extension ?? line?.e164 ?? ''}`.trim();
      row.status = person?.agentState === 'Ready' || rng.chance(0.5) ? 'Online' : 'Offline';
      if (row.status === 'Online') row.last_seen_at = this.now - rng.int(0, 10) * MINUTE;
      if (person?.supervisor && t.agentDevices.length > 0 && rng.chance(0.3)) {
        row.monitoring_state = rng.weightedKey({ ListenIn: 6, Coach: 3, BargeIn: 1 });
        row.monitoring_mode = rng.weightedKey({ AllCalls: 2, NextCall: 1 });
        row.monitoring_scope = rng.weightedKey({ Call: 2, Agent: 1 });
        row.monitoring_target_device_id = rng.pick(t.agentDevices);
        row.monitoring_supervisor_id = person.id;
      } else if (!person?.supervisor) {
        pushBounded(t.agentDevices, row.id);
      }
    }
  }

  private webexSip(t: TenantState, rng: Random, row: DeviceRow, site: SiteState): void {
    row.sip_user_name = String(rng.int(100_000, 99_999_999));
    row.sip_line_port = `${rng.hex(10).toLowerCase()}@${t.webexDomain}.${site.webexRegion}.bcld.webex.com`;
    row.sip_outbound_proxy = `hs${(t.salt % 20) + 1}.${site.webexRegion}.bcld.webex.com`;
  }

  private softphone(t: TenantState, row: DeviceRow, spec: CatalogProduct, person: PersonState): void {
    row.computer_name = person.host.last.hostname;
    row.name = `${spec.name} (${person.host.last.hostname})`;
    person.host.softphoneVersions = [person.host.softphoneVersions[0], row.fw_main ?? person.host.softphoneVersions[1]];
    if (spec.manufacturer === 'RingCentral' && person.did) {
      this.line(t, row, person.did, 0, 'Standalone');
      row.line_pooling = person.hasDeskPhone ? 'Guest' : 'Host';
      row.sip_user_name = person.did.e164.slice(1);
      row.sip_outbound_proxy = person.site.rcProxy;
    } else {
      row.line_pooling = 'None';
    }
  }

  private line(t: TenantState, row: DeviceRow, number: PhoneNumber, position: number, lineType: string): void {
    this.batch.add('device_lines', {
      tenant_id: t.id,
      device_id: row.id,
      phone_number_id: number.id,
      position,
      line_type: lineType,
    });
  }

  private shipping(rng: Random, site: SiteState, person: PersonState | undefined): string {
    const tpl = site.template;
    return JSON.stringify({
      status: rng.weightedKey({ Shipped: 6, Accepted: 2, Initial: 1 }),
      carrier: rng.pick(['UPS', 'FedEx', 'DHL']),
      trackingNumber: `1Z${rng.hex(16)}`,
      method: SHIPPING_METHODS[rng.weightedIndex([6, 3, 1])],
      address: {
        customerName: person ? `${person.first} ${person.last}` : site.name,
        street: tpl.street,
        city: tpl.city,
        state: tpl.stateCode,
        stateName: tpl.state,
        zip: tpl.postalCode,
        country: tpl.country,
        countryName: tpl.countryName,
      },
    });
  }

  private sightings(t: TenantState, row: DeviceRow, person: PersonState): void {
    const { host } = person;
    const softphone = host.softphone;
    for (const kind of ['first', 'last'] as const) {
      const h = host[kind];
      this.batch.add('sightings', {
        tenant_id: t.id,
        device_id: row.id,
        kind,
        seen_at: kind === 'first' ? row.created_at : row.last_seen_at!,
        client_instance_id: h.clientInstanceId,
        hostname: h.hostname,
        host_os: h.os,
        host_os_version: h.osVersion,
        softphone_name: softphone.name,
        softphone_plugin_id: softphone.pluginId,
        softphone_vendor: softphone.vendor,
        softphone_version: host.softphoneVersions[kind === 'first' ? 0 : 1],
        username: person.username,
        first_name: person.first,
        last_name: person.last,
        user_groups: person.groupsJson,
      });
    }
  }

  private tags(t: TenantState, rng: Random, row: DeviceRow, owner: Owner): void {
    const pool = owner.workspace
      ? ROOM_TAGS
      : row.kind === 'HardPhone' || row.kind === 'OtherPhone'
        ? PHONE_TAGS
        : PERSONAL_TAGS;
    const count = rng.weightedIndex([45, 40, 15]);
    const chosen = new Set<string>();
    for (let i = 0; i < count; i++) chosen.add(rng.pick(pool));
    if (owner.person?.groupIds.includes(t.groups.get('Contact Center')!)) chosen.add('contact-center');
    for (const tag of chosen) this.batch.add('device_tags', { tenant_id: t.id, device_id: row.id, tag });
  }

  /** Pairs a headset with its base or dongle: one connected_devices row on each side. */
  private pair(rng: Random, headset: DeviceRow, other: DeviceRow): void {
    const side = (from: DeviceRow, to: DeviceRow, component: string): void => {
      const spec = this.specById(to.product_id!);
      this.batch.add('connected_devices', {
        id: idAt(from.created_at, rng.bytes16()),
        tenant_id: from.tenant_id,
        device_id: from.id,
        component,
        connected_device_id: to.id,
        display_id: to.display_id,
        family: spec.family,
        model_id: spec.modelId,
        name: spec.name,
      });
    };
    side(headset, other, other.kind === 'Base' ? 'base' : 'dongle');
    side(other, headset, 'headset');
  }

  private specById(id: string): CatalogProduct {
    const spec = this.specs.get(id);
    if (!spec) throw new Error(`Unknown product id ${id}`);
    return spec;
  }

  private serial(
    t: TenantState,
    rng: Random,
    spec: CatalogProduct,
  ): { serial: string | null; displayId: string | null } {
    if (spec.deviceKind === 'OtherPhone') return { serial: null, displayId: null };
    const n = this.next(t, `serial:${spec.manufacturer}`);
    const x = scramble32(n, t.salt ^ hashString(spec.manufacturer));
    let serial: string;
    switch (spec.manufacturer) {
      case 'Poly': {
        if (spec.deviceKind === 'Headset' || spec.deviceKind === 'Base' || spec.deviceKind === 'Dongle') {
          serial = `${spec.usbProductId ?? '00'}`.slice(0, 2) + x.toString(16).toUpperCase().padStart(8, '0');
          return { serial, displayId: tattoo(scramble32(n, t.salt ^ 0x5bd1e995)) };
        }
        // Poly desk phones and room systems carry their MAC address as serial number.
        serial = this.mac(t, spec.manufacturer);
        break;
      }
      case 'Cisco':
        serial =
          spec.deviceKind === 'SoftPhone'
            ? endpointId(x, rng)
            : `${spec.deviceKind === 'Room' ? 'FOC' : 'FCH'}${x.toString(36).toUpperCase().padStart(7, '0')}`;
        break;
      case 'Yealink':
        serial = `8015${String(x).padStart(10, '0')}${rng.int(10, 99)}`;
        break;
      case 'Algo':
        serial = `8301${x.toString(16).toUpperCase().padStart(8, '0')}`;
        break;
      default:
        serial = endpointId(x, rng);
    }
    return { serial, displayId: serial };
  }

  private mac(t: TenantState, manufacturer: string): string {
    const oui = OUI[manufacturer] ?? '0050C2';
    const n = this.next(t, `mac:${oui}`);
    if (n >= 1 << 24) throw new Error(`MAC space of ${oui} exhausted`);
    return (
      oui +
      scramble24(n, t.salt & 0xffffff)
        .toString(16)
        .toUpperCase()
        .padStart(6, '0')
    );
  }
}

// --- plans, helpers ----------------------------------------------------------------------------------

type Persona = 'office' | 'contact-center' | 'support' | 'executive' | 'frontline';
type Activity = 'online' | 'recent' | 'stale';

interface DevicePlan {
  product: string;
  /** Relative index of the device this one pairs with (a dongle or base follows its headset: -1). */
  pairWith?: number;
  /** 0: the newest firmware package; default: drawn, mostly recent. */
  packageAge?: number;
  hotDesk?: boolean;
  commonPhone?: boolean;
}

interface PersonPlan {
  first: string;
  last: string;
  username?: string;
  persona: Persona;
  site: SiteState;
  groups: string[];
  roles: string[];
  supervisor: boolean;
  host?: { first: Host; last: Host };
  devices: DevicePlan[];
}

interface Owner {
  person?: PersonState;
  workspace?: { id: string; name: string; site: SiteState };
}

const HEADSET_KITS: Record<string, DevicePlan[]> = {
  vf2: [{ product: 'voyager-focus-2' }, { product: 'bt700', pairWith: -1 }],
  v4320: [{ product: 'voyager-4320' }, { product: 'bt700', pairWith: -1 }],
  vfuc: [{ product: 'voyager-focus-uc' }, { product: 'bt600', pairWith: -1 }],
  savi: [{ product: 'savi-8220' }, { product: 'savi-8200-base', pairWith: -1 }],
  bw5220: [{ product: 'blackwire-5220' }],
  encore: [{ product: 'encorepro-525' }],
  sync20: [{ product: 'sync-20' }],
};

const SHIPPING_METHODS = [
  { id: '1', name: 'Ground' },
  { id: '2', name: '2 Day' },
  { id: '3', name: 'Overnight' },
];
const TATTOO_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function regionOf(country: string): { webex: string; ringcentral: string } {
  if (['US', 'CA', 'BR'].includes(country)) return { webex: 'us10', ringcentral: 'sip10.ringcentral.com:5090' };
  if (['AU', 'IN', 'JP', 'SG'].includes(country)) return { webex: 'ap10', ringcentral: 'sip40.ringcentral.com:5090' };
  return { webex: 'eu10', ringcentral: 'sip20.ringcentral.com:5090' };
}

function deviceName(spec: CatalogProduct, owner: Owner): string {
  if (owner.workspace) return `${owner.workspace.name} – ${spec.name}`;
  if (spec.deviceKind === 'HardPhone' && owner.person)
    return `${spec.name} – ${owner.person.first} ${owner.person.last}`;
  return spec.name;
}

function lastSeen(rng: Random, activity: Activity, createdAt: number, now: number): number {
  const floor = createdAt + MINUTE;
  if (activity === 'online') return Math.max(floor, now - rng.int(0, 10 * MINUTE));
  if (activity === 'recent') return Math.max(floor, now - rng.int(HOUR, 14 * DAY));
  return Math.max(floor, Math.min(now - 14 * DAY, createdAt + Math.floor(rng.next() * (now - createdAt))));
}

function randomHosts(rng: Random, username: string, first: string): { first: Host; last: Host } {
  const os = rng.weightedKey({ 'Windows 11': 55, 'Windows 10': 15, macOS: 25, Linux: 5 });
  const osVersion = (o: string): string =>
    o === 'Windows 11'
      ? rng.pick(['10.0.22631', '10.0.26100'])
      : o === 'Windows 10'
        ? '10.0.19045'
        : o === 'macOS'
          ? rng.pick(['14.6.1', '14.7.2', '15.1', '15.3.2'])
          : rng.pick(['Ubuntu 22.04', 'Ubuntu 24.04', 'Fedora 40']);
  const hostname = (n: number): string =>
    os.startsWith('Windows')
      ? `${username.toUpperCase().slice(0, 10)}-LT0${n}`
      : os === 'macOS'
        ? `${ascii(first)}s-MacBook-Pro${n > 1 ? `-${n}` : ''}`
        : `${username}-ws${n}`;
  const firstHost: Host = { hostname: hostname(1), os, osVersion: osVersion(os), clientInstanceId: rng.uuid() };
  if (rng.chance(0.88)) return { first: firstHost, last: firstHost };
  const lastOs = os === 'Windows 10' ? 'Windows 11' : os;
  return {
    first: firstHost,
    last: { hostname: hostname(2), os: lastOs, osVersion: osVersion(lastOs), clientInstanceId: rng.uuid() },
  };
}

function softphoneVersions(rng: Random, softphone: SoftphoneInfo): readonly [string, string] {
  const v = softphone.versions;
  const last = v.length - 1 - Math.min(v.length - 1, rng.weightedIndex([60, 30, 10]));
  const first = Math.max(0, last - rng.int(0, 2));
  return [v[first]!, v[last]!];
}

function tattoo(x: number): string {
  let out = '';
  for (let i = 0; i < 6; i++) {
    out += TATTOO_ALPHABET[x % TATTOO_ALPHABET.length];
    x = Math.floor(x / TATTOO_ALPHABET.length);
  }
  return out;
}

function endpointId(x: number, rng: Random): string {
  return x.toString(16).toUpperCase().padStart(8, '0') + rng.hex(8);
}

function ascii(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

function pushBounded(list: string[], value: string, max = 64): void {
  list.push(value);
  if (list.length > max) list.shift();
}
