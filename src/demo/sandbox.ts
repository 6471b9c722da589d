/**
 * The Plantronics Manager Pro sandbox tenant, as the vendor's documentation publishes it: its
 * tenantApiCode, its public API key, and the user "dwalker" with his headsets, dongle, desk phone and
 * softphone. Every demo fleet has it, whatever the seed. Like the vendor's sandbox it approves every app
 * authorization request at once and accepts any well-formed appId (tenants.apps_auto_approved).
 * For the Genesys dialect it also has a contact-center supervisor (mlopez, with an ACD position) and an
 * administrator (spatel, with a desk phone), and the three sign in with public demo passwords (README).
 */
import type { Store } from '../db/database.js';
import { PersonLoginRepository } from '../modules/logins/person-login.repository.js';
import { hashPassword } from '../modules/logins/password.js';
import { DAY, type FleetContext, type TenantState } from './fleet-state.js';
import { addPerson } from './people.js';
import { HEADSET_KITS } from './personas.js';
import { Random } from './random.js';
import { stableUuid } from './stable-ids.js';

/** The Plantronics Manager Pro sandbox, as the vendor's documentation publishes it. */
export const SANDBOX = {
  name: 'Plantronics Sandbox',
  apiCode: 'af0813e6-81c0-4a77-89d2-3338d0277c42',
  apiKey: '1hKMMPFMmaldnC0rcohvXN0UX7UeWPjb',
  username: 'dwalker',
  domain: 'plantronics-sandbox.example',
  ringcentralAccountId: '2061540004',
} as const;

/** How many devices dwalker owns in the sandbox. */
export const SANDBOX_USER_DEVICES = 6;

/** dwalker, the sandbox's documented user, with a fixed set of devices (fewer if the quota is smaller). */
export function addSandboxUser(ctx: FleetContext, t: TenantState): void {
  const rng = new Random('sandbox:dwalker');
  const at = ctx.now - 400 * DAY;
  addPerson(ctx, t, rng, at, {
    first: 'David',
    last: 'Walker',
    username: SANDBOX.username,
    persona: 'office',
    site: t.sites[0]!,
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

/** The sandbox's person logins (HTTP Basic on /compat/genesys): public demo values, like the sandbox apikey. */
export const SANDBOX_LOGINS = [
  { username: SANDBOX.username, role: 'agent', password: 'sandbox-agent-pw' },
  { username: 'mlopez', role: 'supervisor', password: 'sandbox-supervisor-pw' },
  { username: 'spatel', role: 'admin', password: 'sandbox-admin-pw' },
] as const;

/** The usernames the sandbox's generated people must not take. */
export const SANDBOX_USERNAMES: readonly string[] = SANDBOX_LOGINS.map((l) => l.username);

/** The sandbox's contact-center supervisor and its administrator, each with one numbered device. */
export function addSandboxStaff(ctx: FleetContext, t: TenantState): void {
  addPerson(ctx, t, new Random('sandbox:mlopez'), ctx.now - 390 * DAY, {
    first: 'Maria',
    last: 'Lopez',
    username: 'mlopez',
    persona: 'contact-center',
    site: t.sites[0]!,
    groups: ['Contact Center'],
    roles: ['supervisor', 'agent'],
    supervisor: true,
    devices: [{ product: 'genesys-acd', packageAge: 0 }],
  });
  addPerson(ctx, t, new Random('sandbox:spatel'), ctx.now - 380 * DAY, {
    first: 'Sam',
    last: 'Patel',
    username: 'spatel',
    persona: 'office',
    site: t.sites[0]!,
    groups: ['IT'],
    roles: ['admin'],
    supervisor: false,
    devices: [{ product: 'poly-edge-e350', packageAge: 0 }],
  });
}

/**
 * Gives the sandbox's people of SANDBOX_LOGINS their logins, once their rows are written. The password hashes
 * are salted at random (one scrypt each); everything else about the rows follows from `now`.
 */
export async function addSandboxLogins(store: Store, tenantId: string, now: number): Promise<void> {
  const people = await store.db
    .selectFrom('people')
    .select(['id', 'username'])
    .where('tenant_id', '=', tenantId)
    .where('username', 'in', SANDBOX_USERNAMES)
    .execute();
  const logins = new PersonLoginRepository(store.db);
  for (const login of SANDBOX_LOGINS) {
    const person = people.find((p) => p.username === login.username);
    if (!person) continue;
    await logins.insert({
      person_id: person.id,
      tenant_id: tenantId,
      login: login.username,
      password_hash: await hashPassword(login.password),
      role: login.role,
      created_at: now,
      updated_at: now,
      last_login_at: null,
      disabled_at: null,
    });
  }
}
