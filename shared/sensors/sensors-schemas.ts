/**
 * The sensors context's HTTP contract: zod schemas that validate at the edge and write the OpenAPI
 * document. The views are the domain's own schemas (sensors.ts, alerts.ts), named for the document;
 * request bodies are picked from them.
 */
import * as z from 'zod';
import { Cursor, isStorableNumber, Limit, page, Ulid } from '../kernel/schemas';
import { Insee, Siren } from '../territory/territory';
import { Alert, AlertRule, OPERATORS, parseDurationSeconds, SEVERITIES } from './alerts';
import {
  ApiKey,
  LatestEntry,
  Location,
  MAX_BATCH,
  Observation,
  ObservedValue,
  Partner,
  RejectedIngestion,
  RollupView,
  Sensor,
  SensorTypeName,
  SensorWithLatest,
  Slug,
} from './sensors';

const Instant = z.iso.datetime({ offset: true }).meta({ example: '2025-03-14T09:00:00Z' });

export const PartnerParams = z.object({ siren: Siren, partnerId: Slug });
export const KeyParams = PartnerParams.extend({ keyId: Ulid('an API key id') });
export const SensorParams = z.object({ siren: Siren, sensorId: Sensor.shape.id });
export const RuleParams = z.object({ siren: Siren, ruleId: Slug });
export const AlertParams = z.object({ siren: Siren, alertId: Ulid('an alert id') });
export const SirenParams = z.object({ siren: Siren });

export const RegisterPartnerBody = Partner.pick({ id: true, name: true, kind: true, contactEmail: true }).meta({
  id: 'RegisterPartnerRequest',
});

export const IssueKeyBody = ApiKey.pick({ label: true }).meta({ id: 'IssueApiKeyRequest' });

export const SaveSensorBody = Sensor.pick({ type: true, name: true, partnerId: true })
  .extend({
    location: Location,
    properties: z
      .array(z.string().max(64))
      .min(1)
      .max(20)
      .meta({ description: "Attribute names of the type's Smart Data Model", example: ['no2', 'pm10'] }),
  })
  .meta({ id: 'SaveSensorRequest' });

const BBoxParam = z
  .string()
  .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'west,south,east,north in degrees')
  .transform((text) => text.split(',').map(Number) as [number, number, number, number])
  .refine(([w, s, e, n]) => w <= e && s <= n && Math.abs(s) <= 90 && Math.abs(n) <= 90, 'west ≤ east, south ≤ north')
  .refine((box) => box.every(isStorableNumber), 'each bound is 0 or at least 1e-130 in magnitude')
  .meta({ example: '1.40,43.58,1.47,43.62' });

export const ListSensorsQuery = z.object({
  type: SensorTypeName.optional(),
  commune: Insee.optional(),
  bbox: BBoxParam.optional(),
  limit: Limit(50, 500),
  cursor: Cursor,
});

export const SeriesQuery = z.object({
  property: z.string().max(64).meta({ example: 'no2' }),
  resolution: z.enum(['raw', 'hour', 'day']).default('raw'),
  from: Instant.optional().meta({ description: 'Default: one day (raw), a week (hour) or 90 days (day) before `to`' }),
  to: Instant.optional().meta({ description: 'Default: now' }),
  limit: Limit(200, 1000),
  cursor: Cursor,
});

export const IngestBody = z
  .object({ observations: z.array(Observation).min(1).max(MAX_BATCH) })
  .meta({ id: 'ObservationBatchRequest' });

export const SaveRuleBody = z
  .object({
    name: AlertRule.shape.name.min(1).max(120).meta({ example: 'NO2 above the hourly limit' }),
    sensorId: Slug.optional().meta({ description: 'Watch one sensor…' }),
    type: SensorTypeName.optional().meta({ description: '…or every sensor of a type' }),
    property: z.string().max(64).optional(),
    operator: z.enum(OPERATORS),
    threshold: ObservedValue.optional(),
    silentFor: z
      .string()
      .refine((text) => parseDurationSeconds(text) !== undefined, 'an ISO 8601 duration such as PT30M or P1D')
      .refine((text) => Number.isSafeInteger(parseDurationSeconds(text) ?? 0), 'a duration the platform can store')
      .optional()
      .meta({ description: 'FROZEN: silence longer than this opens an alert', example: 'PT30M' }),
    severity: z.enum(SEVERITIES).default('warning'),
    openReport: z.object({ category: Slug.meta({ example: 'eclairage-public' }) }).optional(),
  })
  .refine((rule) => (rule.sensorId === undefined) !== (rule.type === undefined), 'give either sensorId or type')
  .meta({ id: 'SaveAlertRuleRequest' });

export const ListAlertsQuery = z.object({
  state: Alert.shape.state.default('open'),
  limit: Limit(25, 100),
  cursor: Cursor,
});

export const AlertActionBody = z.object({ note: z.string().max(2000).optional() }).meta({ id: 'AlertActionRequest' });

// ----- views: the domain's schemas -----

export const PartnerView = Partner.meta({ id: 'SensorPartner' });
export const ApiKeyView = ApiKey.meta({ id: 'ApiKey' });
export const IssuedKeyView = ApiKey.extend({
  key: z.string().meta({ description: 'The key itself: shown this once, never again', example: 'vo_01J…_…' }),
}).meta({ id: 'IssuedApiKey' });
export const SensorView = Sensor.meta({ id: 'Sensor' });
export const SensorWithLatestView = SensorWithLatest.meta({ id: 'SensorWithLatest' });
export const SeriesView = page(z.union([LatestEntry, RollupView])).meta({ id: 'SensorSeries' });
export const AcceptedView = z
  .object({ batchId: Ulid('a batch id'), accepted: z.number() })
  .meta({ id: 'ObservationBatchAccepted' });
export const AlertRuleView = AlertRule.meta({ id: 'AlertRule' });
export const AlertView = Alert.meta({ id: 'SensorAlert' });

// ----- NGSI-LD (its own syntax is read by the use cases, which answer with ETSI's error types) -----

const text = (description: string, example?: string) =>
  z
    .string()
    .optional()
    .meta({ description, ...(example ? { example } : {}) });

export const NgsiLdEntityParams = z.object({
  id: z.string().meta({ example: 'urn:ngsi-ld:AirQualityObserved:243100518:tlse-air-capitole' }),
});

export const NgsiLdEntitiesQuery = z.object({
  type: text('Entity types, comma separated', 'AirQualityObserved'),
  id: text('Entity ids, comma separated'),
  q: text(
    'Query on the latest values: terms joined by ";" (and), "|" (or), with parentheses',
    '(no2>40|pm10>=20);name!="x"',
  ),
  attrs: text('Attributes to return, comma separated'),
  georel: text('near;maxDistance==<metres> (Point), within or intersects (Polygon)', 'near;maxDistance==2000'),
  geometry: text('Point or Polygon', 'Point'),
  coordinates: text('JSON: [longitude,latitude] for a Point, [[[lon,lat],…]] for a Polygon', '[1.4442,43.6045]'),
  limit: text('Page size (default 20, at most 1000)'),
  offset: text('Entities to skip'),
  count: text('true: the total goes in the NGSILD-Results-Count header'),
  options: text('keyValues for the simplified representation'),
  format: text('simplified or keyValues'),
});

export const NgsiLdEntityQuery = z.object({
  attrs: text('Attributes to return, comma separated'),
  options: text('keyValues for the simplified representation'),
  format: text('simplified or keyValues'),
});

export const NgsiLdTemporalQuery = z.object({
  timerel: text('before, after or between'),
  timeAt: text('ISO 8601 date-time', '2025-03-14T00:00:00Z'),
  endTimeAt: text('ISO 8601 date-time, with between', '2025-03-15T00:00:00Z'),
  lastN: text('Only the last N instances (or periods)'),
  attrs: text('Attributes, comma separated'),
  aggrMethods: text('totalCount, sum, avg, min, max; comma separated', 'avg,max'),
  aggrPeriodDuration: text('PT1H or P1D', 'PT1H'),
  options: text('temporalValues or aggregatedValues'),
  format: text('temporalValues or aggregatedValues'),
});

const NgsiLdEntity = z.record(z.string(), z.unknown()).meta({ id: 'NgsiLdEntity' });
export const NgsiLdEntityView = NgsiLdEntity;
export const NgsiLdEntityList = z.array(NgsiLdEntity);

/** NGSI-LD's ProblemDetails (ETSI GS CIM 009, 5.5.2), sent as application/json with ETSI's error types. */
export const NgsiLdProblem = z
  .object({
    type: z.string().meta({ example: 'https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
  })
  .meta({ id: 'NgsiLdProblem' });

// ----- ingestion set aside (ingestion-use-cases.ts) -----

export const RejectParams = z.object({
  siren: Siren,
  rejectId: z.string().regex(/^[0-9a-f]{32}$/, 'a rejection id: 32 hexadecimal characters'),
});
export const ListRejectsQuery = z.object({ limit: Limit(25, 100), cursor: Cursor });
export const RejectedIngestionView = RejectedIngestion.meta({
  id: 'RejectedIngestion',
  description:
    'Observations the writer set aside (points it cannot store, or a message it gave up on): which partner, when, why',
});
