/** What the sensors use cases need from the outside world. Adapters implement these. */
import type { DomainEvent } from '../events/domain-event';
import type { Page } from '../kernel/schemas';
import type { Alert, AlertRule, AlertState } from './alerts';
import type { SensorType } from './sensor-catalogue';
import type {
  AcceptedObservation,
  ApiKeyRecord,
  BBox,
  DirtyHour,
  LatestEntry,
  LatestValues,
  ObservationBatch,
  Partner,
  RejectedIngestion,
  Resolution,
  Rollup,
  RollupInvalidation,
  Sensor,
} from './sensors';

/** The territory context, as far as sensors need it. */
export interface TerritoryDirectory {
  exists(siren: string): Promise<boolean>;
  /** The commune containing the point; undefined outside the territory. */
  communeAt(siren: string, lat: number, lon: number): Promise<{ insee: string; name: string } | undefined>;
}

export interface SensorFilter {
  readonly type?: SensorType;
  readonly commune?: string;
  readonly bbox?: BBox;
}

/** Partners, keys and sensors. Writes carry their event (outbox); replacing writes their version. */
export interface SensorRegistry {
  getPartner(siren: string, partnerId: string): Promise<Partner | undefined>;
  listPartners(siren: string): Promise<Partner[]>;
  createPartner(partner: Partner, event: DomainEvent): Promise<void>;
  /** Strongly consistent: a revoked key stops working at once. */
  getApiKey(siren: string, keyId: string): Promise<ApiKeyRecord | undefined>;
  listApiKeys(siren: string, partnerId: string): Promise<ApiKeyRecord[]>;
  createApiKey(key: ApiKeyRecord, event: DomainEvent): Promise<void>;
  /** Conflict when the key is no longer active. */
  revokeApiKey(key: ApiKeyRecord, event: DomainEvent): Promise<void>;
  getSensor(siren: string, sensorId: string): Promise<Sensor | undefined>;
  getSensors(siren: string, sensorIds: readonly string[]): Promise<Map<string, Sensor>>;
  saveSensor(sensor: Sensor, previous: Sensor | undefined, event: DomainEvent): Promise<void>;
  /** Every sensor matching the filter; one index read for the most selective criterion. */
  listSensors(siren: string, filter: SensorFilter): Promise<Sensor[]>;
}

export interface SeriesQuery {
  readonly from: string;
  readonly to: string;
  readonly limit: number;
  readonly cursor?: string;
  /** Newest first. @default false */
  readonly descending?: boolean;
}

/** A point the store refused as written (a value out of its range): retrying cannot help. */
export interface RefusedPoint {
  readonly point: AcceptedObservation;
  readonly reason: string;
}

/**
 * Points, rollups and latest values. Rollups are materialized from the points: a write marks the
 * hours it touched dirty, the materializer recomputes them; reads of a dirty period compute it
 * from what lies beneath, so every read is exact whether or not the materializer has run.
 */
export interface ObservationStore {
  /**
   * Stores each point once: a point already stored (same sensor, property and instant) is kept as
   * it is. Says how many were new, and which the store refused (the others are stored).
   */
  writePoints(
    siren: string,
    points: readonly AcceptedObservation[],
  ): Promise<{ written: number; refused: readonly RefusedPoint[] }>;
  /** Marks these hours (and so their days) dirty, after their points are stored; returns the version marked. */
  invalidate(siren: string, hours: readonly DirtyHour[]): Promise<string>;
  /**
   * Recomputes from their points the hours still marked with one of the versions given, then the
   * days whose hours are all clean again. An hour marked again meanwhile is left to the later message.
   */
  materialize(
    siren: string,
    hours: readonly (DirtyHour & { readonly version: string })[],
  ): Promise<{ readonly hours: number; readonly days: number; readonly skipped: number }>;
  /**
   * Makes each entry its property's latest unless a newer one is there; returns, in the order of the
   * entries, whether it did and the one it replaced.
   */
  advanceLatest(
    siren: string,
    entries: readonly { readonly sensorId: string; readonly property: string; readonly entry: LatestEntry }[],
  ): Promise<{ advanced: boolean; previous?: LatestEntry }[]>;
  getLatest(siren: string, sensorIds: readonly string[]): Promise<Map<string, LatestValues>>;
  points(siren: string, sensorId: string, property: string, query: SeriesQuery): Promise<Page<LatestEntry>>;
  rollups(
    siren: string,
    sensorId: string,
    property: string,
    resolution: Resolution,
    query: SeriesQuery,
  ): Promise<Page<{ bucket: string; rollup: Rollup }>>;
}

export interface AlertStore {
  listRules(siren: string): Promise<AlertRule[]>;
  /** FROZEN rules of every territory, for the scheduled trigger. */
  listFrozenRules(): Promise<AlertRule[]>;
  saveRule(rule: AlertRule, previousVersion: number | undefined, event: DomainEvent): Promise<void>;
  deleteRule(rule: AlertRule, event: DomainEvent): Promise<void>;
  /** Opens the alert unless one is open for the same rule and sensor: then false, nothing written. */
  openAlert(alert: Alert, events: readonly DomainEvent[]): Promise<boolean>;
  /** The open (or acknowledged) alerts of a sensor, by rule id. */
  openAlertsOf(siren: string, sensorId: string): Promise<Map<string, string>>;
  getAlert(siren: string, alertId: string): Promise<Alert | undefined>;
  /** Saves a transition made at `previousVersion`; a closed alert frees its rule and sensor. */
  saveAlert(alert: Alert, previousVersion: number, events: readonly DomainEvent[]): Promise<void>;
  /**
   * Alerts in a state, newest first: the territory's, or one commune's (read from a partition of
   * its own, so a page holds `limit` of the commune's alerts).
   */
  listAlerts(
    siren: string,
    state: AlertState,
    scope: { readonly commune?: string },
    limit: number,
    cursor?: string,
  ): Promise<Page<Alert>>;
}

export interface ObservationQueue {
  send(batch: ObservationBatch): Promise<void>;
}

/** Where the hours a write marked dirty go, for the materializer (after a delay that lets writes gather). */
export interface RollupQueue {
  send(invalidation: RollupInvalidation): Promise<void>;
}

/** Ingestion set aside: what the writer could not store, listed for the territory's admins. */
export interface RejectStore {
  /** Keeps (or keeps again, the same id) a rejection. */
  record(rejection: RejectedIngestion): Promise<void>;
  get(siren: string, id: string): Promise<RejectedIngestion | undefined>;
  /** Newest first. */
  list(siren: string, page: { readonly limit: number; readonly cursor?: string }): Promise<Page<RejectedIngestion>>;
  /** Marks it re-driven, once: false when it already was. */
  markRedriven(siren: string, id: string, at: string, batchId: string): Promise<boolean>;
}
