/** The native app-authorization resource (what a tenant's admin approves or rejects) and its query and body. */
import { type Static, Type } from 'typebox';
import { Instant, Nullable, listParameters } from '../../http/schemas.js';
import { SUBSCRIPTIONS } from './app-subscription.js';

export const APP_AUTHORIZATION_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;

const SubscriptionName = Type.String({
  enum: [...SUBSCRIPTIONS],
  description: 'A Plantronics dataset: CALL*, ASSET*, HEALTH* (HISTORICAL or REALTIME) or VERSIONPOLICY.',
});

export const AppAuthorizationView = Type.Object(
  {
    id: Type.String(),
    app: Type.Object(
      {
        appId: Type.String(),
        name: Type.String(),
        partner: Type.Object(
          {
            tenantName: Type.String({ description: 'The Ucfleet tenant that registered the app.' }),
            partnerName: Nullable(Type.String()),
            email: Nullable(Type.String()),
            firstName: Nullable(Type.String()),
            lastName: Nullable(Type.String()),
          },
          { additionalProperties: false },
        ),
      },
      { additionalProperties: false },
    ),
    subscriptions: Type.Array(SubscriptionName, { description: 'What the app asked for.' }),
    grantedSubscriptions: Type.Array(SubscriptionName, {
      description:
        'What the tenant granted: ASSET* and VERSIONPOLICY read devices and policies; nothing else is served.',
    }),
    status: Type.String({
      enum: [...APP_AUTHORIZATION_STATUSES],
      description:
        'pending (asked; may keep earlier grants while new datasets await a decision), approved, rejected or withdrawn.',
    }),
    createdAt: Instant,
    updatedAt: Instant,
    decidedAt: Nullable(Instant),
  },
  { additionalProperties: false, description: "Another tenant's app asking to read this tenant's data." },
);
export type AppAuthorizationView = Static<typeof AppAuthorizationView>;

export const AppAuthorizationListQuery = Type.Object(
  {
    limit: listParameters.limit,
    cursor: listParameters.cursor,
    status: Type.Optional(Type.String({ enum: [...APP_AUTHORIZATION_STATUSES] })),
  },
  { additionalProperties: false },
);

export const ApproveAppAuthorizationBody = Type.Object(
  {
    subscriptions: Type.Optional(
      Type.Array(Type.String({ maxLength: 50 }), {
        minItems: 1,
        maxItems: 50,
        description: 'The requested subscriptions to grant (default: all of them).',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ApproveAppAuthorizationBody = Static<typeof ApproveAppAuthorizationBody>;
