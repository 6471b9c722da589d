/**
 * Line members: who a device line belongs to (Webex Calling's device members), derived from canonical data —
 * a line is a phone number at a position; its member is a person, a workspace or a virtual line.
 * - A member's own number: a virtual line's number; a person's or workspace's, the first line (position 0) of
 *   the oldest device they own; failing that, the tenant number equal to their extension.
 * - The member of a line: at position 0 of an owned device, the device's owner; otherwise the virtual line with
 *   that number, else the owner of the oldest other device carrying it at position 0, else the person whose
 *   extension it is. A line with none of these has no member.
 * Answers read only what they need: a directory scoped to the devices, members and numbers at hand
 * (directoryFor), and searches that filter, order and page in the database (searchMembers, countMembers).
 * Replacing a device's members replaces the lines that have one (through DeviceLineService, with its rules,
 * rights and audit); lines without a member stay unless a member takes their position or number. The lines are
 * computed from the device as read and written only if it is unchanged; a lost race is retried, then
 * write_conflict.
 */
import { AppError } from '../../errors.js';
import type { Actor } from '../audit/audit-trail.js';
import type { DeviceRecord } from '../devices/device.repository.js';
import { ruleViolation } from '../devices/device-rules.js';
import type { DeviceEditor } from '../devices/device-write.service.js';
import type { DeviceLineService } from './device-line.service.js';
import type {
  LineDirectoryRows,
  LineMemberRepository,
  MemberKey,
  MemberRow,
  MemberSearch,
} from './line-member.repository.js';

export type LineMemberKind = 'person' | 'workspace' | 'virtualLine';

export interface LineMember {
  readonly kind: LineMemberKind;
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  /** The person's or virtual line's extension, or the member's number when it is an internal extension. */
  readonly extension: string | null;
  /** The member's own number (see above), if any. */
  readonly numberId: string | null;
  readonly e164: string | null;
  readonly siteId: string | null;
  readonly siteName: string | null;
}

/** A device line with its member. */
export interface MemberLine {
  readonly position: number;
  readonly lineType: string;
  readonly member: LineMember;
}

/** Line types that are a number's own appearance, and shared appearances. */
export const PRIMARY_LINE_TYPES: readonly string[] = ['Standalone', 'StandaloneFree', 'BlaPrimary'];
export const SHARED_LINE_TYPES: readonly string[] = ['BlaSecondary', 'Unknown'];

/** A member the caller puts on a line; `index` names it in errors (`members[index]`). */
export interface RequestedMember {
  readonly index: number;
  readonly position: number;
  readonly kind: LineMemberKind;
  readonly id: string;
  readonly shared: boolean;
}

const key = (kind: LineMemberKind, id: string) => `${kind}:${id}`;
/** Attempts of a members replacement racing other changes to the device (then write_conflict). */
const REPLACE_ATTEMPTS = 3;

export class LineDirectory {
  private readonly members = new Map<string, LineMember>();
  private readonly numberById: Map<string, { number: string; e164: string | null }>;
  private readonly numberIdByText = new Map<string, string>();
  private readonly virtualLineByNumber = new Map<string, string>();
  private readonly personByExtension = new Map<string, string>();
  private readonly firstLines: LineDirectoryRows['firstLines'];

  constructor(rows: LineDirectoryRows) {
    this.numberById = new Map(rows.numbers.map((n) => [n.id, n]));
    for (const n of rows.numbers) this.numberIdByText.set(n.number, n.id);
    this.firstLines = rows.firstLines;
    const sites = new Map(rows.sites.map((s) => [s.id, s.name]));
    const ownFirstLine = new Map<string, string>();
    for (const line of rows.firstLines) {
      const owner = ownerOf(line);
      if (owner && !ownFirstLine.has(key(owner.kind, owner.id)))
        ownFirstLine.set(key(owner.kind, owner.id), line.phone_number_id);
    }
    const add = (
      kind: LineMemberKind,
      id: string,
      names: [string, string],
      extension: string | null,
      numberId: string | null,
      siteId: string | null,
    ) => {
      const number = numberId === null ? undefined : this.numberById.get(numberId);
      this.members.set(key(kind, id), {
        kind,
        id,
        firstName: names[0],
        lastName: names[1],
        extension: extension ?? (number && number.e164 === null ? number.number : null),
        numberId: number ? numberId : null,
        e164: number?.e164 ?? null,
        siteId,
        siteName: siteId === null ? null : (sites.get(siteId) ?? null),
      });
    };
    for (const p of rows.people) {
      if (p.extension_number !== null && !this.personByExtension.has(p.extension_number)) {
        this.personByExtension.set(p.extension_number, p.id);
      }
      const own =
        ownFirstLine.get(key('person', p.id)) ??
        (p.extension_number === null ? null : (this.numberIdByText.get(p.extension_number) ?? null));
      add('person', p.id, [p.first_name ?? '', p.last_name ?? ''], p.extension_number, own, p.site_id);
    }
    for (const w of rows.workspaces) {
      add('workspace', w.id, [w.name, ''], null, ownFirstLine.get(key('workspace', w.id)) ?? null, w.site_id);
    }
    for (const v of rows.virtualLines) {
      if (v.phone_number_id !== null) this.virtualLineByNumber.set(v.phone_number_id, v.id);
      const own = v.phone_number_id ?? (v.extension === null ? null : (this.numberIdByText.get(v.extension) ?? null));
      add('virtualLine', v.id, [v.first_name, v.last_name], v.extension, own, v.site_id);
    }
  }

  member(kind: LineMemberKind, id: string): LineMember | undefined {
    return this.members.get(key(kind, id));
  }

  /** The device's owner, as a member. */
  ownerOf(device: DeviceRecord): LineMember | undefined {
    const owner = ownerOf(device.row);
    return owner ? this.member(owner.kind, owner.id) : undefined;
  }

  /** The member of the line carrying `numberId` at `position` on `device`. */
  holderOf(device: DeviceRecord, position: number, numberId: string): LineMember | undefined {
    const owner = this.ownerOf(device);
    if (position === 0 && owner) return owner;
    const virtualLine = this.virtualLineByNumber.get(numberId);
    if (virtualLine !== undefined) return this.member('virtualLine', virtualLine);
    const elsewhere = this.firstLines.find(
      (l) => l.phone_number_id === numberId && l.device_id !== device.row.id && ownerOf(l) !== undefined,
    );
    if (elsewhere) {
      const o = ownerOf(elsewhere)!;
      return this.member(o.kind, o.id);
    }
    const text = this.numberById.get(numberId)?.number;
    const person = text === undefined ? undefined : this.personByExtension.get(text);
    return person === undefined ? undefined : this.member('person', person);
  }

  /** The device's lines that have a member, in position order. */
  linesOf(device: DeviceRecord): MemberLine[] {
    return [...device.lines]
      .sort((a, b) => a.position - b.position)
      .flatMap((line) => {
        const member = this.holderOf(device, line.position, line.phone_number_id);
        return member ? [{ position: line.position, lineType: line.line_type, member }] : [];
      });
  }
}

function ownerOf(row: {
  owner_person_id: string | null;
  owner_workspace_id: string | null;
  owner_virtual_line_id: string | null;
}): { kind: LineMemberKind; id: string } | undefined {
  if (row.owner_person_id !== null) return { kind: 'person', id: row.owner_person_id };
  if (row.owner_workspace_id !== null) return { kind: 'workspace', id: row.owner_workspace_id };
  if (row.owner_virtual_line_id !== null) return { kind: 'virtualLine', id: row.owner_virtual_line_id };
  return undefined;
}

export class LineMemberService {
  constructor(
    private readonly repository: LineMemberRepository,
    private readonly deviceLines: DeviceLineService,
  ) {}

  /**
   * A directory that answers for these devices (their owners and the members of their lines), these members and
   * these numbers (who holds each) exactly as the whole tenant's would, read with a few bounded queries.
   */
  async directoryFor(
    tenantId: string,
    scope: { devices?: readonly DeviceRecord[]; members?: readonly MemberKey[]; numberIds?: readonly string[] },
  ): Promise<LineDirectory> {
    const devices = scope.devices ?? [];
    const owners = devices.flatMap((d) => {
      const owner = ownerOf(d.row);
      return owner ? [owner] : [];
    });
    const numberIds = [...devices.flatMap((d) => d.lines.map((l) => l.phone_number_id)), ...(scope.numberIds ?? [])];
    return new LineDirectory(
      await this.repository.directoryRows(tenantId, [...owners, ...(scope.members ?? [])], numberIds),
    );
  }

  /**
   * Members with a number of their own matching `search`, ordered by last name (`lname`) or first name
   * (`fname`), then the other name, then id; `limit` of them from `offset`.
   */
  async searchMembers(
    tenantId: string,
    search: MemberSearch,
    page: { order: 'lname' | 'fname'; limit: number; offset: number },
  ): Promise<LineMember[]> {
    return (await this.repository.searchMembers(tenantId, search, page)).map(memberOfRow);
  }

  countMembers(tenantId: string, search: MemberSearch): Promise<number> {
    return this.repository.countMembers(tenantId, search);
  }

  /** Ids of the devices (not owned by `member`) where `member` has a line past position 0, oldest first. */
  async sharedDeviceIds(tenantId: string, member: LineMember): Promise<string[]> {
    if (member.numberId === null) return [];
    return this.repository.devicesSharing(tenantId, member.numberId);
  }

  /**
   * Replaces the lines of `device` that have a member with `requested` (400 naming `members[i]` for a member
   * that is unknown, has no number, would not be shown as that line's member, or appears twice).
   */
  async replaceMembers(
    actor: Actor,
    editor: DeviceEditor,
    load: () => Promise<DeviceRecord>,
    requested: readonly RequestedMember[],
  ): Promise<DeviceRecord> {
    for (let attempt = 1; ; attempt++) {
      const device = await load();
      try {
        return await this.replaceOnce(actor, editor, device, requested);
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'precondition_failed')) throw error;
        if (attempt >= REPLACE_ATTEMPTS) {
          throw new AppError('write_conflict', 'The device kept changing while its members were replaced; retry.');
        }
      }
    }
  }

  /** One attempt, conditional on the device being as read (its members are computed from that state). */
  private async replaceOnce(
    actor: Actor,
    editor: DeviceEditor,
    device: DeviceRecord,
    requested: readonly RequestedMember[],
  ): Promise<DeviceRecord> {
    // The requested members' own numbers decide which lines they take: the directory answers for those too.
    const requestedKeys = requested.map((r) => ({ kind: r.kind, id: r.id }));
    const scoped = await this.directoryFor(editor.tenantId, { devices: [device], members: requestedKeys });
    const directory = await this.directoryFor(editor.tenantId, {
      devices: [device],
      members: requestedKeys,
      numberIds: requested.flatMap((r) => scoped.member(r.kind, r.id)?.numberId ?? []),
    });
    const owner = directory.ownerOf(device);
    const ownerLine = owner && device.lines.find((l) => l.position === 0);
    if (ownerLine && !requested.some((r) => r.position === 0 && r.kind === owner.kind && r.id === owner.id)) {
      throw ruleViolation(
        'members',
        'owner_keeps_first_line',
        "The device's owner stays on port 1 (change the owner through the Devices API).",
      );
    }
    const current = new Map(device.lines.map((l) => [l.phone_number_id, l]));
    const lines: { position: number; phoneNumberId: string; lineType: string }[] = [];
    const seen = new Set<string>();
    for (const r of requested) {
      const field = `members[${r.index}].id`;
      const member = directory.member(r.kind, r.id);
      if (!member) throw ruleViolation(field, 'unknown_member', `There is no member with id of this ${r.kind}.`);
      if (seen.has(key(r.kind, r.id))) {
        throw ruleViolation(field, 'member_twice_on_device', 'A member is on a device once.');
      }
      seen.add(key(r.kind, r.id));
      const keepFirstLine =
        r.position === 0 && owner?.kind === member.kind && owner.id === member.id
          ? device.lines.find((l) => l.position === 0)?.phone_number_id
          : undefined;
      const numberId = keepFirstLine ?? member.numberId;
      if (numberId === null) {
        throw ruleViolation(field, 'member_without_number', 'The member has no phone number to put on a line.');
      }
      const holder = directory.holderOf(device, r.position, numberId);
      if (holder?.kind !== member.kind || holder.id !== member.id) {
        throw ruleViolation(
          field,
          'line_member_mismatch',
          r.position === 0 && owner
            ? "The first line of an owned device is its owner's."
            : "The member's number is another member's line.",
        );
      }
      const stored = current.get(numberId)?.line_type;
      const kept = stored !== undefined && (r.shared ? SHARED_LINE_TYPES : PRIMARY_LINE_TYPES).includes(stored);
      lines.push({
        position: r.position,
        phoneNumberId: numberId,
        lineType: kept ? stored : r.shared ? 'BlaSecondary' : 'Standalone',
      });
    }
    for (const line of device.lines) {
      if (directory.holderOf(device, line.position, line.phone_number_id)) continue;
      if (lines.some((l) => l.position === line.position || l.phoneNumberId === line.phone_number_id)) continue;
      lines.push({ position: line.position, phoneNumberId: line.phone_number_id, lineType: line.line_type });
    }
    try {
      return await this.deviceLines.replace(
        actor,
        editor,
        device.row.id,
        { lines },
        (current) => current.row.version === device.row.version,
      );
    } catch (error) {
      throw renamed(error, requested);
    }
  }
}

function memberOfRow(row: MemberRow): LineMember {
  return {
    kind: row.kind,
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    extension: row.extension,
    numberId: row.number_id,
    e164: row.e164,
    siteId: row.site_id,
    siteName: row.site_name,
  };
}

/** A canonical line error (`lines[i]…`) in the caller's names (`members[j]…`). */
function renamed(error: unknown, requested: readonly RequestedMember[]): unknown {
  if (!(error instanceof AppError)) return error;
  const rename = (text: string) =>
    text.replace(/lines\[(\d+)\](\.position|\.phoneNumberId)?/g, (_m, i: string, member?: string) => {
      const r = requested[Number(i)];
      if (!r) return `lines[${i}]`;
      return `members[${r.index}]${member === '.position' ? '.port' : member ? '.id' : ''}`;
    });
  const parameter = error.extras.parameter;
  return new AppError(error.code, rename(error.detail), {
    ...error.extras,
    ...(parameter === undefined ? {} : { parameter: rename(parameter) }),
  });
}
