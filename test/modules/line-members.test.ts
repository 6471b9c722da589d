/**
 * Line members read per answer (LineMemberService.directoryFor, searchMembers, countMembers) answer exactly as the
 * whole tenant's directory does: on a generated tenant with shared numbers, extension-only numbers, unowned
 * devices, duplicated extensions and members without a number, every device's lines and owner, and every member
 * search, are compared with the reference computed from all of the tenant's rows.
 */
import { expect, it } from 'vitest';
import { newId } from '../../src/db/ids.js';
import type { DeviceRecord } from '../../src/modules/devices/device.repository.js';
import { LineMemberRepository, type MemberSearch } from '../../src/modules/numbers/line-member.repository.js';
import { LineDirectory, type LineMember } from '../../src/modules/numbers/line-member.service.js';
import { createServices } from '../../src/services.js';
import {
  createDevices,
  createTenant,
  deviceRow,
  insertPerson,
  insertSite,
  insertWorkspace,
} from '../support/factories.js';
import { describeEachStore } from '../support/stores.js';

/** A small deterministic generator, so a failure reproduces. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return {
    pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!,
    chance: (p: number) => next() < p,
  };
}

/** The order availableMembers answered in before the search moved to SQL (ASCII names: the same). */
function referenceOrder(order: 'lname' | 'fname') {
  const byName = (m: LineMember) =>
    order === 'lname' ? [m.lastName, m.firstName, m.id] : [m.firstName, m.lastName, m.id];
  return (a: LineMember, b: LineMember) => {
    const [x, y] = [byName(a), byName(b)];
    for (let i = 0; i < x.length; i++) {
      const c =
        x[i]!.localeCompare(y[i]!, 'en', { sensitivity: 'base' }) || (x[i]! < y[i]! ? -1 : x[i]! > y[i]! ? 1 : 0);
      if (c !== 0) return c;
    }
    return 0;
  };
}

function referenceSearch(members: LineMember[], search: MemberSearch): LineMember[] {
  const excluded = new Set((search.exclude ?? []).map((k) => `${k.kind}:${k.id}`));
  return members.filter(
    (m) =>
      m.numberId !== null &&
      !excluded.has(`${m.kind}:${m.id}`) &&
      (search.name === undefined || `${m.firstName} ${m.lastName}`.toLowerCase().includes(search.name.toLowerCase())) &&
      (search.numberDigits === undefined || (m.e164 ?? '').replace(/\D/g, '').includes(search.numberDigits)) &&
      (search.extension === undefined || (m.extension ?? '').includes(search.extension)) &&
      (search.siteId === undefined || m.siteId === search.siteId) &&
      !(search.excludeVirtualLines === true && m.kind === 'virtualLine'),
  );
}

describeEachStore('line members read per answer', ({ store }) => {
  it('answers every device, member and search exactly as the whole directory', async () => {
    const services = createServices(store());
    const { tenantId } = await createTenant(store());
    const random = generator(20_261_123);
    const sites = [
      await insertSite(store(), tenantId, { name: 'North' }),
      await insertSite(store(), tenantId, { name: 'South' }),
    ];
    const names = ['Ada', 'ada', 'Bob', 'Cy', "O'Neil", 'Zoe', 'zed', 'Al-Amin', 'Eve'];
    const numbers: { id: string; number: string }[] = [];
    for (let i = 0; i < 30; i++) {
      const extensionOnly = i % 3 === 0;
      const id = newId();
      const number = extensionOnly ? String(4000 + i) : `+1205555${String(1000 + i)}`;
      const at = Date.now();
      await store()
        .db.insertInto('phone_numbers')
        .values({
          id,
          tenant_id: tenantId,
          number,
          e164: extensionOnly ? null : number,
          created_at: at,
          updated_at: at,
          version: 1,
        })
        .execute();
      numbers.push({ id, number });
    }
    const extensions = numbers.filter((n) => !n.number.startsWith('+')).map((n) => n.number);
    const people: string[] = [];
    for (let i = 0; i < 12; i++) {
      people.push(
        await insertPerson(store(), tenantId, {
          first_name: random.chance(0.1) ? null : random.pick(names),
          last_name: random.pick(names),
          // Some share an extension; some have one no number carries; some none.
          extension_number: random.chance(0.7) ? random.pick([...extensions, '9999']) : null,
          site_id: random.chance(0.8) ? random.pick(sites) : null,
        }),
      );
    }
    const workspaces: string[] = [];
    for (let i = 0; i < 4; i++) {
      workspaces.push(
        await insertWorkspace(store(), tenantId, { name: random.pick(names), site_id: random.pick(sites) }),
      );
    }
    const virtualLines: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = newId();
      const at = Date.now();
      const byNumber = i < 2;
      await store()
        .db.insertInto('virtual_lines')
        .values({
          id,
          tenant_id: tenantId,
          first_name: random.pick(names),
          last_name: random.pick(names),
          display_name: null,
          extension: byNumber ? null : String(7000 + i),
          phone_number_id: byNumber ? numbers[1 + i * 3]!.id : null,
          site_id: random.pick(sites),
          created_at: at,
          updated_at: at,
          version: 1,
        })
        .execute();
      virtualLines.push(id);
    }
    const deviceIds = await createDevices(
      store(),
      Array.from({ length: 16 }, (_, i) => {
        const owner = random.pick(['person', 'person', 'workspace', 'virtualLine', 'none'] as const);
        return deviceRow(tenantId, {
          kind: 'HardPhone',
          created_at: 1_000 + random.pick([0, 1, 2, 3]) * 10 + i,
          owner_person_id: owner === 'person' ? random.pick(people) : null,
          owner_workspace_id: owner === 'workspace' ? random.pick(workspaces) : null,
          owner_virtual_line_id: owner === 'virtualLine' ? random.pick(virtualLines) : null,
        });
      }),
    );
    for (const deviceId of deviceIds) {
      const count = random.pick([0, 1, 2, 3, 4]);
      for (let position = 0; position < count; position++) {
        await store()
          .db.insertInto('device_lines')
          .values({
            tenant_id: tenantId,
            device_id: deviceId,
            phone_number_id: random.pick(numbers).id,
            position,
            line_type: position === 0 ? 'BlaPrimary' : random.pick(['BlaSecondary', 'Standalone']),
          })
          .execute();
      }
    }

    // The reference: a directory of every member and every number of the tenant.
    const allMembers = [
      ...people.map((id) => ({ kind: 'person' as const, id })),
      ...workspaces.map((id) => ({ kind: 'workspace' as const, id })),
      ...virtualLines.map((id) => ({ kind: 'virtualLine' as const, id })),
    ];
    const full = new LineDirectory(
      await new LineMemberRepository(store().db).directoryRows(
        tenantId,
        allMembers,
        numbers.map((n) => n.id),
      ),
    );
    const viewer = { tenantId, onlyPerson: null };
    const devices: DeviceRecord[] = [];
    for (const id of deviceIds) devices.push(await services.devices.getDevice(viewer, id));
    let linesSeen = 0;
    for (const device of devices) {
      const scoped = await services.lineMembers.directoryFor(tenantId, { devices: [device] });
      expect(scoped.linesOf(device), device.row.id).toEqual(full.linesOf(device));
      expect(scoped.ownerOf(device)).toEqual(full.ownerOf(device));
      linesSeen += full.linesOf(device).length;
    }
    expect(linesSeen).toBeGreaterThan(10);
    for (const m of allMembers) {
      const scoped = await services.lineMembers.directoryFor(tenantId, { members: [m] });
      expect(scoped.member(m.kind, m.id)).toEqual(full.member(m.kind, m.id));
    }

    const members = allMembers.map((m) => full.member(m.kind, m.id)!);
    const searches: MemberSearch[] = [
      {},
      { name: 'ada' },
      { name: "o'n" },
      { name: 'AL-' },
      { numberDigits: '20555510' },
      { extension: '40' },
      { siteId: sites[0] },
      { excludeVirtualLines: true },
      { exclude: [allMembers[0]!, allMembers[13]!, allMembers[17]!] },
      { name: 'e', siteId: sites[1], excludeVirtualLines: true },
    ];
    for (const search of searches) {
      for (const order of ['lname', 'fname'] as const) {
        const expected = referenceSearch(members, search).sort(referenceOrder(order));
        const answered = await services.lineMembers.searchMembers(tenantId, search, { order, limit: 1000, offset: 0 });
        expect(answered, JSON.stringify({ search, order })).toEqual(expected);
        const page = await services.lineMembers.searchMembers(tenantId, search, { order, limit: 3, offset: 2 });
        expect(page).toEqual(expected.slice(2, 5));
      }
      expect(await services.lineMembers.countMembers(tenantId, search)).toBe(referenceSearch(members, search).length);
    }
    expect(referenceSearch(members, {}).length).toBeGreaterThan(5);
  });
});
