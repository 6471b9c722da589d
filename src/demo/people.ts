/**
 * People of a demo tenant: a person row with its group memberships, the computers their devices are
 * seen on, and then their devices, paired where a headset came with a base or adapter.
 */
import { idAt } from '../db/ids.js';
import type { DeviceRow } from './batch.js';
import { pairDevices } from './device-relations.js';
import { addDevice } from './devices.js';
import {
  DAY,
  type FleetContext,
  type Host,
  MINUTE,
  type PersonPlan,
  type PersonState,
  SOURCE,
  type TenantState,
  pushBounded,
} from './fleet-state.js';
import { SOFTPHONES, type SoftphoneInfo } from './product-mixes.js';
import type { Random } from './random.js';
import { numericExtensionIdOf } from '../modules/extension-ids/numeric-extension-id.js';

/** Writes the person of `plan`, created at `at`, and their devices (as many as the quota leaves room for). */
export function addPerson(ctx: FleetContext, t: TenantState, rng: Random, at: number, plan: PersonPlan): void {
  const person = addPersonRows(ctx, t, rng, at, plan);
  const room = t.quota - t.devicesCreated;
  const planned = plan.devices.slice(0, room);
  const made: DeviceRow[] = [];
  let offset = MINUTE * rng.int(5, 600);
  for (const device of planned) {
    made.push(addDevice(ctx, t, rng, at + offset, device, { person }));
    offset += MINUTE * rng.int(1, 240);
  }
  planned.forEach((device, i) => {
    if (device.pairWith !== undefined && device.pairWith < 0 && made[i + device.pairWith])
      pairDevices(ctx, rng, made[i + device.pairWith]!, made[i]!);
  });
}

function addPersonRows(ctx: FleetContext, t: TenantState, rng: Random, at: number, plan: PersonPlan): PersonState {
  const username = plan.username ?? nextUsername(t, plan.first, plan.last);
  const id = idAt(at, rng.bytes16());
  const extension = String(t.extensionStart + t.peopleCreated);
  const agentState = plan.persona === 'contact-center' ? (rng.chance(0.45) ? 'Ready' : 'NotReady') : null;
  ctx.batch.add('people', {
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
    ringcentral_extension_id: numericExtensionIdOf(id),
    source_system: SOURCE,
    external_id: null,
    synced_at: null,
    created_at: at,
    updated_at: Math.min(ctx.now, at + rng.int(0, 90) * DAY),
    version: 1,
  });
  t.peopleCreated++;
  t.summary.people++;
  const groupIds = plan.groups.map((g) => t.groups.get(g)!);
  groupIds.forEach((groupId, position) =>
    ctx.batch.add('group_memberships', { tenant_id: t.id, person_id: id, group_id: groupId, position }),
  );
  if (plan.supervisor) pushBounded(t.supervisors, id);
  return personState(rng, t, plan, { id, username, extension, agentState, groupIds });
}

function personState(
  rng: Random,
  t: TenantState,
  plan: PersonPlan,
  person: Pick<PersonState, 'id' | 'username' | 'extension' | 'agentState' | 'groupIds'>,
): PersonState {
  // The softphone their headsets talk to: the one they have, else the contact center's or the tenant's favourite.
  const softphoneDevice = plan.devices.find((d) => SOFTPHONES[d.product] !== undefined);
  const fallback = plan.persona === 'contact-center' ? 'genesys' : Object.keys(t.softphones)[0]!;
  const softphone = SOFTPHONES[softphoneDevice?.product ?? fallback]!;
  return {
    ...person,
    first: plan.first,
    last: plan.last,
    site: plan.site,
    groupsJson: JSON.stringify(plan.groups),
    supervisor: plan.supervisor,
    did: null,
    hasDeskPhone: false,
    host: {
      ...(plan.host ?? randomHosts(rng, person.username, plan.first)),
      softphone,
      softphoneVersions: softphoneVersions(rng, softphone),
    },
  };
}

/** First initial and last name in ASCII; the second "jsmith" is "jsmith2". */
function nextUsername(t: TenantState, first: string, last: string): string {
  const base = ascii(first).slice(0, 1) + ascii(last);
  const n = t.usernames.get(base) ?? 0;
  t.usernames.set(base, n + 1);
  return n === 0 ? base : `${base}${n + 1}`;
}

/** The computer a person's devices were first seen on, and last seen on (mostly the same one). */
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

/** The softphone versions seen first and last: mostly recent, sometimes upgraded in between. */
function softphoneVersions(rng: Random, softphone: SoftphoneInfo): readonly [string, string] {
  const v = softphone.versions;
  const last = v.length - 1 - Math.min(v.length - 1, rng.weightedIndex([60, 30, 10]));
  const first = Math.max(0, last - rng.int(0, 2));
  return [v[first]!, v[last]!];
}

function ascii(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}
