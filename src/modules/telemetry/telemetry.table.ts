/** The telemetry ledger and the adoption rollups (migration 0014). Days count from the Unix epoch, in UTC. */

/** One accepted event: its id makes a replay a no-op. */
export interface TelemetryEventTable {
  tenant_id: string;
  /** The client's event id. */
  id: string;
  type: string;
  /** The identity the event named, e.g. `serial:8A1B2C`. */
  device_key: string;
  occurred_at: number;
  received_at: number;
}

/** A device reported on a day: the rollups count each device once a day, however late its events arrive. */
export interface DeviceActiveDayTable {
  tenant_id: string;
  device_id: string;
  day: number;
}

/** Devices active, and devices first seen, per day and dimension value (dimension `all` has the key ''). */
export interface TelemetryDailyTable {
  tenant_id: string;
  day: number;
  dimension: string;
  key: string;
  active_devices: number;
  new_devices: number;
}
