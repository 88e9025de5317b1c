/**
 * The urban sensors domain: partners and their keys, sensors, observations, points and rollups.
 * Pure: no AWS, no clock of its own (callers pass `now`).
 */
import type { FieldIssue } from '../kernel/errors';
import { addExact } from './exact-sum';
import { propertyOf, SENSOR_CATALOGUE, type SensorType } from './sensor-catalogue';

export type PartnerKind = 'company' | 'startup' | 'university' | 'public-body' | 'association';

/** An organisation allowed to push observations of its own sensors. */
export interface Partner {
  readonly territory: string;
  readonly id: string;
  readonly name: string;
  readonly kind: PartnerKind;
  readonly contactEmail?: string;
  readonly createdAt: string;
  readonly version: number;
}

export interface ApiKeyRecord {
  readonly territory: string;
  readonly keyId: string;
  readonly partnerId: string;
  readonly label: string;
  /** SHA-256 of the whole key (see partner-keys.ts). */
  readonly hash: string;
  readonly hint: string;
  readonly status: 'active' | 'revoked';
  readonly createdAt: string;
  readonly createdBy: string;
  readonly revokedAt?: string;
  readonly revokedBy?: string;
}

/** What a caller may see of a key: never its hash. */
export type ApiKeyView = Omit<ApiKeyRecord, 'hash'>;
export const keyView = ({ hash: _hash, ...view }: ApiKeyRecord): ApiKeyView => view;

/** The partner a request was authenticated as. */
export interface PartnerCaller {
  readonly territory: string;
  readonly partnerId: string;
  readonly keyId: string;
}

export interface MeasuredProperty {
  readonly name: string;
  /** Present for numeric properties. */
  readonly unitCode?: string;
}

export interface Sensor {
  readonly territory: string;
  readonly id: string;
  readonly type: SensorType;
  readonly name: string;
  readonly partnerId: string;
  readonly location: { readonly lat: number; readonly lon: number };
  /** Derived from the location (the commune that contains it). */
  readonly commune: { readonly insee: string; readonly name: string };
  readonly properties: readonly MeasuredProperty[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export const measuredProperties = (type: SensorType, names: readonly string[]): MeasuredProperty[] =>
  names.map((name) => {
    const definition = propertyOf(type, name)!;
    return definition.kind === 'number' ? { name, unitCode: definition.unitCode } : { name };
  });

/** The properties a type offers that a sensor names and the type does not know. */
export const unknownProperties = (type: SensorType, names: readonly string[]): string[] =>
  names.filter((name) => !propertyOf(type, name));

export type ObservedValue = number | string;

/** One reading as a partner sends it. */
export interface Observation {
  readonly sensorId: string;
  readonly property: string;
  readonly value: ObservedValue;
  readonly unit?: string;
  readonly observedAt: string;
}

/** An accepted reading: time normalized to UTC milliseconds, so equal instants are equal keys. */
export interface AcceptedObservation {
  readonly sensorId: string;
  readonly property: string;
  readonly value: ObservedValue;
  readonly observedAt: string;
}

export const MAX_BATCH = 500;
export const MAX_AGE_DAYS = 7;
/** Partners' clocks drift: a reading this far in the future is still accepted. */
export const CLOCK_SKEW_SECONDS = 60;

/**
 * Checks a batch against the registry: every offending observation is named by its index.
 * Returns the accepted observations, or the issues (and nothing is accepted).
 */
export const checkObservations = (
  observations: readonly Observation[],
  sensors: ReadonlyMap<string, Sensor>,
  partnerId: string,
  now: Date,
): { accepted: AcceptedObservation[]; issues: FieldIssue[] } => {
  const issues: FieldIssue[] = [];
  const oldest = now.getTime() - MAX_AGE_DAYS * 86_400_000;
  const latest = now.getTime() + CLOCK_SKEW_SECONDS * 1000;
  const accepted = observations.map((o, index) => {
    const refuse = (field: string, message: string) => issues.push({ path: `observations.${index}.${field}`, message });
    const sensor = sensors.get(o.sensorId);
    const at = Date.parse(o.observedAt);
    if (!sensor) refuse('sensorId', `unknown sensor ${o.sensorId}`);
    else if (sensor.partnerId !== partnerId) refuse('sensorId', `sensor ${o.sensorId} belongs to another partner`);
    else {
      const measured = sensor.properties.find((p) => p.name === o.property);
      const definition = propertyOf(sensor.type, o.property);
      if (!measured || !definition) refuse('property', `sensor ${o.sensorId} does not measure ${o.property}`);
      else if (definition.kind === 'number') {
        if (typeof o.value !== 'number' || !Number.isFinite(o.value)) refuse('value', 'must be a number');
        else if (definition.range && (o.value < definition.range[0] || o.value > definition.range[1]))
          refuse('value', `${o.value} is outside ${definition.range[0]}..${definition.range[1]} for ${o.property}`);
        if (o.unit !== definition.unitCode)
          refuse('unit', `${o.property} is measured in ${definition.unitCode}, not ${o.unit ?? '(none)'}`);
      } else {
        if (typeof o.value !== 'string' || !definition.values.includes(o.value))
          refuse('value', `must be one of ${definition.values.join(', ')}`);
        if (o.unit !== undefined) refuse('unit', `${o.property} has no unit`);
      }
    }
    if (Number.isNaN(at)) refuse('observedAt', 'is not a date-time');
    else if (at > latest) refuse('observedAt', 'is in the future');
    else if (at < oldest) refuse('observedAt', `is older than ${MAX_AGE_DAYS} days`);
    return { sensorId: o.sensorId, property: o.property, value: o.value, observedAt: new Date(at).toISOString() };
  });
  return issues.length > 0 ? { accepted: [], issues } : { accepted, issues };
};

/** Items by key, in first-seen order. */
export const groupBy = <T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
};

/** Time buckets of an ISO instant (UTC): hour `2025-03-14T09`, day `2025-03-14`, month, year. */
export const hourOf = (iso: string) => iso.slice(0, 13);
export const dayOf = (iso: string) => iso.slice(0, 10);
export const monthOf = (iso: string) => iso.slice(0, 7);
export const yearOf = (iso: string) => iso.slice(0, 4);

export const isRolledUp = (sensor: Pick<Sensor, 'type'>, property: string): boolean =>
  SENSOR_CATALOGUE[sensor.type].properties[property]?.kind === 'number';

/** count, min, max and an exact decimal sum; the mean is derived when read. */
export interface Rollup {
  readonly count: number;
  readonly min: number;
  readonly max: number;
  /** Decimal string: exact whatever the order the values came in (exact-sum.ts). */
  readonly sum: string;
}

export const mergeRollup = (existing: Rollup | undefined, values: readonly number[]): Rollup => ({
  count: (existing?.count ?? 0) + values.length,
  min: Math.min(existing?.min ?? Infinity, ...values),
  max: Math.max(existing?.max ?? -Infinity, ...values),
  sum: addExact(existing?.sum ?? '0', values),
});

export interface RollupView {
  /** Start of the period (UTC). */
  readonly start: string;
  readonly end: string;
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly sum: number;
  readonly mean: number;
}

export type Resolution = 'hour' | 'day';

export const rollupView = (resolution: Resolution, bucket: string, rollup: Rollup): RollupView => {
  const start = resolution === 'hour' ? `${bucket}:00:00.000Z` : `${bucket}T00:00:00.000Z`;
  const end = new Date(Date.parse(start) + (resolution === 'hour' ? 3_600_000 : 86_400_000)).toISOString();
  const sum = Number(rollup.sum);
  return { start, end, count: rollup.count, min: rollup.min, max: rollup.max, sum, mean: sum / rollup.count };
};

/** The last known value of each property of a sensor. */
export interface LatestEntry {
  readonly value: ObservedValue;
  readonly observedAt: string;
}
export type LatestValues = Readonly<Record<string, LatestEntry>>;

export type SensorWithLatest = Sensor & { readonly latest: LatestValues };

export const lastObservedAt = (latest: LatestValues | undefined): string | undefined =>
  Object.values(latest ?? {})
    .map((entry) => entry.observedAt)
    .sort()
    .at(-1);

/** The message the ingestion route queues and the consumer writes. */
export interface ObservationBatch {
  readonly territory: string;
  readonly partnerId: string;
  readonly batchId: string;
  readonly receivedAt: string;
  readonly observations: readonly AcceptedObservation[];
}
