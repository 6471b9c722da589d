/**
 * The Plantronics Manager Pro sandbox tenant, as the vendor's documentation publishes it: its
 * tenantApiCode, its public API key, and the user "dwalker" with his headsets, dongle, desk phone and
 * softphone. Every demo fleet has it, whatever the seed.
 */
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
