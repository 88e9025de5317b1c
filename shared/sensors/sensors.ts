/**
 * The urban sensors domain: partners and their keys, sensors, observations, points and rollups.
 * Each domain value is written once, as a zod schema (what a store reads back is parsed with it,
 * and the HTTP views are derived from it); its type is the schema's output. Pure: no AWS, no clock
 * of its own (callers pass `now`).
 */
import * as z from 'zod';
import { cellsCovering } from '../geo/geohash';
import type { FieldIssue } from '../kernel/errors';
import { storedKeyFields, withoutHash } from '../kernel/api-keys';
import { StorableNumber, Ulid } from '../kernel/schemas';
import { Insee, Siren } from '../territory/territory';
import { addDecimals, addExact } from './exact-sum';
import { propertyOf, SENSOR_CATALOGUE, type SensorType } from './sensor-catalogue';
import type { BoundingBox } from '../geo/box';
import { ObservedValue, SensorTypeName, Slug } from './sensor-values';

export { ObservedValue, SLUG_PATTERN, SensorTypeName, Slug } from './sensor-values';

export const Location = z.object({ lat: StorableNumber.min(-90).max(90), lon: StorableNumber.min(-180).max(180) });

export const PARTNER_KINDS = ['company', 'startup', 'university', 'public-body', 'association'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** An organisation allowed to push observations of its own sensors. */
export const Partner = z.object({
  territory: Siren,
  id: Slug.meta({ example: 'atmo-occitanie' }),
  name: z.string().min(1).max(120).meta({ example: 'Atmo Occitanie' }),
  kind: z.enum(PARTNER_KINDS),
  contactEmail: z.email().optional(),
  createdAt: z.string(),
  version: z.number(),
});
export type Partner = z.output<typeof Partner>;

/** A partner's API key as stored: its SHA-256, never the key (see partner-keys.ts). */
export const ApiKeyRecord = z.object({
  territory: Siren,
  keyId: Ulid('an API key id'),
  partnerId: Slug,
  label: z.string().min(1).max(80).meta({ example: 'gateway 2025' }),
  ...storedKeyFields,
});
export type ApiKeyRecord = z.output<typeof ApiKeyRecord>;

/** What a caller may see of a key: never its hash. */
export const ApiKey = ApiKeyRecord.omit({ hash: true });
export type ApiKey = z.output<typeof ApiKey>;
export const keyView = (key: ApiKeyRecord): ApiKey => withoutHash(key);

/** The partner a request was authenticated as. */
export interface PartnerCaller {
  readonly territory: string;
  readonly partnerId: string;
  readonly keyId: string;
}

/** A property a sensor measures; `unitCode` is present for numeric properties. */
export const MeasuredProperty = z.object({ name: z.string(), unitCode: z.string().optional() });
export type MeasuredProperty = z.output<typeof MeasuredProperty>;

export const Sensor = z.object({
  territory: Siren,
  id: Slug.meta({ example: 'tlse-air-capitole' }),
  type: SensorTypeName,
  name: z.string().min(1).max(120).meta({ example: 'Capitole air quality station' }),
  partnerId: Slug,
  location: Location,
  /** Derived from the location (the commune that contains it). */
  commune: z.object({ insee: Insee, name: z.string() }),
  properties: z.array(MeasuredProperty),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type Sensor = z.output<typeof Sensor>;

export const measuredProperties = (type: SensorType, names: readonly string[]): MeasuredProperty[] =>
  names.map((name) => {
    const definition = propertyOf(type, name)!;
    return definition.kind === 'number' ? { name, unitCode: definition.unitCode } : { name };
  });

/** The properties a type offers that a sensor names and the type does not know. */
export const unknownProperties = (type: SensorType, names: readonly string[]): string[] =>
  names.filter((name) => !propertyOf(type, name));

/** One reading as a partner sends it. */
export const Observation = z.object({
  sensorId: Slug,
  property: z.string().min(1).max(64).meta({ example: 'no2' }),
  value: ObservedValue.meta({
    description: 'A number in the unit given, or one of the allowed values (a status)',
    example: 23.4,
  }),
  unit: z.string().max(8).optional().meta({ description: 'UN/CEFACT code of the numeric value', example: 'GQ' }),
  observedAt: z.iso.datetime({ offset: true }).meta({ example: '2025-03-14T09:00:00Z' }),
});
export type Observation = z.output<typeof Observation>;

/** An accepted reading: time normalized to UTC milliseconds, so equal instants are equal keys. */
export const AcceptedObservation = z.object({
  sensorId: Slug,
  property: z.string(),
  // Read leniently from the queue: a value the table cannot hold is set aside by the writer, point by point.
  value: z.union([z.number(), z.string().max(64)]),
  observedAt: z.iso.datetime(),
});
export type AcceptedObservation = z.output<typeof AcceptedObservation>;

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
export const Rollup = z.object({
  count: z.number(),
  min: z.number(),
  max: z.number(),
  /**
   * Decimal string: exact whatever the order the values came in (exact-sum.ts). Stored as a
   * DynamoDB number (added exactly there), so it may be read back as a number.
   */
  sum: z.union([z.string(), z.number()]).transform(String),
});
export type Rollup = z.output<typeof Rollup>;

export const mergeRollup = (existing: Rollup | undefined, values: readonly number[]): Rollup => ({
  count: (existing?.count ?? 0) + values.length,
  min: Math.min(existing?.min ?? Infinity, ...values),
  max: Math.max(existing?.max ?? -Infinity, ...values),
  sum: addExact(existing?.sum ?? '0', values),
});

/** Rollups of adjacent periods as one (a day from its hours): counts add, sums add exactly. */
export const combineRollups = (rollups: readonly Rollup[]): Rollup | undefined =>
  rollups.length === 0
    ? undefined
    : {
        count: rollups.reduce((total, r) => total + r.count, 0),
        min: Math.min(...rollups.map((r) => r.min)),
        max: Math.max(...rollups.map((r) => r.max)),
        sum: addDecimals(rollups.map((r) => r.sum)),
      };

/** A period's rollup as callers read it. */
export const RollupView = z.object({
  /** Start of the period (UTC). */
  start: z.string(),
  end: z.string(),
  count: z.number(),
  min: z.number(),
  max: z.number(),
  sum: z.number(),
  mean: z.number(),
});
export type RollupView = z.output<typeof RollupView>;

export type Resolution = 'hour' | 'day';

export const rollupView = (resolution: Resolution, bucket: string, rollup: Rollup): RollupView => {
  const start = resolution === 'hour' ? `${bucket}:00:00.000Z` : `${bucket}T00:00:00.000Z`;
  const end = new Date(Date.parse(start) + (resolution === 'hour' ? 3_600_000 : 86_400_000)).toISOString();
  const sum = Number(rollup.sum);
  return { start, end, count: rollup.count, min: rollup.min, max: rollup.max, sum, mean: sum / rollup.count };
};

/** The last known value of each property of a sensor. */
export const LatestEntry = z.object({ value: ObservedValue, observedAt: z.string() });
export type LatestEntry = z.output<typeof LatestEntry>;
export const LatestValues = z.record(z.string(), LatestEntry);
export type LatestValues = Readonly<z.output<typeof LatestValues>>;

export const SensorWithLatest = Sensor.extend({
  latest: LatestValues.meta({ description: 'Last value of each property' }),
});
export type SensorWithLatest = z.output<typeof SensorWithLatest>;

export const lastObservedAt = (latest: LatestValues | undefined): string | undefined =>
  Object.values(latest ?? {})
    .map((entry) => entry.observedAt)
    .sort()
    .at(-1);

/**
 * The message the ingestion route queues and the consumer writes (the consumer parses each with
 * this: a message that does not is a poison one).
 */
export const ObservationBatch = z.object({
  territory: Siren,
  partnerId: Slug,
  batchId: z.string(),
  receivedAt: z.string(),
  observations: z.array(AcceptedObservation),
});
export type ObservationBatch = z.output<typeof ObservationBatch>;

/** An hour of a sensor's rolled-up property whose rollup must be recomputed from its points. */
export const DirtyHour = z.object({
  sensorId: Slug,
  property: z.string(),
  hour: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d$/),
});
export type DirtyHour = z.output<typeof DirtyHour>;

/**
 * What one write marked dirty, all under one version (the queue message of the rollups'
 * materializer): an hour still marked with this version is recomputed; another version means a
 * later write marked it again and its own message will come.
 */
export const RollupInvalidation = z.object({
  territory: Siren,
  version: z.string().min(1).max(64),
  hours: z.array(DirtyHour),
});
export type RollupInvalidation = z.output<typeof RollupInvalidation>;

// ----- places: sensors in a box are a few range reads on geohash prefixes (registry store) -----

/** A sensor's place is kept as a geohash of this precision: cells of about 4.8 m × 4.8 m. */
export const PLACE_GEOHASH_PRECISION = 9;

/** [west, south, east, north] in degrees (WGS84), as GeoJSON's bbox. */
export type BBox = BoundingBox;

/**
 * Geohash prefixes whose cells together cover the box: the finest precision that needs at most
 * `maxCells` of them. Every point of the box has a hash starting with one of them (the cells may
 * reach beyond the box: callers still test each point). An empty prefix means "everything".
 */
export const coveringPrefixes = (box: BBox, maxCells = 12): string[] => {
  for (let precision = PLACE_GEOHASH_PRECISION; precision >= 1; precision--) {
    const cells = cellsCovering(box, precision, maxCells);
    if (cells) return [...new Set(cells)].sort();
  }
  return [''];
};

// ----- ingestion the writer could not complete: kept for the territory's admins, re-driven by them -----

/** A point set aside, its value as text (a value the table refused cannot be kept as a number). */
export const RejectedPoint = z.object({
  sensorId: z.string(),
  property: z.string(),
  value: z.string(),
  valueType: z.enum(['number', 'string']),
  observedAt: z.string(),
  reason: z.string(),
});
export type RejectedPoint = z.output<typeof RejectedPoint>;

/**
 * Points of one accepted batch that the writer set aside (a value it cannot store), or a whole
 * message it gave up on (its last receive before the DLQ): which partner, when, why.
 */
export const RejectedIngestion = z.object({
  id: z.string(),
  territory: Siren,
  partnerId: z.string(),
  batchId: z.string(),
  receivedAt: z.string(),
  rejectedAt: z.string(),
  kind: z.enum(['points', 'message']),
  reason: z.string(),
  points: z.array(RejectedPoint),
  state: z.enum(['rejected', 'redriven']),
  redrivenAt: z.string().optional(),
  redriveBatchId: z.string().optional(),
});
export type RejectedIngestion = z.output<typeof RejectedIngestion>;
