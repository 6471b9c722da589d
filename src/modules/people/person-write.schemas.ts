/**
 * The bodies of person writes: POST and PUT (the whole writable document), PATCH (a JSON merge patch of it) and
 * PUT /people/{id}/user-groups (the ordered memberships). Unknown members are refused (400 naming them). The
 * e-mail syntax, the site and the user groups (ids of the tenant) and the agent state's work mode are checked by
 * the service, which names the field and the rule.
 */
import { type Static, Type } from 'typebox';
import { Nullable } from '../../http/schemas.js';

/** The directory roles a person may hold (what the demo fleet and the vendor directories use). */
export const DIRECTORY_ROLES = ['user', 'agent', 'supervisor', 'admin'] as const;
export const AGENT_STATES = ['Ready', 'NotReady'] as const;
/** Genesys' work modes while NotReady (vendor-apis.md §2). */
export const WORK_MODES = ['AuxWork', 'AfterCallWork', 'LegalGuard', 'NoCallDisconnect', 'WalkAway'] as const;

const Text = (maxLength: number) => Nullable(Type.String({ minLength: 1, maxLength }));

const state = Type.String({ enum: [...AGENT_STATES] });
const workMode = Type.Optional(
  Type.Unsafe<string | null>({
    type: ['string', 'null'],
    enum: [...WORK_MODES, null],
    description: 'Only while NotReady; a missing one is null.',
  }),
);
const agentStateOptions = {
  additionalProperties: false,
  description: 'Contact-center agent state; null when the person is not an agent.',
} as const;
const AgentState = Type.Object({ state, workMode }, agentStateOptions);
/** In a merge patch the state may be left out: it merges into the stored one. */
const AgentStatePatch = Type.Object({ state: Type.Optional(state), workMode }, agentStateOptions);

const writable = {
  username: Type.String({ minLength: 1, maxLength: 100, pattern: '^\\S+$', description: 'Unique in the tenant.' }),
  firstName: Text(200),
  lastName: Text(200),
  email: Nullable(Type.String({ maxLength: 254, description: 'Unique in the tenant, any case; stored lower-case.' })),
  extensionNumber: Nullable(Type.String({ pattern: '^[0-9]{2,15}$', description: '2 to 15 digits.' })),
  roles: Type.Array(Type.String({ enum: [...DIRECTORY_ROLES] }), {
    maxItems: DIRECTORY_ROLES.length,
    uniqueItems: true,
    description: 'Directory roles (not API access roles).',
  }),
  siteId: Nullable(Type.String({ minLength: 1, maxLength: 64, description: 'A site of the tenant.' })),
  agentState: Nullable(AgentState),
};

const { username, ...optional } = writable;
const optionalMembers = {
  firstName: Type.Optional(optional.firstName),
  lastName: Type.Optional(optional.lastName),
  email: Type.Optional(optional.email),
  extensionNumber: Type.Optional(optional.extensionNumber),
  roles: Type.Optional(optional.roles),
  siteId: Type.Optional(optional.siteId),
  agentState: Type.Optional(optional.agentState),
};

export const PersonBody = Type.Object(
  { username, ...optionalMembers },
  { additionalProperties: false, description: 'The writable fields of a person. On PUT a missing member is cleared.' },
);
export type PersonBody = Static<typeof PersonBody>;

export const PersonPatchBody = Type.Object(
  { username: Type.Optional(username), ...optionalMembers, agentState: Type.Optional(Nullable(AgentStatePatch)) },
  {
    additionalProperties: false,
    description: 'A JSON merge patch (RFC 7396): members present are set, null clears a nullable member.',
  },
);
export type PersonPatchBody = Static<typeof PersonPatchBody>;

export const PersonUserGroupsBody = Type.Object(
  {
    userGroupIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
      maxItems: 100,
      uniqueItems: true,
      description: "The person's user groups, highest priority first; replaces every membership.",
    }),
  },
  { additionalProperties: false },
);
export type PersonUserGroupsBody = Static<typeof PersonUserGroupsBody>;
