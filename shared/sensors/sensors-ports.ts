/** What the sensors use cases need from the outside world. Adapters implement these. */
import type { DomainEvent } from '../events/domain-event';
import type { Page } from '../kernel/schemas';
import type { Alert, AlertRule, AlertState } from './alerts';
import type { SensorType } from './sensor-catalogue';
import type {
  AcceptedObservation,
  ApiKeyRecord,
  BBox,
  LatestEntry,
  LatestValues,
  ObservationBatch,
  Partner,
  RejectedIngestion,
  Resolution,
  Rollup,
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

/** Points, rollups and latest values. */
export interface ObservationStore {
  /**
   * Writes the points of one sensor, property and day, each at most once, with their hourly and
   * daily rollups in the same transactions. Returns how many points were new.
   */
  writeDay(
    siren: string,
    sensorId: string,
    property: string,
    rolledUp: boolean,
    points: readonly AcceptedObservation[],
  ): Promise<number>;
  /** Makes `entry` the property's latest unless a newer one is there; returns the one it replaced. */
  advanceLatest(
    siren: string,
    sensorId: string,
    property: string,
    entry: LatestEntry,
  ): Promise<{ advanced: boolean; previous?: LatestEntry }>;
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

/** The store refused a point as written (a value out of its range): retrying cannot help. */
export class UnwritablePointError extends Error {}

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
