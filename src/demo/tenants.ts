/**
 * A demo tenant and what it has before its first person: the tenant row and its admin API key, its
 * user groups, sites (each with a main number) and compliance policies. Tenant 0 is the Plantronics
 * sandbox; the others are named after demo organisations and keyed from the seed.
 */
import { createHmac } from 'node:crypto';
import { idAt } from '../db/ids.js';
import { API_KEY_PREFIX, hashApiKey, keyPrefix } from '../modules/api-keys/api-key.js';
import { ROLE_SCOPES } from '../modules/access/roles.js';
import { DAY, type FleetContext, type SiteState, TWO_YEARS, type TenantState } from './fleet-state.js';
import { newNumber } from './number-blocks.js';
import { createPolicies } from './policies.js';
import { DESK_PHONE_MIXES, SOFTPHONE_MIXES } from './product-mixes.js';
import { Random, hashString } from './random.js';
import { DEMO_ORGANISATIONS, USER_GROUPS } from './reference-data.js';
import { SANDBOX, SANDBOX_USERNAMES } from './sandbox.js';
import { createSites } from './sites.js';
import { stableBytes, stableUuid } from './stable-ids.js';
import type { DemoTenantSummary } from './summary.js';

/** What names and keys a tenant: everything about it that follows from its index and the seed alone. */
export interface TenantIdentity {
  readonly index: number;
  readonly sandbox: boolean;
  readonly label: string;
  readonly id: string;
  readonly name: string;
  readonly domain: string;
  readonly createdAt: number;
  readonly apiKey: string;
  readonly apiCode: string;
  readonly webexOrgId: string;
  readonly ringcentralAccountId: string;
}

/** A tenant's admin key: "ucf_" and 32 base64url characters, derived from the seed. */
export function demoApiKey(seed: number, tenantIndex: number): string {
  return (
    API_KEY_PREFIX +
    createHmac('sha256', `ucfleet-demo:${seed}`).update(`tenant:${tenantIndex}`).digest('base64url').slice(0, 32)
  );
}

/** Writes the tenant with its key, groups, sites and policies; returns the state its people are made in. */
export function createTenant(ctx: FleetContext, index: number, quota: number): TenantState {
  const tenant = tenantIdentity(ctx, index);
  const rng = new Random(tenant.label);
  addTenantRows(ctx, tenant);
  const groups = addUserGroups(ctx, tenant);
  const sites = createSites(ctx, rng, tenant, quota);
  const policiesByProduct = createPolicies(ctx, rng, tenant, groups);
  const t: TenantState = {
    index,
    label: tenant.label,
    id: tenant.id,
    name: tenant.name,
    domain: tenant.domain,
    createdAt: tenant.createdAt,
    quota,
    summary: tenantSummary(tenant),
    groups,
    sites,
    policiesByProduct,
    usernames: new Map(tenant.sandbox ? SANDBOX_USERNAMES.map((u) => [u, 1]) : []),
    counters: new Map(),
    salt: hashString(tenant.label),
    webexDomain: String(10_000_000 + (hashString(`${tenant.label}:webex`) % 89_999_999)),
    deskPhones: DESK_PHONE_MIXES[index % DESK_PHONE_MIXES.length]!,
    softphones: SOFTPHONE_MIXES[index % SOFTPHONE_MIXES.length]!,
    extensionStart: extensionStart(quota),
    peopleCreated: 0,
    workspacesCreated: 0,
    devicesCreated: 0,
    supervisors: [],
    agentDevices: [],
  };
  addMainLines(ctx, t, sites);
  return t;
}

function tenantIdentity(ctx: FleetContext, index: number): TenantIdentity {
  const sandbox = index === 0;
  const label = sandbox ? 'sandbox' : `seed:${ctx.seed}:tenant:${index}`;
  const [orgName, orgDomain] = DEMO_ORGANISATIONS[Math.max(0, index - 1) % DEMO_ORGANISATIONS.length]!;
  const round = Math.floor(Math.max(0, index - 1) / DEMO_ORGANISATIONS.length);
  const createdAt = ctx.now - TWO_YEARS - (sandbox ? 90 : 30 + index) * DAY;
  return {
    index,
    sandbox,
    label,
    id: idAt(createdAt, stableBytes(`${label}:tenant`)),
    name: sandbox ? SANDBOX.name : `${orgName}${round > 0 ? ` ${round + 1}` : ''}`,
    domain: sandbox ? SANDBOX.domain : round > 0 ? orgDomain.replace('.example', `${round + 1}.example`) : orgDomain,
    createdAt,
    apiKey: sandbox ? SANDBOX.apiKey : demoApiKey(ctx.seed, index),
    apiCode: sandbox ? SANDBOX.apiCode : stableUuid(`${label}:api-code`),
    webexOrgId: Buffer.from(`ciscospark://us/ORGANIZATION/${stableUuid(`${label}:webex-org`)}`)
      .toString('base64')
      .replace(/=+$/, ''),
    ringcentralAccountId: sandbox
      ? SANDBOX.ringcentralAccountId
      : `${3_000_000 + index * 7_919 + (Math.abs(ctx.seed) % 7_919)}004`,
  };
}

function addTenantRows(ctx: FleetContext, tenant: TenantIdentity): void {
  const { id, createdAt, apiKey, label } = tenant;
  ctx.batch.add('tenants', {
    id,
    name: tenant.name,
    api_code: tenant.apiCode,
    webex_org_id: tenant.webexOrgId,
    ringcentral_account_id: tenant.ringcentralAccountId,
    // "Sandbox tenants are auto-approved": every app authorization request, and any well-formed appId.
    apps_auto_approved: tenant.sandbox ? 1 : 0,
    created_at: createdAt,
    updated_at: createdAt,
    version: 1,
  });
  ctx.batch.add('api_keys', {
    id: idAt(createdAt, stableBytes(`${label}:api-key`)),
    tenant_id: id,
    name: tenant.sandbox ? 'Plantronics sandbox public key' : 'Demo admin key',
    prefix: keyPrefix(apiKey),
    key_hash: hashApiKey(apiKey),
    role: 'admin',
    scopes: JSON.stringify(ROLE_SCOPES.admin),
    person_id: null,
    created_at: createdAt,
    last_used_at: null,
    expires_at: null,
    revoked_at: null,
  });
}

/** Every tenant has the same user groups; returns their ids by name. */
function addUserGroups(ctx: FleetContext, tenant: TenantIdentity): Map<string, string> {
  const groups = new Map<string, string>();
  USER_GROUPS.forEach(([name, description], i) => {
    const id = idAt(tenant.createdAt + i, stableBytes(`${tenant.label}:group:${name}`));
    groups.set(name, id);
    ctx.batch.add('user_groups', {
      id,
      tenant_id: tenant.id,
      name,
      description,
      created_at: tenant.createdAt,
      updated_at: tenant.createdAt,
      version: 1,
    });
  });
  return groups;
}

/** Each site's main number, shared by bridged-line appearances and used as the forwarding target. */
function addMainLines(ctx: FleetContext, t: TenantState, sites: SiteState[]): void {
  for (const s of sites) s.mainLine = newNumber(ctx, t, s, t.createdAt + DAY);
}

/** The first extension: a power of ten large enough that every person's extension has as many digits. */
function extensionStart(quota: number): number {
  let start = 1000;
  while (start * 9 < quota + 1000) start *= 10;
  return start;
}

function tenantSummary(tenant: TenantIdentity): DemoTenantSummary {
  return {
    id: tenant.id,
    name: tenant.name,
    apiCode: tenant.apiCode,
    apiKey: tenant.apiKey,
    webexOrgId: tenant.webexOrgId,
    ringcentralAccountId: tenant.ringcentralAccountId,
    devices: 0,
    people: 0,
  };
}
