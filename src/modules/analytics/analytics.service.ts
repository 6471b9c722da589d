/**
 * Adoption analytics over the telemetry rollups: devices active per day, devices first seen per ISO week (both
 * in total and broken down by product, manufacturer, softphone, primary user group or site) and devices silent
 * for N days. Reads cost the length of the range times the values of the breakdown, not the fleet's size.
 * Analytics are tenant-wide counts: the route policy opens them to admins and supervisors only.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { invalidParameter } from '../../errors.js';
import { DAY_MS } from '../telemetry/telemetry-ingest.service.js';
import { AnalyticsRepository, type RollupRow } from './analytics.repository.js';
import {
  type ActiveDevicesAnswer,
  type AnalyticsRangeQuery,
  type Breakdown,
  DEFAULT_RANGE_DAYS,
  MAX_RANGE_DAYS,
  type NewDevicesAnswer,
  type UnseenDevicesAnswer,
} from './analytics.schemas.js';

/** Weekly cohorts may span three years. */
const MAX_WEEKLY_RANGE_DAYS = 3 * MAX_RANGE_DAYS;
/** 1970-01-01 was a Thursday: day numbers shift by 3 to make weeks start on Monday. */
const MONDAY_OFFSET = 3;

type Series = ActiveDevicesAnswer['series'][number];

export class AnalyticsService {
  private readonly repository: AnalyticsRepository;

  constructor(
    db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {
    this.repository = new AnalyticsRepository(db);
  }

  async activeDevices(tenantId: string, query: AnalyticsRangeQuery): Promise<ActiveDevicesAnswer> {
    const { fromDay, toDay } = this.range(query, MAX_RANGE_DAYS);
    const days = dayList(fromDay, toDay, 1);
    const total = await this.repository.rollups(tenantId, 'all', fromDay, toDay);
    const series = query.by ? await this.series(tenantId, query.by, fromDay, toDay, days, 1, 'active_devices') : [];
    return {
      from: dateOf(fromDay),
      to: dateOf(toDay),
      by: query.by ?? null,
      total: points(days, total, 1, 'active_devices'),
      series,
    };
  }

  async newDevices(tenantId: string, query: AnalyticsRangeQuery): Promise<NewDevicesAnswer> {
    const range = this.range(query, MAX_WEEKLY_RANGE_DAYS);
    const fromDay = weekOf(range.fromDay);
    const toDay = range.toDay;
    const weeks = dayList(fromDay, toDay, 7);
    const total = await this.repository.rollups(tenantId, 'all', fromDay, toDay);
    const series = query.by ? await this.series(tenantId, query.by, fromDay, toDay, weeks, 7, 'new_devices') : [];
    return {
      from: dateOf(fromDay),
      to: dateOf(toDay),
      by: query.by ?? null,
      total: points(weeks, total, 7, 'new_devices'),
      series,
    };
  }

  async unseenDevices(tenantId: string, days: number): Promise<UnseenDevicesAnswer> {
    const cutoff = this.now() - days * DAY_MS;
    const { silent, neverSeen } = await this.repository.unseen(tenantId, cutoff);
    return { days, cutoff: new Date(cutoff).toISOString(), devices: silent, neverSeen };
  }

  private async series(
    tenantId: string,
    by: Breakdown,
    fromDay: number,
    toDay: number,
    buckets: readonly number[],
    bucketDays: number,
    column: 'active_devices' | 'new_devices',
  ): Promise<Series[]> {
    const rows = await this.repository.rollups(tenantId, by, fromDay, toDay);
    const byKey = new Map<string, RollupRow[]>();
    for (const row of rows) {
      const keyRows = byKey.get(row.key);
      if (keyRows) keyRows.push(row);
      else byKey.set(row.key, [row]);
    }
    const names =
      by === 'product' || by === 'site'
        ? await this.repository.names(
            tenantId,
            by,
            [...byKey.keys()].filter((k) => k !== ''),
          )
        : new Map<string, string>();
    const series = [...byKey.entries()].map(([key, keyRows]) => ({
      key: key === '' ? null : key,
      name: key === '' ? 'Unknown' : (names.get(key) ?? key),
      points: points(buckets, keyRows, bucketDays, column),
    }));
    const sum = (s: Series) => s.points.reduce((n, p) => n + p.devices, 0);
    return series.filter((s) => sum(s) > 0).sort((a, b) => sum(b) - sum(a) || (a.name < b.name ? -1 : 1));
  }

  /** The query's range in day numbers: `to` defaults to today, `from` to DEFAULT_RANGE_DAYS before it. */
  private range(query: AnalyticsRangeQuery, maxDays: number): { fromDay: number; toDay: number } {
    const toDay = query.to === undefined ? Math.floor(this.now() / DAY_MS) : dayOf('to', query.to);
    const fromDay = query.from === undefined ? toDay - (DEFAULT_RANGE_DAYS - 1) : dayOf('from', query.from);
    if (fromDay > toDay) throw invalidParameter('from', 'from is after to.');
    if (toDay - fromDay + 1 > maxDays) {
      throw invalidParameter('from', `A range spans at most ${maxDays} days.`);
    }
    return { fromDay, toDay };
  }
}

function dayOf(parameter: string, date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw invalidParameter(parameter, `${parameter} is not a calendar day (YYYY-MM-DD).`);
  }
  return ms / DAY_MS;
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of a day's ISO week. */
function weekOf(day: number): number {
  return day - ((((day + MONDAY_OFFSET) % 7) + 7) % 7);
}

function dayList(fromDay: number, toDay: number, step: number): number[] {
  const list: number[] = [];
  for (let day = fromDay; day <= toDay; day += step) list.push(day);
  return list;
}

/** One point per bucket (a day, or a week from its Monday), zeros included. */
function points(
  buckets: readonly number[],
  rows: readonly RollupRow[],
  bucketDays: number,
  column: 'active_devices' | 'new_devices',
): { date: string; devices: number }[] {
  const first = buckets[0] ?? 0;
  const counts = new Array<number>(buckets.length).fill(0);
  for (const row of rows) {
    const index = Math.floor((row.day - first) / bucketDays);
    if (index >= 0 && index < counts.length) counts[index]! += row[column];
  }
  return buckets.map((day, i) => ({ date: dateOf(day), devices: counts[i]! }));
}
