/** Query and answer shapes of the adoption analytics (GET /v1/analytics/…). Dates are UTC calendar days. */
import { type Static, Type } from 'typebox';

export const BREAKDOWNS = ['product', 'manufacturer', 'softphone', 'userGroup', 'site'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/** Longest range of one request: a year of days (or of weeks' days). */
export const MAX_RANGE_DAYS = 366;
export const DEFAULT_RANGE_DAYS = 30;

const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A UTC calendar day, YYYY-MM-DD.' });

export const AnalyticsRangeQuery = Type.Object(
  {
    from: Type.Optional(DateText),
    to: Type.Optional({ ...DateText, description: 'Last day included (default: today).' }),
    by: Type.Optional(Type.Union(BREAKDOWNS.map((b) => Type.Literal(b)))),
  },
  { additionalProperties: false },
);
export type AnalyticsRangeQuery = Static<typeof AnalyticsRangeQuery>;

export const UnseenQuery = Type.Object(
  { days: Type.Integer({ minimum: 1, maximum: 3650, description: 'Silence of at least this many days.' }) },
  { additionalProperties: false },
);

const Point = Type.Object({ date: Type.String(), devices: Type.Integer() });
const Series = Type.Object({
  key: Type.Union([Type.String(), Type.Null()], { description: 'Product or site id, or the name; null: unknown.' }),
  name: Type.String(),
  points: Type.Array(Point),
});

export const ActiveDevicesAnswer = Type.Object({
  from: Type.String(),
  to: Type.String(),
  by: Type.Union([Type.String(), Type.Null()]),
  total: Type.Array(Point, { description: 'Devices active each day (every day of the range, zeros included).' }),
  series: Type.Array(Series, { description: 'The same per value of `by`, largest first; empty without `by`.' }),
});
export type ActiveDevicesAnswer = Static<typeof ActiveDevicesAnswer>;

export const NewDevicesAnswer = Type.Object({
  from: Type.String({ description: 'The Monday of the first week.' }),
  to: Type.String(),
  by: Type.Union([Type.String(), Type.Null()]),
  total: Type.Array(Point, { description: 'Devices first seen each ISO week (date: its Monday).' }),
  series: Type.Array(Series),
});
export type NewDevicesAnswer = Static<typeof NewDevicesAnswer>;

export const UnseenDevicesAnswer = Type.Object({
  days: Type.Integer(),
  cutoff: Type.String({ format: 'date-time', description: 'Devices last seen before this instant count.' }),
  devices: Type.Integer({ description: 'Devices last seen before the cutoff.' }),
  neverSeen: Type.Integer({ description: 'Devices with no report at all (not counted in devices).' }),
});
export type UnseenDevicesAnswer = Static<typeof UnseenDevicesAnswer>;
