/**
 * Who works at a demo tenant, and with what: a person is drawn as one of five personas (office
 * worker, contact-center agent or supervisor, support engineer, executive, frontline worker), each
 * with its user groups, roles, and the desk phone, softphone and headset kit it tends to have.
 */
import type { DevicePlan, PersonPlan, Persona, TenantState } from './fleet-state.js';
import type { Random } from './random.js';
import { FIRST_NAMES, LAST_NAMES } from './reference-data.js';

/** Headsets with the base or adapter they pair with (pairWith: -1, the device before). */
export const HEADSET_KITS: Record<string, DevicePlan[]> = {
  vf2: [{ product: 'voyager-focus-2' }, { product: 'bt700', pairWith: -1 }],
  v4320: [{ product: 'voyager-4320' }, { product: 'bt700', pairWith: -1 }],
  vfuc: [{ product: 'voyager-focus-uc' }, { product: 'bt600', pairWith: -1 }],
  savi: [{ product: 'savi-8220' }, { product: 'savi-8200-base', pairWith: -1 }],
  bw5220: [{ product: 'blackwire-5220' }],
  encore: [{ product: 'encorepro-525' }],
  sync20: [{ product: 'sync-20' }],
};

/** Fills a plan's groups, roles and devices. */
type PersonaRecipe = (rng: Random, t: TenantState, plan: PersonPlan) => void;

export function randomPerson(t: TenantState, rng: Random): PersonPlan {
  const persona = rng.weightedKey({ office: 45, 'contact-center': 30, support: 12, executive: 5, frontline: 8 });
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  // Earlier sites are bigger: the first (headquarters) has the most people.
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
  RECIPES[persona](rng, t, plan);
  return plan;
}

function addKit(rng: Random, plan: PersonPlan, choices: Readonly<Record<string, number>>): void {
  plan.devices.push(...HEADSET_KITS[rng.weightedKey(choices)]!);
}

const office: PersonaRecipe = (rng, t, plan) => {
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
  if (rng.chance(0.85)) addKit(rng, plan, { vf2: 35, v4320: 25, vfuc: 8, bw5220: 22, sync20: 10 });
};

const contactCenter: PersonaRecipe = (rng, t, plan) => {
  plan.supervisor = rng.chance(0.1);
  plan.groups = rng.chance(0.35) ? ['Contact Center', 'Support'] : ['Contact Center'];
  plan.roles = plan.supervisor ? ['supervisor', 'agent'] : ['agent'];
  if (rng.chance(0.85)) plan.devices.push({ product: 'genesys-acd' });
  if (plan.supervisor && rng.chance(0.5)) plan.devices.push({ product: rng.weightedKey(t.deskPhones) });
  addKit(rng, plan, { savi: 50, encore: 40, bw5220: 10 });
};

const support: PersonaRecipe = (rng, t, plan) => {
  plan.groups = rng.chance(0.3) ? ['Support', 'IT'] : ['Support'];
  if (rng.chance(0.5)) plan.devices.push({ product: rng.weightedKey(t.deskPhones) });
  if (rng.chance(0.95)) plan.devices.push({ product: rng.weightedKey(t.softphones) });
  if (rng.chance(0.95)) addKit(rng, plan, { bw5220: 40, encore: 30, vf2: 30 });
};

const executive: PersonaRecipe = (rng, t, plan) => {
  plan.groups = ['Executives', rng.pick(['Sales', 'Finance', 'Engineering', 'Operations'])];
  plan.roles = ['user'];
  if (rng.chance(0.9))
    plan.devices.push({
      product: rng.weightedKey({ 'cisco-8851': 40, 'poly-edge-e350': 35, 'yealink-t54w': 25 }),
    });
  plan.devices.push({ product: rng.weightedKey(t.softphones) });
  addKit(rng, plan, { vf2: 60, savi: 40 });
  if (rng.chance(0.4)) addKit(rng, plan, { sync20: 1 });
};

const frontline: PersonaRecipe = (rng, _t, plan) => {
  plan.groups = ['Operations'];
  plan.devices.push({
    product: rng.weightedKey({ 'yealink-t33g': 40, 'cisco-6871': 35, 'poly-vvx-450': 25 }),
    hotDesk: rng.chance(0.3),
  });
  if (rng.chance(0.2)) addKit(rng, plan, { encore: 1 });
};

const RECIPES: Record<Persona, PersonaRecipe> = {
  office,
  'contact-center': contactCenter,
  support,
  executive,
  frontline,
};
